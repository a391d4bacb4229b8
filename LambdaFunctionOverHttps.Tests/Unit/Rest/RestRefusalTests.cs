using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using FluentAssertions;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Rest;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit.Rest;

/// <summary>
/// Each refusal the routes make before DynamoDB is called, with its whole message: the message is
/// the product (docs/rest.md), so a word lost from it is a regression, not a detail.
/// </summary>
public class RestRefusalTests
{
    private const string Resources = "product=products:id,orders=orders:orderId:N";
    private const string StartAgain = "start again from the first page, without nextToken";

    [TestCase("GET", "/nowhere", null, "", 404,
        "The path is no route of this API. The routes are /dynamodbmanager (POST), /health, /product, /product/{id}, /orders, /orders/{id}.")]
    [TestCase("PATCH", "/product", "{}", "", 405, "/product does not take \"PATCH\"; it takes GET, POST, PUT, OPTIONS.")]
    [TestCase("GET", "/product", null, "id=p1&limit=5", 400,
        "GET /product takes either id (one item) or limit and nextToken (a page), not id and limit.")]
    [TestCase("GET", "/product", null, "id=p1&nextToken=x", 400,
        "GET /product takes either id (one item) or limit and nextToken (a page), not id and nextToken.")]
    [TestCase("GET", "/orders", null, "orderId=abc", 400,
        "The query parameter orderId is not a number, and the key attribute \"orderId\" of /orders is one (RESOURCES says :N): write it as JSON writes numbers, such as 42 or -1.5e3.")]
    [TestCase("GET", "/orders/abc", null, "", 400,
        "The id in the path is not a number, and the key attribute \"orderId\" of /orders is one (RESOURCES says :N): write it as JSON writes numbers, such as 42 or -1.5e3.")]
    [TestCase("PUT", "/orders", """{"orderId":"7"}""", "", 400, "The body's key attribute \"orderId\" must be a number, got a string.")]
    [TestCase("PUT", "/orders", """{"orderId":1e400}""", "", 400,
        "The body's key attribute \"orderId\" is not a number DynamoDB stores: outside DynamoDB's range of 1E-130 to 9.9999999999999999999999999999999999999E+125.")]
    [TestCase("PUT", "/product/p1", """{"id":"p2"}""", "", 400,
        "The body's \"id\" does not match the path's id: PUT /product/{id} changes the item the path names, and a key cannot change (DELETE the item and PUT it under its new key).")]
    [TestCase("PATCH", "/product/p1", """{"id":"p2"}""", "", 400,
        "The body's \"id\" does not match the path's id: PATCH /product/{id} changes the item the path names, and a key cannot change (DELETE the item and PUT it under its new key).")]
    [TestCase("PATCH", "/product/p1", """{"id":7}""", "", 400, "The body's key attribute \"id\" must be a string, got a number.")]
    [TestCase("PATCH", "/product/p1", "[]", "", 400, "The request body must be a JSON object (the attributes to change, null to remove one), got an array.")]
    [TestCase("PUT", "/product/p1", "[]", "", 400, "The request body must be a JSON object (the whole item), got an array.")]
    [TestCase("POST", "/orders", """{"total":1}""", "", 400,
        "The item has no \"orderId\": it is the key, and a number key is not generated (no number is sure to be unused without a counter DynamoDB would have to keep); send the key in the body.")]
    [TestCase("PUT", "/product", """{"name":"pen"}""", "", 400, "The item has no \"id\": it is the key; send it in the body, or use PUT /product/{id}.")]
    [TestCase("PUT", "/orders", """{"total":1}""", "", 400, "The item has no \"orderId\": it is the key; send it in the body, or use PUT /orders/{id}.")]
    [TestCase("POST", "/product", """{"a":1,"":2}""", "", 400, "The request body names an attribute \"\": attribute names must not be empty.")]
    [TestCase("GET", "/product", null, "limit=0", 400, "Invalid query parameter limit \"0\": a whole number from 1 to 1000 (default 100).")]
    [TestCase("GET", "/product", null, "limit=1001", 400, "Invalid query parameter limit \"1001\": a whole number from 1 to 1000 (default 100).")]
    [TestCase("GET", "/product", null, "limit=+5", 400, "Invalid query parameter limit \"+5\": a whole number from 1 to 1000 (default 100).")]
    [TestCase("GET", "/product", null, "limit=", 400, "Invalid query parameter limit \"\": a whole number from 1 to 1000 (default 100).")]
    [TestCase("GET", "/product", null, "limit=99999999999", 400, "Invalid query parameter limit \"99999999999\": a whole number from 1 to 1000 (default 100).")]
    [TestCase("GET", "/product", null, "nextToken=not-a-token", 400, "The nextToken is not one this API issued: " + StartAgain + ".")]
    public async Task A_refused_request_is_answered_with_its_status_and_whole_message_and_DynamoDB_is_not_called(
        string method, string path, string? body, string query, int status, string message)
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");
        var function = TestFunction.Against(dynamoDb, RestEvents.Variables(Resources));
        var parameters = query.Length == 0 ? null : query.Split('&').Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);

        var answer = await function.InvokeAsync(RestEvents.Rest(method, path, body, query: parameters));

        answer.StatusCode.Should().Be(status, answer.BodyText);
        answer.Body.GetProperty("errorMessage").GetString().Should().Be(message);
        dynamoDb.Requests.Should().BeEmpty();
    }

    [TestCase("1", 2)]
    [TestCase("1000", 1001)]
    public async Task A_limit_at_either_end_of_its_range_is_taken(string limit, int scanLimit)
    {
        var dynamoDb = CannedDynamoDb.Answering("""{"Items":[]}""");
        var function = TestFunction.Against(dynamoDb, RestEvents.Variables(Resources));

        var answer = await function.InvokeAsync(RestEvents.Rest("GET", "/product", query: new Dictionary<string, string> { ["limit"] = limit }));

        answer.StatusCode.Should().Be(200, answer.BodyText);
        JsonDocument.Parse(dynamoDb.Requests.Single().Body).RootElement.GetProperty("Limit").GetInt32().Should().Be(scanLimit);
    }

    [Test]
    public async Task A_key_in_the_query_without_paging_reads_that_item()
    {
        var dynamoDb = CannedDynamoDb.Answering("""{"Item":{"id":{"S":"p1"}}}""");
        var function = TestFunction.Against(dynamoDb, RestEvents.Variables(Resources));

        var answer = await function.InvokeAsync(RestEvents.Rest("GET", "/product", query: new Dictionary<string, string> { ["id"] = "p1" }));

        answer.StatusCode.Should().Be(200, answer.BodyText);
        JsonDocument.Parse(dynamoDb.Requests.Single().Body).RootElement.GetProperty("Key").GetRawText().Should().Be("""{"id":{"S":"p1"}}""");
    }

    [Test]
    public async Task A_POST_without_a_string_key_writes_the_item_under_a_new_UUID_only_if_that_key_is_free()
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");
        var function = TestFunction.Against(dynamoDb, RestEvents.Variables(Resources));

        var answer = await function.InvokeAsync(RestEvents.Rest("POST", "/product", """{"name":"pen"}"""));

        answer.StatusCode.Should().Be(201, answer.BodyText);
        var id = answer.Body.GetProperty("id").GetString()!;
        Guid.TryParse(id, out _).Should().BeTrue(id);
        answer.Header("Location").Should().Be("/Prod/product/" + id);
        var sent = JsonDocument.Parse(dynamoDb.Requests.Single().Body).RootElement;
        sent.GetProperty("Item").GetProperty("id").GetProperty("S").GetString().Should().Be(id);
        sent.GetProperty("ConditionExpression").GetString().Should().Be("attribute_not_exists(#k)");
        sent.GetProperty("ExpressionAttributeNames").GetRawText().Should().Be("""{"#k":"id"}""");
    }

    [Test]
    public async Task A_POST_whose_key_is_taken_is_a_409_with_the_whole_message()
    {
        var dynamoDb = CannedDynamoDb.Failing(HttpStatusCode.BadRequest, "ConditionalCheckFailedException", "The conditional request failed");
        var function = TestFunction.Against(dynamoDb, RestEvents.Variables(Resources));

        var answer = await function.InvokeAsync(RestEvents.Rest("POST", "/product", """{"id":"a"}"""));

        answer.Body.GetProperty("errorMessage").GetString().Should().Be(
            "An item with that \"id\" already exists in /product; nothing was written. PUT /product/{id} replaces it, PATCH changes some of its attributes.");
    }

    [Test]
    public async Task A_token_of_another_route_or_a_changed_one_is_a_400_that_says_which()
    {
        var settings = FunctionSettings.FromVariables(name => RestEvents.Variables(Resources).GetValueOrDefault(name));
        var secret = settings.Resources.TokenKey;
        var product = settings.Resources.Find("product")!;
        var orders = settings.Resources.Find("orders")!;
        var ordersToken = NextToken.Issue(secret, orders, new() { ["orderId"] = new AttributeValue { N = "1" } });
        var productToken = NextToken.Issue(secret, product, new() { ["id"] = new AttributeValue { S = "a" } });
        var changed = productToken[..^2] + (productToken[^2] == 'A' ? 'B' : 'A') + productToken[^1];

        NextToken.Read(secret, product, ordersToken).Problem!.ErrorMessage.Should().Be(
            "The nextToken belongs to GET /orders, not GET /product: a page's token only continues its own route; " + StartAgain + ".");
        NextToken.Read(secret, product, changed).Problem!.ErrorMessage.Should().Be(
            "The nextToken is not one this API issued, or it was changed (tokens also end when NEXT_TOKEN_SECRET changes): " + StartAgain + ".");
        NextToken.Read(secret, product, productToken).Problem.Should().BeNull();
    }

    // The bound counts names and string bytes: 2 + 2 for "id":"p1", 4 for "text", and the text; 409,600 bytes is 400 KB.
    [TestCase("PUT", "p1", 409_592, 201)]
    [TestCase("PUT", "p1", 409_593, 400)]
    [TestCase("POST", "p1", 409_593, 400)]
    [TestCase("PATCH", "p1", 409_593, 400)]
    public async Task An_item_DynamoDB_would_refuse_as_over_400_KB_is_refused_before_it_is_sent_and_one_at_the_bound_is_sent(
        string method, string id, int textBytes, int status)
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");
        var function = TestFunction.Against(dynamoDb, RestEvents.Variables(Resources));
        var body = JsonSerializer.Serialize(new { id, text = new string('x', textBytes) });

        var answer = await function.InvokeAsync(RestEvents.Rest(method, method == "POST" ? "/product" : "/product/p1", body));

        answer.StatusCode.Should().Be(status);
        if (status == 400)
        {
            answer.Body.GetProperty("errorType").GetString().Should().Be("ValidationException");
            answer.Body.GetProperty("errorMessage").GetString().Should().Be("Item size has exceeded the maximum allowed size");
            dynamoDb.Requests.Should().BeEmpty();
        }
        else
        {
            dynamoDb.Requests.Single().Action.Should().Be("PutItem");
        }
    }

    [Test]
    public async Task A_PATCH_that_would_change_the_key_is_refused_for_that_even_when_it_is_also_too_large()
    {
        var function = TestFunction.Against(CannedDynamoDb.Answering("{}"), RestEvents.Variables(Resources));
        var body = JsonSerializer.Serialize(new { id = "p2", text = new string('x', 410 * 1024) });

        var answer = await function.InvokeAsync(RestEvents.Rest("PATCH", "/product/p1", body));

        answer.Body.GetProperty("errorMessage").GetString().Should().StartWith("The body's \"id\" does not match the path's id");
    }
}
