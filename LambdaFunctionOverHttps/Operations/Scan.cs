using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Errors;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// <c>list</c>: boto3 <c>Table.scan</c>, one page per call; feed <c>LastEvaluatedKey</c> back as
/// <c>ExclusiveStartKey</c> for the next.
/// </summary>
/// <remarks>
/// This call uses the low-level client because the Document Model cannot express the contract:
/// <c>ScanDocumentOperationRequest.ProjectionExpression</c> is sent as the filter (SDK 4.0.110),
/// <c>Search.Count</c> runs a second full scan, and <c>Search</c> exposes neither
/// <c>ScannedCount</c> nor the plain <c>LastEvaluatedKey</c> boto3 returns.
/// </remarks>
internal static class Scan
{
    public static readonly string[] Parameters =
    [
        "Limit", "ExclusiveStartKey", "FilterExpression", "ProjectionExpression", "ExpressionAttributeNames",
        "ExpressionAttributeValues", "Select", "Segment", "TotalSegments", "ConsistentRead", "IndexName", "ReturnConsumedCapacity",
    ];

    /// <summary>DynamoDB's <c>Select</c> values, which Scan and Query share.</summary>
    public static readonly string[] SelectValues =
        ["ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT"];

    public static async Task<Outcome> RunAsync(OperationCall call, PayloadReader payload, CancellationToken cancellationToken)
    {
        var capacity = payload.ReturnConsumedCapacity();
        var request = new ScanRequest
        {
            TableName = call.TableName,
            Limit = payload.Integer("Limit"),
            ExclusiveStartKey = payload.Map("ExclusiveStartKey"),
            FilterExpression = payload.Expression("FilterExpression"),
            ProjectionExpression = payload.Expression("ProjectionExpression"),
            ExpressionAttributeNames = payload.ExpressionAttributeNames(),
            ExpressionAttributeValues = payload.ExpressionAttributeValues(),
            Select = payload.OneOf("Select", SelectValues) is { } select ? Select.FindValue(select) : null,
            Segment = payload.Integer("Segment"),
            TotalSegments = payload.Integer("TotalSegments"),
            ConsistentRead = payload.Boolean("ConsistentRead"),
            IndexName = payload.String("IndexName"),
            ReturnConsumedCapacity = capacity.Requested,
        };
        if (payload.Refusal is { } refusal)
        {
            return refusal;
        }

        var response = await call.DynamoDb.Client.ScanAsync(call.Metered(request), cancellationToken).ConfigureAwait(false);
        return BotoResponse.WritePage(response, response.Items, response.Count, response.ScannedCount, response.LastEvaluatedKey, capacity, response.ConsumedCapacity);
    }
}
