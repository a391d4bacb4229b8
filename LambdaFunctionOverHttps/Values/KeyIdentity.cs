using System.Text;
using Amazon.DynamoDBv2.Model;

namespace LambdaFunctionOverHttps.Values;

/// <summary>
/// An item's key as one string that is equal exactly when DynamoDB would take two keys for the
/// same item: each key attribute's type and value, numbers in <see cref="DynamoDbNumber"/>'s
/// canonical form (so <c>{"id": 1}</c> and <c>{"id": 1.0}</c> are one key, as they are to DynamoDB).
/// </summary>
internal static class KeyIdentity
{
    /// <param name="names">The key attribute names, in the same order for every key compared.</param>
    /// <param name="attributes">A key, or an item holding one.</param>
    /// <returns>Null when an attribute of <paramref name="names"/> is missing or is not a string, number or binary.</returns>
    public static string? Of(IReadOnlyList<string> names, Dictionary<string, AttributeValue> attributes)
    {
        var identity = new StringBuilder();
        foreach (var name in names)
        {
            if (!attributes.TryGetValue(name, out var value))
            {
                return null;
            }

            var (type, text) = value.S is { } s ? ('S', s)
                : value.N is { } n ? ('N', DynamoDbNumber.Canonical(n, out _) ?? n)
                : value.B is { } b ? ('B', Convert.ToBase64String(b.ToArray()))
                : ('\0', null);
            if (text is null)
            {
                return null;
            }

            // Length-prefixed, so no value can run into the next one.
            identity.Append(type).Append(text.Length).Append(':').Append(text);
        }

        return identity.ToString();
    }
}
