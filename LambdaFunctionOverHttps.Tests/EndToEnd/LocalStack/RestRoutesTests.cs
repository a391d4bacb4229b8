using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using FluentAssertions;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>
/// The REST routes through the local stack as a developer starts it (<c>--resources</c>, an API key),
/// over real HTTP: every route and status, paging a thousand items, tokens that are refused, exact
/// numbers, concurrent PATCHes, and a clear 4xx for every bad input.
/// </summary>
[Category("LocalStack")]
[Platform("Linux,MacOsX", Reason = "The stack is stopped with kill(1).")]
public class RestRoutesTests
{
    private const string ApiKey = "rest-test-key";
    private const string Resources = "product=products:id,customers=customer_ids:id,orders=orders:orderId:N";

    private LocalStackProcess _stack = null!;
    private StackHttp _http = null!;

    [OneTimeSetUp]
    public async Task StartStack()
    {
        _stack = await LocalStackProcess.StartAsync("--api-key", ApiKey, "--resources", Resources);
        _http = new StackHttp(_stack.ApiUrl, ApiKey);
    }

    [OneTimeTearDown]
    public async Task StopStack()
    {
        _http.Dispose();
        await _stack.StopAsync();
        await _stack.DisposeAsync();
    }

    [Test]
    public void The_banner_lists_the_routes_the_OpenAPI_document_and_a_curl_example()
    {
        _stack.Output.Should().Contain("Routes     /product, /product/{id} → products (id); /customers, /customers/{id} → customer_ids (id); /orders, /orders/{id} → orders (orderId, a number); GET /health")
            .And.Contain("Tables     lambda-apigateway (created), products (created), customer_ids (created), orders (created)")
            .And.Contain($"OpenAPI    {Url("/openapi.json")}")
            .And.Contain("tokens do not outlive the stack")
            .And.Contain($"curl -s {Url("/product")} -H 'content-type: application/json' -H \"x-api-key: $DYNAMODBMANAGER_API_KEY\" -d '{{\"name\": \"example\"}}'");
    }

    [Test]
    public async Task Each_route_answers_its_statuses_over_HTTP()
    {
        var created = await Send("POST", "/Prod/product", """{"name":"Widget","price":12.5}""");
        created.Status.Should().Be(HttpStatusCode.Created, created.Body);
        var id = created.Json.GetProperty("id").GetString()!;
        created.Header("Location").Should().Be($"/Prod/product/{id}");

        (await Send("GET", $"/product/{id}")).Json.GetProperty("name").GetString().Should().Be("Widget");
        (await Send("POST", "/product", $$"""{"id":"{{id}}"}""")).Status.Should().Be(HttpStatusCode.Conflict);
        (await Send("PUT", $"/product/{id}", """{"name":"Gadget"}""")).Status.Should().Be(HttpStatusCode.OK);
        (await Send("PUT", "/product/new-one", """{"name":"New"}""")).Status.Should().Be(HttpStatusCode.Created);
        (await Send("PUT", "/customers", """{"id":"c-1","name":"Ann"}""")).Status.Should().Be(HttpStatusCode.Created);
        (await Send("PUT", "/customers", """{"id":"c-1","name":"Ann B"}""")).Status.Should().Be(HttpStatusCode.OK);
        (await Send("GET", "/customers?id=c-1")).Json.GetProperty("name").GetString().Should().Be("Ann B");
        (await Send("GET", "/customers?id=c-2")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Send("PATCH", $"/product/{id}", """{"color":"red"}""")).Json.GetProperty("color").GetString().Should().Be("red");
        (await Send("PATCH", "/product/missing", """{"color":"red"}""")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Send("GET", "/product/missing")).Status.Should().Be(HttpStatusCode.NotFound);
        var deleted = await Send("DELETE", $"/product/{id}");
        deleted.Status.Should().Be(HttpStatusCode.NoContent);
        deleted.Body.Should().BeEmpty();
        (await Send("DELETE", $"/product/{id}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Send("GET", "/health")).Json.GetProperty("status").GetString().Should().Be("ok");
        (await Send("GET", "/Prod/health")).Status.Should().Be(HttpStatusCode.OK);

        var unknown = await Send("GET", "/nowhere");
        unknown.Status.Should().Be(HttpStatusCode.NotFound);
        unknown.Header("x-amzn-errortype").Should().Be("RouteNotFound");
        var wrongMethod = await Send("DELETE", "/product");
        wrongMethod.Status.Should().Be(HttpStatusCode.MethodNotAllowed);
        wrongMethod.Header("Allow").Should().Be("GET, POST, PUT, OPTIONS");

        using var noKey = new StackHttp(_stack.ApiUrl);
        (await noKey.SendAsync(noKey.Request(HttpMethod.Get, url: new Uri(Url("/product"))))).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_thousand_items_page_through_limit_and_nextToken_each_exactly_once()
    {
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = _stack.DynamoDbEndpoint.ToString(), AuthenticationRegion = "us-east-1" });
        await client.CreateTableAsync(new CreateTableRequest("paged", [new KeySchemaElement("id", KeyType.HASH)],
            [new AttributeDefinition("id", ScalarAttributeType.S)], null)
        { BillingMode = BillingMode.PAY_PER_REQUEST });
        while ((await client.DescribeTableAsync("paged")).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(10);
        }

        foreach (var chunk in Enumerable.Range(0, 1000).Chunk(25))
        {
            await client.BatchWriteItemAsync(new Dictionary<string, List<WriteRequest>>
            {
                ["paged"] = [.. chunk.Select(i => new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue> { ["id"] = new($"p{i:D4}") })))],
            });
        }

