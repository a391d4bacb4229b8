using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Integration;

/// <summary>
/// <c>query</c> against a real DynamoDB API, on a table with a composite key (<c>customer</c> +
/// <c>placed</c>) and a global secondary index (<c>by-status</c>: <c>status</c> + <c>placed</c>).
/// </summary>
[Category("Dynalite")]
public class QueryTests
{
    private const string ThirtyEightDigits = "12345678901234567890123456789012345678";

    // c-1 placed 30 orders on 2026-01-01 … 2026-01-30; c-2 placed 3. Every third order is shipped.
    private static readonly string[] Days = Enumerable.Range(1, 30).Select(day => $"2026-01-{day:00}").ToArray();

    private TestFunction _function = null!;
    private string _table = null!;

    [OneTimeSetUp]
    public async Task CreateTheOrdersTable()
    {
        _table = $"orders-{Guid.NewGuid():N}";
        using var admin = DynaliteSetUp.AdminClient();
        await admin.CreateTableAsync(new CreateTableRequest
        {
            TableName = _table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement("customer", KeyType.HASH), new KeySchemaElement("placed", KeyType.RANGE)],
            AttributeDefinitions =
            [
                new AttributeDefinition("customer", ScalarAttributeType.S),
                new AttributeDefinition("placed", ScalarAttributeType.S),
                new AttributeDefinition("status", ScalarAttributeType.S),
            ],
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = "by-status",
                    KeySchema = [new KeySchemaElement("status", KeyType.HASH), new KeySchemaElement("placed", KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        });
        while ((await admin.DescribeTableAsync(_table)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(10);
        }

        // Written behind the function's back, so that no code of the function runs outside a test:
        // a mutation tool counts what each test runs, and code run here would belong to none.
        for (var i = 0; i < Days.Length; i++)
        {
            await Seed(admin, "c-1", Days[i], i % 3 == 0 ? "shipped" : "open", $"{i + 1}", big: ThirtyEightDigits);
        }

        for (var day = 1; day <= 3; day++)
        {
            await Seed(admin, "c-2", $"2026-02-0{day}", "shipped", $"{100 + day}", big: null);
        }
    }

    [SetUp]
    public void NewFunction() => _function = TestFunction.Against(DynaliteSetUp.Endpoint);

    [Test]
    public async Task By_partition_key_every_item_of_that_key_comes_back_in_sort_key_order_with_exact_numbers()
    {
        var answer = await Query("""{"KeyConditionExpression":"customer = :c","ExpressionAttributeValues":{":c":"c-1"}}""");

        Placed(answer).Should().Equal(Days);
        answer.GetProperty("Count").GetInt32().Should().Be(30);
        answer.GetProperty("ScannedCount").GetInt32().Should().Be(30);
        answer.TryGetProperty("LastEvaluatedKey", out _).Should().BeFalse("there is nothing more");
        answer.GetProperty("Items")[0].GetProperty("big").GetRawText().Should().Be(ThirtyEightDigits);
        answer.EnumerateObject().Select(property => property.Name).Should().Equal("Items", "Count", "ScannedCount", "ResponseMetadata");
    }

    [TestCase("placed BETWEEN :from AND :to", """{":from":"2026-01-10",":to":"2026-01-12"}""", new[] { "2026-01-10", "2026-01-11", "2026-01-12" })]
    [TestCase("placed < :to", """{":to":"2026-01-03"}""", new[] { "2026-01-01", "2026-01-02" })]
    [TestCase("begins_with(placed, :prefix)", """{":prefix":"2026-01-2"}""", new[] { "2026-01-20", "2026-01-21", "2026-01-22", "2026-01-23", "2026-01-24", "2026-01-25", "2026-01-26", "2026-01-27", "2026-01-28", "2026-01-29" })]
    public async Task A_sort_key_condition_narrows_the_partition_to_its_range(string condition, string values, string[] expected)
    {
        var answer = await Query($$"""{"KeyConditionExpression":"customer = :c AND {{condition}}","ExpressionAttributeValues":""" + values[..^1] + """,":c":"c-1"}}""");

        Placed(answer).Should().Equal(expected);
    }

    [Test]
    public async Task ScanIndexForward_false_returns_the_partition_newest_first()
    {
        var answer = await Query("""{"KeyConditionExpression":"customer = :c","ExpressionAttributeValues":{":c":"c-1"},"ScanIndexForward":false,"Limit":3}""");

        Placed(answer).Should().Equal("2026-01-30", "2026-01-29", "2026-01-28");
    }

    [Test]
    public async Task A_filter_drops_items_after_reading_them_so_ScannedCount_counts_them_and_Count_does_not()
    {
        var answer = await Query("""{"KeyConditionExpression":"customer = :c","FilterExpression":"#s = :s","ExpressionAttributeNames":{"#s":"status"},"ExpressionAttributeValues":{":c":"c-1",":s":"shipped"}}""");

        Placed(answer).Should().Equal(Days.Where((_, i) => i % 3 == 0));
        answer.GetProperty("Count").GetInt32().Should().Be(10);
        answer.GetProperty("ScannedCount").GetInt32().Should().Be(30);
    }

    [Test]
    public async Task A_projection_returns_only_the_attributes_it_names()
    {
        var answer = await Query("""{"KeyConditionExpression":"customer = :c AND placed = :p","ProjectionExpression":"placed, #t","ExpressionAttributeNames":{"#t":"total"},"ExpressionAttributeValues":{":c":"c-1",":p":"2026-01-05"}}""");

        answer.GetProperty("Items").GetRawText().Should().Be("""[{"placed":"2026-01-05","total":5}]""");
    }

    [Test]
    public async Task Select_COUNT_answers_the_counts_without_Items_as_boto3_does()
    {
        var answer = await Query("""{"KeyConditionExpression":"customer = :c","ExpressionAttributeValues":{":c":"c-2"},"Select":"COUNT"}""");

        answer.TryGetProperty("Items", out _).Should().BeFalse();
        answer.GetProperty("Count").GetInt32().Should().Be(3);
        answer.GetProperty("ScannedCount").GetInt32().Should().Be(3);
    }

    [Test]
    public async Task On_an_index_the_items_of_the_index_key_come_back_across_table_partitions()
    {
        var answer = await Query("""{"IndexName":"by-status","KeyConditionExpression":"#s = :s AND placed >= :from","ExpressionAttributeNames":{"#s":"status"},"ExpressionAttributeValues":{":s":"shipped",":from":"2026-01-25"}}""");

        answer.GetProperty("Items").EnumerateArray()
            .Select(item => $"{item.GetProperty("customer").GetString()} {item.GetProperty("placed").GetString()}")
            .Should().Equal("c-1 2026-01-25", "c-1 2026-01-28", "c-2 2026-02-01", "c-2 2026-02-02", "c-2 2026-02-03");
    }

    [TestCase(null)]
    [TestCase("by-status")]
    public async Task Paged_with_Limit_and_LastEvaluatedKey_fed_back_every_item_comes_once_in_order(string? index)
    {
        var condition = index is null
            ? """ "KeyConditionExpression":"customer = :k","ExpressionAttributeValues":{":k":"c-1"} """
            : """ "IndexName":"by-status","KeyConditionExpression":"#s = :k","ExpressionAttributeNames":{"#s":"status"},"ExpressionAttributeValues":{":k":"shipped"} """;
        var seen = new List<string>();
        var pages = 0;
        string? startKey = null;
        do
        {
            var answer = await Query("{" + condition + ",\"Limit\":4" + (startKey is null ? string.Empty : ",\"ExclusiveStartKey\":" + startKey) + "}");
            seen.AddRange(answer.GetProperty("Items").EnumerateArray().Select(item => $"{item.GetProperty("customer").GetString()} {item.GetProperty("placed").GetString()}"));
            startKey = answer.TryGetProperty("LastEvaluatedKey", out var lastKey) ? lastKey.GetRawText() : null;
            pages++;
        }
        while (startKey is not null && pages < 20);

        var expected = index is null
            ? Days.Select(day => $"c-1 {day}").ToList()
            : Days.Where((_, i) => i % 3 == 0).Select(day => $"c-1 {day}").Concat(["c-2 2026-02-01", "c-2 2026-02-02", "c-2 2026-02-03"]).ToList();
        seen.Should().Equal(expected);
        pages.Should().BeInRange(expected.Count / 4, (expected.Count / 4) + 1);
    }

    [TestCase("""{"KeyConditionExpression":"total = :t","ExpressionAttributeValues":{":t":1}}""")]
    [TestCase("""{"KeyConditionExpression":"customer = :c","ExpressionAttributeValues":{":c":"c-1"},"IndexName":"no-such-index"}""")]
    [TestCase("""{"KeyConditionExpression":"customer = :c"}""")]
    public async Task A_query_DynamoDB_refuses_is_its_ValidationException_and_a_400(string payload)
    {
        var answer = await _function.Call("query", _table, payload);

        answer.IsFunctionError.Should().BeTrue();
        answer.ErrorType.Should().Be("ValidationException");
        answer.ErrorMessage.Should().NotBeNullOrWhiteSpace();
    }

    private static IEnumerable<string> Placed(JsonElement answer) =>
        answer.GetProperty("Items").EnumerateArray().Select(item => item.GetProperty("placed").GetString()!);

    private async Task<JsonElement> Query(string payload)
    {
        var answer = await _function.Call("query", _table, payload);
        answer.IsFunctionError.Should().BeFalse(answer.Text);
        return answer.Json;
    }

    private async Task Seed(AmazonDynamoDBClient admin, string customer, string placed, string status, string total, string? big)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["customer"] = new() { S = customer },
            ["placed"] = new() { S = placed },
            ["status"] = new() { S = status },
            ["total"] = new() { N = total },
        };
        if (big is not null)
        {
            item["big"] = new AttributeValue { N = big };
        }

        await admin.PutItemAsync(new PutItemRequest { TableName = _table, Item = item });
    }
}
