using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// The keys of a batch, one per element of the caller's list, found again by value: duplicates
/// are refused before DynamoDB is called (it refuses them only within one call), and what DynamoDB
/// returns (items, unprocessed keys and requests) is traced back to the caller's index.
/// </summary>
internal sealed class BatchKeys
{
    /// <summary>DynamoDB's limits on the size of a key attribute's value.</summary>
    public const int MaxPartitionKeyBytes = 2048;

    public const int MaxSortKeyBytes = 1024;

    private readonly Dictionary<string, int> _indexes;

    private BatchKeys(IReadOnlyList<string> names, List<Dictionary<string, AttributeValue>> keys, Dictionary<string, int> indexes)
    {
        Names = names;
        Keys = keys;
        _indexes = indexes;
    }

    /// <summary>The key attribute names, in one order for every key.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Each element's key (or, for a put, its whole item, of which only <see cref="Names"/> count).</summary>
    public List<Dictionary<string, AttributeValue>> Keys { get; }

    /// <summary>
    /// <c>Keys</c> of a read: each a key as <see cref="PayloadReader.KeyAt"/> takes it, all naming
    /// the same attributes; null once refused.
    /// </summary>
    /// <param name="payload">Where a problem is recorded.</param>
    /// <param name="elements">The list's elements.</param>
    /// <param name="name">The list's name.</param>
    /// <param name="where">The path of element <c>i</c>, for messages.</param>
    public static BatchKeys? Read(PayloadReader payload, IReadOnlyList<JsonElement> elements, string name, Func<int, string> where)
    {
        var keys = new List<Dictionary<string, AttributeValue>>(elements.Count);
        for (var index = 0; index < elements.Count; index++)
        {
            if (payload.KeyAt(elements[index], where(index)) is not { } key)
            {
                return null;
            }

            keys.Add(key);
        }

        var names = keys[0].Keys.ToList();
        for (var index = 1; index < keys.Count; index++)
        {
            if (keys[index].Count != names.Count || !names.All(keys[index].ContainsKey))
            {
                payload.Refuse(ErrorCatalogue.ValidationException,
                    $"The provided key element does not match the schema: every element of {name} names the same key attributes, " +
                    $"but {where(0)} names {Listed(names)} and {where(index)} names {Listed(keys[index].Keys)}.");
                return null;
            }
        }

        return Identify(payload, names, keys, where, namesFromTable: false);
    }

    /// <summary>
    /// Keys whose attribute names are known (from the table, for writes): each must hold them with
    /// the table's types and values DynamoDB takes, and no two may be one key; null once refused.
    /// </summary>
    /// <param name="payload">Where a problem is recorded.</param>
    /// <param name="names">The table's key attribute names, partition key first.</param>
    /// <param name="keys">Each element's key or item.</param>
    /// <param name="where">The path of element <c>i</c>'s key or item, for messages.</param>
    /// <param name="namesFromTable">Whether <paramref name="names"/> are the table's, partition key first, so DynamoDB's size limits on each apply.</param>
    public static BatchKeys? Identify(
        PayloadReader payload, IReadOnlyList<string> names, List<Dictionary<string, AttributeValue>> keys, Func<int, string> where, bool namesFromTable)
    {
        var indexes = new Dictionary<string, int>(keys.Count, StringComparer.Ordinal);
        for (var index = 0; index < keys.Count; index++)
        {
            for (var position = 0; position < names.Count; position++)
            {
                if (KeyValueProblem(keys[index][names[position]], !namesFromTable ? null : position == 0 ? MaxPartitionKeyBytes : MaxSortKeyBytes) is { } problem)
                {
                    payload.Refuse(ErrorCatalogue.ValidationException, $"{problem}: {where(index)}.{CallerText.Bounded(names[position])}.");
                    return null;
                }
            }

            var identity = KeyIdentity.Of(names, keys[index])!;
            if (!indexes.TryAdd(identity, index))
            {
                payload.Refuse(ErrorCatalogue.ValidationException,
                    $"Provided list of item keys contains duplicates: {where(indexes[identity])} and {where(index)} are for the same item.");
                return null;
            }
        }

        return new BatchKeys(names, keys, indexes);
    }

    /// <summary>The caller's indexes in chunks of <paramref name="size"/>, in order.</summary>
    public IEnumerable<int[]> Chunks(int size) => Enumerable.Range(0, Keys.Count).Chunk(size);

    /// <summary>The index of the key that <paramref name="attributes"/> (an item or key DynamoDB returned) holds.</summary>
    /// <exception cref="InvalidOperationException">DynamoDB returned a key the call did not send: never silently dropped.</exception>
    public int IndexOf(Dictionary<string, AttributeValue> attributes, int[] chunk) =>
        KeyIdentity.Of(Names, attributes) is { } identity && _indexes.TryGetValue(identity, out var index) && chunk.Contains(index)
            ? index
            : throw new InvalidOperationException("DynamoDB returned a key that the call did not send.");

    public int[] IndexesOf(IEnumerable<Dictionary<string, AttributeValue>> returned, int[] chunk) =>
        [.. returned.Select(attributes => IndexOf(attributes, chunk))];

    /// <summary>What DynamoDB would refuse in a key attribute's value, in its own words where it has them.</summary>
    /// <param name="value">The value.</param>
    /// <param name="maxBytes">DynamoDB's limit on its size, when known (2,048 bytes for a partition key, 1,024 for a sort key).</param>
    private static string? KeyValueProblem(AttributeValue value, int? maxBytes) =>
        value.S is { Length: 0 } ? "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value"
        : value.S is { } text && maxBytes is { } max && System.Text.Encoding.UTF8.GetByteCount(text) > max ? $"A key attribute's value is over DynamoDB's limit of {max} bytes"
        : value.N is { } number && DynamoDbNumber.Canonical(number, out var problem) is null ? $"The number is not one DynamoDB can store ({problem})"
        : null;

    private static string Listed(IEnumerable<string> names) => string.Join(", ", names.Select(CallerText.Quote));
}
