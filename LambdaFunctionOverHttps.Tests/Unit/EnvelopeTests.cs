using System.Text;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

public class EnvelopeTests
{
    private static readonly CannedDynamoDb NeverCalled = new(request => throw new AssertionException($"DynamoDB was called: {request.Action}"));

    [TestCase("{\"operation\": \"read\", ", "not valid JSON")]
    [TestCase("[1, 2]", "must be a JSON object")]
    [TestCase("\"ping\"", "must be a JSON object")]
    [TestCase("{}", "Missing required field \"operation\"")]
    [TestCase("{\"operation\": null}", "Missing required field \"operation\"")]
    [TestCase("{\"operation\": 7}", "Invalid type for \"operation\": expected a string, got a number")]
    [TestCase("{\"operation\": \"read\", \"tableName\": [\"t\"], \"payload\": {}}", "Invalid type for \"tableName\"")]
    [TestCase("{\"operation\": \"ping\", \"operation\": \"echo\"}", "not valid JSON")]
    public async Task A_malformed_envelope_is_an_InvalidRequest_function_error(string json, string expectedMessage)
    {
        var answer = await TestFunction.Against(NeverCalled).InvokeAsync(json);

        answer.IsFunctionError.Should().BeTrue();
        answer.ErrorType.Should().Be("InvalidRequest");
        answer.ErrorMessage.Should().Contain(expectedMessage);
        answer.Result.Outcome.StatusCode.Should().Be(400);
    }

    [Test]
    public async Task Invalid_UTF8_is_refused_as_invalid_JSON()
    {
        var function = TestFunction.Against(NeverCalled);

        byte[] invalidInsideAString = [.. "{\"operation\":\"echo\",\"payload\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var result = await function.Invoker.InvokeAsync(invalidInsideAString, null, default);

        result.Outcome.Error!.Type.Should().Be("InvalidRequest");
        result.Outcome.ErrorMessage.Should().Contain("not valid JSON");
    }

    [Test]
    public async Task Nesting_ten_thousand_levels_deep_is_refused_without_a_crash()
    {
        var deep = new StringBuilder("{\"operation\":\"echo\",\"payload\":");
        deep.Append('[', 10_000).Append(']', 10_000).Append('}');

        var answer = await TestFunction.Against(NeverCalled).InvokeAsync(deep.ToString());

        answer.ErrorType.Should().Be("InvalidRequest");
        answer.ErrorMessage.Should().Contain("depth");
    }

    [TestCase(0, false)]
    [TestCase(1, true)]
    public async Task An_event_of_six_megabytes_is_taken_and_one_byte_more_is_PayloadTooLarge(int bytesOver, bool refused)
    {
        const string start = "{\"operation\":\"ping\",\"payload\":\"", end = "\"}";
        var huge = start + new string('x', (6 * 1024 * 1024) - start.Length - end.Length + bytesOver) + end;

        var answer = await TestFunction.Against(NeverCalled).InvokeAsync(huge);

        (answer.ErrorType == "PayloadTooLarge").Should().Be(refused);
        if (refused)
        {
            answer.Result.Outcome.StatusCode.Should().Be(413);
            answer.ErrorMessage.Should().Be("The request is 6291457 bytes; the limit is 6291456 bytes (Lambda's synchronous payload limit).");
        }
    }

    [TestCase("drop")]
    [TestCase("READ")]
    [TestCase("")]
    public async Task An_unknown_operation_answers_in_the_original_wording(string operation)
    {
        var answer = await TestFunction.Against(NeverCalled).InvokeAsync(new { operation, tableName = "lambda-apigateway", payload = new { } });

        answer.IsFunctionError.Should().BeTrue();
        answer.ErrorType.Should().Be("UnknownOperation");
        answer.ErrorMessage.Should().StartWith($"Unrecognized operation \"{operation}\"");
    }

    [Test]
    public async Task A_table_operation_without_tableName_or_TABLE_NAME_is_InvalidRequest()
    {
        var answer = await TestFunction.Against(NeverCalled).InvokeAsync(new { operation = "read", payload = new { Key = new { id = "1" } } });

        answer.ErrorType.Should().Be("InvalidRequest");
        answer.ErrorMessage.Should().Contain("tableName").And.Contain("TABLE_NAME");
    }

    // The envelope's tableName (as JSON; null for none given) wins over TABLE_NAME; null counts as none.
    [TestCase(null, "orders")]
    [TestCase("null", "orders")]
    [TestCase("\"invoices\"", "invoices")]
    public async Task The_table_is_the_envelope_s_tableName_else_TABLE_NAME(string? tableName, string expected)
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");
        var envelope = "{\"operation\":\"read\"" + (tableName is null ? "" : ",\"tableName\":" + tableName) + ",\"payload\":{\"Key\":{\"id\":\"1\"}}}";

        var answer = await TestFunction.Against(dynamoDb, defaultTable: "orders").InvokeAsync(envelope);

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        dynamoDb.Requests.Single().Body.Should().Contain($"\"TableName\":\"{expected}\"");
    }

