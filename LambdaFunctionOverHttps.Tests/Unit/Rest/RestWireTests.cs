using System.Net;
using System.Text.Json;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit.Rest;

/// <summary>
/// What each route sends to DynamoDB and how it reads DynamoDB's answer, on the canned transport:
/// the requests the Integration tests only see the effects of (dynalite forgives some of what
/// DynamoDB refuses), and answers dynalite cannot be made to give (a Scan that stops short, a page
/// that fills the response).
/// </summary>
public class RestWireTests
{
    private const string Resources = "product=products:id,orders=orders:orderId:N";

    [Test]
    public async Task PUT_asks_for_the_old_item_and_answers_201_with_Location_when_there_was_none_and_200_when_it_replaced_one()
    {
        var created = Function(_ => "{}");
        var replaced = Function(_ => """{"Attributes":{"id":{"S":"p1"},"old":{"S":"x"}}}""");

        var first = await created.Function.InvokeAsync(RestEvents.Rest("PUT", "/product/p1", """{"name":"pen","id":"p1"}"""));
        var second = await replaced.Function.InvokeAsync(RestEvents.Rest("PUT", "/product/p1", """{"name":"pen"}"""));

        first.StatusCode.Should().Be(201);
        first.Header("Location").Should().Be("/Prod/product/p1");
        first.BodyText.Should().Be("""{"id":"p1","name":"pen"}""", "the key first, as a caller reads the item");
        second.StatusCode.Should().Be(200);
        second.Header("Location").Should().BeNull();
        second.BodyText.Should().Be("""{"id":"p1","name":"pen"}""", "the item as written, not the old one");
        var sent = Sent(created, "PutItem");
        sent.GetProperty("TableName").GetString().Should().Be("products");
        sent.GetProperty("Item").GetRawText().Should().Be("""{"id":{"S":"p1"},"name":{"S":"pen"}}""");
        sent.GetProperty("ReturnValues").GetString().Should().Be("ALL_OLD");
        sent.TryGetProperty("ConditionExpression", out _).Should().BeFalse("PUT creates or replaces");
    }

    [Test]
    public async Task PATCH_is_one_UpdateItem_that_sets_the_given_attributes_removes_the_nulls_and_needs_the_item_to_exist()
    {
        var wire = Function(_ => """{"Attributes":{"id":{"S":"p1"},"a":{"N":"1"},"c":{"S":"x"}}}""");

        var answer = await wire.Function.InvokeAsync(RestEvents.Rest("PATCH", "/product/p1", """{"a":1,"id":"p1","b":null,"c":"x"}"""));

        answer.StatusCode.Should().Be(200);
        answer.BodyText.Should().Be("""{"id":"p1","a":1,"c":"x"}""", "the item as DynamoDB has it after the change");
        var sent = Sent(wire, "UpdateItem");
        sent.GetProperty("Key").GetRawText().Should().Be("""{"id":{"S":"p1"}}""");
        sent.GetProperty("UpdateExpression").GetString().Should().Be("SET #a0 = :v0, #a2 = :v2 REMOVE #a1", "the key is not changed, only repeated");
        sent.GetProperty("ConditionExpression").GetString().Should().Be("attribute_exists(#k)");
        Names(sent).Should().Equal(new Dictionary<string, string> { ["#k"] = "id", ["#a0"] = "a", ["#a1"] = "b", ["#a2"] = "c" });
        sent.GetProperty("ExpressionAttributeValues").GetRawText().Should().Be("""{":v0":{"N":"1"},":v2":{"S":"x"}}""");
        sent.GetProperty("ReturnValues").GetString().Should().Be("ALL_NEW");
    }

