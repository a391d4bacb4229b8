using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace LambdaFunctionOverHttps.Tests.Support;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of a loopback server (dynalite): passes the bytes through
/// untouched and notes, per accepted connection, the request lines (<c>GET /</c>, <c>POST /</c>)
/// the client sent on it, to tell which connection each HTTP request travelled on.
/// </summary>
internal sealed partial class LoopbackTcpRelay : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();

    public LoopbackTcpRelay(Uri target)
    {
        if (!target.IsLoopback)
        {
            throw new ArgumentException("The relay only forwards to loopback.", nameof(target));
        }

        _target = new IPEndPoint(IPAddress.Loopback, target.Port);
        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = AcceptAsync();
    }

    public Uri Endpoint { get; }

    /// <summary>How long each new connection is held before its bytes flow: a slow TLS handshake, say.</summary>
    public TimeSpan ConnectDelay { get; set; }

    /// <summary>One entry per connection accepted, in order: the request lines sent on it so far.</summary>
    public ConcurrentQueue<ConcurrentQueue<string>> Connections { get; } = new();

    /// <summary>Every connection's request lines, one list per connection.</summary>
    public IReadOnlyList<IReadOnlyList<string>> RequestsByConnection => Connections.Select(lines => (IReadOnlyList<string>)lines.ToList()).ToList();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    [GeneratedRegex(@"(?:^|\r\n)(GET|POST|PUT|HEAD|DELETE) (\S+) HTTP/1\.1\r\n")]
    private static partial Regex RequestLine();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            var lines = new ConcurrentQueue<string>();
            Connections.Enqueue(lines);
            _ = RelayAsync(client, lines);
        }
    }

    private async Task RelayAsync(TcpClient client, ConcurrentQueue<string> lines)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await Task.Delay(ConnectDelay, _stop.Token);
                await upstream.ConnectAsync(_target, _stop.Token);
                var fromClient = CopyAsync(client.GetStream(), upstream.GetStream(), lines);
                var fromServer = CopyAsync(upstream.GetStream(), client.GetStream(), lines: null);
                await Task.WhenAny(fromClient, fromServer);
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task CopyAsync(NetworkStream from, NetworkStream to, ConcurrentQueue<string>? lines)
    {
        var buffer = new byte[16 * 1024];
        var seen = new StringBuilder();
        try
        {
            while (await from.ReadAsync(buffer, _stop.Token) is var read and > 0)
            {
                if (lines is not null)
                {
                    // Requests here are small and sent whole; the lines are read off the text so far.
                    seen.Append(Encoding.Latin1.GetString(buffer, 0, read));
                    var found = RequestLine().Matches(seen.ToString()).Select(match => $"{match.Groups[1].Value} {match.Groups[2].Value}").ToList();
                    while (lines.Count < found.Count)
                    {
                        lines.Enqueue(found[lines.Count]);
                    }
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            try
            {
                to.Socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
