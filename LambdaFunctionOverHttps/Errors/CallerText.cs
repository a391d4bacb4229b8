using System.Diagnostics.CodeAnalysis;

namespace LambdaFunctionOverHttps.Errors;

/// <summary>
/// Caller input repeated in messages and logs, bounded so a megabyte of garbage is neither sent
/// back nor logged whole. Every caller string an error message or the log line repeats goes
/// through here, and so does DynamoDB's own message, which repeats caller strings unbounded
/// ("Value provided in ExpressionAttributeNames unused in expressions: keys: {…}").
/// </summary>
internal static class CallerText
{
    /// <summary>
    /// The most UTF-16 code units of one caller string that are repeated. Every valid DynamoDB
    /// name longer than an operation name (a table or index name: at most 255 characters) is
    /// repeated whole, so the log's <c>table</c> field can still be searched for it, while a
    /// message that repeats a string or two stays under a kilobyte.
    /// </summary>
    public const int MaxLength = 255;

    /// <summary>
    /// The most of a DynamoDB message that is passed on: its own words around a few whole names.
    /// DynamoDB's messages are rarely a tenth of this unless they repeat a caller's string.
    /// </summary>
    public const int MaxMessageLength = 1024;

    private const string Cut = "…";

    /// <summary>The value in double quotes, cut to <see cref="MaxLength"/>: for error messages.</summary>
    public static string Quote(string value) => $"\"{Bounded(value)}\"";

    /// <summary>The value cut to <see cref="MaxLength"/>, ending in "…" when cut: for log fields and parameter paths.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Bounded(string? value) => Truncate(value, MaxLength);

    /// <summary>A message from outside (DynamoDB's) cut to <see cref="MaxMessageLength"/>, ending in "…" when cut.</summary>
    [return: NotNullIfNotNull(nameof(message))]
    public static string? BoundedMessage(string? message) => Truncate(message, MaxMessageLength);

    private static string? Truncate(string? value, int maxLength)
    {
        if (value is null || value.Length <= maxLength)
        {
            return value;
        }

        // Cutting between the two halves of a surrogate pair would leave half a character, which
        // is not text and which no UTF-8 writer can encode: the whole pair goes instead.
        var length = char.IsHighSurrogate(value[maxLength - 1]) && char.IsLowSurrogate(value[maxLength]) ? maxLength - 1 : maxLength;
        return string.Concat(value.AsSpan(0, length), Cut);
    }
}