    [TestCase("""{"gone":null}""", "REMOVE #a0", false)]
    [TestCase("""{"gone":null,"too":null}""", "REMOVE #a0, #a1", false)]
    [TestCase("""{"kept":true}""", "SET #a0 = :v0", true)]
    public async Task A_PATCH_of_only_removals_or_only_changes_sends_only_that_clause(string body, string expression, bool hasValues)
    {
        var wire = Function(_ => """{"Attributes":{"id":{"S":"p1"}}}""");

        (await wire.Function.InvokeAsync(RestEvents.Rest("PATCH", "/product/p1", body))).StatusCode.Should().Be(200);

        var sent = Sent(wire, "UpdateItem");
        sent.GetProperty("UpdateExpression").GetString().Should().Be(expression);
        sent.TryGetProperty("ExpressionAttributeValues", out _).Should().Be(hasValues, "DynamoDB refuses an empty values map");
    }

    [Test]
    public async Task A_PATCH_of_nothing_reads_the_item_and_a_PATCH_of_a_missing_item_is_404_ItemNotFound()
    {
        var empty = Function(_ => """{"Item":{"id":{"S":"p1"},"n":{"N":"2"}}}""");
        var missing = new CannedDynamoDb(_ => CannedDynamoDb.Json(HttpStatusCode.BadRequest,
            """{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}"""));

        var nothing = await empty.Function.InvokeAsync(RestEvents.Rest("PATCH", "/product/p1", """{"id":"p1"}"""));
        var absent = await TestFunction.Against(missing, RestEvents.Variables(Resources)).InvokeAsync(RestEvents.Rest("PATCH", "/product/p1", """{"n":3}"""));

        nothing.StatusCode.Should().Be(200);
        nothing.BodyText.Should().Be("""{"id":"p1","n":2}""");
        Sent(empty, "GetItem").GetProperty("ConsistentRead").GetBoolean().Should().BeTrue();
        absent.StatusCode.Should().Be(404);
        absent.Body.GetProperty("errorType").GetString().Should().Be("ItemNotFound");
        absent.Body.GetProperty("errorMessage").GetString().Should().Be("There is no item with that \"id\" in /product.");
    }

    [Test]
    public async Task DELETE_asks_for_the_old_item_and_answers_204_when_there_was_one_and_404_when_there_was_none()
    {
        var existing = Function(_ => """{"Attributes":{"orderId":{"N":"7"}}}""");
        var absent = Function(_ => "{}");

        var deleted = await existing.Function.InvokeAsync(RestEvents.Rest("DELETE", "/orders/7"));
        var missing = await absent.Function.InvokeAsync(RestEvents.Rest("DELETE", "/orders/7"));

        deleted.StatusCode.Should().Be(204);
        deleted.BodyText.Should().BeEmpty();
        missing.StatusCode.Should().Be(404);
        missing.Body.GetProperty("errorMessage").GetString().Should().Be("There is no item with that \"orderId\" in /orders.");
        var sent = Sent(existing, "DeleteItem");
        sent.GetProperty("Key").GetRawText().Should().Be("""{"orderId":{"N":"7"}}""");
        sent.GetProperty("ReturnValues").GetString().Should().Be("ALL_OLD");
    }

    // DynamoDB leaves an empty map out; an SDK that makes empty collections (AWSConfigs.InitializeCollections) hands one over.
    [TestCase("PUT", "/orders/7", """{"Attributes":{}}""", 201)]
    [TestCase("DELETE", "/orders/7", """{"Attributes":{}}""", 404)]
    [TestCase("GET", "/orders", """{"Items":[],"LastEvaluatedKey":{}}""", 200)]
    public async Task An_empty_map_of_old_attributes_is_no_old_item_and_an_empty_LastEvaluatedKey_is_the_table_s_end(
        string method, string path, string answered, int status)
    {
        var wire = Function(_ => answered);

        var answer = await wire.Function.InvokeAsync(RestEvents.Rest(method, path, method == "PUT" ? """{"total":1}""" : null));

        answer.StatusCode.Should().Be(status);
        wire.DynamoDb.Requests.Should().ContainSingle("a page ends with the Scan that brought no next key");
        if (method == "GET")
        {
            answer.BodyText.Should().Be("""{"Items":[]}""");
        }
    }

