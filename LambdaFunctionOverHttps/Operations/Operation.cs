using System.Text.Json;
using LambdaFunctionOverHttps.DynamoDb;
using LambdaFunctionOverHttps.Errors;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>One entry of the operations dictionary.</summary>
/// <param name="UsesTable">Whether the envelope must name a table (or <c>TABLE_NAME</c> supply one).</param>
/// <param name="RunAsync">The work; SDK exceptions escape it and are mapped by the invoker alone.</param>
internal sealed record Operation(bool UsesTable, Func<OperationCall, CancellationToken, Task<Outcome>> RunAsync);

/// <summary>What an operation receives: the resolved table, the raw payload and the DynamoDB client.</summary>
/// <param name="TableName">The table, already allowed by policy; empty for operations that use none.</param>
/// <param name="Payload">The envelope's <c>payload</c>, or null when it has none.</param>
internal sealed record OperationCall(string TableName, JsonElement? Payload, DynamoDbAccess DynamoDb);
