using System.Net;
using System.Net.Sockets;

namespace LambdaFunctionOverHttps.Tests.Support;

/// <summary>
/// An HTTP server on a free port of 127.0.0.1 for a test double: each request goes to
/// <see cref="HandleAsync"/> on the thread pool until the server is disposed.
/// </summary>
internal abstract class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    protected LoopbackHttpServer()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public int Port { get; }

    /// <summary>Cancelled when the server is disposed; pass it to anything a handler waits on.</summary>
    protected CancellationToken Stopping => _stop.Token;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts listening; the derived constructor calls it once its own state is ready.</summary>
    protected void Start()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = ServeAsync();
    }

    protected abstract Task HandleAsync(HttpListenerContext context);

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            _listener.Close();
            _stop.Dispose();
        }
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

            _ = Task.Run(() => HandleAsync(context));
        }
    }
}
