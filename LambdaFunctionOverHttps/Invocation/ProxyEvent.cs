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

    /// <summary>
    /// The request's method and the headers CORS looks at. REST (1.0) events carry <c>httpMethod</c>
    /// and headers as sent, in <c>headers</c> (the last value) and <c>multiValueHeaders</c>; HTTP API
    /// and Function URL (2.0) events carry <c>requestContext.http.method</c> and lower-case headers,
    /// repeated values joined by commas. Header names are case-insensitive either way.
    /// </summary>
    public static HttpRequestFacts ReadHttp(JsonElement root)
    {
        var method = root.TryGetProperty("httpMethod", out var restMethod) && restMethod.ValueKind == JsonValueKind.String ? restMethod.GetString()
            : root.GetProperty("requestContext").TryGetProperty("http", out var http) && http.ValueKind == JsonValueKind.Object
              && http.TryGetProperty("method", out var httpMethod) && httpMethod.ValueKind == JsonValueKind.String ? httpMethod.GetString()
            : null;
        return new HttpRequestFacts(method, Header(root, "Origin"), Header(root, "Access-Control-Request-Method"));
    }

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

        // Stryker disable once Arithmetic : equivalent, a larger buffer decodes the same (docs/testing.md, "Equivalent mutants")
        var decoded = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text, decoded, out var length)
            ? (decoded[..length], null)
            : (null, Outcome.Failure(ErrorKind.InvalidRequest, "The request body is marked isBase64Encoded but is not valid base64."));
    }

    /// <summary>The proxy answer; the outcome's JSON becomes the body text.</summary>
    /// <param name="outcome">What to answer.</param>
    /// <param name="headers">More headers to send: the CORS headers for the request's origin.</param>
    public static byte[] Response(Outcome outcome, IReadOnlyList<KeyValuePair<string, string>> headers) => JsonBody.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("statusCode", outcome.StatusCode);
        writer.WriteStartObject("headers");
        if (outcome.Body.Length > 0)
        {
            writer.WriteString("content-type", "application/json");
        }

        if (outcome.Error is { } error)
        {
            // API Gateway's own header for its errors, so clients can branch without parsing the body.
            writer.WriteString("x-amzn-errortype", error.Type);
        }

        foreach (var (name, value) in outcome.Headers.Concat(headers))
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
        writer.WriteString("body", outcome.Body);
        writer.WriteBoolean("isBase64Encoded", false);
        writer.WriteEndObject();
    });

    // Every value of the header in both maps, joined as API Gateway 2.0 joins repeated values: no
    // browser repeats Origin, and two origins joined match no allowed origin.
    private static string? Header(JsonElement root, string name)
    {
        var values = new List<string>();
        foreach (var map in new[] { "headers", "multiValueHeaders" })
        {
            if (!root.TryGetProperty(map, out var headers) || headers.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var header in headers.EnumerateObject().Where(header => header.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                IEnumerable<JsonElement> texts = header.Value.ValueKind == JsonValueKind.Array ? header.Value.EnumerateArray() : [header.Value];
                values.AddRange(texts.Where(text => text.ValueKind == JsonValueKind.String).Select(text => text.GetString()!));
            }
        }

        var distinct = values.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? null : string.Join(", ", distinct);
    }
}
