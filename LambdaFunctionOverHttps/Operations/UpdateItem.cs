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

    public static async Task<Outcome> RunAsync(OperationCall call, CancellationToken cancellationToken)
    {
        var payload = PayloadReader.Open(call.Payload, Parameters);
        var key = payload.RequiredKey("Key");
        var update = payload.String("UpdateExpression");
        var condition = payload.String("ConditionExpression");
        var names = payload.StringMap("ExpressionAttributeNames");
        var values = payload.Map("ExpressionAttributeValues");
        var returnValues = Expressions.ReadReturnValues(payload);
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

        Expressions.RequireStatement(payload, names, values, update, condition);
        if (payload.Problem is { } problem)
        {
            return Outcome.Failure(ErrorKind.InvalidRequest, problem);
        }

        var table = call.DynamoDb.TableForKey(call.TableName, key!);
        var metadata = call.DynamoDb.Metadata.Begin();
        var attributes = await table.UpdateItemAsync(new UpdateItemDocumentOperationRequest
        {
            Key = JsonToDynamoDb.ToEntries(key!),
            UpdateExpression = Expressions.Create(update, names, values),
            ConditionalExpression = Expressions.Create(condition, null, null),
            ReturnValues = returnValues,
        }, cancellationToken).ConfigureAwait(false);

        return BotoResponse.Write(metadata, writer => BotoResponse.WriteDocument(writer, "Attributes", attributes));
    }
}
