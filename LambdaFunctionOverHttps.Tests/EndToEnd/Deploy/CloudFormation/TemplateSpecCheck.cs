using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.CloudFormation;

/// <summary>
/// What CloudFormation would refuse in a template, found offline against the resource
/// specification: unknown resource types and properties (at every depth the spec describes), values
/// of the wrong shape, missing required properties, and <c>Ref</c>, <c>Fn::GetAtt</c>, <c>Fn::Sub</c>,
/// condition and <c>DependsOn</c> targets that do not exist or may not exist when used.
/// </summary>
internal sealed partial class TemplateSpecCheck
{
    private static readonly HashSet<string> PseudoParameters = ["AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
        "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"];
    private static readonly HashSet<string> Intrinsics = ["Ref", "Condition", "Fn::GetAtt", "Fn::Sub", "Fn::If", "Fn::Join",
        "Fn::Select", "Fn::Split", "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Fn::FindInMap", "Fn::GetAZs",
        "Fn::ImportValue", "Fn::Base64", "Fn::Cidr", "Fn::Length", "Fn::ToJsonString"];
    private static readonly HashSet<string> Sections = ["AWSTemplateFormatVersion", "Description", "Metadata", "Parameters",
        "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs"];
    private static readonly HashSet<string> ResourceKeys = ["Type", "Properties", "DependsOn", "Condition", "DeletionPolicy",
        "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy"];
    private static readonly HashSet<string> DeletionPolicies = ["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"];
    private static readonly HashSet<string> ParameterTypes = ["String", "Number", "List<Number>", "CommaDelimitedList"];

    private readonly ResourceSpecification _spec;
    private readonly IReadOnlyDictionary<string, object?> _parameters;
    private readonly IReadOnlyDictionary<string, object?> _conditions;
    private readonly IReadOnlyDictionary<string, object?> _resources;
    private readonly List<string> _problems = [];

