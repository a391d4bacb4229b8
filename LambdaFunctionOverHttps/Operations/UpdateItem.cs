using Amazon.DynamoDBv2.DocumentModel;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// <c>update</c>: boto3 <c>Table.update_item</c>, with an <c>UpdateExpression</c> or the legacy
/// <c>AttributeUpdates</c> form the AWS tutorial's update event uses.
/// </summary>
internal static class UpdateItem
{
    public static readonly string[] Parameters =
    [
        "Key", "UpdateExpression", "ConditionExpression", "ExpressionAttributeNames",
        "ExpressionAttributeValues", "ReturnValues", "AttributeUpdates",
    ];

    public static async Task<Outcome> RunAsync(OperationCall call, PayloadReader payload, CancellationToken cancellationToken)
    {
        var key = payload.RequiredKey("Key");
        var update = payload.Expression("UpdateExpression");
        var condition = payload.Expression("ConditionExpression");
        var names = payload.ExpressionAttributeNames();
        var values = payload.ExpressionAttributeValues();
        var returnValues = payload.ReturnValues(PayloadReader.AnyReturnValues);
        if (payload.Object("AttributeUpdates") is { } legacy)
        {
            if (update is not null || condition is not null || names is not null || values is not null)
            {
                payload.Refuse("AttributeUpdates cannot be combined with UpdateExpression, ConditionExpression, "
                    + "ExpressionAttributeNames or ExpressionAttributeValues (DynamoDB refuses expression and "
                    + "non-expression parameters in one request).");
            }
            else if (AttributeUpdatesTranslator.Translate(legacy, payload) is { } translated)
            {
                (update, names, values) = translated;
            }
        }
        else if (update is null)
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
        return await call.AnswerDocumentAsync("Attributes", () => table.UpdateItemAsync(new UpdateItemDocumentOperationRequest
        {
            Key = JsonToDynamoDb.ToEntries(key!),
            // The names and values serve both expressions; the Document Model merges them into the request.
            UpdateExpression = Expressions.Create(update, names, values),
            ConditionalExpression = Expressions.Create(condition, null, null),
            ReturnValues = returnValues,
        }, cancellationToken)).ConfigureAwait(false);
    }
}