    [Test]
    public async Task A_table_outside_ALLOWED_TABLES_is_refused_before_DynamoDB_is_called()
    {
        var answer = await TestFunction.Against(NeverCalled, allowedTables: "lambda-apigateway, audit")
            .InvokeAsync(new { operation = "list", tableName = "payroll", payload = new { } });

        answer.ErrorType.Should().Be("TableNotAllowed");
        answer.Result.Outcome.StatusCode.Should().Be(403);
        answer.ErrorMessage.Should().Contain("\"payroll\"");
    }

    [Test]
    public async Task A_table_inside_ALLOWED_TABLES_is_used()
    {
        var dynamoDb = CannedDynamoDb.Answering("{\"Items\":[],\"Count\":0,\"ScannedCount\":0}");

        var answer = await TestFunction.Against(dynamoDb, allowedTables: "lambda-apigateway, audit")
            .InvokeAsync(new { operation = "list", tableName = "audit", payload = new { } });

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        dynamoDb.Requests.Should().ContainSingle(request => request.Action == "Scan");
    }

    [TestCase("ab")]
    [TestCase("has space")]
    [TestCase("arn:aws:dynamodb:us-east-1:123456789012:table/x")]
    [TestCase("lambda-apigateway\n")]
    public async Task A_name_DynamoDB_would_refuse_is_InvalidRequest_without_a_round_trip(string tableName)
    {
        var answer = await TestFunction.Against(NeverCalled).InvokeAsync(new { operation = "list", tableName, payload = new { } });

        answer.ErrorType.Should().Be("InvalidRequest");
        answer.ErrorMessage.Should().StartWith("Invalid tableName").And.EndWith(
            ": DynamoDB table names are 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'.");
    }

    [Test]
    public async Task A_name_ending_in_a_newline_is_InvalidRequest_even_when_the_name_before_it_is_allowed()
    {
        // .NET's $ matches before a final newline: the name check must not.
        var answer = await TestFunction.Against(NeverCalled, allowedTables: "lambda-apigateway")
            .InvokeAsync(new { operation = "list", tableName = "lambda-apigateway\n", payload = new { } });

        answer.ErrorType.Should().Be("InvalidRequest");
        answer.Result.Outcome.StatusCode.Should().Be(400);
    }

    [Test]
    public async Task TABLE_NAME_and_ALLOWED_TABLES_entries_are_trimmed_so_a_final_newline_never_reaches_DynamoDB()
    {
        // What `export TABLE_NAME="$(cat name.txt)"`-style configuration can bring along.
        var dynamoDb = CannedDynamoDb.Answering("{}");

        var answer = await TestFunction.Against(dynamoDb, allowedTables: "audit,orders\n", defaultTable: "orders\n")
            .InvokeAsync(new { operation = "read", payload = new { Key = new { id = "1" } } });

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        dynamoDb.Requests.Single().Body.Should().Contain("\"TableName\":\"orders\"");
    }

    [Test]
    public async Task Echo_returns_the_payload_token_for_token()
    {
        const string payload = """{"big":12345678901234567890123456789012345678,"tiny":1E-130,"text":"żółw \"q\"","nested":{"list":[1,null,true,""]}}""";

        var answer = await TestFunction.Against(NeverCalled).InvokeAsync($$"""{"operation":"echo","payload":{{payload}}}""");

        answer.Text.Should().Be(payload);
    }

    [Test]
    public async Task Echo_without_a_payload_returns_null_as_the_original_does()
    {
        var answer = await TestFunction.Against(NeverCalled).InvokeAsync("""{"operation":"echo"}""");

        answer.Text.Should().Be("null");
    }

    [Test]
    public async Task Ping_answers_pong_and_needs_no_table()
    {
        var answer = await TestFunction.Against(NeverCalled).InvokeAsync("""{"operation":"ping"}""");

        answer.Text.Should().Be("\"pong\"");
        answer.IsFunctionError.Should().BeFalse();
    }

    [Test]
    public async Task Every_invocation_writes_one_JSON_log_line_without_item_values()
    {
        var function = TestFunction.Against(CannedDynamoDb.Answering("{}"));

        await function.InvokeAsync(new { operation = "create", tableName = "lambda-apigateway", payload = new { Item = new { id = "secret-id", card = "4111-1111" } } });

        var line = function.Log.Trim();
        line.Should().NotContain("\n");
        var entry = System.Text.Json.JsonDocument.Parse(line).RootElement;
        entry.GetProperty("operation").GetString().Should().Be("create");
        entry.GetProperty("table").GetString().Should().Be("lambda-apigateway");
        entry.GetProperty("status").GetInt32().Should().Be(200);
        entry.GetProperty("dynamoDbRequestId").GetString().Should().Be("CANNED-REQUEST-ID");
        entry.TryGetProperty("durationMs", out _).Should().BeTrue();
        line.Should().NotContain("secret-id").And.NotContain("4111");
    }
}
