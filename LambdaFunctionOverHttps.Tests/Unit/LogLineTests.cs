using System.Text;
using System.Text.Json;
using FluentAssertions;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Logging;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// The log line itself, written by <see cref="FunctionLog"/> from a record: its level and error
/// counts at each side of the 4xx and 5xx boundaries, the process's own messages, and lines that
/// reach their output whole and at once, however long.
/// </summary>
public class LogLineTests
{
    private static readonly MetricDirectives Directives = new(FunctionSettings.FromVariables(_ => null));

    [TestCase(200, "INFO", 0, 0)]
    [TestCase(400, "WARN", 1, 0)]
    [TestCase(404, "WARN", 1, 0)]
    [TestCase(500, "ERROR", 0, 1)]
    [TestCase(503, "ERROR", 0, 1)]
    public void The_level_and_the_error_counts_follow_the_status_on_both_sides_of_400_and_500(int status, string level, int clientErrors, int faults)
    {
        var log = new StringWriter();
        var summary = new MetricsSummary();

        new FunctionLog(log, summary).Write(Record(status));

        var line = JsonDocument.Parse(log.ToString()).RootElement;
        line.GetProperty("level").GetString().Should().Be(level);
        line.GetProperty("ClientErrors").GetInt32().Should().Be(clientErrors);
        line.GetProperty("Faults").GetInt32().Should().Be(faults);
        if (status >= 400)
        {
            line.GetProperty("errorType").GetString().Should().Be("Status" + status);
            line.GetProperty("errorMessage").GetString().Should().Be("answered " + status);
        }
        else
        {
            line.TryGetProperty("errorType", out _).Should().BeFalse();
        }

        var table = new StringWriter();
        summary.Write(table);
        var row = table.ToString().Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        (row[2], row[3]).Should().Be((clientErrors.ToString(), faults.ToString()), "the summary counts as the line does");
    }

    [Test]
    public void A_message_of_the_process_is_a_JSON_line_with_its_level_request_message_and_the_detail_when_there_is_one()
    {
        var log = new StringWriter();
        var functionLog = new FunctionLog(log);

        functionLog.Message("ERROR", "request-1", "The runtime API did not answer", new InvalidOperationException("boom"));
        functionLog.Message("INFO", null, "Started");

        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        lines[0].EnumerateObject().Select(member => member.Name).Should().Equal("level", "requestId", "message", "detail");
        lines[0].GetProperty("level").GetString().Should().Be("ERROR");
        lines[0].GetProperty("requestId").GetString().Should().Be("request-1");
        lines[0].GetProperty("message").GetString().Should().Be("The runtime API did not answer");
        lines[0].GetProperty("detail").GetString().Should().StartWith("System.InvalidOperationException: boom");
        lines[1].EnumerateObject().Select(member => member.Name).Should().Equal("level", "message");
    }

    [Test]
    public void Each_line_reaches_an_output_that_does_not_flush_itself_as_soon_as_it_is_written()
    {
        using var stream = new MemoryStream();
        using var output = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = false };

        new FunctionLog(output).Message("INFO", null, "Started");

        Encoding.UTF8.GetString(stream.ToArray()).Should().Be("{\"level\":\"INFO\",\"message\":\"Started\"}" + Environment.NewLine,
            "a process that dies next must not lose the line");
    }

    [Test]
    public void A_line_longer_than_the_kept_buffers_is_written_whole_and_the_lines_after_it_too()
    {
        var log = new StringWriter();
        var functionLog = new FunctionLog(log);
        var detail = new string('x', 40_000);

        functionLog.Message("ERROR", null, "long", new InvalidOperationException(detail));
        functionLog.Message("INFO", null, "short");
        functionLog.Message("ERROR", null, "long again", new InvalidOperationException(detail));

        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        lines.Select(line => line.GetProperty("message").GetString()).Should().Equal("long", "short", "long again");
        lines[2].GetProperty("detail").GetString().Should().Contain(detail);
    }

    private static InvocationRecord Record(int status)
    {
        var outcome = status < 400
            ? Outcome.Success("{}"u8.ToArray(), null, status)
            : Outcome.Failure(new ErrorKind("Status" + status, status), "answered " + status);
        return new InvocationRecord("request-1", "ping", null, outcome, TimeSpan.FromMilliseconds(1), null, null,
            Directives.For("ping", null, coldStart: false));
    }
}
