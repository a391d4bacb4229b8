using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using FluentAssertions;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Invocation;
using LambdaFunctionOverHttps.Logging;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// Issue 17, item 1: every invocation's log line is also a valid EMF record (checked against the
/// specification's rules by <see cref="EmfChecker"/>), whose dimension values come only from
/// configuration and whose numbers are what the invocation did.
/// </summary>
public class MetricsLineTests
{
    private const string Secret = "s3cr3t-4111111111111111";
    private const string ApiKey = "API-KEY-0123456789abcdef";
    private const string ItemAnswer = """{"Item":{"id":{"S":"s3cr3t-4111111111111111"}},"ConsumedCapacity":{"TableName":"lambda-apigateway","CapacityUnits":0.5}}""";

    private static readonly string[] Envelopes =
    [
        """{"operation":"ping"}""",
        """{"operation":"tables"}""",
        """{"operation":"echo","payload":{"secret":"{s}"}}""",
        """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"{s}"}}}""",
        """{"operation":"create","tableName":"lambda-apigateway","payload":{"Item":{"id":"{s}","card":"{s}"}}}""",
        """{"operation":"update","tableName":"lambda-apigateway","payload":{"Key":{"id":"{s}"},"UpdateExpression":"SET c = :c","ExpressionAttributeValues":{":c":"{s}"}}}""",
        """{"operation":"delete","tableName":"lambda-apigateway","payload":{"Key":{"id":"{s}"}}}""",
        """{"operation":"list","tableName":"lambda-apigateway","payload":{"FilterExpression":"c = :c","ExpressionAttributeValues":{":c":"{s}"}}}""",
        """{"operation":"query","tableName":"lambda-apigateway","payload":{"KeyConditionExpression":"id = :id","ExpressionAttributeValues":{":id":"{s}"}}}""",
        """{"operation":"batchRead","tableName":"lambda-apigateway","payload":{"Keys":[{"id":"{s}"},{"id":"{s}-2"}]}}""",
        """{"operation":"batchWrite","tableName":"lambda-apigateway","payload":{"Requests":[{"PutRequest":{"Item":{"id":"{s}"}}}]}}""",
        """{"operation":"made-up","tableName":"lambda-apigateway","payload":{"Key":{"id":"{s}"}}}""",
        """{"operation":"read","tableName":"in valid","payload":{"Key":{"id":"{s}"}}}""",
        """{"operation":"read","tableName":"not-allowed","payload":{"Key":{"id":"{s}"}}}""",
        """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":{"{s}":1}}}}""",
        """not json""",
        """{"operation":"read"}""",
    ];

    [Test]
    public async Task Every_line_of_every_kind_of_invocation_is_a_valid_EMF_document_without_keys_values_or_API_keys(
        [Values(null, "lambda-apigateway,other-table")] string? allowedTables)
    {
        var function = Function(AnswerFor, allowedTables: allowedTables);

        foreach (var envelope in Envelopes)
        {
            var json = envelope.Replace("{s}", Secret, StringComparison.Ordinal);
            await function.InvokeAsync(json);
            await function.InvokeAsync(Proxy(json));
        }

        var lines = function.Lines;
        lines.Should().HaveCount(Envelopes.Length * 2);
        foreach (var line in lines)
        {
            EmfChecker.Problems(line).Should().BeEmpty(line);
            line.Should().NotContain(Secret).And.NotContain(ApiKey);
        }
    }

    [Test]
    public async Task Failures_of_every_status_are_valid_EMF_and_counted_as_client_errors_or_faults()
    {
        foreach (var (status, code, clientErrors, faults) in new[]
        {
            (HttpStatusCode.BadRequest, "ResourceNotFoundException", 1, 0),
            (HttpStatusCode.BadRequest, "ConditionalCheckFailedException", 1, 0),
            (HttpStatusCode.BadRequest, "ProvisionedThroughputExceededException", 1, 0),
            (HttpStatusCode.InternalServerError, "InternalServerError", 0, 1),
        })
        {
            var function = Function(_ => CannedDynamoDb.Json(status, $$"""{"__type":"com.amazonaws.dynamodb.v20120810#{{code}}","message":"no"}"""));

            var result = await function.InvokeAsync("""{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"}}}""");

            var line = function.Lines.Single();
            EmfChecker.Problems(line).Should().BeEmpty(line);
            var entry = JsonDocument.Parse(line).RootElement;
            (entry.GetProperty("status").GetInt32() >= 500 ? 1 : 0).Should().Be(faults, $"{code} is answered with {entry.GetProperty("status")}: {result}");
            entry.GetProperty("ClientErrors").GetInt32().Should().Be(clientErrors, code);
            entry.GetProperty("Faults").GetInt32().Should().Be(faults, code);
        }
    }

