using Amazon.DynamoDBv2;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// boto3's <c>ReturnConsumedCapacity</c>, kept as two facts: what DynamoDB is asked to report, and
/// whether the caller's answer shows <c>ConsumedCapacity</c>. Today both follow the caller; asking
/// DynamoDB on every call (for metrics, say) while answering only callers who asked changes
/// <see cref="For"/> alone.
/// </summary>
/// <param name="Requested">What the request to DynamoDB carries; null leaves it unset.</param>
/// <param name="Returned">Whether the answer carries the <c>ConsumedCapacity</c> DynamoDB reported.</param>
internal readonly record struct ConsumedCapacityOption(ReturnConsumedCapacity? Requested, bool Returned)
{
    /// <param name="asked">The caller's <c>ReturnConsumedCapacity</c>: INDEXES, TOTAL, NONE, or null when not given.</param>
    public static ConsumedCapacityOption For(string? asked) => asked switch
    {
        "INDEXES" => new(ReturnConsumedCapacity.INDEXES, Returned: true),
        "TOTAL" => new(ReturnConsumedCapacity.TOTAL, Returned: true),
        "NONE" => new(ReturnConsumedCapacity.NONE, Returned: false),
        _ => default,
    };
}
