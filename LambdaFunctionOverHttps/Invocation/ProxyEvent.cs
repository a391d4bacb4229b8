using System.Text;
using System.Text.Json;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Invocation;

/// <summary>
/// API Gateway REST proxy (payload 1.0), HTTP API (2.0) and Function URL events: the envelope
/// travels as the HTTP body, and the answer must be <c>{statusCode, headers, body}</c>.
/// </summary>
internal static class ProxyEvent
{
    /// <summary>
    /// A proxy event has a <c>requestContext</c> and an HTTP method or route; an envelope has an
    /// <c>operation</c>, which wins so an envelope is never mistaken for a proxy event.
    /// </summary>
    public static bool Matches(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && !root.TryGetProperty("operation", out _)
        && root.TryGetProperty("requestContext", out var context) && context.ValueKind == JsonValueKind.Object
        && (root.TryGetProperty("httpMethod", out _) || root.TryGetProperty("routeKey", out _) || root.TryGetProperty("rawPath", out _));

    /// <summary>The request body's bytes, base64-decoded when the event says so.</summary>
    public static (byte[]? Body, Outcome? Error) ReadBody(JsonElement root)
    {
        if (!root.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.String || body.GetString() is not { Length: > 0 } text)
        {
            return (null, Outcome.Failure(ErrorKind.InvalidRequest,
                $"The request body is empty: POST a JSON envelope {Envelope.Shape}."));
        }

        var isBase64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
        if (!isBase64)
        {
            return (Encoding.UTF8.GetBytes(text), null);
        }

        var decoded = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text, decoded, out var length)
            ? (decoded[..length], null)
            : (null, Outcome.Failure(ErrorKind.InvalidRequest, "The request body is marked isBase64Encoded but is not valid base64."));
    }

    /// <summary>The proxy answer; the outcome's JSON becomes the body text.</summary>
    public static byte[] Response(Outcome outcome) => JsonBody.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("statusCode", outcome.StatusCode);
        writer.WriteStartObject("headers");
        writer.WriteString("content-type", "application/json");
        if (outcome.Error is { } error)
        {
            // API Gateway's own header for its errors, so clients can branch without parsing the body.
            writer.WriteString("x-amzn-errortype", error.Type);
        }

        writer.WriteEndObject();
        writer.WriteString("body", outcome.Body);
        writer.WriteBoolean("isBase64Encoded", false);
        writer.WriteEndObject();
    });
}
