using System.Text.Json;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Invocation;

/// <summary>serverless-lab's request: <c>{"operation", "tableName", "payload"}</c>. Other fields are ignored, as there.</summary>
internal sealed record Envelope(string Operation, string? TableName, JsonElement? Payload)
{
    public const string Shape = "{\"operation\": ..., \"tableName\": ..., \"payload\": {...}}";

    /// <summary>Reads an envelope, or says what is wrong with it.</summary>
    public static (Envelope? Envelope, string? Problem) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, $"The request must be a JSON object {Shape}, got {JsonKinds.Describe(root)}.");
        }

        if (!root.TryGetProperty("operation", out var operation) || operation.ValueKind == JsonValueKind.Null)
        {
            return (null, $"Missing required field \"operation\" in {Shape}.");
        }

        if (operation.ValueKind != JsonValueKind.String)
        {
            return (null, $"Invalid type for \"operation\": expected a string, got {JsonKinds.Describe(operation)}.");
        }

        string? tableName = null;
        if (root.TryGetProperty("tableName", out var table) && table.ValueKind != JsonValueKind.Null)
        {
            if (table.ValueKind != JsonValueKind.String)
            {
                return (null, $"Invalid type for \"tableName\": expected a string, got {JsonKinds.Describe(table)}.");
            }

            tableName = table.GetString();
        }

        JsonElement? payload = root.TryGetProperty("payload", out var value) ? value : null;
        return (new Envelope(operation.GetString()!, tableName, payload), null);
    }
}
