using System.Globalization;

namespace LambdaFunctionOverHttps.Values;

/// <summary>
/// DynamoDB's numbers as values rather than text: <c>1</c>, <c>1.0</c> and <c>10E-1</c> are one
/// number to DynamoDB, which stores and returns it as <c>1</c>. Batches compare keys by this form,
/// so duplicates are found as DynamoDB finds them and returned items are matched to the keys asked.
/// </summary>
internal static class DynamoDbNumber
{
    /// <summary>DynamoDB keeps at most 38 significant digits.</summary>
    public const int MaxDigits = 38;

    // The magnitudes DynamoDB stores: 1E-130 to 9.99…E+125, as the exponent of the first digit.
    private const int MinExponent = -130;
    private const int MaxExponent = 125;

    /// <summary>
    /// The number's canonical text (<c>-123E-2</c>: sign, significant digits without leading or
    /// trailing zeros, and the exponent of the last digit; <c>0</c> for zero), or null when the text
    /// is not a number DynamoDB stores, with <paramref name="problem"/> saying why.
    /// </summary>
    public static string? Canonical(string text, out string? problem)
    {
        problem = null;
        var span = text.AsSpan();
        var negative = false;
        if (span.Length > 0 && span[0] is '-' or '+')
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        var exponentAt = span.IndexOfAny('e', 'E');
        // Stryker disable once Equality : equivalent, an "e" at index 0 leaves no digits before it, not a number either way (docs/testing.md, "Equivalent mutants")
        var mantissa = exponentAt < 0 ? span : span[..exponentAt];
        long exponent = 0;
        // Stryker disable once Equality : equivalent, an "e" at index 0 leaves no digits before it, not a number either way (docs/testing.md, "Equivalent mutants")
        if (exponentAt >= 0 && !long.TryParse(span[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            // An exponent beyond a long is out of DynamoDB's range either way, unless the digits are all zero.
            // Stryker disable once all : equivalent, both sides are outside DynamoDB's range, refused with one message (docs/testing.md, "Equivalent mutants")
            exponent = span[(exponentAt + 1)..].StartsWith("-") ? long.MinValue / 2 : long.MaxValue / 2;
        }

        var point = mantissa.IndexOf('.');
        var integral = point < 0 ? mantissa : mantissa[..point];
        var fraction = point < 0 ? [] : mantissa[(point + 1)..];
        if (integral.Length + fraction.Length == 0 || integral.ContainsAnyExceptInRange('0', '9') || fraction.ContainsAnyExceptInRange('0', '9'))
        {
            problem = "not a number";
            return null;
        }

        var digits = string.Concat(integral, fraction).TrimStart('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        // The exponent of the last digit, before trailing zeros are taken off.
        var lastExponent = exponent - fraction.Length;
        var significant = digits.TrimEnd('0');
        lastExponent += digits.Length - significant.Length;
        var firstExponent = lastExponent + significant.Length - 1;
        if (significant.Length > MaxDigits)
        {
            problem = $"more than {MaxDigits} significant digits";
            return null;
        }

        if (firstExponent is < MinExponent or > MaxExponent)
        {
            problem = "outside DynamoDB's range of 1E-130 to 9.9999999999999999999999999999999999999E+125";
            return null;
        }

        return $"{(negative ? "-" : "")}{significant}E{lastExponent.ToString(CultureInfo.InvariantCulture)}";
    }
}
