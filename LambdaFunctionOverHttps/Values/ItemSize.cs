using System.Text;
using Amazon.DynamoDBv2.Model;

namespace LambdaFunctionOverHttps.Values;

/// <summary>
/// DynamoDB refuses items over 400 KB. An item whose attribute names and strings alone pass that
/// is refused here, before the SDK builds (and buffers) a request of several megabytes only for
/// DynamoDB to refuse it: under load those buffers, not the refusals, were what grew memory.
/// </summary>
internal static class ItemSize
{
    public const int MaxBytes = 400 * 1024;

    /// <summary>DynamoDB's own words, so a caller sees the same error whichever side refuses.</summary>
    public const string TooLargeMessage = "Item size has exceeded the maximum allowed size";

    /// <summary>A lower bound of DynamoDB's size for the item: names and string bytes only.</summary>
    public static long LowerBound(Dictionary<string, AttributeValue> item)
    {
        long size = 0;
        foreach (var (name, value) in item)
        {
            size += Encoding.UTF8.GetByteCount(name) + LowerBound(value);
        }

        return size;
    }

    private static long LowerBound(AttributeValue value) =>
        value.S is { } text ? Encoding.UTF8.GetByteCount(text)
        : value.N is { } number ? (number.Length / 2) + 1
        : value.L is { } list ? list.Sum(LowerBound)
        : value.M is { } map ? LowerBound(map)
        : 1;
}
