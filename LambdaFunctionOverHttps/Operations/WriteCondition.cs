using Amazon.DynamoDBv2.DocumentModel;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// The condition of a write as boto3 takes it: a <c>ConditionExpression</c> with its names and values,
/// or the legacy <c>Expected</c> and <c>ConditionalOperator</c> rewritten as one. Like DynamoDB, a
/// request may use the legacy parameters or the expression ones, not both.
/// </summary>
internal static class WriteCondition
{
    /// <summary>The condition parameters every write takes.</summary>
    public static readonly string[] Parameters =
        ["ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "Expected", "ConditionalOperator"];

    // Each legacy parameter with the expression parameter that replaces it.
    private static readonly Dictionary<string, string> Replacements = new(StringComparer.Ordinal)
    {
        ["AttributeUpdates"] = "UpdateExpression",
        ["Expected"] = "ConditionExpression",
    };

    /// <summary>create's and delete's condition, with the names and values attached; null when there is none.</summary>
    public static Expression? Read(PayloadReader payload)
    {
        var statement = payload.Expression("ConditionExpression");
        var names = payload.ExpressionAttributeNames();
        var values = payload.ExpressionAttributeValues();
        if (ExpectedTranslator.Read(payload) is not { } legacy)
        {
            return Expressions.Create(statement, names, values);
        }

        return RefuseMixing(payload, ["Expected"],
                ("ConditionExpression", statement is not null), ("ExpressionAttributeNames", names is not null), ("ExpressionAttributeValues", values is not null))
            ? null
            : Expressions.Create(legacy.Expression, legacy.Names, legacy.Values);
    }

    /// <summary>
    /// Refuses legacy parameters given with expression parameters, naming both and the expression
    /// parameter to use instead; DynamoDB refuses the mix too, less helpfully.
    /// </summary>
    /// <param name="payload">Where the refusal is recorded.</param>
    /// <param name="legacy">The legacy parameters given: <c>AttributeUpdates</c>, <c>Expected</c>.</param>
    /// <param name="expressions">Each expression parameter, and whether it was given.</param>
    /// <returns>Whether the request mixes them, and so was refused.</returns>
    public static bool RefuseMixing(PayloadReader payload, IReadOnlyList<string> legacy, params (string Name, bool Given)[] expressions)
    {
        var given = expressions.Where(parameter => parameter.Given).Select(parameter => parameter.Name).ToList();
        if (legacy.Count == 0 || given.Count == 0)
        {
            return false;
        }

        var instead = legacy.Select(name => $"{Replacements[name]} instead of {name}").ToList();
        payload.Refuse($"{Join(legacy)} cannot be combined with {Join(given)}: DynamoDB refuses legacy and expression parameters "
            + $"in one request. Use {Join(instead)}.");
        // Stryker disable once Boolean : equivalent, the refusal is recorded in the payload, whose Refusal the operation answers either way (docs/testing.md, "Equivalent mutants")
        return true;
    }

    private static string Join(IReadOnlyList<string> words) =>
        words.Count == 1 ? words[0] : $"{string.Join(", ", words.Take(words.Count - 1))} and {words[^1]}";
}
