using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using LambdaFunctionOverHttps.Values;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace DynamoDbManager.Local.Http;

/// <summary>
/// The event API Gateway REST (payload format 1.0, Lambda proxy integration) sends the function for
/// an HTTP request: the same fields, names and null-versus-missing choices as AWS, with made-up
/// account and API ids where AWS has real ones.
/// </summary>
internal static class ProxyEventBuilder
{
    // SAM CLI's local API uses the same placeholder account, so logs look familiar.
    private const string AccountId = "123456789012";
    private const string ApiId = "local";

    // The function's own writer settings: only what JSON requires is escaped. Escaping non-ASCII
    // would make the event bigger on its way to the 6 MB limit (an emoji six times over).
    private static readonly JsonWriterOptions WriterOptions = JsonBody.WriterOptions;

    /// <param name="context">The request; its method, headers, query and connection.</param>
    /// <param name="route">Which route matched, and so the resource, stage and paths.</param>
    /// <param name="body">The whole request body (already checked against the size limit).</param>
    /// <param name="requestId">The id API Gateway would give this request.</param>
    /// <param name="apiKey">The key that was checked, which API Gateway passes on as identity.apiKey; null when none is required.</param>
    public static byte[] Build(HttpContext context, GatewayRoute route, ReadOnlySpan<byte> body, string requestId, string? apiKey)
    {
        var request = context.Request;
        var now = DateTimeOffset.UtcNow;
        var buffer = new ArrayBufferWriter<byte>(body.Length + 2048);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("resource", route.Resource);
            writer.WriteString("path", route.Path);
            writer.WriteString("httpMethod", request.Method);
            WriteHeaders(writer, request.Headers);
            WriteQuery(writer, request.Query);
            WritePathParameters(writer, route.PathParameters);
            writer.WriteNull("stageVariables");

            writer.WriteStartObject("requestContext");
            writer.WriteString("resourceId", ApiId);
            writer.WriteString("resourcePath", route.Resource);
            writer.WriteString("httpMethod", request.Method);
            writer.WriteString("extendedRequestId", requestId);
            writer.WriteString("requestTime", now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture));
            writer.WriteString("path", RawPath(request));
            writer.WriteString("accountId", AccountId);
            writer.WriteString("protocol", request.Protocol);
            writer.WriteString("stage", route.Stage);
            writer.WriteString("domainPrefix", ApiId);
            writer.WriteNumber("requestTimeEpoch", now.ToUnixTimeMilliseconds());
            writer.WriteString("requestId", requestId);
            writer.WriteStartObject("identity");
            writer.WriteString("sourceIp", context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1");
            WriteStringOrNull(writer, "userAgent", request.Headers.UserAgent);
            WriteStringOrNull(writer, "apiKey", apiKey);
            writer.WriteEndObject();
            writer.WriteString("domainName", request.Host.Value);
            writer.WriteString("apiId", ApiId);
            writer.WriteEndObject();

            WriteBody(writer, body);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The request's path as the client sent it, still URL-encoded (Kestrel's <c>Path</c> is decoded), without the query.</summary>
    public static string RawPath(HttpRequest request)
    {
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return target is { Length: > 0 } && target[0] == '/' ? target.Split('?', 2)[0] : request.PathBase + request.Path.ToUriComponent();
    }

    private static void WritePathParameters(Utf8JsonWriter writer, IReadOnlyDictionary<string, string>? parameters)
    {
        if (parameters is null)
        {
            writer.WriteNull("pathParameters");
            return;
        }

        writer.WriteStartObject("pathParameters");
        foreach (var (name, value) in parameters)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    }

    // API Gateway sends both maps: the single-value one keeps the last value of a repeated header.
    private static void WriteHeaders(Utf8JsonWriter writer, IHeaderDictionary headers)
    {
        if (headers.Count == 0)
        {
            writer.WriteNull("headers");
            writer.WriteNull("multiValueHeaders");
            return;
        }

        writer.WriteStartObject("headers");
        foreach (var (name, values) in headers)
        {
            writer.WriteString(name, values.Count > 0 ? values[^1] : "");
        }

        writer.WriteEndObject();
        WriteMultiValue(writer, "multiValueHeaders", headers);
    }

    // No query string is null, not {}, in API Gateway's events.
    private static void WriteQuery(Utf8JsonWriter writer, IQueryCollection query)
    {
        if (query.Count == 0)
        {
            writer.WriteNull("queryStringParameters");
            writer.WriteNull("multiValueQueryStringParameters");
            return;
        }

        writer.WriteStartObject("queryStringParameters");
        foreach (var (name, values) in query)
        {
            writer.WriteString(name, values.Count > 0 ? values[^1] : "");
        }

        writer.WriteEndObject();
        WriteMultiValue(writer, "multiValueQueryStringParameters", query);
    }

    private static void WriteMultiValue(Utf8JsonWriter writer, string property, IEnumerable<KeyValuePair<string, StringValues>> pairs)
    {
        writer.WriteStartObject(property);
        foreach (var (name, values) in pairs)
        {
            writer.WriteStartArray(name);
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    // API Gateway passes text bodies as they are and binary ones base64-encoded. Bytes that are not
    // UTF-8 cannot be a JSON string, so they go base64 and the function reports what is wrong with them.
    private static void WriteBody(Utf8JsonWriter writer, ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            writer.WriteNull("body");
            writer.WriteBoolean("isBase64Encoded", false);
        }
        else if (Utf8.IsValid(body))
        {
            writer.WriteString("body", body);
            writer.WriteBoolean("isBase64Encoded", false);
        }
        else
        {
            writer.WriteBase64String("body", body);
            writer.WriteBoolean("isBase64Encoded", true);
        }
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string property, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(property);
        }
        else
        {
            writer.WriteString(property, value);
        }
    }
}
