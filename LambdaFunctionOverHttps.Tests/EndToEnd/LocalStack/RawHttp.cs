using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>
/// An HTTP/1.1 POST over a bare socket, for what HttpClient will not do: write the whole body before
/// reading a byte of the answer (as Python's urllib and many SDKs do), or stop sending halfway.
/// </summary>
internal static class RawHttp
{
    // Generous on a loaded 2-core machine; the point is only that nothing hangs for ever.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Sends the head, then <paramref name="body"/>'s bytes, then reads the answer.</summary>
    /// <param name="url">The stack's URL; the request goes to 127.0.0.1 on its port.</param>
    /// <param name="headers">Header lines after Host (which is 127.0.0.1:PORT) and before the blank line, Content-Length included.</param>
    /// <param name="body">What to write after the head, in one go.</param>
    public static async Task<RawExchange> PostAsync(Uri url, IEnumerable<string> headers, ReadOnlyMemory<byte> body)
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, url.Port, timeout.Token);
        var stream = client.GetStream();
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"POST {url.AbsolutePath} HTTP/1.1\r\nHost: 127.0.0.1:{url.Port}\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        head.Append("\r\n");
        IOException? writeFailure = null;
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), timeout.Token);
            await stream.WriteAsync(body, timeout.Token);
        }
        catch (IOException exception)
        {
            // The server closed the connection while the body was still going out.
            writeFailure = exception;
        }

        return await ReadAsync(stream, writeFailure, timeout.Token);
    }

    private static async Task<RawExchange> ReadAsync(NetworkStream stream, IOException? writeFailure, CancellationToken cancellation)
    {
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellation)) > 0)
            {
                received.Write(buffer, 0, read);
                if (Parse(received.ToArray()) is { } complete)
                {
                    return complete with { WriteFailure = writeFailure };
                }
            }
        }
        catch (IOException)
        {
            // Reset by the server: whatever arrived before is all there is.
        }

        return (Parse(received.ToArray()) ?? new RawExchange(null, new Dictionary<string, string>(), "")) with { WriteFailure = writeFailure };
    }

    // A response whose head and Content-Length body have both arrived; null until then.
    private static RawExchange? Parse(byte[] received)
    {
        var text = Encoding.UTF8.GetString(received);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var lines = text[..end].Split("\r\n");
        var headers = lines.Skip(1).Select(line => line.Split(':', 2))
            .GroupBy(pair => pair[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => string.Join(", ", group.Select(pair => pair[1].Trim())), StringComparer.OrdinalIgnoreCase);
        var body = text[(end + 4)..];
        var length = headers.TryGetValue("Content-Length", out var declared) ? int.Parse(declared, CultureInfo.InvariantCulture) : 0;
        return Encoding.UTF8.GetByteCount(body) < length
            ? null
            : new RawExchange(int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture), headers, body);
    }
}

/// <summary>What came back: the status (null when the connection closed before an answer), headers, body, and whether writing failed.</summary>
internal sealed record RawExchange(int? Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public IOException? WriteFailure { get; init; }

    public override string ToString() => Status is null ? $"no answer (write failure: {WriteFailure?.Message ?? "none"})" : $"{Status} {Body}";
}
