using Amazon.DynamoDBv2.Model;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Integration;

/// <summary>boto3's write parameters against a real DynamoDB API: what is written, what comes back, what is refused.</summary>
[Category("Dynalite")]
public class WriteParameterTests
{
    [TestCase("ALL_NEW")]
    [TestCase("UPDATED_OLD")]
    [TestCase("UPDATED_NEW")]
    public async Task Create_with_ReturnValues_other_than_NONE_or_ALL_OLD_is_refused_and_writes_nothing(string returnValues)
    {
        var (function, table) = await NewTable();

        var answer = await function.Call("create", table, """{"Item":{"id":"new","v":1},"ReturnValues":"{rv}"}""".With("rv", returnValues));

        answer.ErrorType.Should().Be("ValidationException");
        answer.Result.Outcome.StatusCode.Should().Be(400);
        answer.ErrorMessage.Should().Be($"Return values set to invalid value: this operation takes ReturnValues NONE or ALL_OLD, got \"{returnValues}\".");
        (await StoredItem(table, "new")).Should().BeNull("a refused create writes nothing");
    }

    [TestCase("ALL_NEW")]
    [TestCase("UPDATED_OLD")]
    [TestCase("UPDATED_NEW")]
    public async Task Delete_with_ReturnValues_other_than_NONE_or_ALL_OLD_is_refused_and_deletes_nothing(string returnValues)
    {
        var (function, table) = await NewTable();
        await function.Call("create", table, """{"Item":{"id":"kept","v":1}}""");

        var answer = await function.Call("delete", table, """{"Key":{"id":"kept"},"ReturnValues":"{rv}"}""".With("rv", returnValues));

        answer.ErrorType.Should().Be("ValidationException");
        answer.ErrorMessage.Should().Contain("takes ReturnValues NONE or ALL_OLD");
        (await StoredItem(table, "kept")).Should().NotBeNull("a refused delete deletes nothing");
    }

    [TestCase("NONE", """{}""")]
    [TestCase("ALL_OLD", """{"Attributes":{"id":"u","v":1}}""")]
    [TestCase("UPDATED_OLD", """{"Attributes":{"v":1}}""")]
    [TestCase("ALL_NEW", """{"Attributes":{"id":"u","v":2}}""")]
    [TestCase("UPDATED_NEW", """{"Attributes":{"v":2}}""")]
    public async Task Update_takes_all_five_ReturnValues(string returnValues, string expected)
    {
        var (function, table) = await NewTable();
        await function.Call("create", table, """{"Item":{"id":"u","v":1}}""");

        var answer = await function.Call("update", table, """{"Key":{"id":"u"},"UpdateExpression":"SET v = :v","ExpressionAttributeValues":{":v":2},"ReturnValues":"{rv}"}""".With("rv", returnValues));

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        WithoutMetadata(answer).Should().Be(expected);
    }

    [Test]
    public async Task Create_with_ALL_OLD_returns_the_item_it_replaced()
    {
        var (function, table) = await NewTable();
        await function.Call("create", table, """{"Item":{"id":"r","v":1}}""");

        var answer = await function.Call("create", table, """{"Item":{"id":"r","v":2},"ReturnValues":"ALL_OLD"}""");

        answer.Json.GetProperty("Attributes").GetRawText().Should().Be("""{"id":"r","v":1}""");
    }

    [Test]
    public async Task An_AttributeUpdates_PUT_of_a_null_Value_stores_NULL_as_boto3_does()
    {
        var (function, table) = await NewTable();
        await function.Call("create", table, """{"Item":{"id":"n","v":1}}""");

        var answer = await function.Call("update", table, """{"Key":{"id":"n"},"AttributeUpdates":{"v":{"Value":null,"Action":"PUT"},"w":{"Value":null}},"ReturnValues":"ALL_NEW"}""");

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        answer.Json.GetProperty("Attributes").GetRawText().Should().Be("""{"id":"n","v":null,"w":null}""");
        var stored = await StoredItem(table, "n");
        stored!["v"].NULL.Should().BeTrue();
        stored["w"].NULL.Should().BeTrue();
    }

    /// <summary>The answer's JSON without <c>ResponseMetadata</c>, whose request id changes every call.</summary>
    private static string WithoutMetadata(Answer answer) =>
        "{" + string.Join(",", answer.Json.EnumerateObject().Where(property => property.Name != "ResponseMetadata")
            .Select(property => $"\"{property.Name}\":{property.Value.GetRawText()}")) + "}";

    private static async Task<(TestFunction Function, string Table)> NewTable()
    {
        var name = $"t-{Guid.NewGuid():N}";
        using var admin = DynaliteSetUp.AdminClient();
        await Dynalite.CreateTable(admin, name);
        return (TestFunction.Against(DynaliteSetUp.Endpoint), name);
    }

    private static async Task<Dictionary<string, AttributeValue>?> StoredItem(string table, string id)
    {
        using var admin = DynaliteSetUp.AdminClient();
        var response = await admin.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { ["id"] = new AttributeValue { S = id } },
            ConsistentRead = true,
        });
        return response.Item is { Count: > 0 } item ? item : null;
    }
}
