using Amazon.DynamoDBv2;

namespace LambdaFunctionOverHttps.DynamoDb;

/// <summary>
/// What a Document Model call's low-level request must carry that the Document Model's own request
/// types cannot say; <see cref="CapturingDynamoDbClient"/> sets it on the request. Null leaves a
/// parameter unset, as the Document Model sends it.
/// </summary>
/// <param name="ReturnConsumedCapacity">Whether, and in how much detail, DynamoDB reports the capacity the call used.</param>
/// <param name="ReturnValuesOnConditionCheckFailure">Whether a failed condition's error carries the item it found.</param>
internal readonly record struct RequestOptions(
    ReturnConsumedCapacity? ReturnConsumedCapacity,
    ReturnValuesOnConditionCheckFailure? ReturnValuesOnConditionCheckFailure);
