using System.Text.Json;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;

namespace LambdaFunctionOverHttps.Values;

/// <summary>
/// Turns plain JSON (what boto3's Table resource accepts) into DynamoDB values:
/// string → S, number → N, true/false → BOOL, null → NULL, array → L, object → M.
/// </summary>
/// <remarks>
/// Numbers keep their JSON text, so all 38 significant digits DynamoDB stores arrive intact;
/// <c>Document.FromJson</c> goes through <c>decimal</c> and rounds past ~28 digits.
/// DynamoDB itself validates range and precision and answers ValidationException.
/// </remarks>
internal static class JsonToDynamoDb
{
    /// <summary>How deep DynamoDB lets lists and maps nest inside an attribute value.</summary>
    public const int MaxNestingDepth = 32;

    /// <summary>Container levels in a JSON value: 0 for a scalar, 1 for a flat list or map.</summary>
    public static int NestingDepth(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => 1 + value.EnumerateObject().Select(property => NestingDepth(property.Value)).DefaultIfEmpty(0).Max(),
        JsonValueKind.Array => 1 + value.EnumerateArray().Select(NestingDepth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    public static AttributeValue ToAttributeValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new AttributeValue { S = value.GetString() },
        JsonValueKind.Number => new AttributeValue { N = value.GetRawText() },
        JsonValueKind.True => new AttributeValue { BOOL = true },
        JsonValueKind.False => new AttributeValue { BOOL = false },
        // Stryker disable once all : equivalent, every caller hands the value to the Document Model, which reads any NULL as a null and sends NULL true (docs/testing.md, "Equivalent mutants")
        JsonValueKind.Null => new AttributeValue { NULL = true },
        JsonValueKind.Array => new AttributeValue { L = [.. value.EnumerateArray().Select(ToAttributeValue)] },
        JsonValueKind.Object => new AttributeValue { M = ToAttributeMap(value) },
        // Stryker disable once all : unreachable, a parsed document holds no Undefined value (docs/testing.md, "Equivalent mutants")
        _ => throw new ArgumentException($"A {value.ValueKind} JSON value has no DynamoDB form.", nameof(value)),
    };

    public static Dictionary<string, AttributeValue> ToAttributeMap(JsonElement jsonObject)
    {
        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var property in jsonObject.EnumerateObject())
        {
            map[property.Name] = ToAttributeValue(property.Value);
        }

        return map;
    }

    /// <summary>
    /// The Document Model form of a map. <c>Document.FromAttributeMap</c> keeps empty strings and
    /// exact number text, which its JSON and .NET-type conversions do not.
    /// </summary>
    public static Document ToDocument(Dictionary<string, AttributeValue> map) => Document.FromAttributeMap(map);

    public static Dictionary<string, DynamoDBEntry> ToEntries(Dictionary<string, AttributeValue> map)
    {
        var entries = new Dictionary<string, DynamoDBEntry>(map.Count, StringComparer.Ordinal);
        foreach (var (name, entry) in ToDocument(map))
        {
            entries[name] = entry;
        }

        return entries;
    }
}
