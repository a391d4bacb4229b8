using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CsCheck;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using LambdaFunctionOverHttps.Values;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// What the function writes: only what JSON requires is escaped, every other character is itself
/// in UTF-8, and the output is always valid UTF-8 and valid JSON.
/// </summary>
public class JsonEscapingTests
{
    private const int Samples = 2_000;

    // Text from every plane, weighted towards the characters that matter: ASCII (controls, '"' and
    // '\' among them), the rest of the Basic Multilingual Plane, and the supplementary planes.
    private static readonly Gen<string> AnyText = Gen.Frequency(
            (4, Gen.Int[0, 0x7F]),
            (2, Gen.OneOf('"', '\\', '\n', '\u0000', '\u001F', '\u007F', '\u00A0', '\u00AD', '\u2028', '\uFEFF', '\uFFFD').Select(c => (int)c)),
            (3, Gen.Int[0x80, 0xFFFF].Where(code => !char.IsSurrogate((char)code))),
            (3, Gen.Int[0x10000, 0x10FFFF]))
        .Select(code => new Rune(code).ToString())
        .Array[0, 40]
        .Select(string.Concat);

    private static readonly CannedDynamoDb NeverCalled = new(request => throw new AssertionException($"DynamoDB was called: {request.Action}"));

    [Test]
    public void Text_from_every_plane_is_written_as_itself_in_UTF8_with_only_what_JSON_requires_escaped()
    {
        AnyText.Sample(text =>
        {
            var fromUtf16 = JsonBody.Write(writer => writer.WriteStringValue(text));
            var fromUtf8 = JsonBody.Write(writer => writer.WriteStringValue(Encoding.UTF8.GetBytes(text)));

            Encoding.UTF8.GetString(fromUtf16).Should().Be(MinimalJson(text));
            fromUtf8.Should().Equal(fromUtf16);
            Utf8.IsValid(fromUtf16).Should().BeTrue();
            JsonDocument.Parse(fromUtf16).RootElement.GetString().Should().Be(text);
        }, iter: Samples);
    }

