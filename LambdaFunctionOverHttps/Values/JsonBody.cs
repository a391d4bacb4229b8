using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LambdaFunctionOverHttps.Values;

/// <summary>Writes a JSON document into a byte array with the project's writer settings.</summary>
internal static class JsonBody
{
    // Relaxed escaping keeps non-ASCII text readable; every answer is served as application/json,
    // never embedded in HTML, so the HTML-sensitive escapes of the default encoder buy nothing.
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
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
