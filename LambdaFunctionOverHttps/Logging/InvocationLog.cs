using System.Text.Json;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Logging;

/// <summary>
/// One JSON line per invocation (CloudWatch Logs Insights reads the fields without parsing rules).
/// Never item values or keys: only the operation, table, status, timing and error.
/// </summary>
internal sealed class InvocationLog(TextWriter output)
{
    private readonly TextWriter _output = output;

    public void Write(InvocationRecord record)
    {
        var line = JsonBody.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("level", record.Outcome.IsError ? (record.Outcome.StatusCode >= 500 ? "ERROR" : "WARN") : "INFO");
            WriteIfSet(writer, "requestId", record.RequestId);
            WriteIfSet(writer, "operation", record.Operation);
            WriteIfSet(writer, "table", record.Table);
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
        });

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
