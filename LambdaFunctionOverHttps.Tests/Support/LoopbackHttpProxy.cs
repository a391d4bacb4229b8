using System.Collections.Concurrent;
using System.Net;

namespace LambdaFunctionOverHttps.Tests.Support;

/// <summary>
/// An HTTP proxy on 127.0.0.1 in front of dynalite: records every request that gets through and
/// can hold each answer back, to play a slow DynamoDB. Only ever forwards to loopback.
/// </summary>
internal sealed class LoopbackHttpProxy : LoopbackHttpServer
{
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { UseProxy = false });
    private readonly Uri _target;

    public LoopbackHttpProxy(Uri target)
    {
        if (!target.IsLoopback)
        {
            throw new ArgumentException("The proxy only forwards to loopback.", nameof(target));
        }

        _target = target;
        Endpoint = new Uri($"http://127.0.0.1:{Port}/");
        Start();
    }

    public Uri Endpoint { get; }

    /// <summary>How long each answer is held back before it is returned.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The JSON body of every request forwarded, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _upstream.Dispose();
        }
    }

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Requests.Enqueue(System.Text.Encoding.UTF8.GetString(body.ToArray()));
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), _target) { Content = new ByteArrayContent(body.ToArray()) };
            foreach (var name in context.Request.Headers.AllKeys)
            {
                if (name is not null && !name.Equals("Host", StringComparison.OrdinalIgnoreCase) && !name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
                {
                    request.Headers.TryAddWithoutValidation(name, context.Request.Headers[name]);
                }
            }

            request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
            using var response = await _upstream.SendAsync(request, Stopping);
            var answer = await response.Content.ReadAsByteArrayAsync(Stopping);
            await Task.Delay(Delay, Stopping);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[header.Key] = string.Join(",", header.Value);
                }
            }

            await context.Response.OutputStream.WriteAsync(answer, Stopping);
        }
        catch (Exception)
        {
            // The client gave up (a deadline) or the test ended: there is nobody left to answer.
            context.Response.StatusCode = 502;
        }
        finally
        {
            try
            {
                context.Response.Close();
            }
            catch (ObjectDisposedException)
            {
                // The listener closed first.
            }
            catch (HttpListenerException)
            {
                // The client hung up.
            }
        }
    }
}
