using System.Text.Json;
using CsCheck;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Integration.Reliability;

/// <summary>What a caller can reach, counted where it would arrive: at DynamoDB's door.</summary>
[Category("Dynalite")]
public class TrustBoundaryTests
{
    private static readonly string[] Allowed = ["lambda-apigateway", "audit"];

    [Test]
    public async Task No_table_outside_ALLOWED_TABLES_ever_reaches_DynamoDB()
    {
        using var recorder = new LoopbackHttpProxy(DynaliteSetUp.Endpoint);
        var function = TestFunction.Against(recorder.Endpoint, allowedTables: string.Join(",", Allowed));
        var tableNames = Gen.OneOf(
            Gen.OneOf(Allowed),
            Gen.OneOf("Lambda-Apigateway", "LAMBDA-APIGATEWAY", " lambda-apigateway", "lambda-apigateway ", "lambda-apigateway\u200b",
                "lambda_apigateway", "audit.", "audit,lambda-apigateway", "*", "arn:aws:dynamodb:us-east-1:123456789012:table/audit", "аudit"),
            Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-"].Array[3, 40].Select(chars => new string(chars)));
        var operations = Gen.OneOf(
            ("create", """{"Item":{"id":"x"}}"""),
            ("read", """{"Key":{"id":"x"}}"""),
            ("update", """{"Key":{"id":"x"},"UpdateExpression":"SET v = :v","ExpressionAttributeValues":{":v":1}}"""),
            ("delete", """{"Key":{"id":"x"}}"""),
            ("list", """{"Limit":1}"""));
        var sent = 0;

        await Gen.Select(tableNames, operations).SampleAsync(async (table, operation) =>
        {
            Interlocked.Increment(ref sent);
            await function.Call(operation.Item1, table, operation.Item2);
        }, iter: 2_000);

        var reached = recorder.Requests.Select(body => JsonDocument.Parse(body).RootElement.GetProperty("TableName").GetString()).ToList();
        reached.Should().OnlyContain(table => Allowed.Contains(table), "only allowed tables may be named to DynamoDB");
        reached.Should().NotBeEmpty("allowed names must still get through");
        TestContext.Out.WriteLine($"{sent} requests with generated table names; {reached.Count} reached DynamoDB, all for allowed tables");
    }

    [Test]
    public async Task Item_values_and_keys_never_appear_in_the_log_even_when_requests_fail()
    {
        const string Secret = "s3cr3t-4111111111111111";
        var function = TestFunction.Against(DynaliteSetUp.Endpoint);

        await function.Call("create", "lambda-apigateway", """{"Item":{"id":"{s}","card":"{s}"}}""".With("s", Secret));
        await function.Call("create", "lambda-apigateway", """{"Item":{"id":"{s}"},"ConditionExpression":"attribute_not_exists(id)"}""".With("s", Secret));
        await function.Call("read", "lambda-apigateway", """{"Key":{"id":"{s}","extra":"{s}"}}""".With("s", Secret));
        await function.Call("update", "lambda-apigateway", """{"Key":{"id":"{s}"},"UpdateExpression":"SET card = :c","ExpressionAttributeValues":{":c":"{s}",":unused":"{s}"}}""".With("s", Secret));
        await function.Call("delete", "lambda-apigateway", """{"Key":{"id":7},"ConditionExpression":"card = :c","ExpressionAttributeValues":{":c":"{s}"}}""".With("s", Secret));
        await function.Call("list", "lambda-apigateway", """{"FilterExpression":"card = :c","ExpressionAttributeValues":{":c":"{s}"}}""".With("s", Secret));
        await function.Call("delete", "lambda-apigateway", """{"Key":{"id":"{s}"}}""".With("s", Secret));

        function.Log.Should().NotBeEmpty();
        function.Log.Should().NotContain(Secret);
    }
}
