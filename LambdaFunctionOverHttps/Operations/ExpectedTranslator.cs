using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// Rewrites the legacy <c>Expected</c> and <c>ConditionalOperator</c>
/// (<c>{"v": {"ComparisonOperator": "GT", "AttributeValueList": [5]}}</c>) as the equivalent condition
/// expression, as <see cref="AttributeUpdatesTranslator"/> does for <c>AttributeUpdates</c>: the
/// Document Model's request types take expressions only. A malformed condition is refused with what
/// DynamoDB would say is wrong with it, before anything is sent.
/// </summary>
internal static class ExpectedTranslator
{
    private static readonly string[] ConditionFields = ["Value", "Exists", "ComparisonOperator", "AttributeValueList"];
    private static readonly string[] Joins = ["AND", "OR"];

    // Each operator with how many values it compares against (-1: one or more) and its expression.
    private static readonly Dictionary<string, (int Values, Func<string, string[], string> Write)> Operators = new(StringComparer.Ordinal)
    {
        ["EQ"] = (1, (name, values) => $"{name} = {values[0]}"),
        ["NE"] = (1, (name, values) => $"{name} <> {values[0]}"),
        ["LE"] = (1, (name, values) => $"{name} <= {values[0]}"),
        ["LT"] = (1, (name, values) => $"{name} < {values[0]}"),
        ["GE"] = (1, (name, values) => $"{name} >= {values[0]}"),
        ["GT"] = (1, (name, values) => $"{name} > {values[0]}"),
        ["NOT_NULL"] = (0, (name, _) => $"attribute_exists({name})"),
        ["NULL"] = (0, (name, _) => $"attribute_not_exists({name})"),
        ["CONTAINS"] = (1, (name, values) => $"contains({name}, {values[0]})"),
        ["NOT_CONTAINS"] = (1, (name, values) => $"NOT contains({name}, {values[0]})"),
        ["BEGINS_WITH"] = (1, (name, values) => $"begins_with({name}, {values[0]})"),
        ["IN"] = (-1, (name, values) => $"{name} IN ({string.Join(", ", values)})"),
        ["BETWEEN"] = (2, (name, values) => $"{name} BETWEEN {values[0]} AND {values[1]}"),
    };

