using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit.Rest;

/// <summary>
/// Which events reach the REST routes and which the envelope, and the refusals made before DynamoDB
/// is called; DynamoDB is canned, and most of these must not call it at all.
/// </summary>
public class RestRoutingTests
{
    private const string Resources = "product=products:id,orders=orders:orderId:N";

    [Test]
    public async Task Without_RESOURCES_a_proxy_event_for_any_path_is_the_envelope_as_before()
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");
        var function = TestFunction.Against(dynamoDb, new Dictionary<string, string?>());

        var answer = await function.InvokeAsync(RestEvents.Rest("GET", "/product/1"));

        answer.StatusCode.Should().Be(400);
        answer.Body.GetProperty("errorMessage").GetString().Should().StartWith("The request body is empty: POST a JSON envelope");
        dynamoDb.Requests.Should().BeEmpty();
    }

    [TestCase("/nowhere")]
    [TestCase("/product/1/extra")]
    [TestCase("/product//")]
    [TestCase("/Prod/nowhere/1")]
    [TestCase("/")]
    public async Task A_path_that_is_no_route_is_a_404_RouteNotFound_listing_the_routes(string path)
    {
        var (function, dynamoDb) = Function();

        var answer = await function.InvokeAsync(RestEvents.HttpApi("GET", path));

        answer.StatusCode.Should().Be(404);
        answer.Header("x-amzn-errortype").Should().Be("RouteNotFound");
        answer.Body.GetProperty("errorMessage").GetString().Should().Contain("/product, /product/{id}, /orders, /orders/{id}");
        dynamoDb.Requests.Should().BeEmpty();
    }

    [TestCase("PATCH", "/product", "GET, POST, PUT, OPTIONS")]
    [TestCase("DELETE", "/product", "GET, POST, PUT, OPTIONS")]
    [TestCase("POST", "/product/1", "GET, PUT, PATCH, DELETE, OPTIONS")]
    [TestCase("POST", "/health", "GET, OPTIONS")]
    [TestCase("HEAD", "/orders/1", "GET, PUT, PATCH, DELETE, OPTIONS")]
    public async Task A_method_a_route_does_not_have_is_a_405_with_Allow(string method, string path, string allow)
    {
        var (function, dynamoDb) = Function();

        var answer = await function.InvokeAsync(RestEvents.Rest(method, path, "{}"));

        answer.StatusCode.Should().Be(405);
        answer.Header("Allow").Should().Be(allow);
        answer.Body.GetProperty("errorType").GetString().Should().Be("MethodNotAllowed");
        dynamoDb.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task OPTIONS_of_a_route_answers_its_own_methods_and_a_browsers_preflight_may_use_them()
    {
        var (function, _) = Function(allowedOrigins: "http://localhost:5173");

        var plain = await function.InvokeAsync(RestEvents.Rest("OPTIONS", "/product/1"));
        var preflight = await function.InvokeAsync(RestEvents.Rest("OPTIONS", "/product/1",
            headers: new Dictionary<string, string> { ["Origin"] = "http://localhost:5173", ["Access-Control-Request-Method"] = "PATCH" }));

        plain.StatusCode.Should().Be(204);
        plain.Header("Allow").Should().Be("GET, PUT, PATCH, DELETE, OPTIONS");
        preflight.StatusCode.Should().Be(204);
        preflight.Header("Access-Control-Allow-Methods").Should().Be("GET, PUT, PATCH, DELETE, OPTIONS");
    }

    [TestCase("GET", "/orders/abc", null, "The id in the path is not a number")]
    [TestCase("GET", "/orders/1.", null, "is not a number")]
    [TestCase("GET", "/orders/0x10", null, "is not a number")]
    [TestCase("GET", "/orders/1234567890123456789012345678901234567890", null, "is not a number DynamoDB stores: more than 38 significant digits.")]
    [TestCase("PUT", "/orders/1", """{"orderId":1e999}""", "is not a number DynamoDB stores: outside DynamoDB's range")]
    [TestCase("POST", "/product", "[1,2]", "must be a JSON object (the item), got an array")]
    [TestCase("POST", "/product", null, "The request body is empty")]
    [TestCase("POST", "/product", """{"id":5}""", "key attribute \"id\" must be a string, got a number")]
    [TestCase("POST", "/product", """{"id":""}""", "is empty")]
    [TestCase("POST", "/orders", """{"orderId":"5"}""", "must be a number, got a string")]
    [TestCase("POST", "/product", """{"":1}""", "attribute names must not be empty")]
    [TestCase("PUT", "/product/a", """{"id":"b"}""", "does not match the path's id")]
    [TestCase("PATCH", "/product/a", """{"id":null}""", "must be a string, got null")]
    [TestCase("PATCH", "/product/a", "\"x\"", "must be a JSON object")]
    [TestCase("PUT", "/product", "{not json", "The request body is not valid JSON")]
    public async Task A_bad_id_or_body_is_a_400_before_DynamoDB_is_called(string method, string path, string? body, string message)
    {
        var (function, dynamoDb) = Function();

        var answer = await function.InvokeAsync(RestEvents.Rest(method, path, body));

        answer.StatusCode.Should().Be(400, answer.Text);
        answer.Body.GetProperty("errorType").GetString().Should().Be("InvalidRequest");
        answer.Body.GetProperty("errorMessage").GetString().Should().Contain(message);
        dynamoDb.Requests.Should().BeEmpty();
    }

    // The event's own "body" field: a number or an empty string is no body, which the route names;
    // text marked base64 that is not base64 is refused as such, still answered as HTTP.
    [TestCase("5", false, "The request body is empty: send the whole item as a JSON object.")]
    [TestCase("\"\"", false, "The request body is empty: send the whole item as a JSON object.")]
    [TestCase("\"not base64!\"", true, "The request body is marked isBase64Encoded but is not valid base64.")]
    public async Task A_body_field_that_is_not_text_empty_or_not_base64_is_a_400_about_the_body(string bodyField, bool isBase64Encoded, string message)
    {
        var (function, dynamoDb) = Function();
        var restEvent = JsonNode.Parse(RestEvents.Rest("PUT", "/product/a"))!;
        restEvent["body"] = JsonNode.Parse(bodyField);
        restEvent["isBase64Encoded"] = isBase64Encoded;

        var answer = await function.InvokeAsync(restEvent.ToJsonString());

        answer.StatusCode.Should().Be(400, answer.Text);
        answer.Body.GetProperty("errorMessage").GetString().Should().Be(message);
        dynamoDb.Requests.Should().BeEmpty();
    }

    [TestCase(32, 201)]
    [TestCase(33, 400)]
    public async Task An_item_nested_deeper_than_DynamoDB_allows_is_refused_before_it_is_sent_and_one_at_the_limit_is_sent(int levels, int status)
    {
        var (function, dynamoDb) = Function();
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", levels)) + "1" + new string('}', levels);

        var answer = await function.InvokeAsync(RestEvents.Rest("PUT", "/product/a", $$"""{"v":{{deep}}}"""));

        answer.StatusCode.Should().Be(status);
        if (status == 400)
        {
            answer.Body.GetProperty("errorMessage").GetString().Should().Be("The request body's attribute values nest more than 32 levels deep, DynamoDB's limit.");
            dynamoDb.Requests.Should().BeEmpty();
        }
        else
        {
            dynamoDb.Requests.Single().Action.Should().Be("PutItem");
        }
    }

    [TestCase("GET", "/product", "x=1", "Unknown query parameter \"x\": GET /product takes id, limit, nextToken.")]
    [TestCase("GET", "/product/1", "limit=1", "Unknown query parameter \"limit\": GET /product/{id} takes none.")]
    [TestCase("GET", "/product", "id=1&limit=5", "takes either id (one item) or limit and nextToken (a page)")]
    public async Task An_unknown_query_parameter_or_a_mix_of_key_and_paging_is_a_400(string method, string path, string query, string message)
    {
        var (function, dynamoDb) = Function();
        var parameters = query.Split('&').Select(pair => pair.Split('=')).ToDictionary(pair => pair[0], pair => pair[1]);

        var answer = await function.InvokeAsync(RestEvents.Rest(method, path, query: parameters));

        answer.StatusCode.Should().Be(400);
        answer.Body.GetProperty("errorMessage").GetString().Should().Contain(message);
        dynamoDb.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task The_log_line_names_the_route_template_and_table_never_the_id()
    {
        var (function, _) = Function();

        await function.InvokeAsync(RestEvents.Rest("GET", "/product/secret-customer-id"));

        var line = JsonDocument.Parse(function.Log.Trim().Split('\n')[^1]).RootElement;
        line.GetProperty("operation").GetString().Should().Be("GET /product/{id}");
        line.GetProperty("table").GetString().Should().Be("products");
        function.Log.Should().NotContain("secret-customer-id");
    }

    [Test]
    public async Task Get_of_a_missing_item_is_a_consistent_GetItem_of_the_path_key_answered_404()
    {
        var (function, dynamoDb) = Function();

        var answer = await function.InvokeAsync(RestEvents.Rest("GET", "/orders/12.50"));

        answer.StatusCode.Should().Be(404);
        answer.Body.GetProperty("errorType").GetString().Should().Be("ItemNotFound");
        var sent = JsonDocument.Parse(dynamoDb.Requests.Single().Body).RootElement;
        sent.GetProperty("TableName").GetString().Should().Be("orders");
        sent.GetProperty("Key").GetRawText().Should().Be("""{"orderId":{"N":"12.50"}}""");
        sent.GetProperty("ConsistentRead").GetBoolean().Should().BeTrue();
    }

    [Test]
    public async Task A_null_inside_a_PATCH_value_is_sent_as_NULL_true_the_only_null_DynamoDB_accepts()
    {
        // dynalite takes {"NULL": false} as a null too; DynamoDB refuses it, so this is checked on the wire.
        var (function, dynamoDb) = Function();

        await function.InvokeAsync(RestEvents.Rest("PATCH", "/product/p1", """{"list":[null,false],"map":{"n":null}}"""));

        var sent = JsonDocument.Parse(dynamoDb.Requests.Single().Body).RootElement.GetProperty("ExpressionAttributeValues");
        sent.EnumerateObject().Select(value => value.Value.GetRawText()).Should().BeEquivalentTo(
            """{"L":[{"NULL":true},{"BOOL":false}]}""",
            """{"M":{"n":{"NULL":true}}}""");
    }

    [Test]
    public async Task A_failed_condition_of_POST_is_reworded_as_ItemAlreadyExists_409()
    {
        var dynamoDb = CannedDynamoDb.Failing(HttpStatusCode.BadRequest, "ConditionalCheckFailedException", "The conditional request failed");
        var function = TestFunction.Against(dynamoDb, RestEvents.Variables(Resources));

        var answer = await function.InvokeAsync(RestEvents.Rest("POST", "/product", """{"id":"a"}"""));

        answer.StatusCode.Should().Be(409);
        answer.Body.GetProperty("errorType").GetString().Should().Be("ItemAlreadyExists");
        JsonDocument.Parse(dynamoDb.Requests.Single().Body).RootElement.GetProperty("ConditionExpression").GetString().Should().Be("attribute_not_exists(#k)");
    }

    [Test]
    public async Task A_route_s_log_line_names_it_as_the_metrics_Operation_with_its_table_and_the_route_s_id_nowhere()
    {
        var (function, _) = Function();

        await function.InvokeAsync(RestEvents.Rest("GET", "/product/secret-id-7"));
        await function.InvokeAsync(RestEvents.Rest("BREW", "/product"));

        var lines = function.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        lines[0].GetProperty("Operation").GetString().Should().Be("GET /product/{id}");
        lines[0].GetProperty("Table").GetString().Should().Be("products", "a RESOURCES table is bounded by configuration");
        lines[0].GetRawText().Should().NotContain("secret-id-7");
        lines[1].GetProperty("Operation").GetString().Should().Be("unknown", "a method the caller made up must not become a metric");
    }

    [Test]
    public async Task The_health_check_s_reads_are_metered_in_its_log_line_like_every_other_DynamoDB_call()
    {
        var dynamoDb = CannedDynamoDb.Answering("""{"ConsumedCapacity":{"TableName":"products","CapacityUnits":0.5}}""");
        var function = TestFunction.Against(dynamoDb, RestEvents.Variables(Resources));

        var answer = await function.InvokeAsync(RestEvents.Rest("GET", "/health"));

        answer.StatusCode.Should().Be(200);
        dynamoDb.Requests.Should().HaveCount(2, "one read per resource table");
        var line = JsonDocument.Parse(function.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single()).RootElement;
        line.GetProperty("Operation").GetString().Should().Be("GET /health");
        line.GetProperty("ConsumedReadCapacity").GetDouble().Should().Be(1.0, "two reads of 0.5 units each");
    }

    [TestCase("/product/", "GET /product", "Scan")]
    [TestCase("/product/7/", "GET /product/{id}", "GetItem")]
    public async Task A_trailing_slash_names_the_same_route(string path, string operation, string action)
    {
        var (function, dynamoDb) = Function();

        await function.InvokeAsync(RestEvents.HttpApi("GET", path, stage: "$default"));

        JsonDocument.Parse(function.Log.Trim().Split('\n')[^1]).RootElement.GetProperty("Operation").GetString().Should().Be(operation);
        dynamoDb.Requests.Single().Action.Should().Be(action);
        if (action == "GetItem")
        {
            JsonDocument.Parse(dynamoDb.Requests.Single().Body).RootElement.GetProperty("Key").GetRawText().Should().Be("""{"id":{"S":"7"}}""");
        }
    }

    [Test]
    public async Task Location_is_the_path_as_the_caller_sent_it_with_no_stage_when_the_URL_has_none()
    {
        var (function, _) = Function();

        var answer = await function.InvokeAsync(RestEvents.HttpApi("POST", "/product", """{"id":"a"}""", stage: "$default"));

        answer.StatusCode.Should().Be(201);
        answer.Header("Location").Should().Be("/product/a");
    }

    [Test]
    public async Task Items_without_the_key_RESOURCES_names_are_a_500_that_says_the_configuration_does_not_match_the_table()
    {
        var dynamoDb = CannedDynamoDb.Answering("""{"Items":[{"sku":{"S":"x"}}],"Count":1,"ScannedCount":1}""");
        var function = TestFunction.Against(dynamoDb, RestEvents.Variables(Resources));

        var answer = await function.InvokeAsync(RestEvents.Rest("GET", "/product"));

        answer.StatusCode.Should().Be(500);
        answer.Body.GetProperty("errorType").GetString().Should().Be("InternalError");
        answer.Body.GetProperty("errorMessage").GetString().Should().Be(
            "The items of table products have no attribute \"id\", which RESOURCES names as its key: the function's configuration does not match the table.");
    }

    [Test]
    public async Task A_page_the_deadline_cuts_short_holds_the_items_so_far_and_a_token_for_the_rest()
    {
        using var deadline = new CancellationTokenSource();
        var dynamoDb = new CannedDynamoDb(request =>
        {
            // DynamoDB's Scan stops short (its 1 MB), and the deadline comes as its answer has been read.
            var answer = CannedDynamoDb.Json(HttpStatusCode.OK, """{"Items":[{"id":{"S":"a"}}],"Count":1,"ScannedCount":1,"LastEvaluatedKey":{"id":{"S":"a"}}}""");
            var body = answer.Content.ReadAsByteArrayAsync().Result;
            var headers = answer.Content.Headers.ContentType;
            answer.Content = new StreamContent(new CancelAtEnd(body, deadline));
            answer.Content.Headers.ContentType = headers;
            return answer;
        });
        var function = TestFunction.Against(dynamoDb, RestEvents.Variables(Resources));

        var answer = await function.InvokeAsync(RestEvents.Rest("GET", "/product"), deadline.Token);

        answer.StatusCode.Should().Be(200);
        answer.Body.GetProperty("Items").GetArrayLength().Should().Be(1);
        answer.Body.GetProperty("NextToken").GetString().Should().NotBeNullOrEmpty();
        dynamoDb.Requests.Should().HaveCount(1, "no Scan starts after the deadline");
    }

    private static (TestFunction Function, CannedDynamoDb DynamoDb) Function(string? allowedOrigins = null)
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");
        var variables = RestEvents.Variables(Resources);
        variables["ALLOWED_ORIGINS"] = allowedOrigins;
        return (TestFunction.Against(dynamoDb, variables), dynamoDb);
    }

    /// <summary>A body that brings the deadline when the SDK has read it to the end.</summary>
    private sealed class CancelAtEnd(byte[] body, CancellationTokenSource deadline) : MemoryStream(body)
    {
        public override int Read(byte[] buffer, int offset, int count) => AtEnd(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => AtEnd(base.Read(buffer));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(AtEnd(base.Read(buffer, offset, count)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(AtEnd(base.Read(buffer.Span)));

        private int AtEnd(int read)
        {
            if (read == 0)
            {
                deadline.Cancel();
            }

            return read;
        }
    }
}
