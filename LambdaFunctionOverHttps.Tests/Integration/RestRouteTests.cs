using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Integration;

/// <summary>The REST routes (RESOURCES) in process against dynalite: every route, its statuses, and what it leaves in the table.</summary>
[Category("Dynalite")]
public class RestRouteTests
{
    private static int _tables;

    [Test]
    public async Task Post_without_a_string_key_creates_the_item_under_a_new_UUID_with_201_and_its_Location_under_the_stage()
    {
        var (function, route) = await NewResource();

        var answer = await function.InvokeAsync(RestEvents.Rest("POST", $"/{route}", """{"name":"Widget","price":12.50}"""));

        answer.StatusCode.Should().Be(201, answer.Text);
        var id = answer.Body.GetProperty("id").GetString()!;
        Guid.TryParse(id, out _).Should().BeTrue();
        answer.Header("Location").Should().Be($"/Prod/{route}/{id}");
        var stored = await function.InvokeAsync(RestEvents.Rest("GET", $"/{route}/{id}"));
        stored.StatusCode.Should().Be(200);
        stored.Body.GetProperty("name").GetString().Should().Be("Widget");
    }

    [Test]
    public async Task Post_of_a_key_that_exists_is_a_409_ItemAlreadyExists_and_overwrites_nothing()
    {
        var (function, route) = await NewResource();
        await function.InvokeAsync(RestEvents.Rest("POST", $"/{route}", """{"id":"p1","name":"first"}"""));

        var answer = await function.InvokeAsync(RestEvents.Rest("POST", $"/{route}", """{"id":"p1","name":"second"}"""));

        answer.StatusCode.Should().Be(409);
        answer.Body.GetProperty("errorType").GetString().Should().Be("ItemAlreadyExists");
        answer.Header("x-amzn-errortype").Should().Be("ItemAlreadyExists");
        answer.Body.GetProperty("errorMessage").GetString().Should().Contain("already exists").And.Contain("nothing was written");
        (await Get(function, route, "p1")).GetProperty("name").GetString().Should().Be("first");
    }

    [Test]
    public async Task Post_without_a_number_key_is_refused_because_numbers_are_not_generated()
    {
        var (function, route) = await NewResource(numeric: true);

        var answer = await function.InvokeAsync(RestEvents.Rest("POST", $"/{route}", """{"name":"x"}"""));

        answer.StatusCode.Should().Be(400);
        answer.Body.GetProperty("errorMessage").GetString().Should().Contain("a number key is not generated");
    }

    [Test]
    public async Task Put_of_the_collection_creates_with_201_then_replaces_the_whole_item_with_200()
    {
        var (function, route) = await NewResource();

        var created = await function.InvokeAsync(RestEvents.Rest("PUT", $"/{route}", """{"id":"c1","email":"a@example.com","phone":"1"}"""));
        var replaced = await function.InvokeAsync(RestEvents.Rest("PUT", $"/{route}", """{"id":"c1","email":"b@example.com"}"""));

        created.StatusCode.Should().Be(201);
        created.Header("Location").Should().Be($"/Prod/{route}/c1");
        replaced.StatusCode.Should().Be(200);
        replaced.Header("Location").Should().BeNull();
        (await Get(function, route, "c1")).GetRawText().Should().Be("""{"id":"c1","email":"b@example.com"}""", "PUT replaces: the phone is gone");
    }

    [Test]
    public async Task Put_stores_every_JSON_kind_as_itself_null_and_booleans_among_them()
    {
        var (function, route) = await NewResource();
        const string body = """{"id":"k1","nothing":null,"yes":true,"no":false,"list":[null,true,1,"a",[]],"map":{"n":null,"m":{}}}""";

        var answer = await function.InvokeAsync(RestEvents.Rest("PUT", $"/{route}/k1", body));

        answer.StatusCode.Should().Be(201, answer.Text);
        var stored = await Get(function, route, "k1");
        JsonNode.DeepEquals(JsonNode.Parse(stored.GetRawText()), JsonNode.Parse(body)).Should().BeTrue(stored.GetRawText());
    }

    [Test]
    public async Task Put_of_the_collection_without_the_key_is_refused()
    {
        var (function, route) = await NewResource();

        var answer = await function.InvokeAsync(RestEvents.Rest("PUT", $"/{route}", """{"email":"a@example.com"}"""));

        answer.StatusCode.Should().Be(400);
        answer.Body.GetProperty("errorMessage").GetString().Should().Contain("has no \"id\"");
    }

