using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Integration;

/// <summary>batchRead and batchWrite against a real DynamoDB API; each test owns its table.</summary>
[Category("Dynalite")]
public class BatchOperationsTests
{
    private const string ThirtyEightDigits = "-1234567890.1234567890123456789012345678";

    [Test]
    public async Task A_thousand_puts_read_back_with_missing_keys_come_back_whole_in_key_order_with_every_digit()
    {
        var (function, table) = await NewTable();
        var puts = Enumerable.Range(0, 1000).Select(i => """{"PutRequest":{"Item":{"id":"item-{id}","i":{i},"big":{big}}}}""".With("id", i.ToString("D4", CultureInfo.InvariantCulture)).With("i", i).With("big", ThirtyEightDigits));

        var written = await function.Call("batchWrite", table, """{"Requests":[{r}]}""".With("r", string.Join(",", puts)));

        written.IsFunctionError.Should().BeFalse(written.Text);
        written.Json.GetProperty("UnprocessedItems").GetArrayLength().Should().Be(0);
        written.Json.GetProperty("ResponseMetadata").GetProperty("HTTPStatusCode").GetInt32().Should().Be(200);
        (await Count(table)).Should().Be(1000);
        var writeLine = LastLogLine(function);
        writeLine.GetProperty("requests").GetInt32().Should().Be(1000);
        writeLine.GetProperty("calls").GetInt32().Should().Be(41, "40 calls of 25, and DescribeTable once");

        // Every 20th key is one that was never written; the keys are asked in a shuffled order.
        var asked = Enumerable.Range(0, 1050).Select(i => i % 21 == 20 ? $"missing-{i}" : $"item-{i - (i / 21):D4}").ToList();
        new Random(7).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(asked));
        var read = await function.Call("batchRead", table, """{"Keys":[{k}]}""".With("k", string.Join(",", asked.Select(id => """{"id":"{id}"}""".With("id", id)))));

