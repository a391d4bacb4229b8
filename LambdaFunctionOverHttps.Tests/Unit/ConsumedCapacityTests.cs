using System.Text.Json;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// <c>ReturnConsumedCapacity</c> on every operation that calls DynamoDB: the request carries it, and
/// the answer carries boto3's <c>ConsumedCapacity</c> as plain JSON, only when the caller asked.
/// </summary>
public class ConsumedCapacityTests
{
    private const string Capacity = """
        "ConsumedCapacity":{"TableName":"lambda-apigateway","CapacityUnits":1.5,"ReadCapacityUnits":0.5,"WriteCapacityUnits":1,
          "Table":{"CapacityUnits":1},"LocalSecondaryIndexes":{"by-date":{"CapacityUnits":0.5}},"GlobalSecondaryIndexes":{"by-name":{"ReadCapacityUnits":0.5,"WriteCapacityUnits":1}}}
        """;

    private static readonly Dictionary<string, (string Action, string Payload, string Answer)> Operations = new()
    {
        ["create"] = ("PutItem", """{"Item":{"id":"a"}}""", "{" + Capacity + "}"),
        ["read"] = ("GetItem", """{"Key":{"id":"a"}}""", """{"Item":{"id":{"S":"a"}},""" + Capacity + "}"),
        ["update"] = ("UpdateItem", """{"Key":{"id":"a"},"UpdateExpression":"SET n = :n","ExpressionAttributeValues":{":n":1}}""", "{" + Capacity + "}"),
        ["delete"] = ("DeleteItem", """{"Key":{"id":"a"}}""", "{" + Capacity + "}"),
        ["list"] = ("Scan", """{"Limit":1}""", """{"Items":[],"Count":0,"ScannedCount":0,""" + Capacity + "}"),
        ["query"] = ("Query", """{"KeyConditionExpression":"id = :id","ExpressionAttributeValues":{":id":"a"}}""", """{"Items":[],"Count":0,"ScannedCount":0,""" + Capacity + "}"),
    };

    [TestCase("create", "INDEXES")]
    [TestCase("read", "TOTAL")]
    [TestCase("update", "INDEXES")]
    [TestCase("delete", "TOTAL")]
    [TestCase("list", "INDEXES")]
    [TestCase("query", "TOTAL")]
    public async Task Asked_for_the_answer_carries_ConsumedCapacity_as_DynamoDB_reported_it(string operation, string asked)
    {
        var (action, payload, answer) = Operations[operation];
        var dynamoDb = CannedDynamoDb.Answering(answer);

        var result = await TestFunction.Against(dynamoDb).Call(operation, "lambda-apigateway", WithCapacity(payload, asked));

        result.IsFunctionError.Should().BeFalse(result.Text);
        Sent(dynamoDb, action).GetProperty("ReturnConsumedCapacity").GetString().Should().Be(asked);
        result.Json.GetProperty("ConsumedCapacity").GetRawText().Should().Be("""
            {"TableName":"lambda-apigateway","CapacityUnits":1.5,"ReadCapacityUnits":0.5,"WriteCapacityUnits":1,"Table":{"CapacityUnits":1},"LocalSecondaryIndexes":{"by-date":{"CapacityUnits":0.5}},"GlobalSecondaryIndexes":{"by-name":{"ReadCapacityUnits":0.5,"WriteCapacityUnits":1}}}
            """);
        result.Json.EnumerateObject().Last().Name.Should().Be("ResponseMetadata");
    }

    [TestCase("create")]
    [TestCase("read")]
    [TestCase("update")]
    [TestCase("delete")]
    [TestCase("list")]
    [TestCase("query")]
    public async Task NONE_is_sent_and_the_answer_has_no_ConsumedCapacity(string operation)
    {
        var (action, payload, answer) = Operations[operation];
        var dynamoDb = CannedDynamoDb.Answering(answer);

        var result = await TestFunction.Against(dynamoDb).Call(operation, "lambda-apigateway", WithCapacity(payload, "NONE"));

        Sent(dynamoDb, action).GetProperty("ReturnConsumedCapacity").GetString().Should().Be("NONE");
        result.Json.TryGetProperty("ConsumedCapacity", out _).Should().BeFalse();
    }

    [TestCase("create")]
    [TestCase("read")]
    [TestCase("update")]
    [TestCase("delete")]
    [TestCase("list")]
    [TestCase("query")]
    public async Task Not_asked_nothing_is_sent_and_nothing_shown_whatever_DynamoDB_reports(string operation)
    {
        var (action, payload, answer) = Operations[operation];
        var dynamoDb = CannedDynamoDb.Answering(answer);

        var result = await TestFunction.Against(dynamoDb).Call(operation, "lambda-apigateway", payload);

        Sent(dynamoDb, action).TryGetProperty("ReturnConsumedCapacity", out _).Should().BeFalse();
        result.Json.TryGetProperty("ConsumedCapacity", out _).Should().BeFalse();
    }

    [Test]
    public async Task An_unknown_ReturnConsumedCapacity_is_refused_naming_the_three()
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");

        var result = await TestFunction.Against(dynamoDb).Call("read", "lambda-apigateway", """{"Key":{"id":"a"},"ReturnConsumedCapacity":"ALL"}""");

        result.ErrorType.Should().Be("InvalidRequest");
        result.ErrorMessage.Should().Be("Invalid value for parameter ReturnConsumedCapacity: \"ALL\", must be one of: INDEXES, TOTAL, NONE.");
        dynamoDb.Requests.Should().BeEmpty();
    }

    private static string WithCapacity(string payload, string asked) => payload[..^1] + $",\"ReturnConsumedCapacity\":\"{asked}\"}}";

    private static JsonElement Sent(CannedDynamoDb dynamoDb, string action)
    {
        var request = dynamoDb.Requests.Should().ContainSingle().Subject;
        request.Action.Should().Be(action);
        return JsonDocument.Parse(request.Body).RootElement;
    }
}
