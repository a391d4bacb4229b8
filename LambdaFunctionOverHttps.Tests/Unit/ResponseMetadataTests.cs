using System.Net;
using System.Text.Json;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// ResponseMetadata.RequestId is DynamoDB's id for the call this invocation made, even when many
/// invocations share the client at once and their calls overlap, and even after a retry.
/// </summary>
public class ResponseMetadataTests
{
    [Test]
    public async Task Overlapping_invocations_each_report_the_request_id_of_their_own_DynamoDB_call()
    {
        // "DynamoDB" names each answer after the key or item id it was sent, and takes its time, so
        // the forty calls below are all in flight together.
        var dynamoDb = new CannedDynamoDb(request =>
        {
            using var body = JsonDocument.Parse(request.Body);
            var attributes = body.RootElement.TryGetProperty("Key", out var key) ? key : body.RootElement.GetProperty("Item");
            var id = attributes.GetProperty("id").GetProperty("S").GetString();
            var response = CannedDynamoDb.Json(HttpStatusCode.OK, "{}");
            response.Headers.Remove("x-amzn-RequestId");
            response.Headers.Add("x-amzn-RequestId", $"{request.Action}-{id}");
            return response;
        })
        { Delay = TimeSpan.FromMilliseconds(50) };
        var function = TestFunction.Against(dynamoDb);
        string[] operations = ["read", "create", "update", "delete"];

        var calls = Enumerable.Range(0, 40).Select(async i =>
        {
            var operation = operations[i % operations.Length];
            var payload = operation switch
            {
                "create" => $$$"""{"Item":{"id":"k{{{i}}}"}}""",
                "update" => $$$"""{"Key":{"id":"k{{{i}}}"},"UpdateExpression":"SET n = :n","ExpressionAttributeValues":{":n":1}}""",
                _ => $$$"""{"Key":{"id":"k{{{i}}}"}}""",
            };
            var answer = await function.Call(operation, "lambda-apigateway", payload);
            var action = operation switch { "read" => "GetItem", "create" => "PutItem", "update" => "UpdateItem", _ => "DeleteItem" };
            return (Expected: $"{action}-k{i}", Reported: answer.Json.GetProperty("ResponseMetadata").GetProperty("RequestId").GetString());
        });
        var results = await Task.WhenAll(calls);

        results.Should().OnlyContain(result => result.Reported == result.Expected);
    }

    [Test]
    public async Task After_a_retried_call_the_request_id_is_that_of_the_answer_that_succeeded()
    {
        var attempts = 0;
        var dynamoDb = new CannedDynamoDb(_ =>
        {
            var attempt = Interlocked.Increment(ref attempts);
            var response = attempt == 1
                ? CannedDynamoDb.Json(HttpStatusCode.InternalServerError, """{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"try again"}""")
                : CannedDynamoDb.Json(HttpStatusCode.OK, """{"Item":{"id":{"S":"a"}}}""");
            response.Headers.Remove("x-amzn-RequestId");
            response.Headers.Add("x-amzn-RequestId", $"attempt-{attempt}");
            return response;
        });

        var answer = await TestFunction.Against(dynamoDb).Call("read", "lambda-apigateway", """{"Key":{"id":"a"}}""");

        attempts.Should().Be(2);
        answer.Json.GetProperty("ResponseMetadata").GetProperty("RequestId").GetString().Should().Be("attempt-2");
        answer.Json.GetProperty("Item").GetProperty("id").GetString().Should().Be("a");
    }
}