    [Test]
    public async Task A_checker_that_passes_everything_cannot_pass_these()
    {
        // The checker itself: each line breaks one rule the specification states.
        EmfChecker.Problems("""{"level":"INFO"}""").Should().NotBeEmpty();
        EmfChecker.Problems("""{"_aws":{"Timestamp":1700000000000,"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[["Operation"]],"Metrics":[{"Name":"Duration","Unit":"Milliseconds"}]}]},"Duration":1}""")
            .Should().ContainSingle().Which.Should().Contain("Operation");
        EmfChecker.Problems("""{"_aws":{"Timestamp":1700000000000,"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[],"Metrics":[{"Name":"Duration","Unit":"Millis"}]}]},"Duration":1}""")
            .Should().ContainSingle().Which.Should().Contain("unit");
        EmfChecker.Problems("""{"_aws":{"Timestamp":1700000000000,"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[],"Metrics":[{"Name":"Duration"}]}]},"Duration":"1"}""")
            .Should().ContainSingle().Which.Should().Contain("not a number");
        EmfChecker.Problems("""{"_aws":{"Timestamp":"now","CloudWatchMetrics":[]}}""").Should().ContainSingle().Which.Should().Contain("Timestamp");
        var tooMany = string.Join(",", Enumerable.Range(0, 101).Select(index => $$"""{"Name":"M{{index}}"}"""));
        var values = string.Join(",", Enumerable.Range(0, 101).Select(index => $"\"M{index}\":1"));
        EmfChecker.Problems($$"""{"_aws":{"Timestamp":1700000000000,"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[],"Metrics":[{{tooMany}}]}]},{{values}}}""")
            .Should().ContainSingle().Which.Should().Contain("more than 100");
        await Task.CompletedTask;
    }

    [Test]
    public async Task The_directive_names_the_configured_namespace_and_every_metric_with_its_unit()
    {
        var function = Function(AnswerFor, metricsNamespace: "Team/Data-API");

        await function.InvokeAsync("""{"operation":"ping"}""");

        var directive = Entry(function.Lines.Single()).GetProperty("_aws").GetProperty("CloudWatchMetrics").EnumerateArray().Single();
        directive.GetProperty("Namespace").GetString().Should().Be("Team/Data-API");
        directive.GetProperty("Metrics").EnumerateArray().Select(metric => $"{metric.GetProperty("Name")}:{metric.GetProperty("Unit")}").Should().Equal(
            "Duration:Milliseconds", "DynamoDbTime:Milliseconds", "ClientErrors:Count", "Faults:Count", "Throttles:Count", "SdkRetries:Count",
            "ItemsReturned:Count", "ItemsWritten:Count", "ConsumedReadCapacity:Count", "ConsumedWriteCapacity:Count", "ColdStart:Count");
    }

    [Test]
    public void The_namespace_defaults_to_DynamoDbManager()
    {
        FunctionSettings.FromVariables(_ => null).MetricsNamespace.Should().Be("DynamoDbManager");
    }

    [TestCase("AWS/Lambda")]
    [TestCase("   ")]
    [TestCase("name*with*stars")]
    [TestCase("é")]
    public void A_namespace_CloudWatch_would_refuse_is_a_configuration_error(string value)
    {
        var read = () => FunctionSettings.FromVariables(name => name == "METRICS_NAMESPACE" ? value : null);

        read.Should().Throw<ConfigurationException>().WithMessage("METRICS_NAMESPACE *is not a CloudWatch namespace*");
    }

    [Test]
    public void A_namespace_of_256_characters_is_a_configuration_error()
    {
        var read = () => FunctionSettings.FromVariables(name => name == "METRICS_NAMESPACE" ? new string('a', 256) : null);

        read.Should().Throw<ConfigurationException>();
    }

    [Test]
    public async Task An_operation_the_caller_made_up_is_the_dimension_value_unknown()
    {
        var function = Function(AnswerFor);

        await function.InvokeAsync("""{"operation":"made-up-by-the-caller"}""");
        await function.InvokeAsync("""{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"}}}""");

        function.Lines.Select(line => Entry(line).GetProperty("Operation").GetString()).Should().Equal("unknown", "read");
    }

    [Test]
    public async Task Any_table_allowed_a_caller_named_table_is_no_dimension()
    {
        var function = Function(AnswerFor);

        await function.InvokeAsync("""{"operation":"read","tableName":"caller-chosen","payload":{"Key":{"id":"a"}}}""");

        var entry = Entry(function.Lines.Single());
        entry.TryGetProperty("Table", out _).Should().BeFalse();
        Dimensions(entry).Should().Equal("Operation");
    }

