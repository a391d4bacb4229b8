using System.Text.Json;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// The centre of the function: serverless-lab's operations dictionary, one entry per operation,
/// names compared exactly as the original does.
/// </summary>
internal static class KnownOperations
{
    private static readonly Outcome Pong = Outcome.Success("\"pong\""u8.ToArray());

    // A plain Dictionary keeps the order written here, which error messages list the names in.
    public static readonly IReadOnlyDictionary<string, Operation> ByName = new Dictionary<string, Operation>(StringComparer.Ordinal)
    {
        ["create"] = Operation.OnTable(PutItem.Parameters, PutItem.RunAsync),
        ["read"] = Operation.OnTable(GetItem.Parameters, GetItem.RunAsync),
        ["update"] = Operation.OnTable(UpdateItem.Parameters, UpdateItem.RunAsync),
        ["delete"] = Operation.OnTable(DeleteItem.Parameters, DeleteItem.RunAsync),
        // A scan needs no parameters, so unlike the original, a missing payload means "scan everything".
        ["list"] = Operation.OnTable(Scan.Parameters, Scan.RunAsync, payloadOptional: true),
        ["query"] = Operation.OnTable(Query.Parameters, Query.RunAsync),
        ["batchRead"] = Operation.OnTable(BatchGetItem.Parameters, BatchGetItem.RunAsync),
        ["batchWrite"] = Operation.OnTable(BatchWriteItem.Parameters, BatchWriteItem.RunAsync),
        ["echo"] = Operation.WithoutTable(Echo),
        ["ping"] = Operation.WithoutTable(_ => Pong),
        ["tables"] = Operation.WithoutTable(ServedTables.RunAsync),
    };

    // The payload comes back token for token: numbers keep their text, nothing is re-encoded.
    private static Outcome Echo(JsonElement? payload) => Outcome.Success(JsonBody.Write(writer =>
    {
        if (payload is { } value)
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }));
}
