using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Benchmarks;

/// <summary>
/// The function's JSON writer settings (<see cref="JsonBody.WriterOptions"/>) against
/// <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>, on what a warm invocation writes: a
/// read answer, its proxy answer (the body escaped into a string), the log line, and echoes. Both
/// run in blocks, in turn, in one process, measured in CPU time, so a busy machine slows both alike.
/// </summary>
/// <remarks>usage: escaping [seconds]   (default 20; the first 3 s warm up the JIT and are not counted)</remarks>
internal static class EscapingRatios
{
    private const int CallsPerBlock = 20_000;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static int Run(string[] args)
    {
        var seconds = args is [var text] ? int.Parse(text, CultureInfo.InvariantCulture) : 20;
        var encoders = new (string Name, JsonWriterOptions Options)[]
        {
            ("UnsafeRelaxedJsonEscaping", new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
            ("the function's", JsonBody.WriterOptions),
        };
        var writes = Writes();

        var blocks = new Dictionary<(string, string), List<double>>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            foreach (var (what, write) in writes)
            {
                foreach (var (encoder, options) in encoders)
                {
                    var started = Environment.CpuUsage.TotalTime;
                    for (var i = 0; i < CallsPerBlock; i++)
                    {
                        Write(options, write);
                    }

                    if (clock.Elapsed > WarmUp)
                    {
                        var cost = (Environment.CpuUsage.TotalTime - started).TotalNanoseconds / CallsPerBlock;
                        blocks.TryAdd((what, encoder), []);
                        blocks[(what, encoder)].Add(cost);
                    }
                }
            }
        }

        Console.WriteLine($"JSON writing, blocks of {CallsPerBlock} in turn for {seconds} s (CPU time, medians)");
        Console.WriteLine($"{"what",-28} {"bytes",9} {"relaxed ns",11} {"function ns",12} {"ratio",6} {"blocks",7}");
        foreach (var (what, write) in writes)
        {
            var relaxed = Median(blocks[(what, encoders[0].Name)]);
            var function = Median(blocks[(what, encoders[1].Name)]);
            var bytes = $"{Write(encoders[0].Options, write).Length}/{Write(encoders[1].Options, write).Length}";
            Console.WriteLine($"{what,-28} {bytes,9} {relaxed,11:F0} {function,12:F0} {function / relaxed,6:F2} {blocks[(what, encoders[1].Name)].Count,7}");
        }

        return 0;
    }

    private static (string What, Action<Utf8JsonWriter> Write)[] Writes()
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["id"] = new() { S = "1234ABCD" },
            ["number"] = new() { N = "16" },
            ["name"] = new() { S = "Ada Lovelace" },
            ["tags"] = new() { SS = ["a", "b"] },
            ["address"] = new() { M = new() { ["city"] = new() { S = "London" }, ["zip"] = new() { S = "W1" } } },
        };
        void ReadAnswer(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("Item");
            DynamoDbJsonWriter.WriteAttributeMap(writer, item);
            writer.WriteStartObject("ResponseMetadata");
            writer.WriteString("RequestId", "CANNED-REQUEST-ID-0123456789");
            writer.WriteNumber("HTTPStatusCode", 200);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        var readBody = Write(JsonBody.WriterOptions, ReadAnswer);
        var asciiEcho = JsonDocument.Parse($$"""{"text":"{{new string('x', 1000)}}","n":1}""");
        var otherScripts = JsonDocument.Parse($$"""{"text":"{{string.Concat(Enumerable.Repeat("café 中文 😀 ", 80))}}"}""");
        return
        [
            ("read answer", ReadAnswer),
            ("its proxy answer", writer =>
            {
                writer.WriteStartObject();
                writer.WriteNumber("statusCode", 200);
                writer.WriteStartObject("headers");
                writer.WriteString("content-type", "application/json");
                writer.WriteEndObject();
                writer.WriteString("body", readBody);
                writer.WriteBoolean("isBase64Encoded", false);
                writer.WriteEndObject();
            }),
            ("log line", writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("level", "INFO");
                writer.WriteString("requestId", "8476a536-e9f4-11e8-9739-2dfe598c3fcd");
                writer.WriteString("operation", "read");
                writer.WriteString("table", "lambda-apigateway");
                writer.WriteNumber("status", 200);
                writer.WriteNumber("durationMs", 12.345);
                writer.WriteString("dynamoDbRequestId", "CANNED-REQUEST-ID");
                writer.WriteEndObject();
            }),
            ("echo of 1 KB of ASCII", asciiEcho.RootElement.WriteTo),
            ("echo of é, 中文 and 😀", otherScripts.RootElement.WriteTo),
        ];
    }

    private static byte[] Write(JsonWriterOptions options, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }
}
