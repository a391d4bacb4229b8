using Amazon.DynamoDBv2.DocumentModel;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary><c>create</c>: boto3 <c>Table.put_item</c>.</summary>
internal static class PutItem
{
    public static readonly string[] Parameters = ["Item", .. WriteCondition.Parameters, .. WriteReturns.Parameters];

    public static async Task<Outcome> RunAsync(OperationCall call, PayloadReader payload, CancellationToken cancellationToken)
    {
        var item = payload.RequiredMap("Item");
        var condition = WriteCondition.Read(payload);
        var returns = WriteReturns.Read(payload, PayloadReader.OldOrNoReturnValues);
        if (payload.Refusal is { } refusal)
        {
            return refusal;
        }

        if (ItemSize.LowerBound(item!) > ItemSize.MaxBytes)
        {
            return Outcome.Failure(ErrorCatalogue.ValidationException, ItemSize.TooLargeMessage);
        }

        var table = call.TableForItem(item!);
        return await call.AnswerWriteAsync(returns, () => table.PutItemAsync(new PutItemDocumentOperationRequest
        {
            Document = JsonToDynamoDb.ToDocument(item!),
            ConditionalExpression = condition,
            ReturnValues = returns.ReturnValues,
        }, cancellationToken)).ConfigureAwait(false);
    }
}
