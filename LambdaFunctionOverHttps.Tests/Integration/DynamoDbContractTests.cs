using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Integration;

/// <summary>The edges of the contract, against a real DynamoDB API; each test owns its table.</summary>
[Category("Dynalite")]
public class DynamoDbContractTests
{
    private const string ThirtyEightDigits = "-1234567890.1234567890123456789012345678";

    [Test]
    public async Task Values_round_trip_exactly_38_digit_numbers_empty_strings_and_nesting_included()
    {
        var (function, table) = await NewTable();
        var item = """
            {"id":"exact","big":{big},"tiny":1.5E-130,"empty":"","flag":true,"nothing":null,"nested":{"list":[1,"",{"deeper":[[]]}],"map":{}}}
            """.With("big", ThirtyEightDigits);

        var created = await function.Call("create", table, """{"Item":{item}}""".With("item", item));
        var read = await function.Call("read", table, """{"Key":{"id":"exact"},"ConsistentRead":true}""");

        created.IsFunctionError.Should().BeFalse(created.Text);
        var readItem = read.Json.GetProperty("Item");
        readItem.GetProperty("big").GetRawText().Should().Be(ThirtyEightDigits);
        readItem.GetProperty("tiny").GetDouble().Should().Be(1.5E-130, "DynamoDB may write a number in another form, never another value");
        readItem.GetProperty("empty").GetString().Should().BeEmpty();
        readItem.GetProperty("nested").GetRawText().Should().Be("""{"list":[1,"",{"deeper":[[]]}],"map":{}}""");
        readItem.EnumerateObject().Select(property => property.Name).Should().BeEquivalentTo("id", "big", "tiny", "empty", "flag", "nothing", "nested");
    }

    [Test]
    public async Task A_number_DynamoDB_cannot_store_is_its_ValidationException()
    {
        var (function, table) = await NewTable();

        var answer = await function.Call("create", table, """{"Item":{"id":"x","n":1.23456789012345678901234567890123456789}}""");

        answer.ErrorType.Should().Be("ValidationException");
        answer.Result.Outcome.StatusCode.Should().Be(400);
    }

    [Test]
    public async Task Pages_of_a_scan_chain_through_LastEvaluatedKey_fed_back_as_ExclusiveStartKey()
    {
        var (function, table) = await NewTable();
        var expected = await Fill(function, table, 25);

        var seen = new List<string>();
        string? startKey = null;
        var pages = 0;
        do
        {
            var start = startKey is null ? "" : $",\"ExclusiveStartKey\":{startKey}";
            var page = await function.Call("list", table, """{"Limit":10{start}}""".With("start", start));
            page.IsFunctionError.Should().BeFalse(page.Text);
            pages++;
            var items = page.Json.GetProperty("Items");
            seen.AddRange(items.EnumerateArray().Select(item => item.GetProperty("id").GetString()!));
            page.Json.GetProperty("Count").GetInt32().Should().Be(items.GetArrayLength());
            startKey = page.Json.TryGetProperty("LastEvaluatedKey", out var last) ? last.GetRawText() : null;
        }
        while (startKey is not null);

        seen.Should().BeEquivalentTo(expected).And.OnlyHaveUniqueItems();
        pages.Should().BeInRange(3, 4, "25 items in pages of 10, perhaps with a final empty page");
    }