    [TestCase("{}")]
    [TestCase("""{"id":"p1"}""")]
    public async Task PATCH_with_nothing_to_change_is_a_consistent_read_answering_the_item_as_it_is_or_404(string body)
    {
        var existing = Function(_ => """{"Item":{"id":{"S":"p1"},"name":{"S":"pen"}}}""");
        var absent = Function(_ => "{}");

        var found = await existing.Function.InvokeAsync(RestEvents.Rest("PATCH", "/product/p1", body));
        var missing = await absent.Function.InvokeAsync(RestEvents.Rest("PATCH", "/product/p1", body));

        found.StatusCode.Should().Be(200);
        found.BodyText.Should().Be("""{"id":"p1","name":"pen"}""");
        missing.StatusCode.Should().Be(404);
        var sent = Sent(existing, "GetItem");
        sent.GetProperty("Key").GetRawText().Should().Be("""{"id":{"S":"p1"}}""");
        sent.GetProperty("ConsistentRead").GetBoolean().Should().BeTrue();
    }

    [Test]
    public async Task GET_of_an_item_answers_it_as_plain_JSON()
    {
        var wire = Function(_ => """{"Item":{"orderId":{"N":"7"},"lines":{"L":[{"S":"pen"}]}}}""");

        var answer = await wire.Function.InvokeAsync(RestEvents.Rest("GET", "/orders/7"));

        answer.StatusCode.Should().Be(200);
        answer.BodyText.Should().Be("""{"orderId":7,"lines":["pen"]}""");
    }

    [Test]
    public async Task Health_reads_each_table_by_a_key_of_its_type_projected_to_the_key_and_lists_every_route()
    {
        var wire = Function(_ => "{}");

        var answer = await wire.Function.InvokeAsync(RestEvents.Rest("GET", "/health"));

        answer.StatusCode.Should().Be(200);
        answer.BodyText.Should().Be("""{"status":"ok","resources":[{"route":"/product","table":"products","status":"ok"},{"route":"/orders","table":"orders","status":"ok"}]}""");
        var reads = wire.DynamoDb.Requests.Select(request => JsonDocument.Parse(request.Body).RootElement)
            .ToDictionary(read => read.GetProperty("TableName").GetString()!);
        reads["products"].GetProperty("Key").GetRawText().Should().Be("""{"id":{"S":"health-check"}}""");
        reads["orders"].GetProperty("Key").GetRawText().Should().Be("""{"orderId":{"N":"0"}}""");
        reads["orders"].GetProperty("ProjectionExpression").GetString().Should().Be("#k");
        Names(reads["orders"]).Should().Equal(new Dictionary<string, string> { ["#k"] = "orderId" });
    }

    [Test]
    public async Task Health_is_503_naming_each_table_that_fails_and_the_status_of_every_route()
    {
        var dynamoDb = new CannedDynamoDb(request => request.Body.Contains("\"orders\"", StringComparison.Ordinal)
            ? CannedDynamoDb.Json(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}""")
            : request.Body.Contains("\"stock\"", StringComparison.Ordinal)
                ? CannedDynamoDb.Json(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.dynamodb.v20120810#AccessDeniedException","message":"Not authorized"}""")
                : CannedDynamoDb.Json(HttpStatusCode.OK, "{}"));
        var function = TestFunction.Against(dynamoDb, RestEvents.Variables(Resources + ",more=products:id,stock=stock:sku"));

        var answer = await function.InvokeAsync(RestEvents.Rest("GET", "/health"));

