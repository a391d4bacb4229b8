using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Rest;

/// <summary>A REST item's key: its one attribute, from the path's id, a query parameter or the body, checked against the resource's key type.</summary>
internal static partial class ItemKey
{
    /// <summary>The key from text (the path's id, or a query parameter): a number key must be a number as JSON writes one.</summary>
    public static (AttributeValue? Value, Outcome? Problem) FromText(RestResource resource, string text, string where)
    {
        if (text.Length == 0)
        {
            return (null, Problem($"The {where} is empty: it is the key attribute {CallerText.Quote(resource.KeyAttribute)}."));
        }

        if (!resource.NumericKey)
        {
            return (new AttributeValue { S = text }, null);
        }

        if (NumberPattern().IsMatch(text))
        {
            // A number JSON can write may still be one DynamoDB cannot store: more than 38 digits, or out of its range.
            return DynamoDbNumber.Canonical(text, out var problem) is null
                ? (null, Problem($"The {where} is not a number DynamoDB stores: {problem}."))
                : (new AttributeValue { N = text }, null);
        }

        return (null, Problem($"The {where} is not a number, and the key attribute {CallerText.Quote(resource.KeyAttribute)} of "
                + $"{resource.CollectionPath} is one (RESOURCES says :N): write it as JSON writes numbers, such as 42 or -1.5e3."));
    }

    /// <summary>The key from the body's key attribute: a JSON string for a string key (not empty), a JSON number for a number key.</summary>
    public static (AttributeValue? Value, Outcome? Problem) FromJson(RestResource resource, JsonElement value)
    {
        var expected = resource.NumericKey ? JsonValueKind.Number : JsonValueKind.String;
        if (value.ValueKind != expected)
        {
            return (null, Problem($"The body's key attribute {CallerText.Quote(resource.KeyAttribute)} must be a {(resource.NumericKey ? "number" : "string")}, "
                + $"got {JsonKinds.Describe(value)}."));
        }

        return FromText(resource, resource.NumericKey ? value.GetRawText() : value.GetString()!, $"body's key attribute {CallerText.Quote(resource.KeyAttribute)}");
    }

    /// <summary>The key as the item's key map: one attribute.</summary>
    public static Dictionary<string, AttributeValue> Map(RestResource resource, AttributeValue value) =>
        new(StringComparer.Ordinal) { [resource.KeyAttribute] = value };

    /// <summary>The key's text, for <c>Location</c> and messages.</summary>
    public static string Text(AttributeValue value) => value.S ?? value.N;

    /// <summary>
    /// Whether two keys name the same item. DynamoDB compares numbers by value (<c>1.50</c> is <c>1.5</c>
    /// is <c>15e-1</c>), so number keys are compared by <see cref="DynamoDbNumber"/>'s canonical form.
    /// </summary>
    public static bool Same(AttributeValue left, AttributeValue right) =>
        left.S is not null ? left.S == right.S
        : right.N is not null && DynamoDbNumber.Canonical(left.N, out _) is { } canonical && canonical == DynamoDbNumber.Canonical(right.N, out _);

    private static Outcome Problem(string message) => Outcome.Failure(ErrorKind.InvalidRequest, message);

    // A number as JSON writes it.
    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
