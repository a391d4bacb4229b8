using Amazon.DynamoDBv2.DocumentModel;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary><c>read</c>: boto3 <c>Table.get_item</c>. A missing item answers without an <c>Item</c> key.</summary>
internal static class GetItem
{
    public static readonly string[] Parameters =
        ["Key", "ProjectionExpression", "ExpressionAttributeNames", "ConsistentRead", "ReturnConsumedCapacity"];

    public static async Task<Outcome> RunAsync(OperationCall call, PayloadReader payload, CancellationToken cancellationToken)
    {
        var key = payload.RequiredKey("Key");
        var projection = Expressions.Create(payload.Expression("ProjectionExpression"), payload.ExpressionAttributeNames(), null);
        var consistentRead = payload.Boolean("ConsistentRead");
        var capacity = payload.ReturnConsumedCapacity();
        if (payload.Refusal is { } refusal)
        {
            return refusal;
        }

        var table = call.TableForKey(key!);
        return await call.AnswerDocumentAsync("Item", capacity, onConditionCheckFailure: null, () => table.GetItemAsync(new GetItemDocumentOperationRequest
        {
            Key = JsonToDynamoDb.ToEntries(key!),
            ProjectionExpression = projection,
            ConsistentRead = consistentRead ?? false,
        }, cancellationToken)).ConfigureAwait(false);
    }
}
