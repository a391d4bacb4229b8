using System.Text.Json;
using LambdaFunctionOverHttps.Errors;
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

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}

/// <summary>What one log line says about one invocation.</summary>
internal sealed record InvocationRecord(
    string? RequestId, string? Operation, string? Table, Outcome Outcome, TimeSpan Elapsed, Exception? Detail);
