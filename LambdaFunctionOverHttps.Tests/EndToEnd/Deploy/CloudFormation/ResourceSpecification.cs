using System.Text.Json;
using LambdaFunctionOverHttps.Tests.Support;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.CloudFormation;

/// <summary>
/// The official CloudFormation resource specification, as the pinned npm package @aws-cdk/cfnspec
/// ships it (deploy/local/package-lock.json): resource types, their properties and attributes, and
/// the property types those refer to.
/// </summary>
internal sealed class ResourceSpecification
{
    private static readonly Lazy<ResourceSpecification> Pinned = new(() => Load(RepositoryRoot.Combine(
        "deploy", "local", "node_modules", "@aws-cdk", "cfnspec", "spec", "specification.json")));

    private readonly JsonElement _resourceTypes;
    private readonly JsonElement _propertyTypes;

    private ResourceSpecification(JsonElement root)
    {
        _resourceTypes = root.GetProperty("ResourceTypes");
        _propertyTypes = root.GetProperty("PropertyTypes");
        Version = root.GetProperty("ResourceSpecificationVersion").GetString()!;
    }

    public static ResourceSpecification Current => Pinned.Value;

    public string Version { get; }

    public static ResourceSpecification Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No CloudFormation specification at {path}: the test build installs it with npm ci in deploy/local.", path);
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return new ResourceSpecification(document.RootElement.Clone());
    }

    public SpecType? Resource(string type) =>
        _resourceTypes.TryGetProperty(type, out var spec) ? new SpecType(type, type, spec) : null;

    /// <summary>
    /// The structure a property's <c>Type</c> or <c>ItemType</c> names, looked up as the spec does:
    /// first beside the resource (<c>AWS::Lambda::Function.Code</c>), then as a shared type (<c>Tag</c>).
    /// </summary>
    public SpecType? PropertyType(string resourceType, string name)
    {
        var qualified = $"{resourceType}.{name}";
        if (_propertyTypes.TryGetProperty(qualified, out var spec))
        {
            return new SpecType(qualified, resourceType, spec);
        }

        return _propertyTypes.TryGetProperty(name, out spec) ? new SpecType(name, resourceType, spec) : null;
    }
}

/// <summary>A resource type or property type of the specification.</summary>
internal sealed record SpecType(string Name, string ResourceType, JsonElement Spec)
{
    public IEnumerable<(string Name, JsonElement Spec)> PropertySpecs =>
        Spec.TryGetProperty("Properties", out var properties)
            ? properties.EnumerateObject().Select(property => (property.Name, property.Value))
            : [];

    public JsonElement? Property(string name) =>
        Spec.TryGetProperty("Properties", out var properties) && properties.TryGetProperty(name, out var property) ? property : null;

    public bool HasAttribute(string name) =>
        Spec.TryGetProperty("Attributes", out var attributes) && attributes.TryGetProperty(name, out _);

    public IEnumerable<string> RequiredProperties =>
        PropertySpecs.Where(property => property.Spec.TryGetProperty("Required", out var required) && required.GetBoolean()).Select(property => property.Name);
}