        answer.StatusCode.Should().Be(503);
        answer.Body.GetProperty("errorMessage").GetString().Should().Be(
            "Not every table answers a read: table orders (/orders): ResourceNotFoundException: Requested resource not found; "
            + "table stock (/stock): AccessDeniedException: Not authorized");
        answer.Body.GetProperty("resources").GetRawText().Should().Be(
            """[{"route":"/product","table":"products","status":"ok"},{"route":"/orders","table":"orders","status":"ResourceNotFoundException"},"""
            + """{"route":"/more","table":"products","status":"ok"},{"route":"/stock","table":"stock","status":"AccessDeniedException"}]""");
        dynamoDb.Requests.Should().HaveCount(3, "a table two routes share is read once");
    }

    [Test]
    public async Task A_Scan_that_brings_no_items_but_a_LastEvaluatedKey_is_continued_from_that_key()
    {
        var scans = 0;
        var wire = Function(_ => ++scans == 1
            ? """{"Items":[],"LastEvaluatedKey":{"id":{"S":"m"}}}"""
            : """{"Items":[{"id":{"S":"n"}}]}""");

        var answer = await wire.Function.InvokeAsync(RestEvents.Rest("GET", "/product"));

        Ids(answer.Body).Should().Equal("n");
        var second = JsonDocument.Parse(wire.DynamoDb.Requests.ElementAt(1).Body).RootElement;
        second.GetProperty("ExclusiveStartKey").GetRawText().Should().Be("""{"id":{"S":"m"}}""");
    }

    [Test]
    public async Task A_page_goes_on_scanning_after_a_short_Scan_and_asks_each_time_for_one_item_more_than_it_still_needs()
    {
        var scans = 0;
        var dynamoDb = new CannedDynamoDb(_ =>
        {
            var answer = CannedDynamoDb.Json(HttpStatusCode.OK, ++scans == 1
                ? """{"Items":[{"id":{"S":"a"}}],"LastEvaluatedKey":{"id":{"S":"a"}}}"""
                : """{"Items":[{"id":{"S":"b"}},{"id":{"S":"c"}},{"id":{"S":"d"}}],"LastEvaluatedKey":{"id":{"S":"d"}}}""");
            answer.Headers.Remove("x-amzn-RequestId");
            answer.Headers.Add("x-amzn-RequestId", $"SCAN-{scans}");
            return answer;
        });
        var wire = (Function: TestFunction.Against(dynamoDb, RestEvents.Variables(Resources)), DynamoDb: dynamoDb);

        var answer = await wire.Function.InvokeAsync(RestEvents.Rest("GET", "/product", query: new Dictionary<string, string> { ["limit"] = "3" }));

        answer.StatusCode.Should().Be(200);
        Ids(answer.Body).Should().Equal("a", "b", "c");
        answer.Body.TryGetProperty("NextToken", out _).Should().BeTrue("an item came after the page's last");
        var sent = wire.DynamoDb.Requests.Select(request => JsonDocument.Parse(request.Body).RootElement).ToList();
        sent.Select(scan => scan.GetProperty("Limit").GetInt32()).Should().Equal(4, 3);
        sent[0].TryGetProperty("ExclusiveStartKey", out _).Should().BeFalse();
        sent[1].GetProperty("ExclusiveStartKey").GetRawText().Should().Be("""{"id":{"S":"a"}}""");
        JsonDocument.Parse(wire.Function.Log.Trim().Split('\n')[^1]).RootElement.GetProperty("dynamoDbRequestId").GetString().Should().Be("SCAN-2", "the log line names the last call's request");
    }

    [Test]
    public async Task The_next_page_starts_after_the_last_item_shown_not_after_the_last_one_scanned()
    {
        var wire = Function(request => request.Body.Contains("ExclusiveStartKey", StringComparison.Ordinal)
            ? """{"Items":[{"id":{"S":"c"}}]}"""
            : """{"Items":[{"id":{"S":"a"}},{"id":{"S":"b"}},{"id":{"S":"c"}}],"LastEvaluatedKey":{"id":{"S":"c"}}}""");

        var first = await wire.Function.InvokeAsync(RestEvents.Rest("GET", "/product", query: new Dictionary<string, string> { ["limit"] = "2" }));
        var token = first.Body.GetProperty("NextToken").GetString()!;
        var second = await wire.Function.InvokeAsync(RestEvents.Rest("GET", "/product", query: new Dictionary<string, string> { ["nextToken"] = token }));

        Ids(first.Body).Should().Equal("a", "b");
        Ids(second.Body).Should().Equal("c");
        second.Body.TryGetProperty("NextToken", out _).Should().BeFalse("the table ended");
        JsonDocument.Parse(wire.DynamoDb.Requests.Last().Body).RootElement.GetProperty("ExclusiveStartKey").GetRawText().Should().Be("""{"id":{"S":"b"}}""");
    }

    [Test]
    public async Task A_page_ends_before_the_response_would_pass_6_MB_counting_the_escapes_the_proxy_answer_adds()
    {
        // Each item is 400 KB of quotes: 800 KB as JSON, 1.6 MB once the proxy answer escapes it again.
        var quotes = JsonSerializer.Serialize(new string('"', 400_000));
        var items = string.Join(",", Enumerable.Range(0, 5).Select(index => $$$"""{"id":{"S":"{{{(char)('a' + index)}}}"},"q":{"S":{{{quotes}}}}}"""));
        var wire = Function(_ => $$"""{"Items":[{{items}}]}""");

        var answer = await wire.Function.InvokeAsync(RestEvents.Rest("GET", "/product"));

        answer.StatusCode.Should().Be(200);
        Ids(answer.Body).Should().Equal("a", "b", "c");
        answer.Body.TryGetProperty("NextToken", out _).Should().BeTrue();
    }

    [Test]
    public async Task A_page_holds_items_up_to_exactly_its_budget()
    {
        // 16 items of 392,167 x's: each is 392,192 bytes as the proxy answer escapes it ({"id":"a","q":"…"}, 17
        // characters and 8 quotes escaped), 6,275,072 in all: 6 MB less the 16 KB kept for the headers.
        var items = string.Join(",", Enumerable.Range(0, 16).Select(index =>
            $$$"""{"id":{"S":"{{{(char)('a' + index)}}}"},"q":{"S":"{{{new string('x', 392_167)}}}"}}"""));
        var wire = Function(_ => $$"""{"Items":[{{items}}]}""");

        var answer = await wire.Function.InvokeAsync(RestEvents.Rest("GET", "/product"));

        answer.StatusCode.Should().Be(200);
        Ids(answer.Body).Should().HaveCount(16);
        answer.Body.TryGetProperty("NextToken", out _).Should().BeFalse();
    }

    [Test]
    public async Task A_Scan_answer_without_Items_is_an_empty_page()
    {
        var wire = Function(_ => """{"Count":0,"ScannedCount":0}""");

        var answer = await wire.Function.InvokeAsync(RestEvents.Rest("GET", "/product"));

        answer.StatusCode.Should().Be(200);
        answer.BodyText.Should().Be("""{"Items":[]}""");
    }

    [Test]
    public async Task A_page_whose_deadline_passed_before_it_began_is_a_504_not_an_empty_page()
    {
        var wire = Function(_ => """{"Items":[{"id":{"S":"a"}}]}""");
        using var deadline = new CancellationTokenSource();
        await deadline.CancelAsync();

        var answer = await wire.Function.InvokeAsync(RestEvents.Rest("GET", "/product"), deadline.Token);

        answer.StatusCode.Should().Be(504);
        answer.Body.GetProperty("errorType").GetString().Should().Be("Timeout");
    }

    private static (TestFunction Function, CannedDynamoDb DynamoDb) Function(Func<CannedRequest, string> answer)
    {
        var dynamoDb = new CannedDynamoDb(request => CannedDynamoDb.Json(HttpStatusCode.OK, answer(request)));
        return (TestFunction.Against(dynamoDb, RestEvents.Variables(Resources)), dynamoDb);
    }

    private static JsonElement Sent((TestFunction Function, CannedDynamoDb DynamoDb) wire, string action)
    {
        var request = wire.DynamoDb.Requests.Should().ContainSingle().Subject;
        request.Action.Should().Be(action);
        return JsonDocument.Parse(request.Body).RootElement;
    }

    private static Dictionary<string, string> Names(JsonElement sent) =>
        sent.GetProperty("ExpressionAttributeNames").EnumerateObject().ToDictionary(name => name.Name, name => name.Value.GetString()!);

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("Items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!).ToList();
}
