using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace DynamoDbManager.Local.Http;

/// <summary>
/// One line per request: method, path, status, milliseconds. Never the query string, headers or
/// body, which is where API keys and items travel.
/// </summary>
internal sealed class AccessLog
{
    private readonly TextWriter _output;

    public AccessLog(TextWriter output) => _output = output;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var unhandled = false;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch
        {
            unhandled = true;
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            // An exception before the response started leaves StatusCode at its default 200, and
            // Kestrel then answers 500: log what the client gets.
            var status = context.RequestAborted.IsCancellationRequested ? "aborted"
                : unhandled && !context.Response.HasStarted ? "500"
                : context.Response.StatusCode.ToString(CultureInfo.InvariantCulture);

            // ToUriComponent re-escapes the path, so a %0A in a URL cannot forge a log line.
            // The method is an HTTP token (no spaces or line breaks) once Kestrel has parsed it.
            await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{context.Request.Method} {context.Request.Path.ToUriComponent()} {status} {elapsed.TotalMilliseconds:0} ms")).ConfigureAwait(false);
        }
    }
}