    [Test]
    public void Ill_formed_UTF16_becomes_U_FFFD_and_the_output_stays_valid_UTF8_and_JSON()
    {
        // Any UTF-16 code units at all: lone and reversed surrogates among them.
        var anyCodeUnits = Gen.Frequency((3, Gen.Char), (1, Gen.Char['\uD800', '\uDFFF'])).Array[0, 20].Select(chars => new string(chars));
        anyCodeUnits.Sample(text =>
        {
            var written = JsonBody.Write(writer => writer.WriteStringValue(text));

            Utf8.IsValid(written).Should().BeTrue();
            // Encoding.UTF8 replaces each lone surrogate with U+FFFD, as the writer must.
            JsonDocument.Parse(written).RootElement.GetString().Should().Be(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)));
        }, iter: Samples);
    }

    [Test]
    public void Invalid_UTF8_becomes_U_FFFD_and_the_output_stays_valid_UTF8_and_JSON()
    {
        Gen.Byte.Array[0, 20].Sample(bytes =>
        {
            var written = JsonBody.Write(writer => writer.WriteStringValue(bytes));

            Utf8.IsValid(written).Should().BeTrue();
            JsonDocument.Parse(written).RootElement.GetString().Should().Be(Encoding.UTF8.GetString(bytes));
        }, iter: Samples);
    }

    [Test]
    public void Text_encoded_in_two_blocks_comes_out_as_in_one_a_character_cut_at_the_boundary_included()
    {
        var encoder = MinimalJsonEncoder.Instance;
        Gen.Select(AnyText, Gen.Double[0, 1]).Sample((text, at) =>
        {
            var utf8 = Encoding.UTF8.GetBytes(text);
            var whole = EncodeUtf8(encoder, utf8, utf8.Length);
            EncodeUtf8(encoder, utf8, (int)(at * utf8.Length)).Should().Equal(whole);

            var utf16 = Encode(encoder, text, text.Length);
            Encode(encoder, text, (int)(at * text.Length)).Should().Be(utf16);
            Encoding.UTF8.GetBytes(utf16).Should().Equal(whole);
        }, iter: Samples);
    }

    // The last character is given by its code: a lone surrogate in a string or char attribute does
    // not survive into the test's name.
    [TestCase('"', "Done", 2, "a\\\"")]
    [TestCase('\n', "Done", 2, "a\\n")]
    [TestCase(0xDC00, "Done", 2, "a\uFFFD")]
    [TestCase(0xD83D, "NeedMoreData", 1, "a")]
    public void A_block_that_is_not_the_last_holds_back_only_a_high_surrogate_at_its_end(int last, string status, int consumed, string written)
    {
        var block = new string(['a', (char)last]);
        var output = new char[block.Length * 6];

        var result = MinimalJsonEncoder.Instance.Encode(block, output, out var charsConsumed, out var charsWritten, isFinalBlock: false);

        result.ToString().Should().Be(status);
        charsConsumed.Should().Be(consumed);
        new string(output, 0, charsWritten).Should().Be(written);
    }

    [Test]
    public void Each_scalar_is_escaped_if_JSON_requires_it_replaced_if_invalid_and_otherwise_written_as_itself()
    {
        var encoder = MinimalJsonEncoder.Instance;
        var anyScalar = Gen.Frequency(
            (4, Gen.Int[0, 0x7F]),
            (2, Gen.Int[0x80, 0x10FFFF]),
            (1, Gen.Int[0xD800, 0xDFFF]),
            (1, Gen.OneOf(Gen.Int[int.MinValue, -1], Gen.Int[0x110000, int.MaxValue])));

        anyScalar.Sample(scalar =>
        {
            var expected = !Rune.IsValid(scalar) ? "\uFFFD" : MinimalJson(new Rune(scalar).ToString())[1..^1];

            var asItself = Rune.IsValid(scalar) ? new Rune(scalar).ToString() : null;
            encoder.WillEncode(scalar).Should().Be(expected != asItself);
            TryEncodeScalar(encoder, scalar, 16).Should().Be(expected);
            TryEncodeScalar(encoder, scalar, expected.Length - 1).Should().BeNull("a buffer one character short is refused");
        }, iter: Samples);
    }

    [Test]
    public void A_destination_too_small_is_said_never_overrun_and_the_encoding_resumes_where_it_stopped()
    {
        var encoder = MinimalJsonEncoder.Instance;
        // Valid text, and text with a lone surrogate or an invalid UTF-8 byte in it, so that each
        // kind of piece (plain, escaped, non-ASCII, replaced) is at some point the one that does not fit.
        var anyInput = Gen.Select(AnyText, Gen.OneOf(Gen.Const(""), Gen.Const("\uD800"), Gen.Const("\uDC00x")), Gen.Int[0, 40])
            .Select((text, bad, at) => text.Insert(Math.Min(at, text.Length), bad));

        anyInput.Sample(text =>
        {
            var utf8 = Encoding.UTF8.GetBytes(text);
            if (text.Contains('\uDC00'))
            {
                utf8 = [.. utf8, 0xFF, (byte)'a', 0xC3];
            }

            var wholeUtf8 = new byte[utf8.Length * 6];
            encoder.EncodeUtf8(utf8, wholeUtf8, out _, out var wholeBytes).Should().Be(System.Buffers.OperationStatus.Done);
            var wholeText = new char[text.Length * 6];
            encoder.Encode(text, wholeText, out _, out var wholeChars).Should().Be(System.Buffers.OperationStatus.Done);

            for (var size = 0; size < wholeBytes; size++)
            {
                var part = new byte[wholeBytes];
                encoder.EncodeUtf8(utf8, part.AsSpan(0, size), out var consumed, out var written).Should().Be(System.Buffers.OperationStatus.DestinationTooSmall);
                written.Should().BeLessThanOrEqualTo(size);
                encoder.EncodeUtf8(utf8.AsSpan(consumed), part.AsSpan(written), out _, out var rest).Should().Be(System.Buffers.OperationStatus.Done);
                part[..(written + rest)].Should().Equal(wholeUtf8[..wholeBytes]);
            }

            for (var size = 0; size < wholeChars; size++)
            {
                var part = new char[wholeChars];
                encoder.Encode(text, part.AsSpan(0, size), out var consumed, out var written).Should().Be(System.Buffers.OperationStatus.DestinationTooSmall);
                written.Should().BeLessThanOrEqualTo(size);
                encoder.Encode(text.AsSpan(consumed), part.AsSpan(written), out _, out var rest).Should().Be(System.Buffers.OperationStatus.Done);
                new string(part, 0, written + rest).Should().Be(new string(wholeText, 0, wholeChars));
            }
        }, iter: Samples / 4);
    }

    [Test]
    public async Task An_echo_comes_back_as_sent_and_unescaped_bare_or_through_a_proxy_event()
    {
        var function = TestFunction.Against(NeverCalled);

        await AnyText.SampleAsync(async text =>
        {
            var envelope = JsonSerializer.Serialize(new { operation = "echo", payload = text });
            var proxyEvent = JsonSerializer.Serialize(new { httpMethod = "POST", requestContext = new { }, body = envelope });

            var bare = await function.InvokeAsync(envelope);
            var proxy = await function.InvokeAsync(proxyEvent);

            bare.Text.Should().Be(MinimalJson(text));
            proxy.StatusCode.Should().Be(200);
            proxy.Json.GetProperty("body").GetString().Should().Be(MinimalJson(text));
            proxy.Body.GetString().Should().Be(text);
        }, iter: Samples / 4);
    }

    [Test]
    public async Task An_emoji_is_answered_as_its_four_UTF8_bytes_not_a_twelve_byte_escape()
    {
        var answer = await TestFunction.Against(NeverCalled).InvokeAsync("""{"operation":"echo","payload":"caf\u00e9 \ud83d\ude00"}""");

        answer.Result.Payload.Should().Equal([.. "\"café 😀\""u8]);
    }

    [Test]
    public async Task The_log_line_writes_non_ASCII_as_itself()
    {
        var function = TestFunction.Against(NeverCalled);

        await function.InvokeAsync("""{"operation":"caf\u00e9 \ud83d\ude00"}""");

        function.Log.Should().Contain("\"operation\":\"café 😀\"").And.Contain("Unrecognized operation \\\"café 😀\\\"");
    }

    /// <summary>What <see cref="System.Text.Encodings.Web.TextEncoder.TryEncodeUnicodeScalar"/> writes in a buffer of the given length; null if it says the buffer is too small.</summary>
    private static unsafe string? TryEncodeScalar(System.Text.Encodings.Web.JavaScriptEncoder encoder, int scalar, int length)
    {
        var buffer = new char[Math.Max(length, 1)];
        fixed (char* start = buffer)
        {
            return encoder.TryEncodeUnicodeScalar(scalar, start, length, out var written) ? new string(buffer, 0, written) : null;
        }
    }

    // The first block is encoded as not final, so a character cut at its end is held back for the second.
    private static byte[] EncodeUtf8(System.Text.Encodings.Web.JavaScriptEncoder encoder, byte[] utf8, int split)
    {
        var output = new byte[utf8.Length * 6];
        encoder.EncodeUtf8(utf8.AsSpan(0, split), output, out var consumed, out var written, isFinalBlock: false).Should().NotBe(System.Buffers.OperationStatus.DestinationTooSmall);
        encoder.EncodeUtf8(utf8.AsSpan(consumed), output.AsSpan(written), out _, out var more).Should().Be(System.Buffers.OperationStatus.Done);
        return output[..(written + more)];
    }

    private static string Encode(System.Text.Encodings.Web.JavaScriptEncoder encoder, string text, int split)
    {
        var output = new char[text.Length * 6];
        encoder.Encode(text.AsSpan(0, split), output, out var consumed, out var written, isFinalBlock: false).Should().NotBe(System.Buffers.OperationStatus.DestinationTooSmall);
        encoder.Encode(text.AsSpan(consumed), output.AsSpan(written), out _, out var more).Should().Be(System.Buffers.OperationStatus.Done);
        return new string(output, 0, written + more);
    }

    /// <summary>The JSON string RFC 8259 asks for and no more: '"', '\' and U+0000 to U+001F escaped, the rest as itself.</summary>
    private static string MinimalJson(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            json.Append(rune.Value switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < 0x20 => string.Create(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}"),
                _ => rune.ToString(),
            });
        }

        return json.Append('"').ToString();
    }
}
