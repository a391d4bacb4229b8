using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;

namespace LambdaFunctionOverHttps.Tests.Support;

/// <summary>
/// The Lambda Runtime API as a custom runtime sees it, on 127.0.0.1: hands out queued events on
/// <c>/next</c> and records every response, error and init error posted back.
/// </summary>
internal sealed class FakeRuntimeApi : LoopbackHttpServer
{
    private readonly Channel<QueuedEvent> _events = Channel.CreateUnbounded<QueuedEvent>();
    private readonly Channel<RuntimePost> _posts = Channel.CreateUnbounded<RuntimePost>();

    public FakeRuntimeApi()
    {
        Address = $"127.0.0.1:{Port}";
        Start();
    }

    /// <summary>What goes in <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address { get; }

    public int NextRequests { get; private set; }

    public void Enqueue(string requestId, string eventJson, DateTimeOffset? deadline = null, string? traceId = null) =>
        _events.Writer.TryWrite(new QueuedEvent(requestId, Encoding.UTF8.GetBytes(eventJson), deadline, traceId));

    /// <summary>The next thing the runtime posted, waiting up to <paramref name="within"/> for it.</summary>
    public async Task<RuntimePost> NextPostAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        return await _posts.Reader.ReadAsync(timeout.Token);
    }

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var response = context.Response;
        try
        {
            if (context.Request.HttpMethod == "GET" && path == "/2018-06-01/runtime/invocation/next")
            {
                NextRequests++;
                var queued = await _events.Reader.ReadAsync(Stopping);
                response.Headers["Lambda-Runtime-Aws-Request-Id"] = queued.RequestId;
                response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:LambdaFunctionOverHttps";
                if (queued.Deadline is { } deadline)
                {
                    response.Headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                }

                if (queued.TraceId is { } traceId)
                {
                    response.Headers["Lambda-Runtime-Trace-Id"] = traceId;
                }

                await response.OutputStream.WriteAsync(queued.Body);
            }
            else if (context.Request.HttpMethod == "POST")
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                _posts.Writer.TryWrite(new RuntimePost(path, context.Request.Headers["Lambda-Runtime-Function-Error-Type"], body));
                response.StatusCode = 202;
            }
            else
            {
                response.StatusCode = 404;
            }
        }
        catch (OperationCanceledException)
        {
            response.StatusCode = 500;
        }
        finally
        {
            response.Close();
        }
    }

    private sealed record QueuedEvent(string RequestId, byte[] Body, DateTimeOffset? Deadline, string? TraceId);
}

/// <summary>One POST the runtime made: the path, the error-type header if any, and the body.</summary>
internal sealed record RuntimePost(string Path, string? ErrorTypeHeader, string Body)
{
    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;
}
