using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace LambdaFunctionOverHttps.Values;

/// <summary>
/// Escapes only what JSON itself requires (RFC 8259 section 7: the quotation mark, the reverse
/// solidus and U+0000 to U+001F) and writes every other character as itself, in UTF-8.
/// </summary>
/// <remarks>
/// <para>
/// The built-in encoders all escape more: even <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>
/// writes every character outside the Basic Multilingual Plane (an emoji) as a 12-byte surrogate
/// pair escape, and non-breaking spaces, soft hyphens and unassigned code points as escapes too,
/// which tripled a 2 MB emoji answer past Lambda's 6 MB response limit. What is left unescaped
/// here is safe because every answer and log line is JSON served as <c>application/json</c> or
/// written to a log, never pasted into HTML or a script.
/// </para>
/// <para>
/// Ill-formed text (a lone surrogate in a string, an invalid UTF-8 sequence) becomes U+FFFD, as
/// with the built-in encoders, so the output is always valid UTF-8 and valid JSON.
/// </para>
/// <para>
/// <see cref="System.Text.Json.Utf8JsonWriter"/> calls only the two search methods and the two span
/// <c>Encode</c> methods; all four are overridden with vectorized searches, so text with nothing
/// to escape is copied in bulk rather than examined character by character.
/// </para>
/// </remarks>
internal sealed class MinimalJsonEncoder : JavaScriptEncoder
{
    public static readonly MinimalJsonEncoder Instance = new();

    private const string Replacement = "\uFFFD";

