using Amazon.DynamoDBv2.DocumentModel;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary><c>delete</c>: boto3 <c>Table.delete_item</c>.</summary>
internal static class DeleteItem
{
    public static readonly string[] Parameters =
        ["Key", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnValues"];

    public static async Task<Outcome> RunAsync(OperationCall call, CancellationToken cancellationToken)
    {
        var payload = PayloadReader.Open(call.Payload, Parameters);
        var key = payload.RequiredKey("Key");
        var condition = payload.String("ConditionExpression");
        var names = payload.StringMap("ExpressionAttributeNames");
        var values = payload.Map("ExpressionAttributeValues");
        var returnValues = Expressions.ReadReturnValues(payload);
        Expressions.RequireStatement(payload, names, values, condition);
        if (payload.Problem is { } problem)
        {
            return Outcome.Failure(ErrorKind.InvalidRequest, problem);
        }

        var table = call.DynamoDb.TableForKey(call.TableName, key!);
        var metadata = call.DynamoDb.Metadata.Begin();
        var old = await table.DeleteItemAsync(new DeleteItemDocumentOperationRequest
        {
            Key = JsonToDynamoDb.ToEntries(key!),
            ConditionalExpression = Expressions.Create(condition, names, values),
            ReturnValues = returnValues,
        }, cancellationToken).ConfigureAwait(false);

        return BotoResponse.Write(metadata, writer => BotoResponse.WriteDocument(writer, "Attributes", old));
    }
}
