using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>
/// The trust boundary at the HTTP edge, as an operator's terminal or log collector sees it: the
/// stack's whole output (stdout and stderr, up to and including its shutdown) never holds an API
/// key, the right one or a wrong one, nor an item value, whatever the requests were and however
/// they failed. HttpFrontTests proves the key check itself (missing, wrong, header name and value case).
/// </summary>
[Category("LocalStack")]
[Platform("Linux,MacOsX", Reason = "The stack is stopped with kill(1).")]
public partial class EdgeSecretsTests
{
    private const string ApiKey = "edge-key-5f2a9c71e0b4";
    private const string Secret = "item-secret-4111111111111111";

    [Test]
    public async Task Neither_api_keys_right_or_wrong_nor_item_values_ever_reach_the_stacks_output()
    {
        await using var stack = await LocalStackProcess.StartAsync("--api-key", ApiKey);
        using var http = new StackHttp(stack.ApiUrl, ApiKey);
        string[] wrongKeys = [ApiKey + "x", ApiKey.ToUpperInvariant(), ApiKey[..^1], "wrong-key-9b8c7d6e5f4a"];
        var sent = 0;
        var answers = new List<HttpStatusCode>();

        async Task Post(StackHttp client, string envelope)
        {
            answers.Add((await client.PostAsync(envelope.With("s", Secret).With("k", ApiKey))).Status);
            sent++;
        }

        // With the right key: every operation carries the secret (and the key itself, as a value),
        // succeeding and failing in each way the function and DynamoDB can fail. Operation, table and
        // parameter names, and a parameter value refused as invalid (ReturnValues, Select), are not item
        // values: the function's log quotes them, so they carry no secret here.
        await Post(http, """{"operation": "create", "tableName": "lambda-apigateway", "payload": {"Item": {"id": "{s}", "card": "{s}", "note": "{k}"}}}""");
        await Post(http, """{"operation": "create", "tableName": "lambda-apigateway", "payload": {"Item": {"id": "{s}"}, "ConditionExpression": "attribute_not_exists(id)"}}""");
        await Post(http, """{"operation": "create", "tableName": "lambda-apigateway", "payload": {"Item": {"id": 7, "card": "{s}"}}}""");
        await Post(http, """{"operation": "read", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "{s}", "extra": "{k}"}}}""");
        await Post(http, """{"operation": "read", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "{s}"}}}""");
        await Post(http, """{"operation": "update", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "{s}"}, "UpdateExpression": "SET card = :c", "ExpressionAttributeValues": {":c": "{s}", ":unused": "{k}"}}}""");
        await Post(http, """{"operation": "update", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "{s}"}, "UpdateExpression": "SET card = :c", "ExpressionAttributeValues": {":c": "{s}"}}}""");
        await Post(http, """{"operation": "list", "tableName": "lambda-apigateway", "payload": {"FilterExpression": "card = :c", "ExpressionAttributeValues": {":c": "{s}"}}}""");
        await Post(http, """{"operation": "delete", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "{s}"}, "ConditionExpression": "card = :c", "ExpressionAttributeValues": {":c": "{k}"}}}""");
        await Post(http, """{"operation": "delete", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "{s}"}}}""");
        await Post(http, """{"operation": "echo", "payload": {"card": "{s}", "key": "{k}"}}""");
        await Post(http, """{"operation": "create", "tableName": "no-such-table", "payload": {"Item": {"id": "{s}"}}}""");
        await Post(http, """{"operation": "read", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "{s}"}""");

        // With wrong keys, and with none: refused at the door, bodies and all.
        foreach (var wrongKey in wrongKeys)
        {
            using var intruder = new StackHttp(stack.ApiUrl, wrongKey);
            await Post(intruder, """{"operation": "create", "tableName": "lambda-apigateway", "payload": {"Item": {"id": "{s}", "key": "{k}"}}}""");
        }

        using (var anonymous = new StackHttp(stack.ApiUrl))
        {
            await Post(anonymous, """{"operation": "echo", "payload": {"card": "{s}", "key": "{k}"}}""");
        }

        await stack.StopAsync();
        var output = stack.Output;

        answers.Should().Contain([HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Conflict, HttpStatusCode.NotFound, HttpStatusCode.Forbidden],
            "the requests must have succeeded and failed in every way for this test to mean anything");
        AccessLogLine().Matches(output).Should().HaveCount(sent, "each request was logged");
        output.Should().NotContain(ApiKey).And.NotContain(Secret);
        foreach (var wrongKey in wrongKeys)
        {
            output.Should().NotContain(wrongKey);
        }

        TestContext.Out.WriteLine(
            $"edge secrets: {sent} requests ({answers.Count(status => status == HttpStatusCode.Forbidden)} with a wrong or no key), " +
            $"{output.Split('\n').Length} output lines through shutdown, no key (right or {wrongKeys.Length} wrong) and no item value in them");
    }

    [GeneratedRegex(@"(?m)^POST /dynamodbmanager \d{3} \d+ ms$")]
    private static partial Regex AccessLogLine();
}
