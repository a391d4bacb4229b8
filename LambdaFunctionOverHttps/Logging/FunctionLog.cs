using System.Buffers;
using System.Text;
using System.Text.Json;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Operations;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Logging;

/// <summary>
/// The function's log: JSON lines (CloudWatch Logs Insights reads the fields without parsing rules),
/// one per invocation plus the runtime's own events. Never item values or keys: only the
/// operation, table, status, timing and error. An invocation's line is also a CloudWatch embedded
/// metric format (EMF) record: its <c>_aws</c> member names the metrics and dimensions among the
/// line's members, so CloudWatch makes metrics of the line with no agent, client or second write.
/// </summary>
/// <param name="output">Where the lines go.</param>
/// <param name="summary">Also adds each invocation to this, for a host that shows a summary (the local stack).</param>
internal sealed class FunctionLog(TextWriter output, MetricsSummary? summary = null)
{
    // A line is written into buffers kept for the next one (under the output's lock): the EMF
    // directive made the line four times longer, and growing a fresh buffer and string for each
    // cost more than the 2 µs issue 17 allows the metrics (docs/performance.md, "The EMF line").
    // A buffer that grew past this (a long exception detail) is let go rather than kept.
    private const int KeptBufferBytes = 16 * 1024;

    private readonly TextWriter _output = output;
    private ArrayBufferWriter<byte> _bytes = new(2048);
    private char[] _chars = new char[2048];
    private Utf8JsonWriter? _writer;