        read.IsFunctionError.Should().BeFalse(read.Text);
        var items = read.Json.GetProperty("Items").EnumerateArray().ToList();
        items.Select(item => item.GetProperty("id").GetString()).Should().Equal(asked.Where(id => id.StartsWith("item-", StringComparison.Ordinal)));
        items.Should().OnlyContain(item => item.GetProperty("big").GetRawText() == ThirtyEightDigits);
        read.Json.GetProperty("UnprocessedKeys").GetArrayLength().Should().Be(0);
        LastLogLine(function).GetProperty("calls").GetInt32().Should().Be(11, "1,050 keys are 11 calls of at most 100");
    }

    [Test]
    public async Task A_batch_of_deletes_removes_the_items_and_keys_match_by_number_value()
    {
        var (function, table) = await NewTable(sortKey: "n");
        var puts = Enumerable.Range(0, 60).Select(i => """{"PutRequest":{"Item":{"id":"a","n":{i},"label":"x{i}"}}}""".With("i", i));
        (await function.Call("batchWrite", table, """{"Requests":[{r}]}""".With("r", string.Join(",", puts)))).IsFunctionError.Should().BeFalse();

        // 10.0 is the item whose n is 10, as DynamoDB sees numbers.
        var deletes = Enumerable.Range(0, 30).Select(i => """{"DeleteRequest":{"Key":{"id":"a","n":{i}.0}}}""".With("i", i));
        var deleted = await function.Call("batchWrite", table, """{"Requests":[{r}]}""".With("r", string.Join(",", deletes)));

        deleted.Json.GetProperty("UnprocessedItems").GetArrayLength().Should().Be(0, deleted.Text);
        (await Count(table)).Should().Be(30);
        var read = await function.Call("batchRead", table,
            """{"Keys":[{k}],"ProjectionExpression":"#l","ExpressionAttributeNames":{"#l":"label"}}""".With("k", string.Join(",", Enumerable.Range(0, 60).Select(i => """{"n":{i}E0,"id":"a"}""".With("i", i)))));
        read.Json.GetProperty("Items").GetRawText().Should().Be(
            "[" + string.Join(",", Enumerable.Range(30, 30).Select(i => """{"label":"x{i}"}""".With("i", i))) + "]",
            "items are matched to keys by value, and a projection without the key attributes still gives only what it names");
    }

    [TestCase("Requests[3].PutRequest.Item and Requests[40].PutRequest.Item", """{"PutRequest":{"Item":{"id":"item-0003","other":1}}}""")]
    [TestCase("has no \"id\"", """{"PutRequest":{"Item":{"number":1}}}""")]
    [TestCase("Requests[40].DeleteRequest.Key are for the same item", """{"DeleteRequest":{"Key":{"id":"item-0030"}}}""")]
    [TestCase("must be a string", """{"PutRequest":{"Item":{"id":40}}}""")]
    [TestCase("more than 38 significant digits", """{"PutRequest":{"Item":{"id":"x","n":[{"m":1.23456789012345678901234567890123456789}]}}}""")]
    [TestCase("Item size has exceeded", null)]
    public async Task A_batch_refused_for_one_request_writes_nothing_at_all(string because, string? request)
    {
        var (function, table) = await NewTable();
        request ??= """{"PutRequest":{"Item":{"id":"big","text":"{x}"}}}""".With("x", new string('x', 410_000));
        var requests = Enumerable.Range(0, 40).Select(i => """{"PutRequest":{"Item":{"id":"item-{id}"}}}""".With("id", i.ToString("D4", CultureInfo.InvariantCulture))).Append(request).Concat(
            Enumerable.Range(41, 40).Select(i => """{"PutRequest":{"Item":{"id":"item-{id}"}}}""".With("id", i.ToString("D4", CultureInfo.InvariantCulture))));

        var answer = await function.Call("batchWrite", table, """{"Requests":[{r}]}""".With("r", string.Join(",", requests)));

        answer.IsFunctionError.Should().BeTrue();
        answer.Result.Outcome.StatusCode.Should().Be(400);
        answer.ErrorMessage.Should().Contain(because);
        (await Count(table)).Should().Be(0, "a refused batch writes nothing");
    }

    [Test]
    public async Task Keys_that_do_not_match_the_table_are_DynamoDB_s_ValidationException()
    {
        var (function, table) = await NewTable();

        var answer = await function.Call("batchRead", table, """{"Keys":[{"pk":"1"},{"pk":"2"}]}""");

        answer.ErrorType.Should().Be("ValidationException");
    }

    [Test]
    public async Task A_batch_on_a_table_that_does_not_exist_is_ResourceNotFoundException()
    {
        var function = TestFunction.Against(DynaliteSetUp.Endpoint);

        var read = await function.Call("batchRead", "no-such-table", """{"Keys":[{"id":"1"}]}""");
        var write = await function.Call("batchWrite", "no-such-table", """{"Requests":[{"PutRequest":{"Item":{"id":"1"}}}]}""");

        read.ErrorType.Should().Be("ResourceNotFoundException");
        write.ErrorType.Should().Be("ResourceNotFoundException");
    }

    private static async Task<(TestFunction Function, string Table)> NewTable(string? sortKey = null)
    {
        var name = $"t-{Guid.NewGuid():N}";
        using var admin = DynaliteSetUp.AdminClient();
        await Dynalite.CreateTable(admin, name, sortKey);
        return (TestFunction.Against(DynaliteSetUp.Endpoint), name);
    }

    private static async Task<int> Count(string table)
    {
        using var admin = DynaliteSetUp.AdminClient();
        return (await admin.ScanAsync(new ScanRequest { TableName = table, Select = Amazon.DynamoDBv2.Select.COUNT })).Count ?? 0;
    }

    private static JsonElement LastLogLine(TestFunction function) =>
        JsonDocument.Parse(function.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last()).RootElement;
}
