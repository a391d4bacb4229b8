using System.Globalization;

namespace LambdaFunctionOverHttps.Invocation;

/// <summary>
/// JSON may spell any UTF-16 code unit as <c>\uXXXX</c>, half of a surrogate pair included, and such
/// a string is valid JSON but not text. System.Text.Json parses it and throws only when the string is
/// read (or, for a property name, when duplicates are checked), which would be a 500 from wherever
/// that happens; finding it once where the event is read makes it a 400 there.
/// </summary>
internal static class SurrogateEscapes
{
    private const int EscapeLength = 6; // \uXXXX

    /// <summary>
    /// The byte offset of the first <c>\u</c> escape that is half a surrogate pair without its other
    /// half (a lone high or low surrogate, or a pair in the wrong order), or -1 when there is none.
    /// </summary>
    /// <remarks>
    /// Exact for valid JSON, where a backslash only ever begins an escape, so walking escape by escape
    /// from the first backslash never mistakes <c>\\u</c> for one. Raw UTF-8 cannot carry a surrogate
    /// (the UTF-8 check refuses one), so escapes are the only way in, and text without a backslash,
    /// the usual case, costs one vectorised search.
    /// </remarks>
    public static int FindUnpaired(ReadOnlySpan<byte> json)
    {
        var at = json.IndexOf((byte)'\\');
        while (at >= 0 && at + 1 < json.Length)
        {
            var length = 2;
            if (json[at + 1] == (byte)'u' && TryReadUnit(json, at, out var unit))
            {
                length = EscapeLength;
                if (char.IsLowSurrogate((char)unit))
                {
                    return at;
                }

                if (char.IsHighSurrogate((char)unit))
                {
                    if (!TryReadUnit(json, at + EscapeLength, out var next) || !char.IsLowSurrogate((char)next))
                    {
                        return at;
                    }

                    length = 2 * EscapeLength;
                }
            }

            var rest = json[(at + length)..].IndexOf((byte)'\\');
            at = rest < 0 ? -1 : at + length + rest;
        }

        return -1;
    }

    // False for anything but a complete \uXXXX at `at`: malformed escapes are the parser's to report.
    private static bool TryReadUnit(ReadOnlySpan<byte> json, int at, out ushort unit)
    {
        unit = 0;
        return at + EscapeLength <= json.Length
            && json[at] == (byte)'\\' && json[at + 1] == (byte)'u'
            && ushort.TryParse(json.Slice(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out unit);
    }
}
