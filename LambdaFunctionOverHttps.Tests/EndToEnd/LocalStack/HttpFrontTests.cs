using System.Net;
using System.Text;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>
/// The local stack over HTTP, as curl, Postman or a browser page sees it: one stack started as a
/// developer starts it, with an API key and one allowed origin, for every test here.
/// </summary>
[Category("LocalStack")]
[Platform("Linux,MacOsX", Reason = "The stack is stopped with kill(1).")]
public class HttpFrontTests
{
    private const string ApiKey = "local-test-key-0123";
    private const string AllowedOrigin = "http://localhost:5173";

    private LocalStackProcess _stack = null!;
    private StackHttp _http = null!;

    [OneTimeSetUp]
    public async Task StartStack()
    {
        _stack = await LocalStackProcess.StartAsync("--api-key", ApiKey, "--allow-origin", AllowedOrigin);
        _http = new StackHttp(_stack.ApiUrl, ApiKey);
    }

    [OneTimeTearDown]
    public async Task StopStack()
    {
        _http?.Dispose();
        if (_stack is not null)
        {
            await _stack.StopAsync();
            await _stack.DisposeAsync();
        }
    }

    [Test]
    public async Task Create_read_update_list_and_delete_work_over_HTTP()
    {
        var created = await _http.PostAsync("""{"operation": "create", "tableName": "lambda-apigateway", "payload": {"Item": {"id": "http-1", "number": 5}}}""");
        created.Status.Should().Be(HttpStatusCode.OK, created.Body);
        created.Json.GetProperty("ResponseMetadata").GetProperty("HTTPStatusCode").GetInt32().Should().Be(200);
        created.Header("content-type").Should().Be("application/json");

        var read = await _http.PostAsync("""{"operation": "read", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "http-1"}}}""");
        read.Json.GetProperty("Item").GetRawText().Should().Be("""{"id":"http-1","number":5}""");

        var updated = await _http.PostAsync("""
            {"operation": "update", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "http-1"},
             "UpdateExpression": "SET #n = :n", "ExpressionAttributeNames": {"#n": "number"},
             "ExpressionAttributeValues": {":n": 16}, "ReturnValues": "UPDATED_NEW"}}
            """);
        updated.Json.GetProperty("Attributes").GetRawText().Should().Be("""{"number":16}""");

        var listed = await _http.PostAsync("""{"operation": "list", "tableName": "lambda-apigateway", "payload": {"FilterExpression": "id = :id", "ExpressionAttributeValues": {":id": "http-1"}}}""");
        listed.Json.GetProperty("Items").GetRawText().Should().Be("""[{"id":"http-1","number":16}]""");

        var deleted = await _http.PostAsync("""{"operation": "delete", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "http-1"}, "ReturnValues": "ALL_OLD"}}""");
        deleted.Json.GetProperty("Attributes").GetRawText().Should().Be("""{"id":"http-1","number":16}""");

        var gone = await _http.PostAsync("""{"operation": "read", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "http-1"}}}""");
        gone.Status.Should().Be(HttpStatusCode.OK);
        gone.Json.TryGetProperty("Item", out _).Should().BeFalse(gone.Body);
    }

    [Test]
    public async Task Echo_returns_its_payload_and_ping_answers_pong()
    {
        (await _http.PostAsync("""{"operation": "echo", "payload": {"somekey1": "somevalue1", "somekey2": "somevalue2"}}""")).Body
            .Should().Be("""{"somekey1":"somevalue1","somekey2":"somevalue2"}""");
        (await _http.PostAsync("""{"operation": "ping", "payload": {}}""")).Body.Should().Be("\"pong\"");
    }

    [Test]
    public async Task The_stage_path_serves_the_same_function_as_on_AWS()
    {
        var staged = new Uri(_stack.ApiUrl, "/Prod/dynamodbmanager");
        var response = await _http.SendAsync(_http.Request(HttpMethod.Post, """{"operation": "ping"}""", staged));
        response.Status.Should().Be(HttpStatusCode.OK);
        response.Body.Should().Be("\"pong\"");
    }

