using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Rest;

namespace LambdaFunctionOverHttps.Invocation;

/// <summary>
/// An event as Lambda delivered it, read far enough to know its shape (a bare envelope, or a proxy
/// event carrying the envelope as its body) and to hold the envelope's JSON; or why it cannot be read.
/// </summary>
internal sealed class IncomingEvent : IDisposable
{
    // DynamoDB nests documents at most 32 levels; 64 leaves room for the envelope around an item
    // while stopping pathological nesting before it costs stack or memory.
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    // The duplicate check reads property names as text, which throws on an unpaired surrogate; this
    // parse checks only the syntax, for an event already known to be refused.
    private static readonly JsonDocumentOptions SyntaxOnlyOptions = new() { MaxDepth = 64, AllowDuplicateProperties = true };

    private readonly JsonDocument? _event;
    private readonly JsonDocument? _body;

    private IncomingEvent(bool isProxy, JsonDocument? eventDocument, JsonDocument? body, Outcome? refusal)
    {
        IsProxy = isProxy;
        _event = eventDocument;
        _body = body;
        Refusal = refusal;
    }

    /// <summary>Whether the answer must be a proxy response (<c>{statusCode, headers, body}</c>).</summary>
    public bool IsProxy { get; }

    /// <summary>A proxy event's method and CORS headers, read even when its body is refused; null for a bare envelope.</summary>
    public HttpRequestFacts? Http { get; private init; }

    /// <summary>The envelope's JSON; only when <see cref="Refusal"/> is null and <see cref="Rest"/> is.</summary>
    // Stryker disable once NullCoalescing : equivalent, an event keeps its own document or its body's, never both (docs/testing.md, "Equivalent mutants")
    public JsonElement Envelope => (_body ?? _event)!.RootElement;

    /// <summary>A proxy event for a REST route (<c>RESOURCES</c>) rather than the envelope; null otherwise.</summary>
    public RestRequest? Rest { get; private init; }

    /// <summary>A REST request's body, parsed; null when it has none or its method takes none.</summary>
    // Stryker disable once Conditional : equivalent, the invoker reads it only when Rest is set (docs/testing.md, "Equivalent mutants")
    public JsonElement? RestBody => Rest is not null ? _body?.RootElement : null;

    /// <summary>Why the event cannot be served, as the answer to give.</summary>
    public Outcome? Refusal { get; }

    /// <param name="eventBytes">The event.</param>
    /// <param name="routes">The REST routes: a proxy event for one of them is read as a <see cref="RestRequest"/>.</param>
    public static IncomingEvent Read(ReadOnlyMemory<byte> eventBytes, RestResources routes)
    {
        if (eventBytes.Length > Invoker.MaxEventBytes)
        {
            return Refused(isProxy: false, TooLarge(eventBytes.Length));
        }

        var (eventDocument, eventError, isProxy) = Parse(eventBytes, "event");
        if (eventError is not null)
        {
            return Refused(isProxy, eventError);
        }

        if (!ProxyEvent.Matches(eventDocument!.RootElement))
        {
            return new IncomingEvent(isProxy: false, eventDocument, body: null, refusal: null);
        }

        var http = ProxyEvent.ReadHttp(eventDocument.RootElement);
        if (RestRequest.Match(eventDocument.RootElement, http.Method, routes) is { } rest)
        {
            return ReadRest(eventDocument, http, rest);
        }

        var (body, bodyError) = ProxyEvent.ReadBody(eventDocument.RootElement);
        // Stryker disable once Statement : equivalent, disposing returns pooled buffers, nothing a caller sees (docs/testing.md, "Equivalent mutants")
        eventDocument.Dispose();
        // A body is never longer than the event it came in (unescaping a JSON string and decoding
        // base64 both shrink it), so the event's own limit above bounds it too.
        if (bodyError is not null)
        {
            return Refused(isProxy: true, bodyError, http);
        }

        var (bodyDocument, parseError, _) = Parse(body!, "request body");
        return parseError is not null
            ? Refused(isProxy: true, parseError, http)
            : new IncomingEvent(isProxy: true, eventDocument: null, bodyDocument, refusal: null) { Http = http };
    }

