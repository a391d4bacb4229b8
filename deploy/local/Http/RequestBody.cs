using Microsoft.AspNetCore.Http;

namespace DynamoDbManager.Local.Http;

/// <summary>Reads a request body up to a limit, without ever holding more than the limit.</summary>
internal static class RequestBody
{
    /// <returns>The body, or null when it is over <paramref name="limit"/> bytes.</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellation)
    {
        // A declared length over the limit is refused before a byte of the body is read.
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 0);
        var chunk = new byte[64 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellation).ConfigureAwait(false)) > 0)
            {
                // A chunked body declares no length: count as it comes, and stop one chunk past the limit.
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own MaxRequestBodySize, set to the same limit, got there first.
            return null;
        }

        return buffer.ToArray();
    }
}