    [Test]
    public async Task Parallel_scan_segments_together_cover_every_item_once()
    {
        var (function, table) = await NewTable();
        var expected = await Fill(function, table, 40);

        var segments = await Task.WhenAll(Enumerable.Range(0, 4).Select(segment =>
            function.Call("list", table, """{"Segment":{segment},"TotalSegments":4}""".With("segment", segment))));

        segments.Should().OnlyContain(answer => !answer.IsFunctionError);
        var seen = segments.SelectMany(answer => answer.Json.GetProperty("Items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!));
        seen.Should().BeEquivalentTo(expected).And.OnlyHaveUniqueItems();
    }

    [Test]
    public async Task Filter_projection_and_count_behave_as_DynamoDB_s_scan()
    {
        var (function, table) = await NewTable();
        await Fill(function, table, 10);

        var filtered = await function.Call("list", table, """
            {"FilterExpression":"#n >= :min","ProjectionExpression":"id, #n","ExpressionAttributeNames":{"#n":"number"},"ExpressionAttributeValues":{":min":7}}
            """);
        var counted = await function.Call("list", table, """{"Select":"COUNT"}""");

        filtered.Json.GetProperty("Count").GetInt32().Should().Be(3);
        filtered.Json.GetProperty("ScannedCount").GetInt32().Should().Be(10);
        filtered.Json.GetProperty("Items").EnumerateArray().Select(item => item.EnumerateObject().Count()).Should().AllBeEquivalentTo(2,
            "the projection must be sent as ProjectionExpression, not as the filter");
        counted.Json.TryGetProperty("Items", out _).Should().BeFalse();
        counted.Json.GetProperty("Count").GetInt32().Should().Be(10);
    }

    [Test]
    public async Task A_failed_condition_is_ConditionalCheckFailedException_409_and_writes_nothing()
    {
        var (function, table) = await NewTable();
        (await function.Call("create", table, """{"Item":{"id":"once","v":1}}""")).IsFunctionError.Should().BeFalse();

        var second = await function.Call("create", table, """{"Item":{"id":"once","v":2},"ConditionExpression":"attribute_not_exists(id)"}""");
        var read = await function.Call("read", table, """{"Key":{"id":"once"}}""");

        second.ErrorType.Should().Be("ConditionalCheckFailedException");
        second.Result.Outcome.StatusCode.Should().Be(409);
        read.Json.GetProperty("Item").GetProperty("v").GetInt32().Should().Be(1);
    }

    [Test]
    public async Task A_missing_table_is_ResourceNotFoundException_404()
    {
        var answer = await TestFunction.Against(DynaliteSetUp.Endpoint).Call("read", "no-such-table", """{"Key":{"id":"x"}}""");

        answer.ErrorType.Should().Be("ResourceNotFoundException");
        answer.Result.Outcome.StatusCode.Should().Be(404);
    }

    [Test]
    public async Task A_missing_item_reads_without_an_Item_key_and_deletes_without_Attributes()
    {
        var (function, table) = await NewTable();

        var read = await function.Call("read", table, """{"Key":{"id":"ghost"}}""");
        var delete = await function.Call("delete", table, """{"Key":{"id":"ghost"},"ReturnValues":"ALL_OLD"}""");

        read.Json.EnumerateObject().Select(property => property.Name).Should().Equal("ResponseMetadata");
        delete.Json.EnumerateObject().Select(property => property.Name).Should().Equal("ResponseMetadata");
    }

    [Test]
    public async Task Updates_work_through_expressions_and_every_legacy_action()
    {
        var (function, table) = await NewTable();
        await function.Call("create", table, """{"Item":{"id":"u","count":1,"stale":"x"}}""");

        var legacy = await function.Call("update", table, """
            {"Key":{"id":"u"},"ReturnValues":"ALL_NEW","AttributeUpdates":{"count":{"Value":41,"Action":"ADD"},"stale":{"Action":"DELETE"},"label":{"Value":"new"}}}
            """);
        var expression = await function.Call("update", table, """
            {"Key":{"id":"u"},"UpdateExpression":"SET #c = #c + :one","ConditionExpression":"#c = :expected","ExpressionAttributeNames":{"#c":"count"},"ExpressionAttributeValues":{":one":1,":expected":42},"ReturnValues":"UPDATED_NEW"}
            """);

        legacy.Json.GetProperty("Attributes").GetRawText().Should().Be("""{"id":"u","count":42,"label":"new"}""");
        expression.Json.GetProperty("Attributes").GetRawText().Should().Be("""{"count":43}""");
    }

    [Test]
    public async Task A_composite_key_table_is_served_without_declaring_its_schema()
    {
        var (function, table) = await NewTable(sortKey: "version");
        await function.Call("create", table, """{"Item":{"id":"doc","version":2,"body":"v2"}}""");

        var read = await function.Call("read", table, """{"Key":{"version":2,"id":"doc"}}""");
        var halfKey = await function.Call("read", table, """{"Key":{"id":"doc"}}""");

        read.Json.GetProperty("Item").GetProperty("body").GetString().Should().Be("v2");
        halfKey.ErrorType.Should().Be("ValidationException");
    }

    [Test]
    public async Task A_bad_expression_is_DynamoDB_s_ValidationException_with_its_message()
    {
        var (function, table) = await NewTable();

        var answer = await function.Call("update", table, """{"Key":{"id":"a"},"UpdateExpression":"SET = garbage"}""");

        answer.ErrorType.Should().Be("ValidationException");
        answer.ErrorMessage.Should().Contain("UpdateExpression");
    }

    [Test]
    public async Task A_refused_table_never_reaches_DynamoDB()
    {
        var (_, table) = await NewTable();
        var guarded = TestFunction.Against(DynaliteSetUp.Endpoint, allowedTables: "lambda-apigateway");

        var answer = await guarded.Call("create", table, """{"Item":{"id":"intruder"}}""");

        answer.ErrorType.Should().Be("TableNotAllowed");
        using var admin = DynaliteSetUp.AdminClient();
        (await admin.ScanAsync(new ScanRequest { TableName = table })).Count.Should().Be(0);
    }

    [Test]
    public async Task A_dead_endpoint_surfaces_as_ServiceUnavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var answer = await TestFunction.Against(new Uri($"http://127.0.0.1:{port}")).Call("read", "lambda-apigateway", """{"Key":{"id":"x"}}""");

        answer.ErrorType.Should().Be("ServiceUnavailable");
        answer.Result.Outcome.StatusCode.Should().Be(503);
    }

    private static async Task<(TestFunction Function, string Table)> NewTable(string? sortKey = null)
    {
        var name = $"t-{Guid.NewGuid():N}";
        using var admin = DynaliteSetUp.AdminClient();
        await Dynalite.CreateTable(admin, name, sortKey);
        return (TestFunction.Against(DynaliteSetUp.Endpoint), name);
    }

    private static async Task<List<string>> Fill(TestFunction function, string table, int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"item-{i:D3}").ToList();
        for (var i = 0; i < count; i++)
        {
            var answer = await function.Call("create", table, """{"Item":{"id":"{id}","number":{n}}}""".With("id", ids[i]).With("n", i));
            answer.IsFunctionError.Should().BeFalse(answer.Text);
        }

        return ids;
    }
}