    public void Write(InvocationRecord record)
    {
        summary?.Add(record);
        WriteLine(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("level", record.Outcome.IsError ? (record.Outcome.StatusCode >= 500 ? "ERROR" : "WARN") : "INFO");
            WriteIfSet(writer, "requestId", record.RequestId);
            WriteIfSet(writer, "operation", CallerText.Bounded(record.Operation));
            WriteIfSet(writer, "table", CallerText.Bounded(record.Table));
            writer.WriteNumber("status", record.Outcome.StatusCode);
            writer.WriteNumber("durationMs", Math.Round(record.Elapsed.TotalMilliseconds, 3));
            WriteIfSet(writer, "dynamoDbRequestId", record.Outcome.DynamoDbRequestId);
            if (record.Usage is { } usage)
            {
                WriteUsage(writer, usage);
            }

            if (record.Outcome.Error is { } error)
            {
                writer.WriteString("errorType", error.Type);
                writer.WriteString("errorMessage", record.Outcome.ErrorMessage);
            }

            // The detail a client never sees: what went wrong inside, for whoever reads the log.
            WriteIfSet(writer, "detail", record.Detail?.ToString());
            if (record.Metrics is { } metrics)
            {
                WriteMetrics(writer, record, metrics);
            }

            writer.WriteEndObject();
        });
    }

    /// <summary>A line about the process rather than one invocation: start-up, runtime faults.</summary>
    public void Message(string level, string? requestId, string message, Exception? detail = null) => WriteLine(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("level", level);
        WriteIfSet(writer, "requestId", requestId);
        writer.WriteString("message", message);
        WriteIfSet(writer, "detail", detail?.ToString());
        writer.WriteEndObject();
    });

    private void WriteLine(Action<Utf8JsonWriter> write)
    {
        lock (_output)
        {
            _bytes.ResetWrittenCount();
            // Stryker disable once Assignment : equivalent, a new writer for each line writes the same line; it is kept to save its allocation (docs/testing.md, "Equivalent mutants")
            var writer = _writer ??= new Utf8JsonWriter(_bytes, JsonBody.WriterOptions);
            writer.Reset(_bytes);
            write(writer);
            writer.Flush();
            var line = _bytes.WrittenSpan;
            var length = Encoding.UTF8.GetCharCount(line);
            // Stryker disable once Equality : equivalent, growing a buffer that is exactly long enough changes its size, not the line (docs/testing.md, "Equivalent mutants")
            if (_chars.Length < length)
            {
                // Stryker disable once Arithmetic : equivalent, Math.Max keeps the buffer at least the line long; doubling only spares regrowing (docs/testing.md, "Equivalent mutants")
                _chars = new char[Math.Max(length, _chars.Length * 2)];
            }

            Encoding.UTF8.GetChars(line, _chars);
            _output.WriteLine(_chars, 0, length);
            _output.Flush();
            // Stryker disable once all : equivalent, whether grown buffers are let go changes the memory kept, not the lines (a test writes long lines between short ones) (docs/testing.md, "Equivalent mutants")
            if (_bytes.Capacity > KeptBufferBytes)
            {
                _bytes = new ArrayBufferWriter<byte>(2048);
                _chars = new char[2048];
                _writer = null;
            }
        }
    }

    // The EMF members: the directive, the dimension values and one number per metric the directive
    // names (MetricDirectives.Metrics, in its order). Every metric is written on every line, zero
    // included, so that sums and averages over lines mean what they say.
    private static void WriteMetrics(Utf8JsonWriter writer, InvocationRecord record, InvocationMetrics metrics)
    {
        writer.WriteStartObject("_aws");
        writer.WriteNumber("Timestamp", metrics.Timestamp);
        writer.WritePropertyName("CloudWatchMetrics");
        // Stryker disable once Boolean : equivalent, the directive is JSON this process wrote at start-up; validating it again writes the same (docs/testing.md, "Equivalent mutants")
        writer.WriteRawValue(metrics.Directive, skipInputValidation: true);
        writer.WriteEndObject();
        writer.WriteString("Operation", metrics.Operation);
        WriteIfSet(writer, "Table", metrics.Table);
        var usage = record.Usage;
        var status = record.Outcome.StatusCode;
        writer.WriteNumber("Duration", Math.Round(record.Elapsed.TotalMilliseconds, 3));
        writer.WriteNumber("DynamoDbTime", Math.Round(usage?.DynamoDbTime.TotalMilliseconds ?? 0, 3));
        writer.WriteNumber("ClientErrors", status is >= 400 and < 500 ? 1 : 0);
        writer.WriteNumber("Faults", status >= 500 ? 1 : 0);
        writer.WriteNumber("Throttles", usage is { Throttled: true } ? 1 : 0);
        writer.WriteNumber("SdkRetries", usage?.SdkRetries ?? 0);
        writer.WriteNumber("ItemsReturned", usage?.ItemsReturned ?? 0);
        writer.WriteNumber("ItemsWritten", usage?.ItemsWritten ?? 0);
        writer.WriteNumber("ConsumedReadCapacity", usage?.ConsumedReadCapacity ?? 0);
        writer.WriteNumber("ConsumedWriteCapacity", usage?.ConsumedWriteCapacity ?? 0);
        writer.WriteNumber("ColdStart", metrics.ColdStart ? 1 : 0);
    }

    // Counts only, as metrics want them: how many keys or requests, calls and retries, what was left.
    private static void WriteUsage(Utf8JsonWriter writer, OperationUsage usage)
    {
        WriteIfSet(writer, "keys", usage.Keys);
        WriteIfSet(writer, "requests", usage.Requests);
        if (usage.Calls > 0)
        {
            writer.WriteNumber("calls", usage.Calls);
            writer.WriteNumber("retries", usage.Retries);
        }

        WriteIfSet(writer, "unprocessed", usage.Unprocessed);
        WriteIfSet(writer, "stoppedBy", usage.StoppedBy);
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}

/// <summary>What one log line says about one invocation.</summary>
/// <param name="Usage">What the operation asked of DynamoDB, when one ran.</param>
/// <param name="Metrics">The EMF side of the line; null writes a plain line.</param>
internal sealed record InvocationRecord(
    string? RequestId, string? Operation, string? Table, Outcome Outcome, TimeSpan Elapsed, Exception? Detail, OperationUsage? Usage = null,
    InvocationMetrics? Metrics = null);
