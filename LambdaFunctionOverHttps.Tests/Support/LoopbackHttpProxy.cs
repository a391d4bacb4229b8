using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace LambdaFunctionOverHttps.Tests.Support;

/// <summary>
/// An HTTP proxy on 127.0.0.1 in front of dynalite: records every request that gets through and
/// can hold each answer back, to play a slow DynamoDB. Only ever forwards to loopback.
/// </summary>
internal sealed class LoopbackHttpProxy : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { UseProxy = false });
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();

    public LoopbackHttpProxy(Uri target)
    {
        if (!target.IsLoopback)
        {
            throw new ArgumentException("The proxy only forwards to loopback.", nameof(target));
        }

        _target = target;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        }

        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _ = ServeAsync();
    }

    public Uri Endpoint { get; }

    /// <summary>How long each answer is held back before it is returned.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The JSON body of every request forwarded, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _upstream.Dispose();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
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
            using var response = await _upstream.SendAsync(request, _stop.Token);
            var answer = await response.Content.ReadAsByteArrayAsync(_stop.Token);
            await Task.Delay(Delay, _stop.Token);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[header.Key] = string.Join(",", header.Value);
                }
            }

            await context.Response.OutputStream.WriteAsync(answer, _stop.Token);
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