    // What RFC 8259 requires escaped.
    private static readonly SearchValues<byte> BytesToEscape = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(code => (byte)code), (byte)'"', (byte)'\\']);

    // Printable ASCII but '"' and '\\': what needs neither an escape nor a UTF-8 check.
    private static readonly SearchValues<byte> PlainAscii = SearchValues.Create(
        [.. Enumerable.Range(0x20, 0x60).Where(code => code is not ('"' or '\\')).Select(code => (byte)code)]);

    private static readonly SearchValues<char> PlainAsciiChars = SearchValues.Create(
        [.. Enumerable.Range(0x20, 0x60).Where(code => code is not ('"' or '\\')).Select(code => (char)code)]);

    // What RFC 8259 requires escaped, and the surrogates, to check that they pair.
    private static readonly SearchValues<char> CharsToEscapeOrCheck = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(code => (char)code), '"', '\\', .. Enumerable.Range(0xD800, 0x800).Select(code => (char)code)]);

    // The escape of each ASCII character up to '\\' that needs one: the short forms JSON has, else \u00XX.
    private static readonly string?[] Escapes = [.. Enumerable.Range(0, '\\' + 1).Select(code => EscapeOf((char)code))];

    private static readonly byte[]?[] Utf8Escapes = [.. Escapes.Select(escape => escape is null ? null : Encoding.ASCII.GetBytes(escape))];

    private static ReadOnlySpan<byte> Utf8ReplacementCharacter => [0xEF, 0xBF, 0xBD];

    private MinimalJsonEncoder()
    {
    }

    /// <summary>The longest escape is <c>\u001F</c>, six characters for one.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is < 0x20 or '"' or '\\' || !Rune.IsValid(unicodeScalar);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) =>
        IndexOfFirstToEscape(new ReadOnlySpan<char>(text, textLength));

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        // Most text is ASCII: one pass finds the first byte that is not plain printable ASCII.
        var first = utf8Text.IndexOfAnyExcept(PlainAscii);
        // Stryker disable once Equality : equivalent, an index before the first character to escape changes no output: the writer encodes from it, and plain text is written as itself (docs/testing.md, "Equivalent mutants")
        if (first < 0 || utf8Text[first] < 0x80)
        {
            return first;
        }

        var rest = utf8Text[first..];
        var index = rest.IndexOfAny(BytesToEscape);
        // Stryker disable once Equality : equivalent, the index is never 0: the first byte is not ASCII and every byte to escape is (docs/testing.md, "Equivalent mutants")
        var before = index < 0 ? rest : rest[..index];
        // Stryker disable once Conditional,Equality : equivalent, an index before the first character to escape changes no output: the writer encodes from it, and plain text is written as itself (docs/testing.md, "Equivalent mutants"); IndexOfFirstInvalid of valid text is its length
        return Utf8.IsValid(before) ? (index < 0 ? -1 : first + index) : first + IndexOfFirstInvalid(before);
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        if (!Rune.IsValid(unicodeScalar))
        {
            return new Rune(Replacement[0]).TryEncodeToUtf16(destination, out numberOfCharactersWritten);
        }

        if (WillEncode(unicodeScalar))
        {
            var escape = Escapes[unicodeScalar];
            numberOfCharactersWritten = escape!.Length;
            return escape.TryCopyTo(destination);
        }

        return new Rune(unicodeScalar).TryEncodeToUtf16(destination, out numberOfCharactersWritten);
    }

    public override OperationStatus Encode(ReadOnlySpan<char> source, Span<char> destination, out int charsConsumed, out int charsWritten, bool isFinalBlock = true)
    {
        charsConsumed = 0;
        charsWritten = 0;
        while (true)
        {
            var rest = source[charsConsumed..];
            var index = IndexOfFirstToEscape(rest);
            var plain = index < 0 ? rest : rest[..index];
            if (!plain.TryCopyTo(destination[charsWritten..]))
            {
                return OperationStatus.DestinationTooSmall;
            }

            charsConsumed += plain.Length;
            charsWritten += plain.Length;
            if (index < 0)
            {
                return OperationStatus.Done;
            }

            // A lone surrogate; or a high one at the end of a block, whose pair may be in the next.
            var next = source[charsConsumed];
            if (char.IsHighSurrogate(next) && charsConsumed == source.Length - 1 && !isFinalBlock)
            {
                return OperationStatus.NeedMoreData;
            }

            var escape = char.IsSurrogate(next) ? Replacement : Escapes[next]!;
            if (!escape.TryCopyTo(destination[charsWritten..]))
            {
                return OperationStatus.DestinationTooSmall;
            }

            charsConsumed++;
            charsWritten += escape.Length;
        }
    }

    public override OperationStatus EncodeUtf8(ReadOnlySpan<byte> utf8Source, Span<byte> utf8Destination, out int bytesConsumed, out int bytesWritten, bool isFinalBlock = true)
    {
        bytesConsumed = 0;
        bytesWritten = 0;
        while (true)
        {
            var rest = utf8Source[bytesConsumed..];
            var index = rest.IndexOfAnyExcept(PlainAscii);
            var plain = index < 0 ? rest : rest[..index];
            if (!plain.TryCopyTo(utf8Destination[bytesWritten..]))
            {
                return OperationStatus.DestinationTooSmall;
            }

            bytesConsumed += plain.Length;
            bytesWritten += plain.Length;
            if (index < 0)
            {
                return OperationStatus.Done;
            }

            var next = utf8Source[bytesConsumed];
            if (next < 0x80)
            {
                var escape = Utf8Escapes[next]!;
                if (escape.Length > utf8Destination.Length - bytesWritten)
                {
                    return OperationStatus.DestinationTooSmall;
                }

                // Most escapes are two bytes (\" above all, in JSON text escaped into a string):
                // written directly, they cost less than a copy.
                if (escape.Length == 2)
                {
                    utf8Destination[bytesWritten] = escape[0];
                    utf8Destination[bytesWritten + 1] = escape[1];
                }
                else
                {
                    escape.CopyTo(utf8Destination[bytesWritten..]);
                }

                bytesConsumed++;
                bytesWritten += escape.Length;
                // Stryker disable once Statement : equivalent, without it the text after the escape goes to the non-ASCII path, which writes ASCII as itself too (docs/testing.md, "Equivalent mutants")
                continue;
            }

            // Non-ASCII: everything up to the next byte to escape is checked in one pass, so text
            // in another script costs one vectorized check rather than one per character.
            var text = utf8Source[bytesConsumed..];
            var end = text.IndexOfAny(BytesToEscape);
            // Stryker disable once Equality : equivalent, the index is never 0: the first byte is not ASCII and every byte to escape is (docs/testing.md, "Equivalent mutants")
            text = end < 0 ? text : text[..end];
            // Stryker disable once Conditional : equivalent, IndexOfFirstInvalid of valid text is its length (docs/testing.md, "Equivalent mutants")
            var valid = Utf8.IsValid(text) ? text.Length : IndexOfFirstInvalid(text);
            if (!text[..valid].TryCopyTo(utf8Destination[bytesWritten..]))
            {
                return OperationStatus.DestinationTooSmall;
            }

            bytesConsumed += valid;
            bytesWritten += valid;
            if (valid == text.Length)
            {
                continue;
            }

            // An invalid sequence (Rune.DecodeFromUtf8 says how long, as Unicode recommends), or
            // the start of one cut off at the end of a block.
            if (Rune.DecodeFromUtf8(utf8Source[bytesConsumed..], out _, out var invalid) == OperationStatus.NeedMoreData && !isFinalBlock)
            {
                return OperationStatus.NeedMoreData;
            }

            if (!Utf8ReplacementCharacter.TryCopyTo(utf8Destination[bytesWritten..]))
            {
                return OperationStatus.DestinationTooSmall;
            }

            bytesConsumed += invalid;
            bytesWritten += Utf8ReplacementCharacter.Length;
        }
    }

    /// <summary>The index of the first character to escape or of the first lone surrogate; -1 for none.</summary>
    private static int IndexOfFirstToEscape(ReadOnlySpan<char> text)
    {
        // Most text is ASCII: one pass finds the first character that is not plain printable ASCII.
        var offset = text.IndexOfAnyExcept(PlainAsciiChars);
        // Stryker disable once Equality : equivalent, an index before the first character to escape changes no output: the writer encodes from it, and plain text is written as itself (docs/testing.md, "Equivalent mutants")
        if (offset < 0 || text[offset] < 0x80)
        {
            return offset;
        }

        while (true)
        {
            var index = text[offset..].IndexOfAny(CharsToEscapeOrCheck);
            if (index < 0)
            {
                return -1;
            }

            index += offset;
            if (!char.IsHighSurrogate(text[index]) || index + 1 == text.Length || !char.IsLowSurrogate(text[index + 1]))
            {
                return index;
            }

            offset = index + 2;
        }
    }

    private static int IndexOfFirstInvalid(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (Rune.DecodeFromUtf8(utf8[offset..], out _, out var length) == OperationStatus.Done)
        {
            offset += length;
        }

        return offset;
    }

    /// <summary>The shortest escape JSON has for a character, if it must be escaped.</summary>
    private static string? EscapeOf(char value) => value switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\b' => "\\b",
        '\f' => "\\f",
        // Stryker disable once Equality : equivalent, a space is never looked up: the search takes it for plain text (docs/testing.md, "Equivalent mutants")
        < ' ' => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)value:X4}"),
        _ => null,
    };
}