    [Test]
    public async Task A_function_error_keeps_its_status_errorType_and_errortype_header()
    {
        var response = await _http.PostAsync("""{"operation": "explode", "payload": {}}""");

        response.Status.Should().Be(HttpStatusCode.BadRequest);
        response.Json.GetProperty("errorType").GetString().Should().Be("UnknownOperation");
        response.Header("x-amzn-errortype").Should().Be("UnknownOperation");
    }

    [Test]
    public async Task A_body_that_is_not_UTF8_reaches_the_function_and_is_refused_400()
    {
        var request = _http.Request(HttpMethod.Post);
        request.Content = new ByteArrayContent([0x7B, 0xFF, 0xFE, 0x7D]);

        var response = await _http.SendAsync(request);

        response.Status.Should().Be(HttpStatusCode.BadRequest);
        response.Json.GetProperty("errorType").GetString().Should().Be("InvalidRequest");
        response.Json.GetProperty("errorMessage").GetString().Should().Contain("UTF-8");
    }

    [Test]
    public async Task A_request_without_the_api_key_is_refused_403()
    {
        using var anonymous = new StackHttp(_stack.ApiUrl);

        var response = await anonymous.PostAsync("""{"operation": "ping"}""");

        response.Status.Should().Be(HttpStatusCode.Forbidden);
        response.Body.Should().Be("""{"message":"Forbidden"}""");
        response.Header("x-amzn-errortype").Should().Be("ForbiddenException");
    }

