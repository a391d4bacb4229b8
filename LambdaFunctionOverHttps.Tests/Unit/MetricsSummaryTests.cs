using System.Globalization;
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

/// <summary>Issue 17, item 3: the local stack's per-operation summary adds up the same values the log line's metrics carry.</summary>
public class MetricsSummaryTests
{
    [Test]
    public async Task The_summary_counts_each_operation_its_errors_and_items_from_the_invocations_the_log_wrote()
    {
        var summary = new MetricsSummary();
        var settings = FunctionSettings.FromVariables(name => name == "AWS_ENDPOINT_URL_DYNAMODB" ? "http://127.0.0.1:9" : null);
        var dynamoDb = new CannedDynamoDb(request => request.Action == "GetItem"
            ? CannedDynamoDb.Json(HttpStatusCode.OK, """{"Item":{"id":{"S":"a"}}}""")
            : CannedDynamoDb.Json(HttpStatusCode.InternalServerError, """{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"no"}"""));
        var invoker = Invoker.Create(settings, new FunctionLog(TextWriter.Null, summary), new BasicAWSCredentials("test", "test"), dynamoDb);

        foreach (var envelope in new[]
        {
            """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"}}}""",
            """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"}}}""",
            """{"operation":"read","tableName":"lambda-apigateway"}""",
            """{"operation":"create","tableName":"lambda-apigateway","payload":{"Item":{"id":"a"}}}""",
            """{"operation":"not-an-operation"}""",
            """{"operation":"ping"}""",
        })
        {
            await invoker.InvokeAsync(Encoding.UTF8.GetBytes(envelope), null, CancellationToken.None);
        }

        var output = new StringWriter();
        summary.Write(output);
        var rows = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToDictionary(cells => cells[0]);
        rows.Keys.Should().Equal("create", "ping", "read", "unknown");
        Columns(rows["read"]).Should().Equal(("count", "3"), ("4xx", "1"), ("5xx", "0"), ("items", "2"));
        Columns(rows["create"]).Should().Equal(("count", "1"), ("4xx", "0"), ("5xx", "1"), ("items", "0"));
        Columns(rows["unknown"]).Should().Equal(("count", "1"), ("4xx", "1"), ("5xx", "0"), ("items", "0"));
        Columns(rows["ping"]).Should().Equal(("count", "1"), ("4xx", "0"), ("5xx", "0"), ("items", "0"));
    }

    [Test]
    public void Nothing_invoked_says_so()
    {
        var output = new StringWriter();

        new MetricsSummary().Write(output);

        output.ToString().Trim().Should().Be("No invocations.");
    }

    [Test]
    public void Percentiles_are_nearest_rank_of_the_durations()
    {
        var summary = new MetricsSummary();
        var metrics = new MetricDirectives(FunctionSettings.FromVariables(_ => null));
        for (var milliseconds = 100; milliseconds >= 1; milliseconds--)
        {
            summary.Add(new InvocationRecord(null, "ping", null, LambdaFunctionOverHttps.Errors.Outcome.Success("1"u8.ToArray()),
                TimeSpan.FromMilliseconds(milliseconds), null, null, metrics.For("ping", null, coldStart: false)));
        }

        var output = new StringWriter();
        summary.Write(output);

        var row = output.ToString().Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        (row[4], row[5]).Should().Be(("50.00", "99.00"));
    }

    [Test]
    public async Task The_items_and_the_mean_time_in_DynamoDB_are_the_sums_of_the_lines_values_and_the_header_names_each_column()
    {
        var summary = new MetricsSummary();
        var log = new StringWriter();
        var settings = FunctionSettings.FromVariables(name => name == "AWS_ENDPOINT_URL_DYNAMODB" ? "http://127.0.0.1:9" : null);
        var dynamoDb = new CannedDynamoDb(request => CannedDynamoDb.Json(HttpStatusCode.OK,
            request.Action == "GetItem" ? """{"Item":{"id":{"S":"a"}}}""" : "{}"))
        { Delay = TimeSpan.FromMilliseconds(20) };
        var invoker = Invoker.Create(settings, new FunctionLog(log, summary), new BasicAWSCredentials("test", "test"), dynamoDb);

        foreach (var envelope in new[]
        {
            """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"}}}""",
            """{"operation":"create","tableName":"lambda-apigateway","payload":{"Item":{"id":"a"}}}""",
            """{"operation":"create","tableName":"lambda-apigateway","payload":{"Item":{"id":"b"}}}""",
            """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"}}}""",
            """{"operation":"read","tableName":"lambda-apigateway"}""",
        })
        {
            await invoker.InvokeAsync(Encoding.UTF8.GetBytes(envelope), null, CancellationToken.None);
        }

        var output = new StringWriter();
        summary.Write(output);
        var text = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        text[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Should().Equal("operation", "count", "4xx", "5xx", "p50", "ms", "p99", "ms", "DynamoDB", "ms", "items");
        var rows = text.Skip(1).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToDictionary(cells => cells[0]);
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        foreach (var operation in new[] { "read", "create" })
        {
            var own = lines.Where(line => line.GetProperty("Operation").GetString() == operation).ToList();
            var meanDynamoDb = own.Sum(line => line.GetProperty("DynamoDbTime").GetDouble()) / own.Count;
            var items = own.Sum(line => line.GetProperty("ItemsReturned").GetInt32() + line.GetProperty("ItemsWritten").GetInt32());
            double.Parse(rows[operation][6], CultureInfo.InvariantCulture).Should().BeApproximately(meanDynamoDb, 0.01, operation);
            rows[operation][7].Should().Be(items.ToString(CultureInfo.InvariantCulture), operation);
        }

        rows["create"][7].Should().Be("2", "items written count as items");
        double.Parse(rows["read"][6], CultureInfo.InvariantCulture).Should().BeGreaterThan(0, "two of the three reads waited for DynamoDB");
    }

    [Test]
    public void Durations_past_the_kept_number_change_no_percentile()
    {
        var summary = new MetricsSummary();
        var metrics = new MetricDirectives(FunctionSettings.FromVariables(_ => null));
        void Add(double milliseconds) => summary.Add(new InvocationRecord(null, "ping", null, LambdaFunctionOverHttps.Errors.Outcome.Success("1"u8.ToArray()),
            TimeSpan.FromMilliseconds(milliseconds), null, null, metrics.For("ping", null, coldStart: false)));

        // Half ones and half threes: the median is 1; a 2 kept beside them would become the median.
        for (var index = 0; index < MetricsSummary.MaxSamplesPerOperation; index++)
        {
            Add(index % 2 == 0 ? 1 : 3);
        }

        Add(2);

        var output = new StringWriter();
        summary.Write(output);
        var row = output.ToString().Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        (row[1], row[4]).Should().Be(("100001", "1.00"), "the count goes on, the percentiles use the first durations");
    }

    private static IEnumerable<(string, string)> Columns(string[] row) => [("count", row[1]), ("4xx", row[2]), ("5xx", row[3]), ("items", row[7])];
}
