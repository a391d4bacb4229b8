using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// Rewrites legacy <c>AttributeUpdates</c> (<c>{"number": {"Value": 16, "Action": "PUT"}}</c>) as the
/// equivalent update expression. The Document Model's request types take expressions only, and its
/// document form can express PUT but not ADD or DELETE.
/// </summary>
internal static class AttributeUpdatesTranslator
{
    private static readonly string[] UpdateFields = ["Value", "Action"];
    private static readonly string[] Actions = ["PUT", "ADD", "DELETE"];

    public static (string Expression, Dictionary<string, string> Names, Dictionary<string, AttributeValue>? Values)? Translate(
        JsonElement updates, PayloadReader payload)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        var set = new List<string>();
        var add = new List<string>();
        var remove = new List<string>();
        var delete = new List<string>();

        foreach (var attribute in updates.EnumerateObject())
        {
            var where = $"AttributeUpdates.{CallerText.Bounded(attribute.Name)}";
            if (ReadUpdate(attribute.Value, where, payload) is not { } update)
            {
                return null;
            }

            var name = $"#u{names.Count}";
            var value = $":u{names.Count}";
            names[name] = attribute.Name;
            if (update.Value is { } given)
            {
                if (payload.AttributeValue(given, $"{where}.Value") is not { } converted)
                {
                    return null;
                }

                values[value] = converted;
            }

            switch (update.Action, update.Value.HasValue)
            {
                case ("PUT", true):
                    set.Add($"{name} = {value}");
                    break;
                case ("ADD", true):
                    add.Add($"{name} {value}");
                    break;
                case ("DELETE", true):
                    delete.Add($"{name} {value}");
                    break;
                case ("DELETE", false):
                    remove.Add(name);
                    break;
                default:
                    payload.Refuse($"Invalid value for parameter {where}: {update.Action} needs a Value; only DELETE may omit it.");
                    return null;
            }
        }

        if (names.Count == 0)
        {
            payload.Refuse("Invalid value for parameter AttributeUpdates: name at least one attribute to update.");
            return null;
        }

        var expression = new StringBuilder();
        Append(expression, "SET", set, ", ");
        Append(expression, "ADD", add, ", ");
        Append(expression, "REMOVE", remove, ", ");
        Append(expression, "DELETE", delete, ", ");
        // Stryker disable once Conditional : equivalent, the Document Model sends no ExpressionAttributeValues for an empty map (docs/testing.md, "Equivalent mutants")
        return (expression.ToString(), names, values.Count == 0 ? null : values);
    }

    private static (string Action, JsonElement? Value)? ReadUpdate(JsonElement update, string where, PayloadReader payload)
    {
        if (update.ValueKind != JsonValueKind.Object)
        {
            payload.Refuse($"Invalid type for parameter {where}: expected an object like {{\"Value\": 16, \"Action\": \"PUT\"}}.");
            return null;
        }

        JsonElement? value = null;
        var action = "PUT";
        foreach (var field in update.EnumerateObject())
        {
            switch (field.Name)
            {
                case "Value":
                    // Present, even as null: boto3 sends None as the NULL value, so {"Value": null} sets NULL.
                    value = field.Value;
                    break;
                case "Action" when field.Value.ValueKind == JsonValueKind.String && Actions.Contains(field.Value.GetString()):
                    action = field.Value.GetString()!;
                    break;
                case "Action":
                    payload.Refuse($"Invalid value for parameter {where}.Action: must be one of: {string.Join(", ", Actions)}.");
                    return null;
                default:
                    payload.Refuse($"Unknown parameter in {where}: {CallerText.Quote(field.Name)}, must be one of: {string.Join(", ", UpdateFields)}.");
                    return null;
            }
        }

        return (action, value);
    }

    private static void Append(StringBuilder expression, string clause, List<string> parts, string separator)
    {
        if (parts.Count == 0)
        {
            return;
        }

        if (expression.Length > 0)
        {
            expression.Append(' ');
        }

        expression.Append(clause).Append(' ').AppendJoin(separator, parts);
    }
}
