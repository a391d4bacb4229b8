using System.Net;
using System.Text;
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
        for (var milliseconds = 1; milliseconds <= 100; milliseconds++)
        {
            summary.Add(new InvocationRecord(null, "ping", null, LambdaFunctionOverHttps.Errors.Outcome.Success("1"u8.ToArray()),
                TimeSpan.FromMilliseconds(milliseconds), null, null, metrics.For("ping", null, tableAllowed: false, coldStart: false)));
        }

        var output = new StringWriter();
        summary.Write(output);

        var row = output.ToString().Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        (row[4], row[5]).Should().Be(("50.00", "99.00"));
    }

    private static IEnumerable<(string, string)> Columns(string[] row) => [("count", row[1]), ("4xx", row[2]), ("5xx", row[3]), ("items", row[7])];
}
