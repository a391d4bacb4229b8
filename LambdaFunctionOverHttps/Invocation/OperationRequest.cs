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

    private Func<Outcome, Outcome>? Explanation { get; init; }
    private FunctionSettings? Settings { get; init; }

    public static OperationRequest Refused(Outcome refusal) => new(null, null, refusal);

    /// <summary>A REST route's request (<c>Rest/RestRouter</c>): its work as an operation on the route's table.</summary>
    /// <param name="name">The route, for the log: <c>GET /product/{id}</c>.</param>
    /// <param name="table">The route's table.</param>
    /// <param name="refusal">Why it is refused, if it is; then nothing runs.</param>
    /// <param name="work">What the route does; its table is the route's own, never the envelope's question <see cref="Operation.UsesTable"/> asks.</param>
    /// <param name="explain">Words a mapped DynamoDB failure the way the route means it (a failed condition of POST is a taken key).</param>
    public static OperationRequest ForRoute(
        string? name, string? table, Outcome? refusal, Func<OperationCall, CancellationToken, Task<Outcome>>? work = null, Func<Outcome, Outcome>? explain = null) =>
        new(name, table, refusal) { Operation = work is null ? null : new Operation(UsesTable: true, work), Explanation = explain };

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

    /// <summary>The outcome as the caller is to get it: a route may reword DynamoDB's failures; an envelope's are passed on.</summary>
    public Outcome Explain(Outcome outcome) => Explanation?.Invoke(outcome) ?? outcome;

    /// <summary>Runs the operation; only for a request that is not refused.</summary>
    /// <param name="dynamoDb">The process's DynamoDB client.</param>
    /// <param name="usage">Filled in by the operation, for the log line.</param>
    /// <param name="stopStartingAt">See <see cref="OperationCall.StopStartingAt"/>.</param>
    /// <param name="deadline">Cancelled when the invocation must stop.</param>
    public Task<Outcome> RunAsync(DynamoDbAccess dynamoDb, OperationUsage usage, long? stopStartingAt, CancellationToken deadline) =>
        Operation!.RunAsync(new OperationCall(TableName ?? "", Payload, dynamoDb) { Usage = usage, StopStartingAt = stopStartingAt, Settings = Settings! }, deadline);
}