    [Test]
    public async Task Put_of_an_item_takes_its_key_from_the_path_and_refuses_a_body_key_that_differs()
    {
        var (function, route) = await NewResource(numeric: true);

        var fromPath = await function.InvokeAsync(RestEvents.Rest("PUT", $"/{route}/7", """{"qty":1}"""));
        var sameNumber = await function.InvokeAsync(RestEvents.Rest("PUT", $"/{route}/7", """{"id":7.0,"qty":2}"""));
        var other = await function.InvokeAsync(RestEvents.Rest("PUT", $"/{route}/7", """{"id":8,"qty":3}"""));

        fromPath.StatusCode.Should().Be(201);
        sameNumber.StatusCode.Should().Be(200, "7.0 is the number 7, as DynamoDB compares keys");
        other.StatusCode.Should().Be(400);
        other.Body.GetProperty("errorMessage").GetString().Should().Contain("does not match the path's id");
        (await Get(function, route, "7")).GetProperty("qty").GetRawText().Should().Be("2");
    }

    [Test]
    public async Task Patch_sets_the_bodys_attributes_removes_those_given_as_null_and_keeps_the_rest()
    {
        var (function, route) = await NewResource();
        await function.InvokeAsync(RestEvents.Rest("PUT", $"/{route}/c1", """{"email":"a@example.com","phone":"1","name":"Ann"}"""));

        var answer = await function.InvokeAsync(RestEvents.Rest("PATCH", $"/{route}/c1", """{"email":"b@example.com","phone":null,"id":"c1"}"""));

        answer.StatusCode.Should().Be(200, answer.Text);
        var item = answer.Body;
        item.GetProperty("email").GetString().Should().Be("b@example.com");
        item.TryGetProperty("phone", out _).Should().BeFalse();
        item.GetProperty("name").GetString().Should().Be("Ann");
        (await Get(function, route, "c1")).GetRawText().Should().Be(item.GetRawText());
    }

    [Test]
    public async Task Patch_of_a_missing_item_is_a_404_and_creates_nothing()
    {
        var (function, route) = await NewResource();

        var answer = await function.InvokeAsync(RestEvents.Rest("PATCH", $"/{route}/ghost", """{"email":"b@example.com"}"""));

        answer.StatusCode.Should().Be(404);
        answer.Body.GetProperty("errorType").GetString().Should().Be("ItemNotFound");
        (await function.InvokeAsync(RestEvents.Rest("GET", $"/{route}/ghost"))).StatusCode.Should().Be(404);
    }

    [Test]
    public async Task Delete_answers_204_without_a_body_then_404_when_there_is_nothing_to_delete()
    {
        var (function, route) = await NewResource();
        await function.InvokeAsync(RestEvents.Rest("PUT", $"/{route}/d1", """{"v":1}"""));

        var deleted = await function.InvokeAsync(RestEvents.Rest("DELETE", $"/{route}/d1"));
        var again = await function.InvokeAsync(RestEvents.Rest("DELETE", $"/{route}/d1"));

        deleted.StatusCode.Should().Be(204);
        deleted.BodyText.Should().BeEmpty();
        again.StatusCode.Should().Be(404);
        again.Body.GetProperty("errorType").GetString().Should().Be("ItemNotFound");
    }

    [Test]
    public async Task Get_of_the_collection_with_the_key_in_the_query_answers_the_item_or_404_as_seed_001_checks_a_customer()
    {
        var (function, route) = await NewResource();
        await function.InvokeAsync(RestEvents.Rest("PUT", $"/{route}", """{"id":"42","name":"Ann"}"""));

        var found = await function.InvokeAsync(RestEvents.Rest("GET", $"/{route}", query: new Dictionary<string, string> { ["id"] = "42" }));
        var missing = await function.InvokeAsync(RestEvents.Rest("GET", $"/{route}", query: new Dictionary<string, string> { ["id"] = "43" }));

        found.StatusCode.Should().Be(200);
        found.Body.GetProperty("name").GetString().Should().Be("Ann");
        missing.StatusCode.Should().Be(404);
    }

    [Test]
    public async Task A_number_key_of_38_digits_and_number_attributes_come_back_with_every_digit()
    {
        var (function, route) = await NewResource(numeric: true);
        const string Key = "12345678901234567890123456789012345678";

        var put = await function.InvokeAsync(RestEvents.Rest("PUT", $"/{route}/{Key}", """{"price":0.12345678901234567890123456789012345678}"""));
        var read = await function.InvokeAsync(RestEvents.Rest("GET", $"/{route}/{Key}"));

        put.StatusCode.Should().Be(201);
        put.Header("Location").Should().Be($"/Prod/{route}/{Key}");
        read.Body.GetProperty("id").GetRawText().Should().Be(Key);
        read.Body.GetProperty("price").GetRawText().Should().Be("0.12345678901234567890123456789012345678");
    }

