using Microsoft.AspNetCore.Http;

namespace DynamoDbManager.Local.Http;

/// <summary>
/// Reads a request body up to a limit, without ever holding more than the limit. A body over it is
/// still read, and dropped, up to API Gateway's own 10 MB: many clients (Python's urllib, most SDKs)
/// write the whole body before they read the answer, and would see a broken pipe instead of the 413.
/// </summary>
internal static class RequestBody
{
    /// <summary>API Gateway's payload limit: it takes in bodies up to this size; past it the stack closes the connection.</summary>
    public const int MaxReadBytes = 10 * 1024 * 1024;

    public static async Task<BodyRead> ReadAsync(HttpRequest request, int limit, CancellationToken cancellation)
    {
        if (request.ContentLength > MaxReadBytes)
        {
            return new BodyRead(BodyOutcome.OverReadLimit, null);
        }

        // A client that asked to be told before it sends (curl does, for big bodies) has not sent the
        // body yet: refused now, it never needs to.
        if (request.ContentLength > limit && request.Headers.Expect.Contains("100-continue", StringComparer.OrdinalIgnoreCase))
        {
            return new BodyRead(BodyOutcome.OverLimit, null);
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)Math.Min(length, limit) : 0);
        var chunk = new byte[64 * 1024];
        long total = 0;
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellation).ConfigureAwait(false)) > 0)
            {
                // A chunked body declares no length: count as it comes.
                total += read;
                if (total > MaxReadBytes)
                {
                    return new BodyRead(BodyOutcome.OverReadLimit, null);
                }

                if (total <= limit)
                {
                    buffer.Write(chunk, 0, read);
                }
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own MaxRequestBodySize, set to the same 10 MB, got there first.
            return new BodyRead(BodyOutcome.OverReadLimit, null);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            // Kestrel's minimum data rate: the body trickled in too slowly to be worth waiting for.
            return new BodyRead(BodyOutcome.TooSlow, null);
        }

        return total > limit ? new BodyRead(BodyOutcome.OverLimit, null) : new BodyRead(BodyOutcome.Read, buffer.ToArray());
    }
}

/// <summary>How reading a body ended; <see cref="Body"/> only when it was read whole.</summary>
internal sealed record BodyRead(BodyOutcome Outcome, byte[]? Body);

internal enum BodyOutcome
{
    /// <summary>Read whole, within the limit.</summary>
    Read,

    /// <summary>Over the limit: refused, with the connection still usable.</summary>
    OverLimit,

    /// <summary>Over API Gateway's 10 MB: refused, and the connection closed rather than read on.</summary>
    OverReadLimit,

    /// <summary>Arrived too slowly.</summary>
    TooSlow,
}
