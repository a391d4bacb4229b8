using System.Text.Json;
using LambdaFunctionOverHttps.Errors;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>One entry of the operations dictionary.</summary>
/// <param name="UsesTable">Whether the envelope must name a table (or <c>TABLE_NAME</c> supply one).</param>
/// <param name="RunAsync">The work; SDK exceptions escape it and are mapped by the invoker alone.</param>
internal sealed record Operation(bool UsesTable, Func<OperationCall, CancellationToken, Task<Outcome>> RunAsync)
{
    /// <summary>Every payload key the operation takes (boto3's names); null for one that takes any payload. The OpenAPI document describes them.</summary>
    public IReadOnlyList<string>? Parameters { get; init; }

    /// <summary>
    /// An operation on a table whose payload is boto3 keyword arguments: the payload is opened and
    /// its names checked against <paramref name="parameters"/> here, so <paramref name="work"/> only
    /// reads its own parameters, returns <see cref="PayloadReader.Refusal"/> if there is one, and calls DynamoDB.
    /// </summary>
    /// <param name="parameters">Every payload key the operation takes; any other is refused, naming these.</param>
    /// <param name="work">What is particular to the operation.</param>
    /// <param name="payloadOptional">Whether a missing payload means "no parameters" rather than an error.</param>
    public static Operation OnTable(
        IReadOnlyList<string> parameters,
        Func<OperationCall, PayloadReader, CancellationToken, Task<Outcome>> work,
        bool payloadOptional = false) =>
        new(UsesTable: true, (call, cancellationToken) =>
        {
            var payload = PayloadReader.Open(call.Payload, parameters, payloadOptional);
            return payload.Refusal is { } refusal ? Task.FromResult(refusal) : work(call, payload, cancellationToken);
        })
        {
            Parameters = parameters,
        };

    /// <summary>An operation that answers from the payload alone and never calls DynamoDB.</summary>
    public static Operation WithoutTable(Func<JsonElement?, Outcome> answer) =>
        new(UsesTable: false, (call, _) => Task.FromResult(answer(call.Payload)));

    /// <summary>An operation on no table in particular that may still ask DynamoDB (<c>tables</c>); its payload is ignored.</summary>
    public static Operation WithoutTable(Func<OperationCall, CancellationToken, Task<Outcome>> work) =>
        new(UsesTable: false, work);
}
