using System.Text.Json;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.DynamoDb;
using LambdaFunctionOverHttps.Errors;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>What an operation receives: the resolved table, the raw payload and the DynamoDB client.</summary>
/// <param name="TableName">The table, already allowed by policy; empty for operations that use none.</param>
/// <param name="Payload">The envelope's <c>payload</c>, or null when it has none.</param>
/// <param name="DynamoDb">The process's DynamoDB client and what goes with it.</param>
internal sealed record OperationCall(string TableName, JsonElement? Payload, DynamoDbAccess DynamoDb)
{
    /// <summary>What the operation asked of DynamoDB, for the log line.</summary>
    public OperationUsage Usage { get; init; } = new();

    /// <summary>
    /// When an operation of many DynamoDB calls should start no more of them (a
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp, see <see cref="Invocation.InvocationDeadline.StopStartingAt"/>),
    /// so that it still answers with what it did before the deadline cancels it; null when the host has no deadline.
    /// </summary>
    public long? StopStartingAt { get; init; }

    /// <summary>The function's configuration, for an operation that answers about it (<c>tables</c>).</summary>
    public required FunctionSettings Settings { get; init; }

    /// <summary>The Document Model table, declared with the request key's own attributes (see <see cref="DynamoDbAccess.TableForKey"/>).</summary>
    public Table TableForKey(Dictionary<string, AttributeValue> key) => DynamoDb.TableForKey(TableName, key);

    /// <summary>The Document Model table for writing a whole item (see <see cref="DynamoDbAccess.TableForItem"/>).</summary>
    public Table TableForItem(Dictionary<string, AttributeValue> item) => DynamoDb.TableForItem(TableName, item);

    /// <summary>A write's Document Model call, answered with the <c>Attributes</c> and what else <paramref name="returns"/> asks for.</summary>
    public Task<Outcome> AnswerWriteAsync(WriteReturns returns, Func<Task<Document?>> send) =>
        AnswerDocumentAsync("Attributes", returns.Capacity, returns.OnConditionCheckFailure, send);

    /// <summary>
    /// Makes one Document Model call and answers as boto3 does: the document it returns under
    /// <paramref name="resultName"/> (absent when DynamoDB returned none), <c>ConsumedCapacity</c> when
    /// the caller asked for it, and <c>ResponseMetadata</c>, which the Document Model does not expose
    /// and <see cref="ResponseMetadataCapture"/> records.
    /// </summary>
    /// <param name="resultName"><c>Item</c> or <c>Attributes</c>.</param>
    /// <param name="capacity">The caller's <c>ReturnConsumedCapacity</c>.</param>
    /// <param name="onConditionCheckFailure">The caller's <c>ReturnValuesOnConditionCheckFailure</c>, for a conditional write.</param>
    /// <param name="send">The Document Model call.</param>
    public async Task<Outcome> AnswerDocumentAsync(
        string resultName,
        ConsumedCapacityOption capacity,
        Amazon.DynamoDBv2.ReturnValuesOnConditionCheckFailure? onConditionCheckFailure,
        Func<Task<Document?>> send)
    {
        var metadata = DynamoDb.Metadata.Begin(new RequestOptions(capacity.Requested, onConditionCheckFailure));
        var document = await send().ConfigureAwait(false);
        return BotoResponse.Write(metadata, writer =>
        {
            BotoResponse.WriteDocument(writer, resultName, document);
            BotoResponse.WriteConsumedCapacity(writer, capacity, metadata.ConsumedCapacity);
        });
    }
}
