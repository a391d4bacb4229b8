using System.Text.Json;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Operations;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Logging;

/// <summary>
/// The function's log: JSON lines (CloudWatch Logs Insights reads the fields without parsing rules),
/// one per invocation plus the runtime's own events. Never item values or keys: only the
/// operation, table, status, timing and error.
/// </summary>
internal sealed class FunctionLog(TextWriter output)
{
    private readonly TextWriter _output = output;

    public void Write(InvocationRecord record) => WriteLine(JsonBody.Write(writer =>
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
            writer.WriteEndObject();
        }));

    /// <summary>A line about the process rather than one invocation: start-up, runtime faults.</summary>
    public void Message(string level, string? requestId, string message, Exception? detail = null) => WriteLine(JsonBody.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("level", level);
        WriteIfSet(writer, "requestId", requestId);
        writer.WriteString("message", message);
        WriteIfSet(writer, "detail", detail?.ToString());
        writer.WriteEndObject();
    }));

    private void WriteLine(byte[] line)
    {
        lock (_output)
        {
            _output.WriteLine(System.Text.Encoding.UTF8.GetString(line));
            _output.Flush();
        }
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
internal sealed record InvocationRecord(
    string? RequestId, string? Operation, string? Table, Outcome Outcome, TimeSpan Elapsed, Exception? Detail, OperationUsage? Usage = null);
