using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit.Rest;

/// <summary>
/// The proxy event's fields a route is read from (path, rawPath, pathParameters, requestContext,
/// the method), which one wins when an event has two, and what a field of the wrong kind does:
/// it is ignored as if absent, never a crash. DynamoDB is canned.
/// </summary>
public class RestEventFieldsTests
{
    private const string Resources = "product=products:id,orders=orders:orderId:N";

    [Test]
    public async Task A_REST_event_is_routed_by_path_when_it_also_has_a_rawPath()
    {
        var (function, dynamoDb) = Function();

        var answer = await function.InvokeAsync(Edit(RestEvents.Rest("GET", "/product/7"), root => root["rawPath"] = "/nowhere"));

        answer.StatusCode.Should().Be(200);
        Key(dynamoDb).Should().Be("""{"id":{"S":"7"}}""");
    }

    [Test]
    public async Task A_path_that_is_not_text_is_ignored_and_rawPath_routes_the_event()
    {
        var (function, dynamoDb) = Function();

        var answer = await function.InvokeAsync(Edit(RestEvents.HttpApi("GET", "/product/7", stage: "$default"), root => root["path"] = 5));

        answer.StatusCode.Should().Be(200);
        Key(dynamoDb).Should().Be("""{"id":{"S":"7"}}""");
    }

    [Test]
    public async Task The_id_is_API_Gateway_s_decoded_path_parameter_not_the_path_decoded_again()
    {
        var (function, dynamoDb) = Function();

        // A request for /product/%2541: API Gateway's path and its parameter both hold %41, already decoded once.
        var answer = await function.InvokeAsync(Edit(RestEvents.Rest("GET", "/product/x"), root =>
        {
            root["path"] = "/product/%41";
            root["pathParameters"]!["id"] = "%41";
        }));

        answer.StatusCode.Should().Be(200);
        Key(dynamoDb).Should().Be("""{"id":{"S":"%41"}}""");
    }

    [TestCase("\"a string\"", TestName = "pathParameters that is a string")]
    [TestCase("""{"id":7}""", TestName = "an id parameter that is a number")]
    [TestCase("""{"route":"product"}""", TestName = "pathParameters without id")]
    public async Task Path_parameters_of_the_wrong_kind_are_ignored_and_the_id_is_read_from_the_path(string parameters)
    {
        var (function, dynamoDb) = Function();

        var answer = await function.InvokeAsync(Edit(RestEvents.Rest("GET", "/product/a%20b"), root => root["pathParameters"] = JsonNode.Parse(parameters)));

        answer.StatusCode.Should().Be(200);
        Key(dynamoDb).Should().Be("""{"id":{"S":"a b"}}""");
    }

    [Test]
    public async Task A_requestContext_path_that_is_not_text_gives_no_stage_to_Location()
    {
        var (function, _) = Function();

        var answer = await function.InvokeAsync(Edit(RestEvents.Rest("POST", "/product", """{"id":"a"}"""), root => root["requestContext"]!["path"] = 7));

        answer.StatusCode.Should().Be(201);
        answer.Header("Location").Should().Be("/product/a");
    }

    [Test]
    public async Task An_event_without_a_method_is_a_405_naming_the_empty_method()
    {
        var (function, dynamoDb) = Function();

        var answer = await function.InvokeAsync(Edit(RestEvents.HttpApi("GET", "/product"), root => root["requestContext"]!.AsObject().Remove("http")));

        answer.StatusCode.Should().Be(405);
        answer.Body.GetProperty("errorMessage").GetString().Should().Be("/product does not take \"\"; it takes GET, POST, PUT, OPTIONS.");
        dynamoDb.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task A_preflight_for_a_path_that_is_no_route_offers_only_OPTIONS()
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");
        var variables = RestEvents.Variables(Resources);
        variables["ALLOWED_ORIGINS"] = "http://localhost:5173";
        var function = TestFunction.Against(dynamoDb, variables);

        var answer = await function.InvokeAsync(RestEvents.Rest("OPTIONS", "/nowhere",
            headers: new Dictionary<string, string> { ["Origin"] = "http://localhost:5173", ["Access-Control-Request-Method"] = "GET" }));

        answer.StatusCode.Should().Be(204, "the preflight is answered before the path is looked at");
        answer.Header("Access-Control-Allow-Methods").Should().Be("OPTIONS");
        dynamoDb.Requests.Should().BeEmpty();
    }

    [TestCase("GET", "/nowhere", null)]
    [TestCase("PATCH", "/product", "{")]
    [TestCase("POST", "/product", """{"id":"a"}""")]
    public async Task An_origin_that_is_not_allowed_is_refused_whatever_the_path_method_or_body(string method, string path, string? body)
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");
        var variables = RestEvents.Variables(Resources);
        variables["ALLOWED_ORIGINS"] = "http://localhost:5173";
        var function = TestFunction.Against(dynamoDb, variables);

        var answer = await function.InvokeAsync(RestEvents.Rest(method, path, body, headers: new Dictionary<string, string> { ["Origin"] = "https://evil.example" }));

        answer.StatusCode.Should().Be(403);
        dynamoDb.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task A_body_that_is_not_JSON_is_refused_before_the_route_reads_it()
    {
        var (function, dynamoDb) = Function();

        var answer = await function.InvokeAsync(RestEvents.Rest("POST", "/product", "{\"id\":"));

        answer.StatusCode.Should().Be(400);
        answer.Body.GetProperty("errorMessage").GetString().Should().StartWith("The request body is not valid JSON");
        dynamoDb.Requests.Should().BeEmpty();
    }

    private static (TestFunction Function, CannedDynamoDb DynamoDb) Function()
    {
        var dynamoDb = CannedDynamoDb.Answering("""{"Item":{"id":{"S":"x"}}}""");
        return (TestFunction.Against(dynamoDb, RestEvents.Variables(Resources)), dynamoDb);
    }

    private static string Edit(string json, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    private static string Key(CannedDynamoDb dynamoDb) =>
        JsonDocument.Parse(dynamoDb.Requests.Single().Body).RootElement.GetProperty("Key").GetRawText();
}
