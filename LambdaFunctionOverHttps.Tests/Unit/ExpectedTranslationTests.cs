using System.Text.Json;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// The legacy <c>Expected</c> and <c>ConditionalOperator</c> reach DynamoDB as the equivalent
/// <c>ConditionExpression</c>; a malformed one, or one mixed with expression parameters, is refused
/// before DynamoDB is called, naming what is wrong.
/// </summary>
public class ExpectedTranslationTests
{
    private static readonly CannedDynamoDb NeverCalled = new(request => throw new AssertionException($"DynamoDB was called: {request.Action}"));

    [TestCase("""{"v":{"Exists":false}}""", "attribute_not_exists(#e0)", null)]
    [TestCase("""{"v":{"Value":5}}""", "#e0 = :e0", """{":e0":{"N":"5"}}""")]
    [TestCase("""{"v":{"Value":"x","Exists":true}}""", "#e0 = :e0", """{":e0":{"S":"x"}}""")]
    [TestCase("""{"v":{"Value":null}}""", "#e0 = :e0", """{":e0":{"NULL":true}}""")]
    [TestCase("""{"v":{"ComparisonOperator":"EQ","AttributeValueList":[1]}}""", "#e0 = :e0", """{":e0":{"N":"1"}}""")]
    [TestCase("""{"v":{"ComparisonOperator":"NE","AttributeValueList":[1]}}""", "#e0 <> :e0", """{":e0":{"N":"1"}}""")]
    [TestCase("""{"v":{"ComparisonOperator":"LE","AttributeValueList":[1]}}""", "#e0 <= :e0", """{":e0":{"N":"1"}}""")]
    [TestCase("""{"v":{"ComparisonOperator":"LT","AttributeValueList":[1]}}""", "#e0 < :e0", """{":e0":{"N":"1"}}""")]
    [TestCase("""{"v":{"ComparisonOperator":"GE","AttributeValueList":[1]}}""", "#e0 >= :e0", """{":e0":{"N":"1"}}""")]
    [TestCase("""{"v":{"ComparisonOperator":"GT","Value":1}}""", "#e0 > :e0", """{":e0":{"N":"1"}}""")]
    [TestCase("""{"v":{"ComparisonOperator":"NOT_NULL"}}""", "attribute_exists(#e0)", null)]
    [TestCase("""{"v":{"ComparisonOperator":"NULL","AttributeValueList":[]}}""", "attribute_not_exists(#e0)", null)]
    [TestCase("""{"v":{"ComparisonOperator":"CONTAINS","AttributeValueList":["a"]}}""", "contains(#e0, :e0)", """{":e0":{"S":"a"}}""")]
    [TestCase("""{"v":{"ComparisonOperator":"NOT_CONTAINS","AttributeValueList":["a"]}}""", "NOT contains(#e0, :e0)", """{":e0":{"S":"a"}}""")]
    [TestCase("""{"v":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":["a"]}}""", "begins_with(#e0, :e0)", """{":e0":{"S":"a"}}""")]
    [TestCase("""{"v":{"ComparisonOperator":"IN","AttributeValueList":[1,2,3]}}""", "#e0 IN (:e0_0, :e0_1, :e0_2)", """{":e0_0":{"N":"1"},":e0_1":{"N":"2"},":e0_2":{"N":"3"}}""")]
    [TestCase("""{"v":{"ComparisonOperator":"IN","AttributeValueList":[true,false]}}""", "#e0 IN (:e0_0, :e0_1)", """{":e0_0":{"BOOL":true},":e0_1":{"BOOL":false}}""")]
    [TestCase("""{"v":{"ComparisonOperator":"BETWEEN","AttributeValueList":[1,9]}}""", "#e0 BETWEEN :e0_0 AND :e0_1", """{":e0_0":{"N":"1"},":e0_1":{"N":"9"}}""")]
    public async Task Each_legacy_condition_becomes_its_condition_expression(string expected, string expression, string? values)
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");

