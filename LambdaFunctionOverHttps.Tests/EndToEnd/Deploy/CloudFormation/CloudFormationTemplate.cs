using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;
using YamlDotNet.RepresentationModel;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.CloudFormation;

/// <summary>
/// Loads a CloudFormation YAML template as a <see cref="Tree"/>, with the short-form intrinsic tags
/// (<c>!Ref</c>, <c>!GetAtt</c>, <c>!Sub</c>, …) turned into the long form CloudFormation itself
/// reads (<c>Ref:</c>, <c>Fn::GetAtt:</c>, <c>Fn::Sub:</c>), so that the checks see one form only, and
/// with <see cref="LanguageExtensions"/> applied, as CloudFormation applies it before reading anything.
/// </summary>
internal static class CloudFormationTemplate
{
    public static IReadOnlyDictionary<string, object?> Load(string path) => Parse(File.ReadAllText(path));

    public static IReadOnlyDictionary<string, object?> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return LanguageExtensions.Expand(Convert(stream.Documents.Single().RootNode).Map("the template"));
    }

    private static object? Convert(YamlNode node)
    {
        object? plain = node switch
        {
            YamlScalarNode scalar => scalar.Value,
            YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
            YamlMappingNode mapping => mapping.Children.ToDictionary(
                entry => ((YamlScalarNode)entry.Key).Value ?? "", entry => Convert(entry.Value), StringComparer.Ordinal),
            _ => throw new InvalidDataException($"Unsupported YAML node at {node.Start}."),
        };
        return node.Tag.IsEmpty || node.Tag.Value is "tag:yaml.org,2002:str" ? plain : LongForm(node.Tag.Value, plain, node);
    }

    private static Dictionary<string, object?> LongForm(string tag, object? value, YamlNode node)
    {
        var name = tag.TrimStart('!');
        return name switch
        {
            "Ref" or "Condition" => new() { [name] = value },
            // !GetAtt Resource.Attribute is the short form of [Resource, Attribute].
            "GetAtt" when value is string dotted && dotted.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot =>
                new() { ["Fn::GetAtt"] = new List<object?> { dotted[..dot], dotted[(dot + 1)..] } },
            "GetAtt" when value is string => throw new InvalidDataException($"!GetAtt {value} at {node.Start} names no attribute."),
            _ when tag.StartsWith('!') => new() { [$"Fn::{name}"] = value },
            _ => throw new InvalidDataException($"Unknown YAML tag {tag} at {node.Start}."),
        };
    }
}