    [Test]
    public async Task A_request_with_a_wrong_api_key_is_refused_403()
    {
        using var wrong = new StackHttp(_stack.ApiUrl, ApiKey + "x");

        (await wrong.PostAsync("""{"operation": "ping"}""")).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_differently_cased_header_name_is_accepted_as_HTTP_says()
    {
        using var anonymous = new StackHttp(_stack.ApiUrl);
        var request = anonymous.Request(HttpMethod.Post, """{"operation": "ping"}""");
        request.Headers.Add("X-API-KEY", ApiKey);

        var response = await anonymous.SendAsync(request);

        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
        response.Body.Should().Be("\"pong\"");
    }

    [Test]
    public async Task A_differently_cased_key_value_is_refused_403()
    {
        using var shouting = new StackHttp(_stack.ApiUrl, ApiKey.ToUpperInvariant());

        (await shouting.PostAsync("""{"operation": "ping"}""")).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_CORS_preflight_is_answered_204_without_the_api_key()
    {
        using var browser = new StackHttp(_stack.ApiUrl);
        var response = await browser.SendAsync(Preflight(AllowedOrigin));

        response.Status.Should().Be(HttpStatusCode.NoContent);
        response.Header("Access-Control-Allow-Origin").Should().Be(AllowedOrigin);
        response.Header("Access-Control-Allow-Methods").Should().Contain("POST").And.Contain("OPTIONS");
        response.Header("Access-Control-Allow-Headers")!.ToLowerInvariant().Should().Contain("content-type").And.Contain("x-api-key");
    }

    [Test]
    public async Task The_preflight_answer_is_the_functions_own_as_on_AWS_where_OPTIONS_goes_to_the_function()
    {
        using var browser = new StackHttp(_stack.ApiUrl);
        var function = TestFunction.Against(new CannedDynamoDb(_ => throw new AssertionException("A preflight never calls DynamoDB.")), allowedOrigins: AllowedOrigin);
        var proxyEvent = $$"""
            {"resource":"/dynamodbmanager","path":"/dynamodbmanager","httpMethod":"OPTIONS","requestContext":{"httpMethod":"OPTIONS"},
             "headers":{"Origin":"{{AllowedOrigin}}","Access-Control-Request-Method":"POST","Access-Control-Request-Headers":"content-type,x-api-key"},
             "body":null,"isBase64Encoded":false}
            """;

        var local = await browser.SendAsync(Preflight(AllowedOrigin));
        var direct = await function.InvokeAsync(proxyEvent);

        var functionHeaders = direct.Json.GetProperty("headers").EnumerateObject().ToDictionary(header => header.Name, header => header.Value.GetString());
        ((int)local.Status).Should().Be(direct.StatusCode);
        local.Headers.Where(header => header.Key != "x-amzn-RequestId" && header.Key != "Date")
            .Should().BeEquivalentTo(functionHeaders, "the front adds nothing of its own to the function's preflight answer");
    }

    [Test]
    public async Task The_fronts_own_answers_carry_the_CORS_headers_for_the_allowed_origin_only()
    {
        using var anonymous = new StackHttp(_stack.ApiUrl);
        async Task<StackResponse> WithoutKey(string? origin)
        {
            var request = anonymous.Request(HttpMethod.Post, """{"operation": "ping"}""");
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            return await anonymous.SendAsync(request);
        }

        var allowed = await WithoutKey(AllowedOrigin);
        var other = await WithoutKey("http://evil.example");
        var noOrigin = await WithoutKey(null);

        allowed.Status.Should().Be(HttpStatusCode.Forbidden);
        allowed.Header("Access-Control-Allow-Origin").Should().Be(AllowedOrigin, "its page may read that its key is wrong");
        allowed.Header("Access-Control-Expose-Headers").Should().Contain("x-amzn-errortype");
        other.Status.Should().Be(HttpStatusCode.Forbidden);
        other.Header("Access-Control-Allow-Origin").Should().BeNull();
        noOrigin.Header("Access-Control-Allow-Origin").Should().BeNull();
    }

    [Test]
    public async Task Answers_to_the_allowed_origin_carry_the_CORS_headers_and_no_longer_a_star()
    {
        var request = _http.Request(HttpMethod.Post, """{"operation": "ping"}""");
        request.Headers.Add("Origin", AllowedOrigin);

        var response = await _http.SendAsync(request);

        response.Body.Should().Be("\"pong\"");
        response.Header("Access-Control-Allow-Origin").Should().Be(AllowedOrigin);
        (await _http.PostAsync("""{"operation": "ping"}""")).Header("Access-Control-Allow-Origin").Should().BeNull();
    }

    [Test]
    public async Task Another_method_on_the_route_is_405_with_an_Allow_header()
    {
        var response = await _http.SendAsync(_http.Request(HttpMethod.Get));

        response.Status.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Header("Allow").Should().Be("POST, OPTIONS");
        response.Json.GetProperty("message").GetString().Should().Be("Method Not Allowed");
    }

    [Test]
    public async Task Another_path_is_404_with_API_Gateways_missing_token_body()
    {
        foreach (var path in new[] { "/", "/dynamodbmanager/extra", "/DynamoDbManager", "/Dev/dynamodbmanager" })
        {
            var response = await _http.SendAsync(_http.Request(HttpMethod.Post, """{"operation": "ping"}""", new Uri(_stack.ApiUrl, path)));

            response.Status.Should().Be(HttpStatusCode.NotFound, path);
            response.Body.Should().Be("""{"message":"Missing Authentication Token"}""", path);
        }
    }

    [Test]
    public async Task A_body_over_6_MB_with_its_length_declared_is_refused_413()
    {
        var request = _http.Request(HttpMethod.Post);
        request.Content = new ByteArrayContent(new byte[6 * 1024 * 1024 + 1]);
        // As curl does for big bodies: the server can refuse before a byte of the body is sent.
        request.Headers.ExpectContinue = true;

        var response = await _http.SendAsync(request);

        response.Status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Json.GetProperty("message").GetString().Should().Be("Request Too Long");
    }

    [Test]
    public async Task A_chunked_body_over_6_MB_is_refused_413()
    {
        var request = _http.Request(HttpMethod.Post);
        request.Content = new StreamContent(new MemoryStream(new byte[7 * 1024 * 1024]));
        request.Headers.TransferEncodingChunked = true;

        var response = await _http.SendAsync(request);

        response.Status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task A_body_under_6_MB_whose_event_would_be_over_it_is_refused_413_as_Lambda_refuses_it()
    {
        // The event wraps the body in headers and request context: a few hundred bytes more.
        var request = _http.Request(HttpMethod.Post);
        request.Content = new ByteArrayContent(Encoding.ASCII.GetBytes(new string('a', 6 * 1024 * 1024 - 100)));

        var response = await _http.SendAsync(request);

        response.Status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Json.GetProperty("message").GetString().Should().Be("Request Too Long");
    }

    [Test]
    public async Task A_7_MB_body_written_whole_before_reading_gets_the_413_not_a_broken_pipe()
    {
        // Python's urllib and many SDKs send the whole body before they look at the answer.
        var body = new byte[7 * 1024 * 1024];

        var exchange = await RawHttp.PostAsync(_stack.ApiUrl, [$"x-api-key: {ApiKey}", $"Content-Length: {body.Length}"], body);

        exchange.WriteFailure.Should().BeNull("the front reads bodies up to 10 MB before it answers");
        exchange.Status.Should().Be(413, exchange.ToString());
        exchange.Body.Should().Be("""{"message":"Request Too Long"}""");
    }

    [Test]
    public async Task A_body_over_10_MB_closes_the_connection_and_the_stack_keeps_serving()
    {
        var body = new byte[11 * 1024 * 1024];

        var exchange = await RawHttp.PostAsync(_stack.ApiUrl, [$"x-api-key: {ApiKey}", $"Content-Length: {body.Length}"], body);

        // The front answers 413 and closes; the client sees that answer or, mid-write, the close.
        (exchange.Status is 413 || exchange.WriteFailure is not null).Should().BeTrue(exchange.ToString());
        _stack.HasExited.Should().BeFalse();
        (await _http.PostAsync("""{"operation": "ping"}""")).Body.Should().Be("\"pong\"");
    }

    [Test]
    public async Task A_body_that_stops_arriving_is_answered_408_logged_as_408_and_readable_by_the_allowed_origin()
    {
        // One byte of a declared hundred, then nothing: Kestrel gives up after its 5 s grace period.
        var exchange = await RawHttp.PostAsync(_stack.ApiUrl, [$"x-api-key: {ApiKey}", $"Origin: {AllowedOrigin}", "Content-Length: 100"], "{"u8.ToArray());

        exchange.Status.Should().Be(408, exchange.ToString());
        exchange.Body.Should().Be("""{"message":"Request Timeout"}""");
        exchange.Headers.Should().Contain("Access-Control-Allow-Origin", AllowedOrigin);
        for (var i = 0; i < 100 && !_stack.Output.Contains("POST /dynamodbmanager 408 ", StringComparison.Ordinal); i++)
        {
            await Task.Delay(20);
        }

        _stack.Output.Should().MatchRegex(@"(?m)^POST /dynamodbmanager 408 \d+ ms$");
    }

    [Test]
    public async Task A_large_body_under_the_limit_goes_through_whole()
    {
        var value = new string('x', 2 * 1024 * 1024);

        var response = await _http.PostAsync($$$"""{"operation": "echo", "payload": {"big": "{{{value}}}"}}""");

        response.Status.Should().Be(HttpStatusCode.OK);
        response.Body.Should().Be($$"""{"big":"{{value}}"}""");
    }

    [Test]
    public async Task The_access_log_has_a_line_per_request_and_never_the_key_or_the_body()
    {
        await _http.PostAsync("""{"operation": "echo", "payload": {"secret": "item-value-7781"}}""");
        using var anonymous = new StackHttp(_stack.ApiUrl);
        await anonymous.PostAsync("""{"operation": "ping"}""");

        // The log is written as the response completes; give the line a moment to arrive.
        for (var i = 0; i < 100 && !_stack.Output.Contains("POST /dynamodbmanager 403 ", StringComparison.Ordinal); i++)
        {
            await Task.Delay(20);
        }

        _stack.Output.Should().MatchRegex(@"(?m)^POST /dynamodbmanager 200 \d+ ms$");
        _stack.Output.Should().MatchRegex(@"(?m)^POST /dynamodbmanager 403 \d+ ms$");
        _stack.Output.Should().NotContain(ApiKey).And.NotContain("item-value-7781");
    }

    [Test]
    public void The_start_up_message_says_where_everything_is_and_how_to_call_it()
    {
        var output = _stack.Output;

        output.Should().Contain($"POST {_stack.ApiUrl}");
        output.Should().Contain("in memory");
        output.Should().Contain("lambda-apigateway (created)");
        output.Should().Contain("required in the x-api-key header (from --api-key)");
        output.Should().Contain($"curl -s {_stack.ApiUrl}");
        output.Should().MatchRegex(@"(?m)^Ready in \d+ ms\.");
        _stack.DynamoDbEndpoint.Host.Should().Be("127.0.0.1");
    }

    private HttpRequestMessage Preflight(string origin)
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, _stack.ApiUrl);
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");
        return preflight;
    }
}
