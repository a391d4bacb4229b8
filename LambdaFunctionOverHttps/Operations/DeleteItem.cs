using Amazon.DynamoDBv2.DocumentModel;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary><c>delete</c>: boto3 <c>Table.delete_item</c>.</summary>
internal static class DeleteItem
{
    public static readonly string[] Parameters = ["Key", .. WriteCondition.Parameters, .. WriteReturns.Parameters];

    public static async Task<Outcome> RunAsync(OperationCall call, PayloadReader payload, CancellationToken cancellationToken)
    {
        var key = payload.RequiredKey("Key");
        var condition = WriteCondition.Read(payload);
        var returns = WriteReturns.Read(payload, PayloadReader.OldOrNoReturnValues);
        if (payload.Refusal is { } refusal)
        {
            return refusal;
        }

        var table = call.TableForKey(key!);
        return await call.AnswerWriteAsync(returns, () => table.DeleteItemAsync(new DeleteItemDocumentOperationRequest
        {
            Key = JsonToDynamoDb.ToEntries(key!),
            ConditionalExpression = condition,
            ReturnValues = returns.ReturnValues,
        }, cancellationToken)).ConfigureAwait(false);
    }
}