    [Test]
    public async Task A_table_in_ALLOWED_TABLES_is_a_dimension_and_a_refused_one_is_not()
    {
        var function = Function(AnswerFor, allowedTables: "lambda-apigateway");

        await function.InvokeAsync("""{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"}}}""");
        await function.InvokeAsync("""{"operation":"read","tableName":"another-table","payload":{"Key":{"id":"a"}}}""");

        var (allowed, refused) = (Entry(function.Lines[0]), Entry(function.Lines[1]));
        allowed.GetProperty("Table").GetString().Should().Be("lambda-apigateway");
        Dimensions(allowed).Should().Equal("Operation", "Operation,Table");
        refused.TryGetProperty("Table", out _).Should().BeFalse();
        Dimensions(refused).Should().Equal("Operation");
    }

    [Test]
    public async Task A_configured_table_is_a_dimension_of_a_request_refused_for_its_payload_too()
    {
        // An alarm on one table's client errors sees the bad requests made to it.
        var function = Function(AnswerFor, allowedTables: "lambda-apigateway");

        await function.InvokeAsync("""{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":"not a map"}}""");

        var entry = Entry(function.Lines.Single());
        entry.GetProperty("status").GetInt32().Should().Be(400);
        entry.GetProperty("Table").GetString().Should().Be("lambda-apigateway");
        entry.GetProperty("ClientErrors").GetInt32().Should().Be(1);
    }

    [Test]
    public async Task Only_a_batch_s_line_counts_its_calls_and_retries()
    {
        var function = Function(AnswerFor);

        await function.InvokeAsync("""{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"}}}""");
        await function.InvokeAsync("""{"operation":"batchRead","tableName":"lambda-apigateway","payload":{"Keys":[{"id":"a"}]}}""");

        var (read, batch) = (Entry(function.Lines[0]), Entry(function.Lines[1]));
        read.TryGetProperty("calls", out _).Should().BeFalse(function.Lines[0]);
        read.TryGetProperty("retries", out _).Should().BeFalse();
        batch.GetProperty("calls").GetInt32().Should().Be(1, function.Lines[1]);
        batch.GetProperty("retries").GetInt32().Should().Be(0);
    }

    [Test]
    public async Task TABLE_NAME_is_a_dimension_even_when_any_table_is_allowed()
    {
        var function = Function(AnswerFor, defaultTable: "lambda-apigateway");

        await function.InvokeAsync("""{"operation":"read","payload":{"Key":{"id":"a"}}}""");
        await function.InvokeAsync("""{"operation":"read","tableName":"elsewhere","payload":{"Key":{"id":"a"}}}""");

        Entry(function.Lines[0]).GetProperty("Table").GetString().Should().Be("lambda-apigateway");
        Entry(function.Lines[1]).TryGetProperty("Table", out _).Should().BeFalse();
    }

    [Test]
    public async Task The_first_invocation_of_a_process_is_its_cold_start_and_later_ones_are_not()
    {
        var function = Function(AnswerFor);

        await function.InvokeAsync("""{"operation":"ping"}""");
        await function.InvokeAsync("""{"operation":"ping"}""");
        await function.InvokeAsync("""{"operation":"ping"}""");

        function.Lines.Select(line => Entry(line).GetProperty("ColdStart").GetInt32()).Should().Equal(1, 0, 0);
    }

    [Test]
    public async Task A_read_counts_the_item_DynamoDB_returned_its_capacity_and_its_time_in_DynamoDB()
    {
        var function = Function(AnswerFor);

        await function.InvokeAsync("""{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"}}}""");

        var entry = Entry(function.Lines.Single());
        entry.GetProperty("ItemsReturned").GetInt32().Should().Be(1);
        entry.GetProperty("ItemsWritten").GetInt32().Should().Be(0);
        entry.GetProperty("ConsumedReadCapacity").GetDouble().Should().Be(0.5);
        entry.GetProperty("ConsumedWriteCapacity").GetDouble().Should().Be(0);
        entry.GetProperty("DynamoDbTime").GetDouble().Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(entry.GetProperty("Duration").GetDouble());
        entry.GetProperty("SdkRetries").GetInt32().Should().Be(0);
        entry.GetProperty("Throttles").GetInt32().Should().Be(0);
    }

    [Test]
    public async Task A_batch_write_counts_the_items_written_less_those_DynamoDB_left_unprocessed()
    {
        var function = Function(request => request.Action switch
        {
            "DescribeTable" => CannedDynamoDb.Json(HttpStatusCode.OK,
                """{"Table":{"TableName":"lambda-apigateway","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}]}}"""),
            _ => CannedDynamoDb.Json(HttpStatusCode.OK, """{"UnprocessedItems":{},"ConsumedCapacity":[{"TableName":"lambda-apigateway","CapacityUnits":3}]}"""),
        });

        await function.InvokeAsync("""{"operation":"batchWrite","tableName":"lambda-apigateway","payload":{"Requests":[{"PutRequest":{"Item":{"id":"a"}}},{"PutRequest":{"Item":{"id":"b"}}},{"DeleteRequest":{"Key":{"id":"c"}}}]}}""");

        var entry = Entry(function.Lines.Single());
        entry.GetProperty("ItemsWritten").GetInt32().Should().Be(3, function.Lines.Single());
        entry.GetProperty("ConsumedWriteCapacity").GetDouble().Should().Be(3);
    }