    // Stryker disable once Statement : equivalent, disposing returns pooled buffers, nothing a caller sees (docs/testing.md, "Equivalent mutants")
    public void Dispose()
    {
        _event?.Dispose();
        _body?.Dispose();
    }

    // A REST request's body is optional (GET, DELETE) and, when its method takes one, parsed with the
    // same checks as an envelope; what it must hold is the route's business.
    private static IncomingEvent ReadRest(JsonDocument eventDocument, HttpRequestFacts http, RestRequest rest)
    {
        using (eventDocument)
        {
            var root = eventDocument.RootElement;
            var hasBody = root.TryGetProperty("body", out var text) && text.ValueKind == JsonValueKind.String && text.GetString() is { Length: > 0 };
            if (!rest.TakesBody || !hasBody)
            {
                return new IncomingEvent(isProxy: true, null, null, null) { Http = http, Rest = rest };
            }

            var (body, bodyError) = ProxyEvent.ReadBody(root);
            if (bodyError is not null)
            {
                return Refused(isProxy: true, bodyError, http, rest);
            }

            var (bodyDocument, parseError, _) = Parse(body!, "request body");
            return parseError is not null
                ? Refused(isProxy: true, parseError, http, rest)
                : new IncomingEvent(isProxy: true, null, bodyDocument, null) { Http = http, Rest = rest };
        }
    }

    private static IncomingEvent Refused(bool isProxy, Outcome refusal, HttpRequestFacts? http = null, RestRequest? rest = null) =>
        new(isProxy, null, null, refusal) { Http = http, Rest = rest };

    private static (JsonDocument? Document, Outcome? Error, bool IsProxy) Parse(ReadOnlyMemory<byte> json, string what)
    {
        // JsonDocument checks UTF-8 inside strings only when they are read, which would surface as
        // a crash deep in an operation; checking the whole text first keeps it a 400 here.
        if (!Utf8.IsValid(json.Span))
        {
            return (null, Outcome.Failure(ErrorKind.InvalidRequest, $"The {what} is not valid JSON: it is not valid UTF-8 text."), false);
        }

        var unpaired = SurrogateEscapes.FindUnpaired(json.Span);
        try
        {
            // Stryker disable once Equality : equivalent, an escape at byte 0 is outside any string, not JSON either way (docs/testing.md, "Equivalent mutants")
            if (unpaired < 0)
            {
                // Stryker disable once Boolean : equivalent, whether the event is a proxy event is read only with an error (docs/testing.md, "Equivalent mutants")
                return (JsonDocument.Parse(json, ParseOptions), null, false);
            }

            // Refused either way; a syntax error is reported first, as for any event, and a proxy
            // event is still answered as one, so API Gateway passes the 400 on instead of a 502.
            using var document = JsonDocument.Parse(json, SyntaxOnlyOptions);
            return (null, UnpairedSurrogate(what, json.Span, unpaired), ProxyEvent.Matches(document.RootElement));
        }
        catch (JsonException exception)
        {
            // JsonException's message names the line and byte of the fault and nothing internal.
            return (null, Outcome.Failure(ErrorKind.InvalidRequest, $"The {what} is not valid JSON: {exception.Message}"), false);
        }
    }

    private static Outcome UnpairedSurrogate(string what, ReadOnlySpan<byte> json, int at) => Outcome.Failure(ErrorKind.InvalidRequest,
        $"The {what} is not valid Unicode text: the escape {Encoding.ASCII.GetString(json.Slice(at, 6))} at byte {at} is half of a "
        + "UTF-16 surrogate pair without its other half (a \\uD800-\\uDBFF escape must be followed by a \\uDC00-\\uDFFF one).");

    private static Outcome TooLarge(int length) => Outcome.Failure(ErrorKind.PayloadTooLarge,
        $"The request is {length} bytes; the limit is {Invoker.MaxEventBytes} bytes (Lambda's synchronous payload limit).");
}