    /// <summary>
    /// Reads <c>Expected</c> and <c>ConditionalOperator</c>. Null when there is no <c>Expected</c> (an
    /// empty one counts as none) or when it is malformed; then the problem is recorded in <paramref name="payload"/>.
    /// </summary>
    public static (string Expression, Dictionary<string, string> Names, Dictionary<string, AttributeValue>? Values)? Read(PayloadReader payload)
    {
        var expected = payload.Object("Expected");
        var join = payload.OneOf("ConditionalOperator", Joins);
        if (expected is not { } conditions || !conditions.EnumerateObject().Any())
        {
            if (join is not null)
            {
                payload.Refuse("ConditionalOperator joins the conditions of Expected, and there is no Expected; "
                    + "with a ConditionExpression, write AND or OR in the expression.");
            }

            return null;
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        var parts = new List<string>();
        foreach (var attribute in conditions.EnumerateObject())
        {
            if (attribute.Name.Length == 0)
            {
                payload.Refuse("Invalid value for parameter Expected: attribute names must not be empty.");
                return null;
            }

            var name = $"#e{names.Count}";
            var value = $":e{names.Count}";
            names[name] = attribute.Name;
            if (Condition(attribute.Value, $"Expected.{CallerText.Bounded(attribute.Name)}", name, value, values, payload) is not { } part)
            {
                return null;
            }

            parts.Add(part);
        }

        var expression = parts.Count == 1 ? parts[0] : string.Join($" {join ?? "AND"} ", parts.Select(part => $"({part})"));
        // Stryker disable once Conditional : equivalent, the Document Model sends no ExpressionAttributeValues for an empty map (docs/testing.md, "Equivalent mutants")
        return (expression, names, values.Count == 0 ? null : values);
    }

    private static string? Condition(
        JsonElement condition, string where, string name, string value, Dictionary<string, AttributeValue> values, PayloadReader payload)
    {
        if (condition.ValueKind != JsonValueKind.Object)
        {
            payload.Refuse($"Invalid type for parameter {where}: expected an object like {{\"Value\": 5}}, {{\"Exists\": false}} "
                + "or {\"ComparisonOperator\": \"GT\", \"AttributeValueList\": [5]}.");
            return null;
        }

        JsonElement? compared = null;
        JsonElement? list = null;
        bool? exists = null;
        string? comparison = null;
        foreach (var field in condition.EnumerateObject())
        {
            switch (field.Name)
            {
                case "Value":
                    // Present, even as null: boto3 sends None as the NULL value.
                    compared = field.Value;
                    break;
                case "Exists" when field.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    exists = field.Value.GetBoolean();
                    break;
                case "Exists":
                    payload.Refuse($"Invalid type for parameter {where}.Exists: expected true or false.");
                    return null;
                case "ComparisonOperator" when field.Value.ValueKind == JsonValueKind.String && Operators.ContainsKey(field.Value.GetString()!):
                    comparison = field.Value.GetString();
                    break;
                case "ComparisonOperator":
                    payload.Refuse($"Invalid value for parameter {where}.ComparisonOperator: must be one of: {string.Join(", ", Operators.Keys)}.");
                    return null;
                case "AttributeValueList" when field.Value.ValueKind == JsonValueKind.Array:
                    list = field.Value;
                    break;
                case "AttributeValueList":
                    payload.Refuse($"Invalid type for parameter {where}.AttributeValueList: expected an array of values.");
                    return null;
                default:
                    payload.Refuse($"Unknown parameter in {where}: {CallerText.Quote(field.Name)}, must be one of: {string.Join(", ", ConditionFields)}.");
                    return null;
            }
        }

        return comparison is null
            ? ValueCondition(where, name, value, compared, list, exists, values, payload)
            : ComparisonCondition(where, name, value, comparison, compared, list, exists, values, payload);
    }

    // {"Value": v} or {"Value": v, "Exists": true}: equal to v; {"Exists": false}: absent.
    private static string? ValueCondition(
        string where, string name, string value, JsonElement? compared, JsonElement? list, bool? exists,
        Dictionary<string, AttributeValue> values, PayloadReader payload)
    {
        string? problem = (list, exists, compared) switch
        {
            (not null, _, _) => "AttributeValueList needs a ComparisonOperator",
            (_, false, not null) => "Value cannot be used when Exists is false",
            (_, not false, null) => "give the Value to compare with, Exists false, or a ComparisonOperator",
            _ => null,
        };
        if (problem is not null)
        {
            payload.Refuse($"Invalid value for parameter {where}: {problem}.");
            return null;
        }

        if (compared is not { } given)
        {
            return $"attribute_not_exists({name})";
        }

        if (payload.AttributeValue(given, $"{where}.Value") is not { } converted)
        {
            return null;
        }

        values[value] = converted;
        return $"{name} = {value}";
    }

    private static string? ComparisonCondition(
        string where, string name, string value, string comparison, JsonElement? compared, JsonElement? list, bool? exists,
        Dictionary<string, AttributeValue> values, PayloadReader payload)
    {
        if (exists is not null || (compared is not null && list is not null))
        {
            payload.Refuse($"Invalid value for parameter {where}: "
                + (exists is not null ? "Exists and ComparisonOperator" : "Value and AttributeValueList") + " cannot be used together.");
            return null;
        }

        // DynamoDB takes a lone Value in place of a one-element AttributeValueList.
        JsonElement[] operands = list is { } array ? [.. array.EnumerateArray()] : compared is { } single ? [single] : Array.Empty<JsonElement>();
        var (wanted, write) = Operators[comparison];
        if (wanted >= 0 ? operands.Length != wanted : operands.Length == 0)
        {
            var count = wanted switch { < 0 => "one or more values", 1 => "1 value", _ => $"{wanted} values" };
            payload.Refuse($"Invalid value for parameter {where}: ComparisonOperator {comparison} takes {count}, got {operands.Length}.");
            return null;
        }

        if (operands.Select(Kind).Distinct().Skip(1).Any())
        {
            payload.Refuse($"Invalid value for parameter {where}.AttributeValueList: the values must all be of one type.");
            return null;
        }

        var placeholders = new string[operands.Length];
        for (var i = 0; i < operands.Length; i++)
        {
            placeholders[i] = operands.Length == 1 ? value : $"{value}_{i}";
            if (payload.AttributeValue(operands[i], $"{where}.AttributeValueList") is not { } converted)
            {
                return null;
            }

            values[placeholders[i]] = converted;
        }

        return write(name, placeholders);
    }

    // The DynamoDB type a JSON value becomes: true and false are both BOOL.
    private static JsonValueKind Kind(JsonElement value) => value.ValueKind == JsonValueKind.False ? JsonValueKind.True : value.ValueKind;
}
