using System.Text.Json;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.DynamoDb;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Operations;

namespace LambdaFunctionOverHttps.Invocation;

/// <summary>
/// What an envelope asks the function to do, resolved against the operations dictionary and the
/// table policy: the operation to run on which table with which payload, or why it is refused.
/// The names are kept either way, for the log line.
/// </summary>
internal sealed record OperationRequest(string? OperationName, string? TableName, Outcome? Refusal)
{
    private Operation? Operation { get; init; }

    private JsonElement? Payload { get; init; }

    private FunctionSettings? Settings { get; init; }

    public static OperationRequest Refused(Outcome refusal) => new(null, null, refusal);

    public static OperationRequest Resolve(JsonElement envelopeJson, FunctionSettings settings)
    {
        var (envelope, problem) = Envelope.Read(envelopeJson);
        if (envelope is null)
        {
            return Refused(Outcome.Failure(ErrorKind.InvalidRequest, problem!));
        }

        var name = envelope.Operation;
        if (!KnownOperations.ByName.TryGetValue(name, out var operation))
        {
            // The original's wording, so callers that matched on it keep working.
            return new OperationRequest(name, null, Outcome.Failure(ErrorKind.UnknownOperation,
                $"Unrecognized operation {CallerText.Quote(name)}; expected one of: {string.Join(", ", KnownOperations.ByName.Keys)}."));
        }

        var table = operation.UsesTable ? TableChoice.For(envelope.TableName, name, settings) : TableChoice.None;
        return new OperationRequest(name, table.Name, table.Refusal) { Operation = operation, Payload = envelope.Payload, Settings = settings };
    }

    /// <summary>Runs the operation; only for a request that is not refused.</summary>
    /// <param name="dynamoDb">The process's DynamoDB client.</param>
    /// <param name="usage">Filled in by the operation, for the log line.</param>
    /// <param name="stopStartingAt">See <see cref="OperationCall.StopStartingAt"/>.</param>
    /// <param name="deadline">Cancelled when the invocation must stop.</param>
    public Task<Outcome> RunAsync(DynamoDbAccess dynamoDb, OperationUsage usage, long? stopStartingAt, CancellationToken deadline) =>
        Operation!.RunAsync(new OperationCall(TableName ?? "", Payload, dynamoDb) { Usage = usage, StopStartingAt = stopStartingAt, Settings = Settings! }, deadline);
}
