using Amazon.DynamoDBv2.Model;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Integration;

/// <summary>
/// The legacy <c>Expected</c> and <c>ConditionalOperator</c>, sent as condition expressions, decide
/// writes against a real DynamoDB API exactly as the legacy conditions are documented to.
/// </summary>
[Category("Dynalite")]
public class LegacyConditionTests
{
    // The one item every test's condition is checked against: {"id":"e","n":5,"s":"hello world"}.
    private TestFunction _function = null!;
    private string _table = null!;

    [OneTimeSetUp]
    public async Task CreateTableWithOneItem()
    {
        _table = $"t-{Guid.NewGuid():N}";
        using var admin = DynaliteSetUp.AdminClient();
        await Dynalite.CreateTable(admin, _table);
        // Written behind the function's back, so that no code of the function runs outside a test:
        // a mutation tool counts what each test runs, and code run here would belong to none.
        await admin.PutItemAsync(new PutItemRequest
        {
            TableName = _table,
            Item = new() { ["id"] = new() { S = "e" }, ["n"] = new() { N = "5" }, ["s"] = new() { S = "hello world" } },
        });
    }

    [SetUp]
    public void NewFunction() => _function = TestFunction.Against(DynaliteSetUp.Endpoint);

    [TestCase("""{"n":{"Value":5}}""", true)]
    [TestCase("""{"n":{"Value":6}}""", false)]
    [TestCase("""{"n":{"Value":5,"Exists":true}}""", true)]
    [TestCase("""{"missing":{"Exists":false}}""", true)]
    [TestCase("""{"n":{"Exists":false}}""", false)]
    [TestCase("""{"n":{"ComparisonOperator":"EQ","AttributeValueList":[5]}}""", true)]
    [TestCase("""{"n":{"ComparisonOperator":"EQ","AttributeValueList":[4]}}""", false)]
    [TestCase("""{"n":{"ComparisonOperator":"NE","AttributeValueList":[4]}}""", true)]
    [TestCase("""{"n":{"ComparisonOperator":"NE","AttributeValueList":[5]}}""", false)]
    [TestCase("""{"n":{"ComparisonOperator":"LE","AttributeValueList":[5]}}""", true)]
    [TestCase("""{"n":{"ComparisonOperator":"LE","AttributeValueList":[4]}}""", false)]
    [TestCase("""{"n":{"ComparisonOperator":"LT","AttributeValueList":[6]}}""", true)]
    [TestCase("""{"n":{"ComparisonOperator":"LT","AttributeValueList":[5]}}""", false)]
    [TestCase("""{"n":{"ComparisonOperator":"GE","AttributeValueList":[5]}}""", true)]
    [TestCase("""{"n":{"ComparisonOperator":"GE","AttributeValueList":[6]}}""", false)]
    [TestCase("""{"n":{"ComparisonOperator":"GT","AttributeValueList":[4]}}""", true)]
    [TestCase("""{"n":{"ComparisonOperator":"GT","Value":5}}""", false)]
    [TestCase("""{"n":{"ComparisonOperator":"NOT_NULL"}}""", true)]
    [TestCase("""{"missing":{"ComparisonOperator":"NOT_NULL"}}""", false)]
    [TestCase("""{"missing":{"ComparisonOperator":"NULL"}}""", true)]
    [TestCase("""{"n":{"ComparisonOperator":"NULL"}}""", false)]
    [TestCase("""{"s":{"ComparisonOperator":"CONTAINS","AttributeValueList":["world"]}}""", true)]
    [TestCase("""{"s":{"ComparisonOperator":"CONTAINS","AttributeValueList":["moon"]}}""", false)]
    [TestCase("""{"s":{"ComparisonOperator":"NOT_CONTAINS","AttributeValueList":["moon"]}}""", true)]
    [TestCase("""{"s":{"ComparisonOperator":"NOT_CONTAINS","AttributeValueList":["world"]}}""", false)]
    [TestCase("""{"s":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":["hello"]}}""", true)]
    [TestCase("""{"s":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":["world"]}}""", false)]
    [TestCase("""{"n":{"ComparisonOperator":"IN","AttributeValueList":[1,5,9]}}""", true)]
    [TestCase("""{"n":{"ComparisonOperator":"IN","AttributeValueList":[1,2]}}""", false)]
    [TestCase("""{"n":{"ComparisonOperator":"BETWEEN","AttributeValueList":[1,5]}}""", true)]
    [TestCase("""{"n":{"ComparisonOperator":"BETWEEN","AttributeValueList":[6,9]}}""", false)]
    public async Task Each_legacy_condition_lets_the_write_through_exactly_when_it_holds(string expected, bool holds)
    {
        var answer = await _function.Call("update", _table,
            $$$"""{"Key":{"id":"e"},"AttributeUpdates":{"checked":{"Value":true}},"Expected":{{{expected}}}}""");

        if (holds)
        {
            answer.IsFunctionError.Should().BeFalse(answer.Text);
        }
        else
        {
            answer.ErrorType.Should().Be("ConditionalCheckFailedException", answer.Text);
            answer.Result.Outcome.StatusCode.Should().Be(409);
        }
    }

