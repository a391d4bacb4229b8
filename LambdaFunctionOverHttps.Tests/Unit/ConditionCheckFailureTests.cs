using System.Net;
using System.Text.Json;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// <c>ReturnValuesOnConditionCheckFailure</c>: the request carries it, and a failed condition's item
/// comes back as boto3 hands it on (<c>e.response['Item']</c>), in a proxy answer's body. A bare
/// envelope's error is a Lambda function error, which carries only errorType and errorMessage.
/// </summary>
public class ConditionCheckFailureTests
{
    private const string FailedWithItem = """
        {"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed",
         "Item":{"id":{"S":"a"},"secret":{"S":"do-not-log"},"n":{"N":"12345678901234567890123456789012345678"}}}
        """;

    [TestCase("create", "PutItem", """{"Item":{"id":"a"},"ConditionExpression":"attribute_not_exists(id)"}""")]
    [TestCase("update", "UpdateItem", """{"Key":{"id":"a"},"UpdateExpression":"SET n = :n","ConditionExpression":"n < :n","ExpressionAttributeValues":{":n":1}}""")]
    [TestCase("delete", "DeleteItem", """{"Key":{"id":"a"},"ConditionExpression":"attribute_not_exists(id)"}""")]
    public async Task A_proxy_answer_carries_the_item_the_failed_condition_found(string operation, string action, string payload)
    {
        var dynamoDb = new CannedDynamoDb(_ => CannedDynamoDb.Json(HttpStatusCode.BadRequest, FailedWithItem));
        var function = TestFunction.Against(dynamoDb);
        var envelope = $$$"""{"operation":"{{{operation}}}","tableName":"lambda-apigateway","payload":{{{payload[..^1]}}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}}""";

        var answer = await function.InvokeAsync(ProxyEvent(envelope));

        var sent = JsonDocument.Parse(dynamoDb.Requests.Single(request => request.Action == action).Body).RootElement;
        sent.GetProperty("ReturnValuesOnConditionCheckFailure").GetString().Should().Be("ALL_OLD");
        answer.StatusCode.Should().Be(409);
        answer.Json.GetProperty("body").GetString().Should().Be("""
            {"errorType":"ConditionalCheckFailedException","errorMessage":"The conditional request failed","Item":{"id":"a","secret":"do-not-log","n":12345678901234567890123456789012345678}}
            """);
        function.Log.Should().NotContain("do-not-log", "item values are never logged");
    }

    [Test]
    public async Task A_bare_envelope_s_function_error_has_only_errorType_and_errorMessage()
    {
        var dynamoDb = new CannedDynamoDb(_ => CannedDynamoDb.Json(HttpStatusCode.BadRequest, FailedWithItem));

        var answer = await TestFunction.Against(dynamoDb).Call("create", "lambda-apigateway",
            """{"Item":{"id":"a"},"ConditionExpression":"attribute_not_exists(id)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"}""");

        answer.IsFunctionError.Should().BeTrue();
        answer.Text.Should().Be("""{"errorType":"ConditionalCheckFailedException","errorMessage":"The conditional request failed"}""");
    }

    [Test]
    public async Task An_empty_Item_from_DynamoDB_adds_no_Item_to_the_error()
    {
        var dynamoDb = new CannedDynamoDb(_ => CannedDynamoDb.Json(HttpStatusCode.BadRequest,
            """{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{}}"""));

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync(ProxyEvent("""
            {"operation":"delete","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"},"ConditionExpression":"attribute_exists(id)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"}}
            """));

        answer.StatusCode.Should().Be(409);
        answer.Body.EnumerateObject().Select(property => property.Name).Should().Equal("errorType", "errorMessage");
    }

    [Test]
    public async Task Without_an_Item_from_DynamoDB_the_error_has_none()
    {
        var dynamoDb = CannedDynamoDb.Failing(HttpStatusCode.BadRequest, "ConditionalCheckFailedException", "The conditional request failed");

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync(ProxyEvent("""
            {"operation":"delete","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"},"Expected":{"id":{"Exists":true,"Value":"a"}},"ReturnValuesOnConditionCheckFailure":"NONE"}}
            """));

        answer.StatusCode.Should().Be(409);
        answer.Body.EnumerateObject().Select(property => property.Name).Should().Equal("errorType", "errorMessage");
        JsonDocument.Parse(dynamoDb.Requests.Single().Body).RootElement.GetProperty("ReturnValuesOnConditionCheckFailure").GetString().Should().Be("NONE");
    }

    [Test]
    public async Task Not_given_it_is_not_sent()
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");

        await TestFunction.Against(dynamoDb).Call("create", "lambda-apigateway", """{"Item":{"id":"a"}}""");

        JsonDocument.Parse(dynamoDb.Requests.Single().Body).RootElement.TryGetProperty("ReturnValuesOnConditionCheckFailure", out _).Should().BeFalse();
    }

    [Test]
    public async Task A_value_other_than_NONE_or_ALL_OLD_is_refused()
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");

        var answer = await TestFunction.Against(dynamoDb).Call("update", "lambda-apigateway",
            """{"Key":{"id":"a"},"UpdateExpression":"SET n = :n","ExpressionAttributeValues":{":n":1},"ReturnValuesOnConditionCheckFailure":"ALL_NEW"}""");

        answer.ErrorType.Should().Be("InvalidRequest");
        answer.ErrorMessage.Should().Be("Invalid value for parameter ReturnValuesOnConditionCheckFailure: \"ALL_NEW\", must be one of: NONE, ALL_OLD.");
        dynamoDb.Requests.Should().BeEmpty();
    }

    private static string ProxyEvent(string envelope) =>
        $$"""{"resource":"/dynamodbmanager","httpMethod":"POST","requestContext":{"stage":"Prod"},"body":{{JsonSerializer.Serialize(envelope)}}}""";
}