    [Test]
    public async Task A_throttled_attempt_the_SDK_retried_counts_one_throttle_and_one_SDK_retry()
    {
        var calls = 0;
        var function = Function(request => Interlocked.Increment(ref calls) == 1
            ? CannedDynamoDb.Json(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"slow down"}""")
            : AnswerFor(request));

        var result = await function.InvokeAsync("""{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"}}}""");

        result.Should().Contain("Item");
        var entry = Entry(function.Lines.Single());
        entry.GetProperty("Throttles").GetInt32().Should().Be(1);
        entry.GetProperty("SdkRetries").GetInt32().Should().Be(1);
        entry.GetProperty("Faults").GetInt32().Should().Be(0);
        entry.GetProperty("ItemsReturned").GetInt32().Should().Be(1);
    }

    [Test]
    public async Task A_fault_after_the_SDK_retries_counts_them_all()
    {
        var function = Function(_ => CannedDynamoDb.Json(HttpStatusCode.InternalServerError, """{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"no"}"""));

        await function.InvokeAsync("""{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"}}}""");

        var entry = Entry(function.Lines.Single());
        entry.GetProperty("Faults").GetInt32().Should().Be(1);
        entry.GetProperty("SdkRetries").GetInt32().Should().Be(2, "the client retries twice (DynamoDbClientFactory.MaxErrorRetry)");
        entry.GetProperty("Throttles").GetInt32().Should().Be(0);
    }

    private static HttpResponseMessage AnswerFor(CannedRequest request) => request.Action switch
    {
        "GetItem" => CannedDynamoDb.Json(HttpStatusCode.OK, ItemAnswer),
        "Query" or "Scan" => CannedDynamoDb.Json(HttpStatusCode.OK, """{"Items":[{"id":{"S":"s3cr3t-4111111111111111"}}],"Count":1,"ScannedCount":1}"""),
        "BatchGetItem" => CannedDynamoDb.Json(HttpStatusCode.OK, """{"Responses":{"lambda-apigateway":[{"id":{"S":"s3cr3t-4111111111111111"}}]},"UnprocessedKeys":{}}"""),
        "DescribeTable" => CannedDynamoDb.Json(HttpStatusCode.OK,
            """{"Table":{"TableName":"lambda-apigateway","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}]}}"""),
        _ => CannedDynamoDb.Json(HttpStatusCode.OK, "{}"),
    };

    private static string Proxy(string body) =>
        $$$"""{"resource":"/dynamodbmanager","path":"/dynamodbmanager","httpMethod":"POST","headers":{"x-api-key":"{{{ApiKey}}}","Content-Type":"application/json"},"requestContext":{"stage":"Prod","httpMethod":"POST","identity":{"apiKey":"{{{ApiKey}}}"}},"body":{{{JsonSerializer.Serialize(body)}}}}""";

    private static JsonElement Entry(string line) => JsonDocument.Parse(line).RootElement;

    private static IEnumerable<string> Dimensions(JsonElement entry) =>
        entry.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Dimensions").EnumerateArray()
            .Select(set => string.Join(",", set.EnumerateArray().Select(name => name.GetString())));

    private static LoggedFunction Function(
        Func<CannedRequest, HttpResponseMessage> answer, string? allowedTables = null, string? defaultTable = null, string? metricsNamespace = null)
    {
        var settings = FunctionSettings.FromVariables(name => name switch
        {
            "AWS_ENDPOINT_URL_DYNAMODB" => "http://127.0.0.1:9",
            "ALLOWED_TABLES" => allowedTables,
            "TABLE_NAME" => defaultTable,
            "METRICS_NAMESPACE" => metricsNamespace,
            _ => null,
        });
        var log = new StringWriter();
        return new LoggedFunction(Invoker.Create(settings, new FunctionLog(log), new BasicAWSCredentials("test", "test"), new CannedDynamoDb(answer)), log);
    }

    private sealed class LoggedFunction(Invoker invoker, StringWriter log)
    {
        public string[] Lines => log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        public async Task<string> InvokeAsync(string json)
        {
            var result = await invoker.InvokeAsync(Encoding.UTF8.GetBytes(json), "test-request", CancellationToken.None);
            return Encoding.UTF8.GetString(result.Payload);
        }
    }
}
