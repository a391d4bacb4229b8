using Amazon.DynamoDBv2.DocumentModel;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary><c>read</c>: boto3 <c>Table.get_item</c>. A missing item answers without an <c>Item</c> key.</summary>
internal static class GetItem
{
    public static readonly string[] Parameters =
        ["Key", "ProjectionExpression", "ExpressionAttributeNames", "ConsistentRead"];

    public static async Task<Outcome> RunAsync(OperationCall call, CancellationToken cancellationToken)
    {
        var payload = PayloadReader.Open(call.Payload, Parameters);
        var key = payload.RequiredKey("Key");
        var projection = payload.String("ProjectionExpression");
        var names = payload.StringMap("ExpressionAttributeNames");
        var consistentRead = payload.Boolean("ConsistentRead");
        Expressions.RequireStatement(payload, names, null, projection);
        if (payload.Problem is { } problem)
        {
            return Outcome.Failure(ErrorKind.InvalidRequest, problem);
        }

        var table = call.DynamoDb.TableForKey(call.TableName, key!);
        var metadata = call.DynamoDb.Metadata.Begin();
        var item = await table.GetItemAsync(new GetItemDocumentOperationRequest
        {
            Key = JsonToDynamoDb.ToEntries(key!),
            ProjectionExpression = Expressions.Create(projection, names, null),
            ConsistentRead = consistentRead ?? false,
        }, cancellationToken).ConfigureAwait(false);

        return BotoResponse.Write(metadata, writer => BotoResponse.WriteDocument(writer, "Item", item));
    }
}
