using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// <c>update</c>: boto3 <c>Table.update_item</c>, with an <c>UpdateExpression</c> or the legacy
/// <c>AttributeUpdates</c> form the AWS tutorial's update event uses (and the legacy <c>Expected</c>
/// condition with it).
/// </summary>
internal static class UpdateItem
{
    public static readonly string[] Parameters = ["Key", "UpdateExpression", "AttributeUpdates", .. WriteCondition.Parameters, .. WriteReturns.Parameters];

    public static async Task<Outcome> RunAsync(OperationCall call, PayloadReader payload, CancellationToken cancellationToken)
    {
        var key = payload.RequiredKey("Key");
        var update = payload.Expression("UpdateExpression");
        var condition = payload.Expression("ConditionExpression");
        var names = payload.ExpressionAttributeNames();
        var values = payload.ExpressionAttributeValues();
        var returns = WriteReturns.Read(payload, PayloadReader.AnyReturnValues);
        var attributeUpdates = payload.Object("AttributeUpdates");
        var expected = ExpectedTranslator.Read(payload);
        if (attributeUpdates is not null || expected is not null)
        {
            string[] legacy = attributeUpdates is null ? ["Expected"] : expected is null ? ["AttributeUpdates"] : ["AttributeUpdates", "Expected"];
            if (!WriteCondition.RefuseMixing(payload, legacy, ("UpdateExpression", update is not null), ("ConditionExpression", condition is not null),
                    ("ExpressionAttributeNames", names is not null), ("ExpressionAttributeValues", values is not null)))
            {
                (update, condition, names, values) = Legacy(attributeUpdates, expected, payload);
            }
        }

        if (update is null)
        {
            // The Document Model cannot send an update with nothing to update; DynamoDB would
            // merely create an empty item, which no caller of "update" means.
            payload.Refuse("Missing required parameter in payload: \"UpdateExpression\" (or the legacy \"AttributeUpdates\").");
        }

        if (payload.Refusal is { } refusal)
        {
            return refusal;
        }

        var table = call.TableForKey(key!);
        return await call.AnswerWriteAsync(returns, () => table.UpdateItemAsync(new UpdateItemDocumentOperationRequest
        {
            Key = JsonToDynamoDb.ToEntries(key!),
            // The names and values serve both expressions; the Document Model merges them into the request.
            UpdateExpression = Expressions.Create(update, names, values),
            ConditionalExpression = Expressions.Create(condition, null, null),
            ReturnValues = returns.ReturnValues,
        }, cancellationToken)).ConfigureAwait(false);
    }

    // The legacy parameters as expressions; their placeholders (#u/:u, #e/:e) never collide.
    private static (string? Update, string? Condition, Dictionary<string, string>? Names, Dictionary<string, AttributeValue>? Values) Legacy(
        System.Text.Json.JsonElement? attributeUpdates,
        (string Expression, Dictionary<string, string> Names, Dictionary<string, AttributeValue>? Values)? expected,
        PayloadReader payload)
    {
        var updates = attributeUpdates is { } given ? AttributeUpdatesTranslator.Translate(given, payload) : null;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var (translatedNames, translatedValues) in new[] { (updates?.Names, updates?.Values), (expected?.Names, expected?.Values) })
        {
            foreach (var (name, attribute) in translatedNames ?? [])
            {
                names[name] = attribute;
            }

            foreach (var (name, value) in translatedValues ?? [])
            {
                values[name] = value;
            }
        }

        // The Document Model sends an empty names map as none, but an empty values map as {}, which DynamoDB refuses.
        return (updates?.Expression, expected?.Expression, names, values.Count == 0 ? null : values);
    }
}