    [Test]
    public async Task Pages_hold_limit_items_each_item_once_and_the_last_page_has_no_NextToken()
    {
        var (function, route) = await NewResource();
        await Fill(route, 250);

        var (seen, pages) = await ReadAllPages(function, route, limit: 100);

        seen.Should().HaveCount(250).And.OnlyHaveUniqueItems();
        pages.Select(page => page.Count).Should().Equal(100, 100, 50);
    }

    [Test]
    public async Task A_table_that_ends_exactly_at_a_page_boundary_gives_that_page_no_NextToken()
    {
        var (function, route) = await NewResource();
        await Fill(route, 200);

        var (seen, pages) = await ReadAllPages(function, route, limit: 100);

        seen.Should().HaveCount(200).And.OnlyHaveUniqueItems();
        pages.Should().HaveCount(2, "a NextToken is given only when more items follow");
    }

    [Test]
    public async Task A_page_of_large_items_is_filled_past_the_1_MB_a_single_Scan_returns()
    {
        var (function, route) = await NewResource();
        await Fill(route, 30, padding: new string('x', 100_000));

        var page = await function.InvokeAsync(RestEvents.Rest("GET", $"/{route}", query: new Dictionary<string, string> { ["limit"] = "25" }));

        page.StatusCode.Should().Be(200);
        page.Body.GetProperty("Items").GetArrayLength().Should().Be(25, "2.5 MB of items take three Scans, and the page is filled, not cut short");
        page.Body.TryGetProperty("NextToken", out _).Should().BeTrue();
    }

    [Test]
    public async Task A_changed_or_made_up_NextToken_or_one_of_another_route_is_a_400_not_a_scan_from_elsewhere()
    {
        var (function, route) = await NewResource();
        await Fill(route, 5);
        var token = (await function.InvokeAsync(RestEvents.Rest("GET", $"/{route}", query: new Dictionary<string, string> { ["limit"] = "2" })))
            .Body.GetProperty("NextToken").GetString()!;
        var tampered = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
        var other = TestFunction.Against(DynaliteSetUp.Endpoint, RestEvents.Variables($"{route}={route}:id,other={route}:id"));
        var otherToken = (await other.InvokeAsync(RestEvents.Rest("GET", "/other", query: new Dictionary<string, string> { ["limit"] = "2" })))
            .Body.GetProperty("NextToken").GetString()!;

        foreach (var (given, expected) in new[] { (tampered, "not one this API issued"), ("bm90IGEgdG9rZW4", "not one this API issued"), (otherToken, "belongs to GET /other") })
        {
            var answer = await function.InvokeAsync(RestEvents.Rest("GET", $"/{route}", query: new Dictionary<string, string> { ["nextToken"] = given }));
            answer.StatusCode.Should().Be(400, given);
            answer.Body.GetProperty("errorType").GetString().Should().Be("InvalidRequest");
            answer.Body.GetProperty("errorMessage").GetString().Should().Contain(expected);
        }
    }

    [TestCase("0")]
    [TestCase("1001")]
    [TestCase("ten")]
    [TestCase("")]
    [TestCase("-1")]
    public async Task A_limit_outside_1_to_1000_is_a_400(string limit)
    {
        var (function, route) = await NewResource();

        var answer = await function.InvokeAsync(RestEvents.Rest("GET", $"/{route}", query: new Dictionary<string, string> { ["limit"] = limit }));

        answer.StatusCode.Should().Be(400);
        answer.Body.GetProperty("errorMessage").GetString().Should().Contain("a whole number from 1 to 1000");
    }

    [Test]
    public async Task Health_is_200_when_every_table_answers_and_503_naming_the_one_that_does_not()
    {
        var (_, route) = await NewResource();
        var healthy = TestFunction.Against(DynaliteSetUp.Endpoint, RestEvents.Variables($"{route}={route}:id"));
        var broken = TestFunction.Against(DynaliteSetUp.Endpoint, RestEvents.Variables($"{route}={route}:id,gone=no-such-table:id"));

        var ok = await healthy.InvokeAsync(RestEvents.Rest("GET", "/health"));
        var failing = await broken.InvokeAsync(RestEvents.Rest("GET", "/health"));

        ok.StatusCode.Should().Be(200, ok.Text);
        ok.Body.GetProperty("status").GetString().Should().Be("ok");
        failing.StatusCode.Should().Be(503);
        failing.Body.GetProperty("errorType").GetString().Should().Be("ServiceUnavailable");
        failing.Body.GetProperty("errorMessage").GetString().Should().Contain("no-such-table (/gone): ResourceNotFoundException").And.NotContain($"table {route} ");
        failing.Body.GetProperty("resources")[0].GetProperty("status").GetString().Should().Be("ok");
    }

