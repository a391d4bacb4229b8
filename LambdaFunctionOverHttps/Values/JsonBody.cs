using System.Buffers;
using System.Text.Json;

namespace LambdaFunctionOverHttps.Values;

/// <summary>Writes a JSON document into a byte array with the project's writer settings.</summary>
internal static class JsonBody
{
    // Only what JSON requires is escaped, so non-ASCII text stays readable and an emoji costs its
    // 4 UTF-8 bytes rather than a 12-byte escape; every answer is served as application/json and
    // never embedded in HTML, so the HTML-sensitive escapes of the default encoder buy nothing.
    // The answers, the proxy body and the log line all use these options.
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = MinimalJsonEncoder.Instance,
        SkipValidation = false,
    };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
