using Amazon.DynamoDBv2;
using DocumentReturnValues = Amazon.DynamoDBv2.DocumentModel.ReturnValues;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// What a write (create, update, delete) may ask to get back, read in one place: the item's
/// attributes (<c>ReturnValues</c>), the item a failed condition found
/// (<c>ReturnValuesOnConditionCheckFailure</c>) and the capacity used (<c>ReturnConsumedCapacity</c>).
/// </summary>
internal sealed record WriteReturns(
    DocumentReturnValues ReturnValues,
    ReturnValuesOnConditionCheckFailure? OnConditionCheckFailure,
    ConsumedCapacityOption Capacity)
{
    public static readonly string[] Parameters = ["ReturnValues", "ReturnValuesOnConditionCheckFailure", "ReturnConsumedCapacity"];

    /// <param name="payload">The write's payload.</param>
    /// <param name="returnValuesTaken">
    /// The <c>ReturnValues</c> the operation takes: <see cref="PayloadReader.AnyReturnValues"/> for
    /// update, <see cref="PayloadReader.OldOrNoReturnValues"/> for create and delete.
    /// </param>
    public static WriteReturns Read(PayloadReader payload, IReadOnlyList<string> returnValuesTaken) => new(
        payload.ReturnValues(returnValuesTaken), payload.ReturnValuesOnConditionCheckFailure(), payload.ReturnConsumedCapacity());
}
