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

        return NumberPattern().IsMatch(text)
            ? (new AttributeValue { N = text }, null)
            : (null, Problem($"The {where} is not a number, and the key attribute {CallerText.Quote(resource.KeyAttribute)} of "
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

        return resource.NumericKey
            ? (new AttributeValue { N = value.GetRawText() }, null)
            : FromText(resource, value.GetString()!, $"body's key attribute {CallerText.Quote(resource.KeyAttribute)}");
    }

    /// <summary>The key as the item's key map: one attribute.</summary>
    public static Dictionary<string, AttributeValue> Map(RestResource resource, AttributeValue value) =>
        new(StringComparer.Ordinal) { [resource.KeyAttribute] = value };

    /// <summary>The key's text, for <c>Location</c> and messages.</summary>
    public static string Text(AttributeValue value) => value.S ?? value.N;

    /// <summary>
    /// Whether two keys name the same item. DynamoDB compares numbers by value (<c>1.50</c> is <c>1.5</c>
    /// is <c>15e-1</c>), so number keys are compared the same way, digit by digit: no .NET number type holds 38 digits.
    /// </summary>
    public static bool Same(AttributeValue left, AttributeValue right) =>
        left.S is not null ? left.S == right.S : right.N is not null && Canonical(left.N) == Canonical(right.N);

    // The number as (sign, significant digits, exponent of the first digit): equal exactly when the values are.
    private static (bool Negative, string Digits, long Exponent) Canonical(string number)
    {
        var match = NumberPattern().Match(number);
        var whole = match.Groups["whole"].Value;
        var fraction = match.Groups["fraction"].Value;
        var exponent = match.Groups["exponent"].Success ? long.Parse(match.Groups["exponent"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var digits = whole + fraction;
        var leading = digits.Length - digits.TrimStart('0').Length;
        var significant = digits.Trim('0');
        return significant.Length == 0
            ? (false, "", 0)
            : (number.StartsWith('-'), significant, exponent + whole.Length - leading);
    }

    private static Outcome Problem(string message) => Outcome.Failure(ErrorKind.InvalidRequest, message);

    // A JSON number; the exponent's digits are bounded, as DynamoDB's range is (1E-130 to 1E+126).
    [GeneratedRegex(@"^-?(?<whole>0|[1-9][0-9]*)(\.(?<fraction>[0-9]+))?([eE](?<exponent>[+-]?[0-9]{1,9}))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
