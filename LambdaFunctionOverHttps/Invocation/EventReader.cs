namespace LambdaFunctionOverHttps.Invocation;

/// <summary>Reads an event stream into memory, stopping one byte past the limit so a huge body costs no more.</summary>
internal static class EventReader
{
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(Stream input, int limit)
    {
        using var buffer = input.CanSeek ? new MemoryStream((int)Math.Min(input.Length, limit + 1L)) : new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length <= limit && (read = await input.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
