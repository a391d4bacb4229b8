using System.Net;
using System.Text.Json;
using FluentAssertions;
using LambdaFunctionOverHttps.Operations;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// <c>tables</c> says which tables the function may serve: the configuration's, and only when no
/// allow-list closes the set, DynamoDB's ListTables, which the deployed role is not granted.
/// </summary>
public class ServedTablesTests
{
    private static readonly CannedDynamoDb NeverCalled = new(request => throw new AssertionException($"DynamoDB was called: {request.Action}"));

    [Test]
    public async Task With_an_allow_list_the_answer_is_the_list_and_TABLE_NAME_and_DynamoDB_is_never_asked()
    {
        var function = TestFunction.Against(NeverCalled, allowedTables: "orders, lambda-apigateway", defaultTable: "lambda-apigateway");

        var answer = await function.InvokeAsync("""{"operation": "tables"}""");

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        answer.Text.Should().Be("""{"TableNames":["lambda-apigateway","orders"],"DefaultTableName":"lambda-apigateway","AnyTable":false,"Listed":false}""");
    }

    [Test]
    public async Task The_REST_resources_tables_are_offered_with_the_configured_ones()
    {
        // No allow-list, and a DynamoDB that lists none: whatever is offered comes from the configuration.
        var variables = RestEvents.Variables("product=products:id,orders=orders:orderId:N");
        variables["TABLE_NAME"] = "lambda-apigateway";
        var function = TestFunction.Against(CannedDynamoDb.Answering("""{"TableNames":[]}"""), variables);

        var answer = await function.InvokeAsync("""{"operation": "tables"}""");

        answer.Text.Should().Be("""{"TableNames":["lambda-apigateway","orders","products"],"DefaultTableName":"lambda-apigateway","AnyTable":true,"Listed":true}""");
    }

    [Test]
    public async Task A_TABLE_NAME_the_allow_list_refuses_is_not_offered()
    {
        var function = TestFunction.Against(NeverCalled, allowedTables: "orders", defaultTable: "lambda-apigateway");

        var answer = await function.InvokeAsync("""{"operation": "tables"}""");

        answer.Text.Should().Be("""{"TableNames":["orders"],"AnyTable":false,"Listed":false}""");
    }

    [Test]
    public async Task Without_an_allow_list_the_tables_DynamoDB_lists_join_TABLE_NAME_sorted_and_once_each()
    {
        var dynamoDb = CannedDynamoDb.Answering("""{"TableNames":["zebra","lambda-apigateway","alpha"]}""");
        var function = TestFunction.Against(dynamoDb, defaultTable: "lambda-apigateway");

        var answer = await function.InvokeAsync("""{"operation": "tables", "tableName": "ignored", "payload": {"ignored": true}}""");

        answer.Text.Should().Be("""{"TableNames":["alpha","lambda-apigateway","zebra"],"DefaultTableName":"lambda-apigateway","AnyTable":true,"Listed":true}""");
        dynamoDb.Requests.Select(request => request.Action).Should().Equal("ListTables");
        function.Log.Should().Contain("\"operation\":\"tables\"").And.Contain("CANNED-REQUEST-ID");
    }

    [Test]
    public async Task A_role_denied_ListTables_still_gets_the_configured_tables_and_the_reason()
    {
        var dynamoDb = CannedDynamoDb.Failing(HttpStatusCode.BadRequest, "AccessDeniedException",
            "User: arn:aws:sts::123456789012:assumed-role/fn is not authorized to perform: dynamodb:ListTables");
        var function = TestFunction.Against(dynamoDb, defaultTable: "lambda-apigateway");

        var answer = await function.InvokeAsync("""{"operation": "tables"}""");

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        var json = answer.Json;
        json.GetProperty("TableNames").EnumerateArray().Select(name => name.GetString()).Should().Equal("lambda-apigateway");
        json.GetProperty("AnyTable").GetBoolean().Should().BeTrue();
        json.GetProperty("Listed").GetBoolean().Should().BeFalse();
        json.TryGetProperty("Truncated", out _).Should().BeFalse("nothing was listed to cut short");
        json.GetProperty("ListTablesError").GetProperty("errorType").GetString().Should().Be("AccessDeniedException");
        json.GetProperty("ListTablesError").GetProperty("errorMessage").GetString().Should().Contain("dynamodb:ListTables");
    }

    [Test]
    public async Task A_ListTables_answer_without_TableNames_lists_none()
    {
        var function = TestFunction.Against(CannedDynamoDb.Answering("{}"), defaultTable: "lambda-apigateway");

        var answer = await function.InvokeAsync("""{"operation": "tables"}""");

        answer.Text.Should().Be("""{"TableNames":["lambda-apigateway"],"DefaultTableName":"lambda-apigateway","AnyTable":true,"Listed":true}""");
    }

    [Test]
    public async Task Any_other_refusal_of_ListTables_fails_the_operation_as_it_fails_any_other()
    {
        var dynamoDb = CannedDynamoDb.Failing(HttpStatusCode.BadRequest, "ValidationException", "refused");
        var function = TestFunction.Against(dynamoDb, defaultTable: "lambda-apigateway");

        var answer = await function.InvokeAsync("""{"operation": "tables"}""");

        answer.IsFunctionError.Should().BeTrue();
        answer.ErrorType.Should().Be("ValidationException");
    }

    [Test]
    public async Task Pages_are_followed_and_a_very_long_list_is_cut_and_says_so()
    {
        var pages = 0;
        var dynamoDb = new CannedDynamoDb(request =>
        {
            using var body = JsonDocument.Parse(request.Body);
            body.RootElement.GetProperty("Limit").GetInt32().Should().Be(100);
            var page = Interlocked.Increment(ref pages);
            var names = Enumerable.Range(0, 100).Select(i => $"\"t{page:D3}-{i:D3}\"");
            return CannedDynamoDb.Json(HttpStatusCode.OK, $$"""{"TableNames":[{{string.Join(",", names)}}],"LastEvaluatedTableName":"t{{page:D3}}-099"}""");
        });
        var function = TestFunction.Against(dynamoDb);

        var answer = await function.InvokeAsync("""{"operation": "tables"}""");

        answer.Json.GetProperty("TableNames").GetArrayLength().Should().Be(ServedTables.MaxListed);
        answer.Json.GetProperty("Truncated").GetBoolean().Should().BeTrue();
        dynamoDb.Requests.Should().HaveCount(ServedTables.MaxListed / 100);
        dynamoDb.Requests.Skip(1).First().Body.Should().Contain("\"ExclusiveStartTableName\":\"t001-099\"");
    }

    [Test]
    public async Task Through_a_proxy_event_the_answer_is_a_200_with_the_names()
    {
        var function = TestFunction.Against(NeverCalled, allowedTables: "orders");
        var proxyEvent = JsonSerializer.Serialize(new
        {
            httpMethod = "POST",
            requestContext = new { requestId = "r" },
            body = """{"operation": "tables"}""",
        });

        var answer = await function.InvokeAsync(proxyEvent);

        answer.StatusCode.Should().Be(200);
        answer.Body.GetProperty("TableNames")[0].GetString().Should().Be("orders");
    }
}
