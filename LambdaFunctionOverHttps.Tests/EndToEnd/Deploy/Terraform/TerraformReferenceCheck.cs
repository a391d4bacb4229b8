using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Terraform;

/// <summary>
/// What <c>terraform validate</c> would refuse about names, found without providers: references to
/// undeclared variables, locals, resources and data sources, a counted resource used without an
/// index (or an uncounted one with one), and variables nothing uses.
/// </summary>
internal static class TerraformReferenceCheck
{
    private static readonly HashSet<string> TypeKeywords = ["string", "number", "bool", "any", "list", "map", "set", "object", "tuple"];
    private static readonly HashSet<string> Contextual = ["count", "each", "path", "self", "terraform"];

    public static IReadOnlyList<string> Problems(TerraformModule module)
    {
        var problems = new List<string>();
        var variables = module.Blocks("variable").Select(block => block.Name).ToHashSet();
        var locals = module.Files.Values.SelectMany(file => file.At("locals").Items())
            .SelectMany(block => block.Entries().Keys).ToHashSet();
        var data = module.Blocks("data").Select(block => $"{block.Type}.{block.Name}").ToHashSet();
        var resources = module.Blocks("resource").ToDictionary(block => $"{block.Type}.{block.Name}", block => block.Body.At("count") is not null);

        foreach (var (file, expression, reference) in module.References)
        {
            var parts = reference.Split('.');
            var where = $"{file}: {reference} (in {expression.ReplaceLineEndings(" ")})";
            var problem = parts[0] switch
            {
                "var" => variables.Contains(parts[1]) ? null : "no such variable",
                "local" => locals.Contains(parts[1]) ? null : "no such local value",
                "data" => parts.Length >= 3 && data.Contains($"{parts[1]}.{parts[2]}") ? null : "no such data source",
                "module" => "no module is declared",
                var first when Contextual.Contains(first) => null,
                var first when parts.Length == 1 => TypeKeywords.Contains(first) ? null : "no such name",
                _ => ResourceProblem(resources, parts),
            };
            if (problem is not null)
            {
                problems.Add($"{where}: {problem}");
            }
        }

        var used = module.References.Select(reference => reference.Reference.Split('.'))
            .Where(parts => parts[0] == "var" && parts.Length > 1).Select(parts => parts[1]).ToHashSet();
        problems.AddRange(variables.Where(variable => !used.Contains(variable)).Select(variable => $"variable {variable}: declared but never used"));
        return problems;
    }

    private static string? ResourceProblem(Dictionary<string, bool> resources, string[] parts)
    {
        if (parts.Length < 2 || !resources.TryGetValue($"{parts[0]}.{parts[1]}", out var counted))
        {
            return "no such resource";
        }

        // aws_x.y alone (as in depends_on) names the whole resource; an attribute needs an instance.
        var indexed = parts.Length > 2 && int.TryParse(parts[2], out _);
        return parts.Length == 2 || counted == indexed ? null
            : counted ? "a resource with count needs an index, e.g. [0]"
            : "a resource without count takes no index";
    }
}
