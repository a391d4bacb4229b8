using Amazon.DynamoDBv2;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// boto3's <c>ReturnConsumedCapacity</c>, kept as two facts: what DynamoDB is asked to report, and
/// whether the caller's answer shows <c>ConsumedCapacity</c>. DynamoDB is always asked, at least for
/// TOTAL, so that the log line's metrics carry what every call cost (issue 17); the answer shows it
/// only to a caller who asked for INDEXES or TOTAL, as boto3 would.
/// </summary>
/// <param name="Requested">What the request to DynamoDB carries: the caller's INDEXES, else TOTAL.</param>
/// <param name="Returned">Whether the answer carries the <c>ConsumedCapacity</c> DynamoDB reported.</param>
internal readonly record struct ConsumedCapacityOption(ReturnConsumedCapacity? Requested, bool Returned)
{
    /// <param name="asked">The caller's <c>ReturnConsumedCapacity</c>: INDEXES, TOTAL, NONE, or null when not given.</param>
    public static ConsumedCapacityOption For(string? asked) => asked switch
    {
        "INDEXES" => new(ReturnConsumedCapacity.INDEXES, Returned: true),
        "TOTAL" => new(ReturnConsumedCapacity.TOTAL, Returned: true),
        _ => new(ReturnConsumedCapacity.TOTAL, Returned: false),
    };
}