    [TestCase(null, false)]
    [TestCase("AND", false)]
    [TestCase("OR", true)]
    public async Task Several_conditions_are_ANDed_unless_ConditionalOperator_is_OR(string? join, bool holds)
    {
        var conditionalOperator = join is null ? "" : $$""","ConditionalOperator":"{{join}}" """;

        var answer = await _function.Call("update", _table, $$$"""
            {"Key":{"id":"e"},"AttributeUpdates":{"checked":{"Value":true}},"Expected":{"n":{"Value":5},"s":{"Value":"goodbye"}}{{{conditionalOperator}}}}
            """);

        answer.IsFunctionError.Should().Be(!holds, answer.Text);
        if (!holds)
        {
            answer.ErrorType.Should().Be("ConditionalCheckFailedException");
        }
    }

    [Test]
    public async Task Create_and_delete_take_Expected_too()
    {
        var created = await _function.Call("create", _table, """{"Item":{"id":"fresh","v":1},"Expected":{"id":{"Exists":false}}}""");
        var again = await _function.Call("create", _table, """{"Item":{"id":"fresh","v":2},"Expected":{"id":{"Exists":false}}}""");
        var keptByCondition = await _function.Call("delete", _table, """{"Key":{"id":"fresh"},"Expected":{"v":{"Value":2}}}""");
        var deleted = await _function.Call("delete", _table, """{"Key":{"id":"fresh"},"Expected":{"v":{"Value":1}},"ReturnValues":"ALL_OLD"}""");

        created.IsFunctionError.Should().BeFalse(created.Text);
        again.ErrorType.Should().Be("ConditionalCheckFailedException");
        keptByCondition.ErrorType.Should().Be("ConditionalCheckFailedException");
        deleted.Json.GetProperty("Attributes").GetRawText().Should().Be("""{"id":"fresh","v":1}""");
    }

    [TestCase("create", """{"Item":{"id":"mixed","v":1},"Expected":{"id":{"Exists":false}},"ConditionExpression":"attribute_not_exists(id)"}""")]
    [TestCase("update", """{"Key":{"id":"mixed"},"UpdateExpression":"SET v = :v","ExpressionAttributeValues":{":v":1},"Expected":{"id":{"Exists":false}}}""")]
    [TestCase("update", """{"Key":{"id":"mixed"},"AttributeUpdates":{"v":{"Value":1}},"ConditionExpression":"attribute_not_exists(id)"}""")]
    [TestCase("create", """{"Item":{"id":"mixed","v":1},"Expected":{"id":{"Exists":false,"Value":"mixed"}}}""")]
    [TestCase("create", """{"Item":{"id":"mixed","v":1},"ConditionalOperator":"OR"}""")]
    public async Task A_refused_legacy_condition_writes_nothing(string operation, string payload)
    {
        var answer = await _function.Call(operation, _table, payload);

        answer.ErrorType.Should().Be("InvalidRequest");
        using var admin = DynaliteSetUp.AdminClient();
        var stored = await admin.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = new() { ["id"] = new AttributeValue { S = "mixed" } },
            ConsistentRead = true,
        });
        (stored.Item?.Count ?? 0).Should().Be(0);
    }
}
