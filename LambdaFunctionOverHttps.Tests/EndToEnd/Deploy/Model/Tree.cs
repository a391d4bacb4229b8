using System.Globalization;
using System.Text.Json;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;

/// <summary>
/// A parsed document as plain mappings, lists and string scalars: the one shape both readers walk,
/// whether it came from YAML (CloudFormation) or from hcl2json's JSON (Terraform).
/// </summary>
internal static class Tree
{
    public static IReadOnlyDictionary<string, object?> Map(this object? node, string what) =>
        node as IReadOnlyDictionary<string, object?> ?? throw new InvalidDataException($"{what} should be a mapping, not {Describe(node)}.");

    public static IReadOnlyList<object?> List(this object? node, string what) =>
        node as IReadOnlyList<object?> ?? throw new InvalidDataException($"{what} should be a list, not {Describe(node)}.");

    /// <summary>The node at a path of mapping keys, or null where any step is missing.</summary>
    public static object? At(this object? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not IReadOnlyDictionary<string, object?> map || !map.TryGetValue(key, out node))
            {
                return null;
            }
        }

        return node;
    }

    public static IReadOnlyDictionary<string, object?> Entries(this object? node) =>
        node as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();

    public static IReadOnlyList<object?> Items(this object? node) => node switch
    {
        null => [],
        IReadOnlyList<object?> list => list,
        _ => [node],
    };

    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(property => property.Name, property => FromJson(property.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>Whether two trees hold the same mappings, lists and scalars.</summary>
    public static bool SameAs(object? left, object? right) => (left, right) switch
    {
        (string a, string b) => a == b,
        (IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b) =>
            a.Count == b.Count && a.All(entry => b.TryGetValue(entry.Key, out var other) && SameAs(entry.Value, other)),
        (IReadOnlyList<object?> a, IReadOnlyList<object?> b) => a.Count == b.Count && a.Zip(b).All(pair => SameAs(pair.First, pair.Second)),
        _ => left is null && right is null,
    };

    public static string Describe(object? node) => node switch
    {
        null => "nothing",
        string text => $"\"{text}\"",
        IReadOnlyDictionary<string, object?> map => $"a mapping ({string.Join(", ", map.Keys)})",
        IReadOnlyList<object?> list => string.Create(CultureInfo.InvariantCulture, $"a list of {list.Count}"),
        _ => node.GetType().Name,
    };
}