    private TemplateSpecCheck(IReadOnlyDictionary<string, object?> template, ResourceSpecification spec)
    {
        _spec = spec;
        _parameters = template.At("Parameters").Entries();
        _conditions = template.At("Conditions").Entries();
        _resources = template.At("Resources").Entries();
    }

    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, object?> template, ResourceSpecification spec)
    {
        var check = new TemplateSpecCheck(template, spec);
        check.CheckTemplate(template);
        return check._problems;
    }

    private void CheckTemplate(IReadOnlyDictionary<string, object?> template)
    {
        foreach (var section in template.Keys.Where(key => !Sections.Contains(key)))
        {
            _problems.Add($"{section}: not a template section");
        }

        if (_resources.Count == 0)
        {
            _problems.Add("Resources: a template needs at least one resource");
        }

        foreach (var (name, parameter) in _parameters)
        {
            CheckParameter(name, parameter.Entries());
        }

        foreach (var (name, condition) in _conditions)
        {
            Walk(condition, $"Conditions.{name}", Holding(null));
        }

        foreach (var (name, resource) in _resources)
        {
            CheckResource(name, resource.Entries());
        }

        foreach (var (name, output) in template.At("Outputs").Entries())
        {
            var condition = output.At("Condition") as string;
            if (output.At("Value") is null)
            {
                _problems.Add($"Outputs.{name}: has no Value");
            }

            CheckConditionName(condition, $"Outputs.{name}.Condition");
            Walk(output.At("Value"), $"Outputs.{name}.Value", Holding(condition));
        }
    }

    private void CheckParameter(string name, IReadOnlyDictionary<string, object?> parameter)
    {
        var where = $"Parameters.{name}";
        var type = parameter.At("Type") as string;
        if (type is null || !(ParameterTypes.Contains(type) || type.StartsWith("AWS::", StringComparison.Ordinal) || type.StartsWith("List<AWS::", StringComparison.Ordinal)))
        {
            _problems.Add($"{where}: Type {Tree.Describe(type)} is not a parameter type");
        }

        if (parameter.At("Default") is not string value)
        {
            return;
        }

        var allowed = parameter.At("AllowedValues").Items().OfType<string>().ToList();
        if (allowed.Count > 0 && !allowed.Contains(value))
        {
            _problems.Add($"{where}: Default {value} is not one of its AllowedValues");
        }

        if (parameter.At("AllowedPattern") is string pattern && !Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            _problems.Add($"{where}: Default {value} does not match its AllowedPattern");
        }

        if (type == "Number")
        {
            var number = double.Parse(value, CultureInfo.InvariantCulture);
            if (parameter.At("MinValue") is string min && number < double.Parse(min, CultureInfo.InvariantCulture)
                || parameter.At("MaxValue") is string max && number > double.Parse(max, CultureInfo.InvariantCulture))
            {
                _problems.Add($"{where}: Default {value} is outside its MinValue/MaxValue");
            }
        }
    }

    private void CheckResource(string name, IReadOnlyDictionary<string, object?> resource)
    {
        var where = $"Resources.{name}";
        foreach (var key in resource.Keys.Where(key => !ResourceKeys.Contains(key)))
        {
            _problems.Add($"{where}.{key}: not a resource attribute");
        }

        var condition = resource.At("Condition") as string;
        CheckConditionName(condition, $"{where}.Condition");
        foreach (var policy in new[] { "DeletionPolicy", "UpdateReplacePolicy" })
        {
            if (resource.At(policy) is string value && !DeletionPolicies.Contains(value))
            {
                _problems.Add($"{where}.{policy}: {value} is not a deletion policy");
            }
        }

        foreach (var dependency in resource.At("DependsOn").Items())
        {
            if (dependency is not string target || !_resources.ContainsKey(target))
            {
                _problems.Add($"{where}.DependsOn: {Tree.Describe(dependency)} is not a resource");
            }
            else
            {
                CheckConditionalTarget(target, $"{where}.DependsOn", Holding(condition));
            }
        }

        var type = resource.At("Type") as string;
        var spec = type is null ? null : _spec.Resource(type);
        if (spec is null)
        {
            _problems.Add($"{where}.Type: {Tree.Describe(type)} is not a resource type of the CloudFormation specification {_spec.Version}");
        }
        else
        {
            CheckStructure(resource.At("Properties") ?? new Dictionary<string, object?>(), spec, $"{where}.Properties");
        }

        Walk(resource.At("Properties"), $"{where}.Properties", Holding(condition));
    }

    private void CheckStructure(object? value, SpecType type, string where)
    {
        if (IsIntrinsic(value) || type.Spec.TryGetProperty("PrimitiveType", out _))
        {
            foreach (var (branch, branchWhere) in IfBranches(value, where))
            {
                CheckStructure(branch, type, branchWhere);
            }

            return;
        }

        if (value is not IReadOnlyDictionary<string, object?> map)
        {
            _problems.Add($"{where}: should be a mapping ({type.Name}), not {Tree.Describe(value)}");
            return;
        }

        foreach (var (key, item) in map)
        {
            if (type.Property(key) is { } property)
            {
                CheckValue(item, property, type, $"{where}.{key}");
            }
            else
            {
                _problems.Add($"{where}.{key}: not a property of {type.Name}");
            }
        }

        foreach (var required in type.RequiredProperties.Where(required => !map.ContainsKey(required)))
        {
            _problems.Add($"{where}: required property {required} of {type.Name} is missing");
        }
    }

    private void CheckValue(object? value, JsonElement property, SpecType owner, string where)
    {
        if (IsIntrinsic(value))
        {
            foreach (var (branch, branchWhere) in IfBranches(value, where))
            {
                CheckValue(branch, property, owner, branchWhere);
            }

            return;
        }

        if (property.TryGetProperty("PrimitiveType", out var primitive))
        {
            CheckPrimitive(value, primitive.GetString()!, where);
            return;
        }

        var type = property.GetProperty("Type").GetString()!;
        if (type is "List" or "Map")
        {
            var items = type == "List"
                ? (value as IReadOnlyList<object?>)?.Select((item, index) => (Item: item, Where: $"{where}[{index}]"))
                : (value as IReadOnlyDictionary<string, object?>)?.Select(entry => (Item: entry.Value, Where: $"{where}.{entry.Key}"));
            if (items is null)
            {
                _problems.Add($"{where}: should be a {type.ToLowerInvariant()}, not {Tree.Describe(value)}");
                return;
            }

            foreach (var (item, itemWhere) in items)
            {
                if (property.TryGetProperty("PrimitiveItemType", out var itemPrimitive))
                {
                    CheckPrimitive(item, itemPrimitive.GetString()!, itemWhere);
                }
                else
                {
                    CheckNamedType(item, owner.ResourceType, property.GetProperty("ItemType").GetString()!, itemWhere);
                }
            }

            return;
        }

        CheckNamedType(value, owner.ResourceType, type, where);
    }

    private void CheckNamedType(object? value, string resourceType, string typeName, string where)
    {
        if (_spec.PropertyType(resourceType, typeName) is { } type)
        {
            CheckStructure(value, type, where);
        }
        else
        {
            _problems.Add($"{where}: the specification has no property type {typeName} for {resourceType}");
        }
    }

    private void CheckPrimitive(object? value, string primitive, string where)
    {
        if (IsIntrinsic(value) || primitive == "Json")
        {
            return;
        }

        var fits = value is string text && primitive switch
        {
            "Boolean" => text is "true" or "false" or "True" or "False",
            "Integer" or "Long" => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            "Double" => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            _ => true,
        };
        if (!fits)
        {
            _problems.Add($"{where}: should be a {primitive}, not {Tree.Describe(value)}");
        }
    }

    // Follows every intrinsic function, knowing which conditions hold where it is evaluated.
    private void Walk(object? node, string where, IReadOnlySet<string> conditions)
    {
        if (node is IReadOnlyList<object?> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                Walk(list[i], $"{where}[{i}]", conditions);
            }

            return;
        }

        if (node is not IReadOnlyDictionary<string, object?> map)
        {
            return;
        }

        if (map.Count == 1 && map.Keys.Single() is var function && (function == "Ref" || function == "Condition" || function.StartsWith("Fn::", StringComparison.Ordinal)))
        {
            WalkIntrinsic(function, map[function], $"{where}.{function}", conditions);
            return;
        }

        foreach (var (key, value) in map)
        {
            Walk(value, $"{where}.{key}", conditions);
        }
    }

    private void WalkIntrinsic(string function, object? argument, string where, IReadOnlySet<string> conditions)
    {
        switch (function)
        {
            case var _ when !Intrinsics.Contains(function):
                _problems.Add($"{where}: {function} is not an intrinsic function");
                break;
            case "Ref":
                CheckRef(argument as string, where, conditions);
                break;
            case "Condition":
                CheckConditionName(argument as string ?? "", where);
                break;
            case "Fn::GetAtt":
                var parts = argument.Items();
                CheckGetAtt(parts.ElementAtOrDefault(0) as string, parts.ElementAtOrDefault(1) as string, where, conditions);
                break;
            case "Fn::Sub":
                CheckSub(argument, where, conditions);
                break;
            case "Fn::If":
                var branches = argument.Items();
                var condition = branches.ElementAtOrDefault(0) as string;
                if (branches.Count != 3 || condition is null)
                {
                    _problems.Add($"{where}: takes [condition, value if true, value if false]");
                    break;
                }

                CheckConditionName(condition, where);
                Walk(branches[1], $"{where}[1]", new HashSet<string>(conditions) { condition });
                Walk(branches[2], $"{where}[2]", new HashSet<string>([.. conditions, .. Negations(condition)]));
                break;
            default:
                Walk(argument, where, conditions);
                break;
        }
    }

    private void CheckRef(string? target, string where, IReadOnlySet<string> conditions)
    {
        if (target is null || !(PseudoParameters.Contains(target) || _parameters.ContainsKey(target) || _resources.ContainsKey(target)))
        {
            _problems.Add($"{where}: {Tree.Describe(target)} is not a parameter, resource or pseudo parameter");
            return;
        }

        CheckConditionalTarget(target, where, conditions);
    }

    private void CheckGetAtt(string? resource, string? attribute, string where, IReadOnlySet<string> conditions)
    {
        if (resource is null || attribute is null || !_resources.TryGetValue(resource, out var declared))
        {
            _problems.Add($"{where}: {Tree.Describe(resource)} is not a resource");
            return;
        }

        var type = declared.At("Type") as string;
        if (type is not null && _spec.Resource(type) is { } spec && !spec.HasAttribute(attribute))
        {
            _problems.Add($"{where}: {type} has no attribute {attribute}");
        }

        CheckConditionalTarget(resource, where, conditions);
    }

    private void CheckSub(object? argument, string where, IReadOnlySet<string> conditions)
    {
        var parts = argument.Items();
        if (parts.ElementAtOrDefault(0) is not string text)
        {
            _problems.Add($"{where}: takes a string, or [string, variables]");
            return;
        }

        var variables = parts.ElementAtOrDefault(1).Entries();
        Walk(parts.ElementAtOrDefault(1), where, conditions);
        foreach (Match match in SubVariable().Matches(text))
        {
            var name = match.Groups[1].Value;
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (variables.ContainsKey(name))
            {
                continue;
            }

            if (dot > 0 && !name.StartsWith("AWS::", StringComparison.Ordinal))
            {
                CheckGetAtt(name[..dot], name[(dot + 1)..], $"{where} ${{{name}}}", conditions);
            }
            else
            {
                CheckRef(name, $"{where} ${{{name}}}", conditions);
            }
        }
    }

    // A resource that exists only under a condition may be named only where that condition holds.
    private void CheckConditionalTarget(string target, string where, IReadOnlySet<string> conditions)
    {
        if (_resources.TryGetValue(target, out var resource) && resource.At("Condition") is string condition && !conditions.Contains(condition))
        {
            _problems.Add($"{where}: {target} exists only when {condition}, which does not hold here (use Fn::If)");
        }
    }

    // The conditions declared as Fn::Not [Condition: c], which hold wherever c does not.
    private IEnumerable<string> Negations(string condition) =>
        _conditions.Where(declared => declared.Value.At("Fn::Not").Items() is [var negated] && negated.At("Condition") as string == condition)
            .Select(declared => declared.Key);

    private void CheckConditionName(string? condition, string where)
    {
        if (condition is not null && !_conditions.ContainsKey(condition))
        {
            _problems.Add($"{where}: {condition} is not a condition");
        }
    }

    // The values an Fn::If may give, which must fit where it stands; AWS::NoValue removes the property.
    private static IEnumerable<(object? Value, string Where)> IfBranches(object? value, string where) =>
        value.At("Fn::If") is IReadOnlyList<object?> { Count: 3 } branches
            ? branches.Skip(1).Select((branch, index) => (branch, $"{where}.Fn::If[{index + 1}]"))
                .Where(branch => branch.branch.At("Ref") as string != "AWS::NoValue")
            : [];

    // A condition, and those it implies: Fn::And [a, b] holds wherever it holds, so does a condition
    // declared as a or b (or named by a or b).
    private HashSet<string> Holding(string? condition)
    {
        if (condition is null)
        {
            return [];
        }

        var conjuncts = _conditions.At(condition).At("Fn::And").Items();
        return [condition, .. _conditions
            .Where(declared => conjuncts.Any(conjunct => Tree.SameAs(conjunct, declared.Value) || conjunct.At("Condition") as string == declared.Key))
            .Select(declared => declared.Key)];
    }

    private static bool IsIntrinsic(object? value) =>
        value is IReadOnlyDictionary<string, object?> { Count: 1 } map
        && map.Keys.Single() is var key && (key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal));

    // ${Name} and ${Resource.Attribute}; ${!Literal} is text.
    [GeneratedRegex(@"\$\{(?!!)([^}]+)\}")]
    private static partial Regex SubVariable();
}
