using System.Net;
using System.Text.Json;
using FluentAssertions;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// ALLOWED_ORIGINS on proxy events: preflights, the refusal of other origins before DynamoDB is
/// called, and the headers a page of an allowed origin needs to read the answer.
/// </summary>
public class CrossOriginTests
{
    private const string App = "http://app.example";
    private const string Evil = "http://evil.example";
    private const string Create = """{"operation": "create", "tableName": "lambda-apigateway", "payload": {"Item": {"id": "from-a-page"}}}""";
    private const string Read = """{"operation": "read", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "1"}}}""";

    [Test]
    public async Task A_preflight_from_an_allowed_origin_is_answered_204_with_the_CORS_headers()
    {
        var dynamoDb = Recording();

        var answer = await TestFunction.Against(dynamoDb, allowedOrigins: App).InvokeAsync(
            RestEvent("OPTIONS", body: null, ("Origin", App), ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "content-type,x-api-key")));

        answer.StatusCode.Should().Be(204);
        Headers(answer).Should().Equal(new Dictionary<string, string>
        {
            ["Access-Control-Allow-Origin"] = App,
            ["Access-Control-Allow-Methods"] = "POST, OPTIONS",
            ["Access-Control-Allow-Headers"] = "Content-Type, X-Api-Key, Authorization, X-Amz-Date, X-Amz-Security-Token",
            ["Access-Control-Max-Age"] = "600",
            ["Vary"] = "Origin",
        });
        answer.Json.GetProperty("body").GetString().Should().BeEmpty();
        dynamoDb.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task A_preflight_from_an_origin_not_allowed_is_refused_403_without_CORS_headers()
    {
        var answer = await TestFunction.Against(Recording(), allowedOrigins: App).InvokeAsync(
            RestEvent("OPTIONS", body: null, ("Origin", Evil), ("Access-Control-Request-Method", "POST")));

        answer.StatusCode.Should().Be(403);
        answer.Body.GetProperty("errorType").GetString().Should().Be("OriginNotAllowed");
        Headers(answer).Keys.Should().NotContain(name => name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [TestCase(null)]
    [TestCase(App)]
    public async Task With_no_ALLOWED_ORIGINS_every_origin_is_refused(string? allowedOrigins)
    {
        var answer = await TestFunction.Against(Recording(), allowedOrigins: allowedOrigins).InvokeAsync(
            RestEvent("OPTIONS", body: null, ("Origin", allowedOrigins is null ? App : Evil), ("Access-Control-Request-Method", "POST")));

        answer.StatusCode.Should().Be(403);
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("multipart/form-data; boundary=x")]
    public async Task A_simple_POST_from_an_origin_not_allowed_is_refused_before_DynamoDB_is_called(string contentType)
    {
        // What a hostile page can send without a preflight: fetch(url, {method: "POST", mode: "no-cors", body}).
        var dynamoDb = Recording();

        var answer = await TestFunction.Against(dynamoDb, allowedOrigins: App).InvokeAsync(
            RestEvent("POST", Create, ("Origin", Evil), ("Content-Type", contentType)));

        answer.StatusCode.Should().Be(403);
        answer.Body.GetProperty("errorType").GetString().Should().Be("OriginNotAllowed");
        answer.Body.GetProperty("errorMessage").GetString().Should().Contain("\"http://evil.example\"").And.Contain("ALLOWED_ORIGINS").And.Contain("--allow-origin");
        Headers(answer)["x-amzn-errortype"].Should().Be("OriginNotAllowed");
        Headers(answer).Keys.Should().NotContain(name => name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        dynamoDb.Requests.Should().BeEmpty("nothing may be read or written for a page that is not allowed");
    }

    [Test]
    public async Task An_origin_not_allowed_is_refused_even_when_its_body_is_not_an_envelope()
    {
        var answer = await TestFunction.Against(Recording(), allowedOrigins: App).InvokeAsync(RestEvent("POST", "not json", ("Origin", Evil)));

        answer.StatusCode.Should().Be(403);
        answer.Body.GetProperty("errorType").GetString().Should().Be("OriginNotAllowed");
    }

    [Test]
    public async Task An_allowed_origin_gets_the_answer_with_the_headers_its_page_needs_to_read_it()
    {
        var dynamoDb = Recording();

        var answer = await TestFunction.Against(dynamoDb, allowedOrigins: $"{Evil}, {App}").InvokeAsync(RestEvent("POST", Read, ("Origin", App)));

        answer.StatusCode.Should().Be(200);
        Headers(answer).Should().Contain("Access-Control-Allow-Origin", App)
            .And.Contain("Access-Control-Expose-Headers", "x-amzn-errortype, x-amzn-RequestId")
            .And.Contain("Vary", "Origin")
            .And.Contain("content-type", "application/json");
        dynamoDb.Requests.Should().ContainSingle().Which.Action.Should().Be("GetItem");
    }

    [Test]
    public async Task An_error_answer_to_an_allowed_origin_carries_the_headers_too()
    {
        var answer = await TestFunction.Against(Recording(), allowedOrigins: App).InvokeAsync(
            RestEvent("POST", """{"operation": "explode"}""", ("Origin", App)));

        answer.StatusCode.Should().Be(400);
        Headers(answer).Should().Contain("Access-Control-Allow-Origin", App).And.Contain("x-amzn-errortype", "UnknownOperation");
    }

    [Test]
    public async Task A_request_without_an_Origin_is_answered_as_without_CORS()
    {
        // curl, SDKs and Postman send no Origin; the README's examples must keep working unchanged.
        var dynamoDb = Recording();

        var answer = await TestFunction.Against(dynamoDb, allowedOrigins: App).InvokeAsync(RestEvent("POST", Create, ("Content-Type", "text/plain")));

        answer.StatusCode.Should().Be(200);
        Headers(answer).Should().Equal(new Dictionary<string, string> { ["content-type"] = "application/json" });
        dynamoDb.Requests.Should().ContainSingle().Which.Action.Should().Be("PutItem");
    }

    [Test]
    public async Task OPTIONS_without_an_Origin_is_204_with_the_methods_in_Allow()
    {
        var answer = await TestFunction.Against(Recording()).InvokeAsync(RestEvent("OPTIONS", body: null));

        answer.StatusCode.Should().Be(204);
        Headers(answer).Should().Equal(new Dictionary<string, string> { ["Allow"] = "POST, OPTIONS" });
    }

    [Test]
    public async Task With_a_star_every_origin_gets_Allow_Origin_star()
    {
        var function = TestFunction.Against(Recording(), allowedOrigins: "*");

        var preflight = await function.InvokeAsync(RestEvent("OPTIONS", body: null, ("Origin", Evil), ("Access-Control-Request-Method", "POST")));
        var answer = await function.InvokeAsync(RestEvent("POST", """{"operation": "ping"}""", ("Origin", Evil)));

        preflight.StatusCode.Should().Be(204);
        Headers(preflight)["Access-Control-Allow-Origin"].Should().Be("*");
        answer.StatusCode.Should().Be(200);
        Headers(answer)["Access-Control-Allow-Origin"].Should().Be("*");
    }

    [Test]
    public async Task An_HTTP_API_event_is_read_with_its_lower_case_headers_and_its_requestContext_method()
    {
        var dynamoDb = Recording();
        var function = TestFunction.Against(dynamoDb, allowedOrigins: App);

        var preflight = await function.InvokeAsync(HttpApiEvent("OPTIONS", body: null, ("origin", App), ("access-control-request-method", "POST")));
        var refused = await function.InvokeAsync(HttpApiEvent("POST", Create, ("origin", Evil), ("content-type", "text/plain")));

        preflight.StatusCode.Should().Be(204);
        Headers(preflight)["Access-Control-Allow-Methods"].Should().Be("POST, OPTIONS");
        refused.StatusCode.Should().Be(403);
        dynamoDb.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task The_Origin_header_is_found_in_any_case_and_in_multiValueHeaders()
    {
        var dynamoDb = Recording();
        var function = TestFunction.Against(dynamoDb, allowedOrigins: App);
        var multiValueOnly = $$"""{"resource":"/dynamodbmanager","httpMethod":"POST","requestContext":{},"headers":null,"multiValueHeaders":{"ORIGIN":["{{Evil}}"]},"body":{{JsonSerializer.Serialize(Create)}}}""";

        (await function.InvokeAsync(RestEvent("POST", Create, ("oRiGiN", Evil)))).StatusCode.Should().Be(403);
        (await function.InvokeAsync(multiValueOnly)).StatusCode.Should().Be(403);
        dynamoDb.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task A_repeated_Origin_is_refused_unless_every_value_is_the_same_allowed_origin()
    {
        var function = TestFunction.Against(Recording(), allowedOrigins: App);
        string Event(params string[] origins) =>
            $$"""{"resource":"/dynamodbmanager","httpMethod":"POST","requestContext":{},"headers":{"Origin":"{{origins[^1]}}"},"multiValueHeaders":{"Origin":{{JsonSerializer.Serialize(origins)}}},"body":"{\"operation\":\"ping\"}"}""";

        (await function.InvokeAsync(Event(Evil, App))).StatusCode.Should().Be(403);
        (await function.InvokeAsync(Event(".example", "http://app"))).StatusCode.Should().Be(403, "the values are joined with a separator, never glued into the allowed origin");
        (await function.InvokeAsync(Event(App, App))).StatusCode.Should().Be(200);
    }

    [Test]
    public async Task A_bare_envelope_is_untouched_by_the_policy()
    {
        var answer = await TestFunction.Against(Recording(), allowedOrigins: App).InvokeAsync("""{"operation": "echo", "payload": {"Origin": "http://evil.example"}}""");

        answer.Text.Should().Be("""{"Origin":"http://evil.example"}""");
    }

    [TestCase("http://app.example/", "\"http://app.example\"")]
    [TestCase("http://App.Example", "\"http://app.example\"")]
    [TestCase("https://app.example:443", "\"https://app.example\"")]
    [TestCase("http://app.example/path", "\"http://app.example\"")]
    [TestCase("http://bücher.example", "\"http://xn--bcher-kva.example\"")]
    [TestCase("app.example", "scheme://host[:port]")]
    [TestCase("null", "scheme://host[:port]")]
    [TestCase("file:///tmp/page.html", "scheme://host[:port]")]
    [TestCase("http://user@app.example", "scheme://host[:port]")]
    [TestCase("https://*.example.com", "scheme://host[:port]")]
    public void A_bad_ALLOWED_ORIGINS_entry_stops_the_function_at_start_up_naming_it(string entry, string advice)
    {
        var start = () => FunctionSettings.FromVariables(name => name == "ALLOWED_ORIGINS" ? $"http://localhost:5173, {entry}" : null);

        start.Should().Throw<ConfigurationException>()
            .Which.Message.Should().StartWith($"ALLOWED_ORIGINS names \"{entry}\", which is not an origin").And.Contain(advice);
    }

    [Test]
    public void A_star_among_other_origins_stops_the_function_at_start_up()
    {
        var start = () => FunctionSettings.FromVariables(name => name == "ALLOWED_ORIGINS" ? "http://localhost:5173,*" : null);

        start.Should().Throw<ConfigurationException>().WithMessage("*\"*\"*stand alone*");
    }

    [TestCase(null, false, new string[0])]
    [TestCase(" ", false, new string[0])]
    [TestCase("*", true, new string[0])]
    [TestCase("http://localhost:5173, https://app.example,http://[::1]:8080", false, new[] { "http://localhost:5173", "https://app.example", "http://[::1]:8080" })]
    public void ALLOWED_ORIGINS_is_read_once_at_start_up(string? variable, bool any, string[] origins)
    {
        var policy = FunctionSettings.FromVariables(name => name == "ALLOWED_ORIGINS" ? variable : null).Origins;

        policy.AllowsAnyOrigin.Should().Be(any);
        policy.Origins.Should().BeEquivalentTo(origins);
    }

    private static CannedDynamoDb Recording() => new(_ => CannedDynamoDb.Json(HttpStatusCode.OK, "{}"));

    private static string RestEvent(string method, string? body, params (string Name, string Value)[] headers) =>
        $$"""
        {"resource":"/dynamodbmanager","path":"/dynamodbmanager","httpMethod":"{{method}}",
         "headers":{{(headers.Length == 0 ? "null" : JsonSerializer.Serialize(headers.ToDictionary(h => h.Name, h => h.Value)))}},
         "multiValueHeaders":{{(headers.Length == 0 ? "null" : JsonSerializer.Serialize(headers.ToDictionary(h => h.Name, h => new[] { h.Value })))}},
         "requestContext":{"stage":"Prod","httpMethod":"{{method}}"},
         "body":{{JsonSerializer.Serialize(body)}},"isBase64Encoded":false}
        """;

    private static string HttpApiEvent(string method, string? body, params (string Name, string Value)[] headers) =>
        $$"""
        {"version":"2.0","routeKey":"{{method}} /dynamodbmanager","rawPath":"/dynamodbmanager",
         "headers":{{JsonSerializer.Serialize(headers.ToDictionary(h => h.Name, h => h.Value))}},
         "requestContext":{"http":{"method":"{{method}}","path":"/dynamodbmanager"} },
         {{(body is null ? "" : $"\"body\":{JsonSerializer.Serialize(body)},")}}"isBase64Encoded":false}
        """;

    private static Dictionary<string, string> Headers(Answer answer) =>
        answer.Json.GetProperty("headers").EnumerateObject().ToDictionary(header => header.Name, header => header.Value.GetString()!);
}
