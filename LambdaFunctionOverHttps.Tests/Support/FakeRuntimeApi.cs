using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;

namespace LambdaFunctionOverHttps.Tests.Support;

/// <summary>
/// The Lambda Runtime API as a custom runtime sees it: hands out queued events on <c>/next</c> and
/// records every response, error and init error posted back. A runtime in this process reaches it
/// through <see cref="Handler"/>, without a socket; a runtime in another process through a
/// <see cref="LoopbackRuntimeApi"/> in front of it. Both end in <see cref="AnswerAsync"/>.
/// </summary>
internal sealed class FakeRuntimeApi : IDisposable
{
    /// <summary>
    /// What goes in <c>AWS_LAMBDA_RUNTIME_API</c> beside <see cref="Handler"/>: the client builds its
    /// URLs from it, and the reserved <c>.invalid</c> name could never reach a real server.
    /// </summary>
    public const string InMemoryAddress = "runtime-api.invalid";

    /// <summary>Lambda's documented limit on a synchronous response (6 MB), which it enforces on the post.</summary>
    public const int LambdaResponseLimit = 6 * 1024 * 1024;

    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private const string InvocationPath = "/2018-06-01/runtime/invocation/";

    private readonly Channel<QueuedEvent> _events = Channel.CreateUnbounded<QueuedEvent>();
    private readonly Channel<RuntimePost> _posts = Channel.CreateUnbounded<RuntimePost>();
    private readonly CancellationTokenSource _stopped = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HttpStatusCode> _refusedInvocations = new();
    private int _nextRequests;

    public FakeRuntimeApi() => Handler = new InMemoryHandler(this);

    /// <summary>This Runtime API in memory, for <c>RuntimeLoop.RunAsync</c>'s handler seam.</summary>
    public HttpMessageHandler Handler { get; }

    public int NextRequests => Volatile.Read(ref _nextRequests);

    /// <summary>A post with a larger body is refused 413, as Lambda refuses a response over its limit.</summary>
    public int MaxPostBytes { get; init; } = LambdaResponseLimit;

    /// <summary>Every post for <paramref name="requestId"/> is refused with <paramref name="status"/>, as Lambda refuses posts for an invocation it has closed (403).</summary>
    public void RefusePostsFor(string requestId, HttpStatusCode status) => _refusedInvocations[requestId] = status;

    /// <summary>Refuses posts to <c>/runtime/init/error</c> with <paramref name="status"/>.</summary>
    public void RefuseInitErrors(HttpStatusCode status) => _refusedInvocations[""] = status;

    public void Enqueue(string requestId, string eventJson, DateTimeOffset? deadline = null, string? traceId = null) =>
        _events.Writer.TryWrite(new QueuedEvent(requestId, Encoding.UTF8.GetBytes(eventJson), deadline, traceId));

    /// <summary>The next thing the runtime posted, waiting up to <paramref name="within"/> for it.</summary>
    public async Task<RuntimePost> NextPostAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        return await _posts.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Answers one request as the Runtime API does; <c>/next</c> waits for an event until <paramref name="cancellationToken"/> fires.</summary>
    public async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Get && path == InvocationPath + "next")
        {
            Interlocked.Increment(ref _nextRequests);
            var queued = await _events.Reader.ReadAsync(cancellationToken);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(queued.Body) };
            response.Headers.TryAddWithoutValidation("Lambda-Runtime-Aws-Request-Id", queued.RequestId);
            response.Headers.TryAddWithoutValidation("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:LambdaFunctionOverHttps");
            if (queued.Deadline is { } deadline)
            {
                response.Headers.TryAddWithoutValidation("Lambda-Runtime-Deadline-Ms", deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            }

            if (queued.TraceId is { } traceId)
            {
                response.Headers.TryAddWithoutValidation("Lambda-Runtime-Trace-Id", traceId);
            }

            return response;
        }

        if (request.Method == HttpMethod.Post)
        {
            var bytes = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var errorType = request.Headers.TryGetValues(ErrorTypeHeader, out var values) ? values.First() : null;
            var requestId = path.StartsWith(InvocationPath, StringComparison.Ordinal) ? path[InvocationPath.Length..path.LastIndexOf('/')] : "";
            var status = bytes.Length > MaxPostBytes ? HttpStatusCode.RequestEntityTooLarge
                : _refusedInvocations.TryGetValue(requestId, out var refusal) ? refusal
                : HttpStatusCode.Accepted;
            _posts.Writer.TryWrite(new RuntimePost(path, errorType, Encoding.UTF8.GetString(bytes), status));
            return status switch
            {
                // The Runtime API's error document, with the figure Lambda's own message gives.
                HttpStatusCode.RequestEntityTooLarge => ErrorDocument(status, "RequestEntityTooLarge", $"Exceeded maximum allowed payload size ({MaxPostBytes} bytes)."),
                HttpStatusCode.Accepted => new HttpResponseMessage(status),
                _ => ErrorDocument(status, "InvalidStateTransition", "Invalid state transition for this invocation."),
            };
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    /// <summary>The Runtime API goes away: waiting requests fail, and new ones fail as a refused connection does.</summary>
    public void Dispose()
    {
        _stopped.Cancel();
        Handler.Dispose();
    }

    private static HttpResponseMessage ErrorDocument(HttpStatusCode status, string errorType, string errorMessage) => new(status)
    {
        Content = new StringContent($$"""{"errorMessage":"{{errorMessage}}","errorType":"{{errorType}}"}""", Encoding.UTF8, "application/json"),
    };

    private sealed record QueuedEvent(string RequestId, byte[] Body, DateTimeOffset? Deadline, string? TraceId);

    private sealed class InMemoryHandler(FakeRuntimeApi api) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (api._stopped.IsCancellationRequested)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, "The fake Runtime API is gone (connection refused).");
            }

            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, api._stopped.Token);
            try
            {
                return await api.AnswerAsync(request, either.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, "The fake Runtime API went away while the request waited.");
            }
        }
    }
}

/// <summary>One POST the runtime made: the path, the error-type header if any, the body, and the status it was answered with.</summary>
internal sealed record RuntimePost(string Path, string? ErrorTypeHeader, string Body, HttpStatusCode Status = HttpStatusCode.Accepted)
{
    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;
}
