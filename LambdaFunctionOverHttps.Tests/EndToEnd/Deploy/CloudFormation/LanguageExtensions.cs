using System.Text;
using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.CloudFormation;

/// <summary>
/// What the <c>AWS::LanguageExtensions</c> transform does to a template before CloudFormation reads it,
/// as far as the checks need: <c>Fn::ForEach</c> over a literal collection, in Conditions, Resources,
/// Outputs and resource properties, expanded; and the intrinsic functions it allows in <c>Ref</c>,
/// <c>Fn::GetAtt</c> and a resource's <c>Condition</c> (an <c>Fn::Sub</c> with nothing left to
/// substitute) resolved. Everything else is left as written, for the checks to read.
/// </summary>
internal static class LanguageExtensions
{
    public const string Transform = "AWS::LanguageExtensions";

    private const string ForEach = "Fn::ForEach::";
    private static readonly string[] Sections = ["Conditions", "Resources", "Outputs"];

    /// <summary>The template as CloudFormation sees it after the transform; unchanged without <c>Fn::ForEach</c>.</summary>
    /// <exception cref="InvalidDataException">A loop the transform would refuse, or one this cannot expand offline.</exception>
    public static IReadOnlyDictionary<string, object?> Expand(IReadOnlyDictionary<string, object?> template)
    {
        var declared = template.At("Transform").Items().Contains(Transform);
        var expanded = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (section, content) in template)
        {
            expanded[section] = Sections.Contains(section) && content is IReadOnlyDictionary<string, object?> map
                ? ExpandMap(map, section, declared, properties: false)
                : content;
        }

        return expanded;
    }

    private static Dictionary<string, object?> ExpandMap(IReadOnlyDictionary<string, object?> map, string where, bool declared, bool properties)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            var entries = key.StartsWith(ForEach, StringComparison.Ordinal)
                ? Loop(key, value, $"{where}.{key}", declared)
                : [(key, value)];
            foreach (var (name, item) in entries)
            {
                if (!result.TryAdd(name, ExpandValue(item, $"{where}.{name}", declared, properties || where.StartsWith("Resources", StringComparison.Ordinal))))
                {
                    throw new InvalidDataException($"{where}.{name} is declared twice once the loops are expanded.");
                }
            }
        }

        return result;
    }

    // Inside resources, a loop may stand wherever a mapping does (a resource's properties); the
    // Condition of a resource may be an Fn::Sub the loop left with nothing to substitute.
    private static object? ExpandValue(object? value, string where, bool declared, bool properties) => value switch
    {
        IReadOnlyDictionary<string, object?> map when properties && declared => Resolve(ExpandMap(map, where, declared, properties)),
        IReadOnlyDictionary<string, object?> map when properties => ExpandMap(map, where, declared, properties),
        IReadOnlyList<object?> list when properties => list.Select((item, index) => ExpandValue(item, $"{where}[{index}]", declared, properties)).ToList(),
        _ => value,
    };

    private static IEnumerable<(string Key, object? Value)> Loop(string key, object? loop, string where, bool declared)
    {
        if (!declared)
        {
            throw new InvalidDataException($"{where}: Fn::ForEach needs Transform: {Transform}.");
        }

        if (loop is not IReadOnlyList<object?> { Count: 3 } parts || parts[0] is not string identifier
            || parts[2] is not IReadOnlyDictionary<string, object?> fragment)
        {
            throw new InvalidDataException($"{where}: takes [identifier, collection, {{key: value}}].");
        }

        if (parts[1] is not IReadOnlyList<object?> collection || collection.Any(item => item is not string))
        {
            throw new InvalidDataException($"{where}: the offline check expands only a literal list of strings, not {Tree.Describe(parts[1])}.");
        }

        foreach (var item in collection.Cast<string>())
        {
            foreach (var (outputKey, outputValue) in fragment)
            {
                var name = Substitute(outputKey, identifier, item) as string ?? "";
                if (!name.Contains(item, StringComparison.Ordinal) && !name.Contains(Alphanumeric(item), StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"{where}: the key {outputKey} does not use ${{{identifier}}} or &{{{identifier}}}, so every item would declare it again.");
                }

                yield return (name, Substitute(outputValue, identifier, item));
            }
        }
    }

    // ${Identifier} and &{Identifier} (the item without its non-alphanumeric characters) in every
    // string, and Ref: Identifier, become the item.
    private static object? Substitute(object? node, string identifier, string item) => node switch
    {
        string text => text.Replace($"${{{identifier}}}", item, StringComparison.Ordinal)
            .Replace($"&{{{identifier}}}", Alphanumeric(item), StringComparison.Ordinal),
        IReadOnlyDictionary<string, object?> map when map.Count == 1 && map.At("Ref") as string == identifier => item,
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(
            entry => (string)Substitute(entry.Key, identifier, item)!, entry => Substitute(entry.Value, identifier, item), StringComparer.Ordinal),
        IReadOnlyList<object?> list => list.Select(element => Substitute(element, identifier, item)).ToList(),
        _ => node,
    };

    private static Dictionary<string, object?> Resolve(Dictionary<string, object?> map)
    {
        if (map.Count == 1 && map.TryGetValue("Ref", out var target) && Literal(target) is { } name)
        {
            map["Ref"] = name;
        }
        else if (map.Count == 1 && map.At("Fn::GetAtt") is IReadOnlyList<object?> { Count: 2 } getAtt && Literal(getAtt[0]) is { } resource)
        {
            map["Fn::GetAtt"] = new List<object?> { resource, getAtt[1] };
        }
        else if (map.TryGetValue("Type", out _) && map.TryGetValue("Condition", out var condition) && Literal(condition) is { } conditionName)
        {
            map["Condition"] = conditionName;
        }

        return map;
    }

    // An Fn::Sub whose text has nothing left to substitute is that text.
    private static string? Literal(object? node) =>
        node.At("Fn::Sub") is string text && !text.Contains("${", StringComparison.Ordinal) ? text : null;

    private static string Alphanumeric(string item)
    {
        var kept = new StringBuilder();
        foreach (var character in item.Where(char.IsAsciiLetterOrDigit))
        {
            kept.Append(character);
        }

        return kept.ToString();
    }
}
