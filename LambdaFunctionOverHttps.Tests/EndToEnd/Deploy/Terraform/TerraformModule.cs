using System.Text.Json;
using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;
using LambdaFunctionOverHttps.Tests.Support;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Terraform;

/// <summary>
/// A folder of .tf files as a real HCL parser reads it: deploy/terraform/tools/hcl2json.mjs runs
/// the pinned @cdktf/hcl2json and lists every reference each expression makes.
/// </summary>
internal sealed record TerraformModule(IReadOnlyDictionary<string, object?> Files, IReadOnlyList<TerraformReference> References)
{
    public static async Task<TerraformModule> LoadAsync(string folder)
    {
        var parsed = await ProcessRunner.RunAsync("node", [RepositoryRoot.Combine("deploy", "terraform", "tools", "hcl2json.mjs"), folder],
            timeout: TimeSpan.FromMinutes(1));
        if (parsed.ExitCode != 0)
        {
            throw new InvalidDataException($"hcl2json could not read {folder}: {parsed.Stderr}");
        }

        using var document = JsonDocument.Parse(parsed.Stdout);
        var root = Tree.FromJson(document.RootElement);
        return new TerraformModule(
            root.At("files").Map("files"),
            [.. root.At("references").Items().Select(reference => new TerraformReference(
                (string)reference.At("file")!, (string)reference.At("expression")!, (string)reference.At("reference")!))]);
    }

    /// <summary>
    /// The blocks of one kind in all files: <c>resource</c> and <c>data</c> blocks have a type and a
    /// name; <c>variable</c>, <c>output</c> and the like have a name only (an empty Type).
    /// </summary>
    public IEnumerable<TerraformBlock> Blocks(string kind)
    {
        var typed = kind is "resource" or "data";
        foreach (var (file, content) in Files)
        {
            foreach (var (first, inner) in content.At(kind).Entries())
            {
                var named = typed ? inner.Entries().Select(entry => (Type: first, Name: entry.Key, Bodies: entry.Value))
                    : [(Type: "", Name: first, Bodies: inner)];
                foreach (var (type, name, bodies) in named)
                {
                    yield return new TerraformBlock(kind, type, name, bodies.Items().Single(), file);
                }
            }
        }
    }

    public TerraformBlock Resource(string type, string name) =>
        Blocks("resource").SingleOrDefault(block => block.Type == type && block.Name == name)
        ?? throw new InvalidDataException($"No resource {type}.{name}.");

    public IEnumerable<TerraformBlock> Resources(string type) => Blocks("resource").Where(block => block.Type == type);

    public TerraformBlock Data(string type, string name) =>
        Blocks("data").SingleOrDefault(block => block.Type == type && block.Name == name)
        ?? throw new InvalidDataException($"No data {type}.{name}.");
}

internal sealed record TerraformBlock(string Kind, string Type, string Name, object? Body, string File);

internal sealed record TerraformReference(string File, string Expression, string Reference);