        await using var stack = await LocalStackProcess.StartAsync("--dynamodb", _stack.DynamoDbEndpoint.ToString(), "--resources", "paged=paged:id");
        using var http = new StackHttp(stack.ApiUrl);
        var seen = new List<string>();
        var pages = new List<int>();
        string? token = null;
        do
        {
            var page = await http.SendAsync(http.Request(HttpMethod.Get, url: new Uri(stack.ApiUrl, "/paged?limit=137" + (token is null ? "" : "&nextToken=" + token))));
            page.Status.Should().Be(HttpStatusCode.OK, page.Body);
            var ids = page.Json.GetProperty("Items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!).ToList();
            seen.AddRange(ids);
            pages.Add(ids.Count);
            token = page.Json.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null && pages.Count < 50);

        await stack.StopAsync();
        seen.Should().BeEquivalentTo(Enumerable.Range(0, 1000).Select(i => $"p{i:D4}"), "each item exactly once");
        seen.Should().OnlyHaveUniqueItems();
        pages.Should().Equal(137, 137, 137, 137, 137, 137, 137, 41);
    }

    [Test]
    public async Task A_forged_token_and_one_of_another_route_are_400s()
    {
        foreach (var id in new[] { "t1", "t2", "t3" })
        {
            await Send("PUT", $"/customers/{id}", "{}");
            await Send("PUT", $"/product/{id}", "{}");
        }

        var token = (await Send("GET", "/customers?limit=1")).Json.GetProperty("NextToken").GetString()!;
        var forged = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new { v = 1, r = "customers", t = "customer_ids", k = new { id = "t2" } }))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_') + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        var otherRoute = await Send("GET", "/product?nextToken=" + token);
        var made = await Send("GET", "/customers?nextToken=" + forged);

        otherRoute.Status.Should().Be(HttpStatusCode.BadRequest);
        otherRoute.Json.GetProperty("errorMessage").GetString().Should().Contain("belongs to GET /customers");
        made.Status.Should().Be(HttpStatusCode.BadRequest);
        made.Json.GetProperty("errorMessage").GetString().Should().Contain("not one this API issued");
        (await Send("GET", "/customers?nextToken=" + token)).Status.Should().Be(HttpStatusCode.OK, "the token itself is good on its own route");
    }

    [Test]
    public async Task A_number_key_of_38_digits_keeps_every_digit_in_the_path_the_Location_and_the_item()
    {
        const string Key = "98765432109876543210987654321098765432";

        var created = await Send("POST", "/orders", $$"""{"orderId":{{Key}},"total":1234567890.123456789012345678901234567}""");
        var read = await Send("GET", $"/orders/{Key}");

        created.Status.Should().Be(HttpStatusCode.Created, created.Body);
        created.Header("Location").Should().Be($"/orders/{Key}");
        read.Json.GetProperty("orderId").GetRawText().Should().Be(Key);
        read.Json.GetProperty("total").GetRawText().Should().Be("1234567890.123456789012345678901234567");
    }

    [Test]
    public async Task Patch_with_null_removes_the_attribute()
    {
        await Send("PUT", "/customers/n-1", """{"email":"a@example.com","phone":"555"}""");

        var patched = await Send("PATCH", "/customers/n-1", """{"phone":null}""");

        patched.Json.TryGetProperty("phone", out _).Should().BeFalse();
        (await Send("GET", "/customers/n-1")).Json.GetRawText().Should().NotContain("phone");
    }

    [Test]
    public async Task Concurrent_PATCHes_of_different_attributes_of_one_item_all_survive()
    {
        await Send("PUT", "/customers/busy", """{"name":"Busy"}""");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Send("PATCH", "/customers/busy", $$"""{"a{{i}}":{{i}}}""")));

        answers.Should().OnlyContain(answer => answer.Status == HttpStatusCode.OK);
        var item = (await Send("GET", "/customers/busy")).Json;
        var names = item.EnumerateObject().Select(property => property.Name).ToList();
        names.Should().Contain(Enumerable.Range(0, 20).Select(i => $"a{i}"), "no PATCH overwrote another's attribute");
        item.GetProperty("name").GetString().Should().Be("Busy");
    }

    [TestCase("POST", "/product", "{\"name\":", "not valid JSON")]
    [TestCase("POST", "/product", "[]", "must be a JSON object")]
    [TestCase("POST", "/product", "", "The request body is empty")]
    [TestCase("POST", "/orders", """{"total":1}""", "a number key is not generated")]
    [TestCase("GET", "/orders/twelve", "", "is not a number")]
    [TestCase("GET", "/product?limit=5000", "", "a whole number from 1 to 1000")]
    [TestCase("GET", "/product?nextToken=garbage", "", "not one this API issued")]
    [TestCase("GET", "/product?sort=name", "", "Unknown query parameter \"sort\"")]
    [TestCase("PUT", "/product/a", """{"id":"b"}""", "does not match the path's id")]
    [TestCase("PUT", "/customers", """{"name":"no key"}""", "has no \"id\"")]
    [TestCase("PATCH", "/product/a", """{"id":7}""", "must be a string")]
    public async Task Every_bad_input_is_a_400_with_its_type_and_a_message_saying_what_is_wrong(string method, string path, string body, string message)
    {
        var answer = await Send(method, path, body.Length == 0 ? null : body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest, answer.Body);
        answer.Header("x-amzn-errortype").Should().Be("InvalidRequest");
        answer.Json.GetProperty("errorType").GetString().Should().Be("InvalidRequest");
        answer.Json.GetProperty("errorMessage").GetString().Should().Contain(message);
    }

    [Test]
    public async Task The_OpenAPI_document_is_served_without_a_key_naming_this_stack_and_its_routes()
    {
        using var noKey = new StackHttp(_stack.ApiUrl);

        var document = await noKey.SendAsync(noKey.Request(HttpMethod.Get, url: new Uri(Url("/openapi.json"))));

        document.Status.Should().Be(HttpStatusCode.OK);
        document.Json.GetProperty("openapi").GetString().Should().Be("3.1.0");
        document.Json.GetProperty("servers")[0].GetProperty("url").GetString().Should().Be(Url(""));
        document.Json.GetProperty("paths").EnumerateObject().Select(path => path.Name).Should()
            .Contain(["/dynamodbmanager", "/health", "/product", "/product/{id}", "/orders/{id}"]);
    }

    [TestCase("product=products", 2, "RESOURCES entry \"product=products\" is not usable")]
    [TestCase("product=products:id", 1, "The function cannot start: RESOURCES entry \"product=products:id\" is not usable: its table \"products\" is not in ALLOWED_TABLES")]
    public async Task A_resources_value_the_function_cannot_serve_stops_the_start_with_the_reason(string resources, int exitCode, string message)
    {
        await using var stack = await LocalStackProcess.RunToExitAsync(
            new Dictionary<string, string?> { ["ALLOWED_TABLES"] = "lambda-apigateway" }, "--resources", resources);

        stack.ExitCode.Should().Be(exitCode, stack.Output);
        stack.Output.Should().Contain(message);
    }

    private string Url(string path) => _stack.ApiUrl.GetLeftPart(UriPartial.Authority) + path;

    private Task<StackResponse> Send(string method, string path, string? body = null) =>
        _http.SendAsync(_http.Request(new HttpMethod(method), body, new Uri(Url(path))));
}