    [Test]
    public async Task Health_is_503_when_RESOURCES_names_a_key_the_table_does_not_have()
    {
        var (_, route) = await NewResource();
        var function = TestFunction.Against(DynaliteSetUp.Endpoint, RestEvents.Variables($"{route}={route}:sku"));

        var answer = await function.InvokeAsync(RestEvents.Rest("GET", "/health"));

        answer.StatusCode.Should().Be(503);
        answer.Body.GetProperty("errorMessage").GetString().Should().Contain("ValidationException");
    }

    [Test]
    public async Task An_HTTP_API_event_with_the_stage_in_rawPath_and_a_Function_URL_event_without_reach_the_same_item()
    {
        var (function, route) = await NewResource();
        await function.InvokeAsync(RestEvents.Rest("PUT", $"/{route}/a%2Fb", """{"v":1}"""));

        var httpApi = await function.InvokeAsync(RestEvents.HttpApi("GET", $"/Prod/{route}/a%2Fb"));
        var functionUrl = await function.InvokeAsync(RestEvents.HttpApi("GET", $"/{route}/a%2Fb", stage: "$default"));
        var created = await function.InvokeAsync(RestEvents.HttpApi("POST", $"/Prod/{route}", """{"id":"x y"}"""));

        httpApi.StatusCode.Should().Be(200, httpApi.Text);
        httpApi.Body.GetProperty("id").GetString().Should().Be("a/b");
        functionUrl.StatusCode.Should().Be(200);
        created.Header("Location").Should().Be($"/Prod/{route}/x%20y");
    }

    [Test]
    public async Task The_envelope_still_works_beside_the_routes()
    {
        var (function, route) = await NewResource();

        var answer = await function.InvokeAsync(JsonSerializer.Serialize(new
        {
            resource = "/dynamodbmanager",
            path = "/dynamodbmanager",
            httpMethod = "POST",
            requestContext = new { stage = "Prod" },
            body = JsonSerializer.Serialize(new { operation = "create", tableName = route, payload = new { Item = new { id = "e1" } } }),
        }));

        answer.StatusCode.Should().Be(200, answer.Text);
        (await Get(function, route, "e1")).GetProperty("id").GetString().Should().Be("e1");
    }

    private static async Task<(TestFunction Function, string Route)> NewResource(bool numeric = false)
    {
        var route = $"rest-{Interlocked.Increment(ref _tables)}-{Guid.NewGuid():N}"[..20];
        using var client = DynaliteSetUp.AdminClient();
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = route,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("id", numeric ? ScalarAttributeType.N : ScalarAttributeType.S)],
        });
        while ((await client.DescribeTableAsync(route)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(10);
        }

        return (TestFunction.Against(DynaliteSetUp.Endpoint, RestEvents.Variables($"{route}={route}:id{(numeric ? ":N" : "")}")), route);
    }

    private static async Task Fill(string table, int count, string padding = "")
    {
        using var client = DynaliteSetUp.AdminClient();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(25))
        {
            await client.BatchWriteItemAsync(new Dictionary<string, List<WriteRequest>>
            {
                [table] = [.. chunk.Select(i => new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue>
                {
                    ["id"] = new($"item-{i:D4}"),
                    ["padding"] = new(padding + "."),
                })))],
            });
        }
    }

    private static async Task<(List<string> Seen, List<List<string>> Pages)> ReadAllPages(TestFunction function, string route, int limit)
    {
        var seen = new List<string>();
        var pages = new List<List<string>>();
        string? token = null;
        do
        {
            var query = new Dictionary<string, string> { ["limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (token is not null)
            {
                query["nextToken"] = token;
            }

            var page = await function.InvokeAsync(RestEvents.Rest("GET", $"/{route}", query: query));
            page.StatusCode.Should().Be(200, page.Text);
            var ids = page.Body.GetProperty("Items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!).ToList();
            pages.Add(ids);
            seen.AddRange(ids);
            token = page.Body.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null && pages.Count < 100);

        return (seen, pages);
    }

    private static async Task<JsonElement> Get(TestFunction function, string route, string id)
    {
        var answer = await function.InvokeAsync(RestEvents.Rest("GET", $"/{route}/{id}"));
        answer.StatusCode.Should().Be(200, answer.Text);
        return answer.Body;
    }
}
