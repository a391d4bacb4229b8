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
        Exception? unhandled = null;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            unhandled = exception;
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            // An exception before the response started leaves StatusCode at its default 200, and
            // Kestrel then answers a bad request's own status (408 for a body too slow, say), or 500
            // for anything else: log what the client gets.
            var status = context.RequestAborted.IsCancellationRequested ? "aborted"
                : unhandled is not null && !context.Response.HasStarted
                    ? (unhandled is BadHttpRequestException badRequest ? badRequest.StatusCode : 500).ToString(CultureInfo.InvariantCulture)
                : context.Response.StatusCode.ToString(CultureInfo.InvariantCulture);

            // ToUriComponent re-escapes the path, so a %0A in a URL cannot forge a log line.
            // The method is an HTTP token (no spaces or line breaks) once Kestrel has parsed it.
            await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{context.Request.Method} {context.Request.Path.ToUriComponent()} {status} {elapsed.TotalMilliseconds:0} ms")).ConfigureAwait(false);
        }
    }
}
