using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DynamoDbManager.Local.Http;

/// <summary>
/// Turns the function's proxy answer (<c>statusCode</c>, <c>headers</c>, <c>multiValueHeaders</c>,
/// <c>body</c>, <c>isBase64Encoded</c>) into the HTTP response, as API Gateway does.
/// </summary>
internal static class ProxyResponseWriter
{
    // The server frames the body itself; a function's value for these would contradict it.
    private static readonly HashSet<string> FramingHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-length", "transfer-encoding", "connection",
    };

    /// <exception cref="InvalidDataException">
    /// The answer is not a proxy response; API Gateway answers 502 then, and so does the caller.
    /// </exception>
    public static async Task WriteAsync(Stream answer, HttpResponse response, CancellationToken cancellation)
    {
        using var document = await ParseAsync(answer, cancellation).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("statusCode", out var status)
            || status.ValueKind != JsonValueKind.Number
            || !status.TryGetInt32(out var statusCode) || statusCode is < 100 or > 599)
        {
            throw new InvalidDataException("The function's answer has no valid statusCode.");
        }

        var body = Body(root);
        response.StatusCode = statusCode;
        if (root.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in multi.EnumerateObject().Where(header => !FramingHeaders.Contains(header.Name)))
            {
                response.Headers[header.Name] = header.Value.ValueKind == JsonValueKind.Array
                    ? header.Value.EnumerateArray().Select(Text).ToArray()
                    : Text(header.Value);
            }
        }

        // Single-value headers win over multi-value ones of the same name, as in API Gateway.
        if (root.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in headers.EnumerateObject().Where(header => !FramingHeaders.Contains(header.Name)))
            {
                response.Headers[header.Name] = Text(header.Value);
            }
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellation).ConfigureAwait(false);
    }

    private static async Task<JsonDocument> ParseAsync(Stream answer, CancellationToken cancellation)
    {
        try
        {
            return await JsonDocument.ParseAsync(answer, cancellationToken: cancellation).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The function's answer is not JSON: {exception.Message}", exception);
        }
    }

    private static byte[] Body(JsonElement root)
    {
        if (!root.TryGetProperty("body", out var body) || body.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (body.ValueKind != JsonValueKind.String)
        {
            throw new InvalidDataException("The function's answer has a body that is not a string.");
        }

        var isBase64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
        if (!isBase64)
        {
            return Encoding.UTF8.GetBytes(body.GetString()!);
        }

        return body.TryGetBytesFromBase64(out var bytes)
            ? bytes
            : throw new InvalidDataException("The function's answer is marked isBase64Encoded but its body is not base64.");
    }

    // API Gateway turns numbers and booleans in headers into their text; so does this.
    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