        var answer = await TestFunction.Against(dynamoDb).Call("create", "lambda-apigateway", $$"""{"Item":{"id":"a"},"Expected":{{expected}}}""");

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        var sent = Sent(dynamoDb);
        sent.GetProperty("ConditionExpression").GetString().Should().Be(expression);
        sent.GetProperty("ExpressionAttributeNames").GetRawText().Should().Be("""{"#e0":"v"}""");
        (sent.TryGetProperty("ExpressionAttributeValues", out var sentValues) ? sentValues.GetRawText() : null).Should().Be(values);
        sent.TryGetProperty("Expected", out _).Should().BeFalse();
    }

    [TestCase(null, "(#e0 = :e0) AND (attribute_not_exists(#e1)) AND (#e2 > :e2)")]
    [TestCase("AND", "(#e0 = :e0) AND (attribute_not_exists(#e1)) AND (#e2 > :e2)")]
    [TestCase("OR", "(#e0 = :e0) OR (attribute_not_exists(#e1)) OR (#e2 > :e2)")]
    public async Task Several_conditions_are_joined_by_the_ConditionalOperator_AND_by_default(string? join, string expression)
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");
        var conditionalOperator = join is null ? "" : $",\"ConditionalOperator\":\"{join}\"";

        await TestFunction.Against(dynamoDb).Call("delete", "lambda-apigateway",
            $$$$"""{"Key":{"id":"a"},"Expected":{"state":{"Value":"old"},"lock":{"Exists":false},"n.count":{"ComparisonOperator":"GT","AttributeValueList":[2]}}{{{{conditionalOperator}}}}}""");

        var sent = Sent(dynamoDb);
        sent.GetProperty("ConditionExpression").GetString().Should().Be(expression);
        sent.GetProperty("ExpressionAttributeNames").GetRawText().Should().Be("""{"#e0":"state","#e1":"lock","#e2":"n.count"}""");
    }

    [Test]
    public async Task Update_sends_AttributeUpdates_and_Expected_as_two_expressions_sharing_names_and_values()
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");

        await TestFunction.Against(dynamoDb).Call("update", "lambda-apigateway",
            """{"Key":{"id":"a"},"AttributeUpdates":{"n":{"Value":1,"Action":"ADD"}},"Expected":{"n":{"ComparisonOperator":"LT","AttributeValueList":[10]}}}""");

        var sent = Sent(dynamoDb);
        sent.GetProperty("UpdateExpression").GetString().Should().Be("ADD #u0 :u0");
        sent.GetProperty("ConditionExpression").GetString().Should().Be("#e0 < :e0");
        sent.GetProperty("ExpressionAttributeNames").GetRawText().Should().Be("""{"#u0":"n","#e0":"n"}""");
        sent.GetProperty("ExpressionAttributeValues").GetRawText().Should().Be("""{":u0":{"N":"1"},":e0":{"N":"10"}}""");
    }

    [Test]
    public async Task An_empty_Expected_is_no_condition()
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");

        await TestFunction.Against(dynamoDb).Call("create", "lambda-apigateway", """{"Item":{"id":"a"},"Expected":{}}""");

        Sent(dynamoDb).TryGetProperty("ConditionExpression", out _).Should().BeFalse();
    }

    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":{"Exists":false}},"ConditionExpression":"attribute_exists(id)"}""",
        "Expected cannot be combined with ConditionExpression: DynamoDB refuses legacy and expression parameters in one request. Use ConditionExpression instead of Expected.")]
    [TestCase("delete", """{"Key":{"id":"a"},"Expected":{"v":{"Value":1}},"ExpressionAttributeNames":{"#v":"v"},"ExpressionAttributeValues":{":v":1}}""",
        "Expected cannot be combined with ExpressionAttributeNames and ExpressionAttributeValues: DynamoDB refuses legacy and expression parameters in one request. Use ConditionExpression instead of Expected.")]
    [TestCase("update", """{"Key":{"id":"a"},"UpdateExpression":"SET v = :v","ExpressionAttributeValues":{":v":1},"Expected":{"v":{"Exists":false}}}""",
        "Expected cannot be combined with UpdateExpression and ExpressionAttributeValues: DynamoDB refuses legacy and expression parameters in one request. Use ConditionExpression instead of Expected.")]
    [TestCase("update", """{"Key":{"id":"a"},"AttributeUpdates":{"v":{"Value":1}},"ExpressionAttributeNames":{"#v":"v"}}""",
        "AttributeUpdates cannot be combined with ExpressionAttributeNames: DynamoDB refuses legacy and expression parameters in one request. Use UpdateExpression instead of AttributeUpdates.")]
    [TestCase("update", """{"Key":{"id":"a"},"AttributeUpdates":{"v":{"Value":1}},"ConditionExpression":"attribute_exists(id)"}""",
        "AttributeUpdates cannot be combined with ConditionExpression: DynamoDB refuses legacy and expression parameters in one request. Use UpdateExpression instead of AttributeUpdates.")]
    [TestCase("update", """{"Key":{"id":"a"},"AttributeUpdates":{"v":{"Value":1}},"Expected":{"v":{"Exists":false}},"UpdateExpression":"SET v = :v","ConditionExpression":"v < :v","ExpressionAttributeValues":{":v":1}}""",
        "AttributeUpdates and Expected cannot be combined with UpdateExpression, ConditionExpression and ExpressionAttributeValues: DynamoDB refuses legacy and expression parameters in one request. Use UpdateExpression instead of AttributeUpdates and ConditionExpression instead of Expected.")]
    [TestCase("update", """{"Key":{"id":"a"},"Expected":{"v":{"Exists":false}}}""",
        "Missing required parameter in payload: \"UpdateExpression\" (or the legacy \"AttributeUpdates\").")]
    [TestCase("create", """{"Item":{"id":"a"},"ConditionalOperator":"OR"}""",
        "ConditionalOperator joins the conditions of Expected, and there is no Expected; with a ConditionExpression, write AND or OR in the expression.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":{"Exists":false}},"ConditionalOperator":"XOR"}""",
        "Invalid value for parameter ConditionalOperator: \"XOR\", must be one of: AND, OR.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":[{"v":{"Exists":false}}]}""",
        "Invalid type for parameter Expected: expected an object, got an array.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":5}}""",
        "Invalid type for parameter Expected.v: expected an object like {\"Value\": 5}, {\"Exists\": false} or {\"ComparisonOperator\": \"GT\", \"AttributeValueList\": [5]}.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"":{"Exists":false}}}""",
        "Invalid value for parameter Expected: attribute names must not be empty.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":{"Value":1,"Exist":true}}}""",
        "Unknown parameter in Expected.v: \"Exist\", must be one of: Value, Exists, ComparisonOperator, AttributeValueList.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":{"Exists":"false"}}}""",
        "Invalid type for parameter Expected.v.Exists: expected true or false.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":{"ComparisonOperator":"eq","Value":1}}}""",
        "Invalid value for parameter Expected.v.ComparisonOperator: must be one of: EQ, NE, LE, LT, GE, GT, NOT_NULL, NULL, CONTAINS, NOT_CONTAINS, BEGINS_WITH, IN, BETWEEN.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":{"ComparisonOperator":"EQ","AttributeValueList":1}}}""",
        "Invalid type for parameter Expected.v.AttributeValueList: expected an array of values.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":{"Exists":false,"Value":1}}}""",
        "Invalid value for parameter Expected.v: Value cannot be used when Exists is false.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":{"Exists":true}}}""",
        "Invalid value for parameter Expected.v: give the Value to compare with, Exists false, or a ComparisonOperator.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":{}}}""",
        "Invalid value for parameter Expected.v: give the Value to compare with, Exists false, or a ComparisonOperator.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":{"AttributeValueList":[1]}}}""",
        "Invalid value for parameter Expected.v: AttributeValueList needs a ComparisonOperator.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":{"ComparisonOperator":"NULL","Exists":false}}}""",
        "Invalid value for parameter Expected.v: Exists and ComparisonOperator cannot be used together.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":{"ComparisonOperator":"EQ","Value":1,"AttributeValueList":[1]}}}""",
        "Invalid value for parameter Expected.v: Value and AttributeValueList cannot be used together.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":{"ComparisonOperator":"BETWEEN","AttributeValueList":[1]}}}""",
        "Invalid value for parameter Expected.v: ComparisonOperator BETWEEN takes 2 values, got 1.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":{"ComparisonOperator":"GT"}}}""",
        "Invalid value for parameter Expected.v: ComparisonOperator GT takes 1 value, got 0.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":{"ComparisonOperator":"NOT_NULL","Value":1}}}""",
        "Invalid value for parameter Expected.v: ComparisonOperator NOT_NULL takes 0 values, got 1.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":{"ComparisonOperator":"IN","AttributeValueList":[]}}}""",
        "Invalid value for parameter Expected.v: ComparisonOperator IN takes one or more values, got 0.")]
    [TestCase("create", """{"Item":{"id":"a"},"Expected":{"v":{"ComparisonOperator":"IN","AttributeValueList":[1,"1"]}}}""",
        "Invalid value for parameter Expected.v.AttributeValueList: the values must all be of one type.")]
    public async Task A_malformed_or_mixed_legacy_condition_is_refused_naming_what_is_wrong(string operation, string payload, string message)
    {
        var answer = await TestFunction.Against(NeverCalled).Call(operation, "lambda-apigateway", payload);

        answer.ErrorType.Should().Be("InvalidRequest");
        answer.Result.Outcome.StatusCode.Should().Be(400);
        answer.ErrorMessage.Should().Be(message);
    }

    private static JsonElement Sent(CannedDynamoDb dynamoDb) => JsonDocument.Parse(dynamoDb.Requests.Should().ContainSingle().Subject.Body).RootElement;
}
