using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Errors;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// <c>query</c>: boto3 <c>Table.query</c>, one page per call: the items of one partition key, on the
/// table or an index, optionally narrowed by a sort-key condition; feed <c>LastEvaluatedKey</c> back as
/// <c>ExclusiveStartKey</c> for the next page.
/// </summary>
/// <remarks>
/// The low-level client, as for <see cref="Scan"/>: the Document Model's <c>Table.Query</c> returns a
/// <c>Search</c> that exposes neither <c>ScannedCount</c> nor the plain <c>LastEvaluatedKey</c> boto3
/// returns, and whose <c>Count</c> runs the query a second time.
/// </remarks>
internal static class Query
{
    public static readonly string[] Parameters =
    [
        "KeyConditionExpression", "IndexName", "Select", "Limit", "ConsistentRead", "ScanIndexForward", "ExclusiveStartKey",
        "ProjectionExpression", "FilterExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnConsumedCapacity",
    ];

    public static async Task<Outcome> RunAsync(OperationCall call, PayloadReader payload, CancellationToken cancellationToken)
    {
        var capacity = payload.ReturnConsumedCapacity();
        var request = new QueryRequest
        {
            TableName = call.TableName,
            KeyConditionExpression = payload.RequiredExpression("KeyConditionExpression"),
            IndexName = payload.String("IndexName"),
            Select = payload.OneOf("Select", Scan.SelectValues) is { } select ? Select.FindValue(select) : null,
            Limit = payload.Integer("Limit"),
            ConsistentRead = payload.Boolean("ConsistentRead"),
            ScanIndexForward = payload.Boolean("ScanIndexForward"),
            ExclusiveStartKey = payload.Map("ExclusiveStartKey"),
            ProjectionExpression = payload.Expression("ProjectionExpression"),
            FilterExpression = payload.Expression("FilterExpression"),
            ExpressionAttributeNames = payload.ExpressionAttributeNames(),
            ExpressionAttributeValues = payload.ExpressionAttributeValues(),
            ReturnConsumedCapacity = capacity.Requested,
        };
        if (payload.Refusal is { } refusal)
        {
            return refusal;
        }

        var response = await call.DynamoDb.Client.QueryAsync(call.Metered(request), cancellationToken).ConfigureAwait(false);
        return BotoResponse.WritePage(response, response.Items, response.Count, response.ScannedCount, response.LastEvaluatedKey, capacity, response.ConsumedCapacity);
    }
}
