using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Integration;

/// <summary>
/// <c>ReturnConsumedCapacity</c> and <c>ReturnValuesOnConditionCheckFailure</c> against a real
/// DynamoDB API: accepted on every operation that takes them, and <c>ConsumedCapacity</c> comes back.
/// </summary>
[Category("Dynalite")]
public class ConsumedCapacityTests
{
    private static readonly (string Operation, string Payload)[] Calls =
    [
        ("create", """{"Item":{"id":"c","n":1}}"""),
        ("read", """{"Key":{"id":"c"}}"""),
        ("update", """{"Key":{"id":"c"},"UpdateExpression":"SET n = :n","ExpressionAttributeValues":{":n":2}}"""),
        ("list", """{"Limit":5}"""),
        ("query", """{"KeyConditionExpression":"id = :id","ExpressionAttributeValues":{":id":"c"}}"""),
        ("delete", """{"Key":{"id":"c"}}"""),
    ];

    [TestCase("TOTAL")]
    [TestCase("INDEXES")]
    public async Task Every_operation_that_takes_it_answers_with_ConsumedCapacity(string asked)
    {
        var (function, table) = await NewTable();

        foreach (var (operation, payload) in Calls)
        {
            var answer = await function.Call(operation, table, payload[..^1] + $",\"ReturnConsumedCapacity\":\"{asked}\"}}");

            answer.IsFunctionError.Should().BeFalse(answer.Text);
            var capacity = answer.Json.GetProperty("ConsumedCapacity");
            capacity.GetProperty("TableName").GetString().Should().Be(table, operation);
            capacity.GetProperty("CapacityUnits").GetDouble().Should().BePositive(operation);
            capacity.TryGetProperty("Table", out _).Should().Be(asked == "INDEXES", $"{operation}: per-table detail only for INDEXES");
        }
    }

    [Test]
    public async Task Without_it_no_operation_answers_with_ConsumedCapacity()
    {
        var (function, table) = await NewTable();

        foreach (var (operation, payload) in Calls)
        {
            var answer = await function.Call(operation, table, payload);

            answer.Json.TryGetProperty("ConsumedCapacity", out _).Should().BeFalse(operation);
        }
    }

    [TestCase("create", """{"Item":{"id":"k","v":2},"ConditionExpression":"attribute_not_exists(id)"}""")]
    [TestCase("update", """{"Key":{"id":"k"},"UpdateExpression":"SET v = :v","ConditionExpression":"v > :v","ExpressionAttributeValues":{":v":2}}""")]
    [TestCase("delete", """{"Key":{"id":"k"},"Expected":{"v":{"Value":2}}}""")]
    public async Task ReturnValuesOnConditionCheckFailure_is_accepted_and_a_failed_condition_writes_nothing(string operation, string payload)
    {
        var (function, table) = await NewTable();
        await function.Call("create", table, """{"Item":{"id":"k","v":1}}""");

        var answer = await function.Call(operation, table, payload[..^1] + ",\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}");
        var read = await function.Call("read", table, """{"Key":{"id":"k"},"ConsistentRead":true}""");

        answer.ErrorType.Should().Be("ConditionalCheckFailedException");
        read.Json.GetProperty("Item").GetRawText().Should().Be("""{"id":"k","v":1}""");
        // dynalite ignores the parameter, so no Item comes back here; DynamoDB sends it, and
        // ConditionCheckFailureTests shows it reaching a proxy answer.
        answer.Json.TryGetProperty("Item", out _).Should().BeFalse("a bare envelope's error carries errorType and errorMessage only");
    }

    private static async Task<(TestFunction Function, string Table)> NewTable()
    {
        var name = $"t-{Guid.NewGuid():N}";
        using var admin = DynaliteSetUp.AdminClient();
        await Dynalite.CreateTable(admin, name);
        return (TestFunction.Against(DynaliteSetUp.Endpoint), name);
    }
}
