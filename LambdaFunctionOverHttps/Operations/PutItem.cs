using Amazon.DynamoDBv2.DocumentModel;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary><c>create</c>: boto3 <c>Table.put_item</c>.</summary>
internal static class PutItem
{
    public static readonly string[] Parameters =
        ["Item", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnValues"];

    public static async Task<Outcome> RunAsync(OperationCall call, PayloadReader payload, CancellationToken cancellationToken)
    {
        var item = payload.RequiredMap("Item");
        var condition = Expressions.Create(payload.Expression("ConditionExpression"), payload.ExpressionAttributeNames(), payload.ExpressionAttributeValues());
        var returnValues = payload.ReturnValues(PayloadReader.OldOrNoReturnValues);
        if (payload.Refusal is { } refusal)
        {
            return refusal;
        }

        if (ItemSize.LowerBound(item!) > ItemSize.MaxBytes)
        {
            return Outcome.Failure(new ErrorKind("ValidationException", 400), ItemSize.TooLargeMessage);
        }

        var table = call.TableForItem(item!);
        return await call.AnswerDocumentAsync("Attributes", () => table.PutItemAsync(new PutItemDocumentOperationRequest
        {
            Document = JsonToDynamoDb.ToDocument(item!),
            ConditionalExpression = condition,
            ReturnValues = returnValues,
        }, cancellationToken)).ConfigureAwait(false);
    }
}
