using Amazon.DynamoDBv2.DocumentModel;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary><c>create</c>: boto3 <c>Table.put_item</c>.</summary>
internal static class PutItem
{
    public static readonly string[] Parameters =
        ["Item", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnValues"];

    public static async Task<Outcome> RunAsync(OperationCall call, CancellationToken cancellationToken)
    {
        var payload = PayloadReader.Open(call.Payload, Parameters);
        var item = payload.RequiredMap("Item");
        var condition = payload.String("ConditionExpression");
        var names = payload.StringMap("ExpressionAttributeNames");
        var values = payload.Map("ExpressionAttributeValues");
        var returnValues = Expressions.ReadReturnValues(payload);
        Expressions.RequireStatement(payload, names, values, condition);
        if (payload.Problem is { } problem)
        {
            return Outcome.Failure(ErrorKind.InvalidRequest, problem);
        }

        if (ItemSize.LowerBound(item!) > ItemSize.MaxBytes)
        {
            return Outcome.Failure(new ErrorKind("ValidationException", 400), ItemSize.TooLargeMessage);
        }

        var table = call.DynamoDb.TableForItem(call.TableName, item!);
        var metadata = call.DynamoDb.Metadata.Begin();
        var old = await table.PutItemAsync(new PutItemDocumentOperationRequest
        {
            Document = JsonToDynamoDb.ToDocument(item!),
            ConditionalExpression = Expressions.Create(condition, names, values),
            ReturnValues = returnValues,
        }, cancellationToken).ConfigureAwait(false);

        return BotoResponse.Write(metadata, writer => BotoResponse.WriteDocument(writer, "Attributes", old));
    }
}
