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
    private static readonly Task<Outcome> Pong = Task.FromResult(Outcome.Success("\"pong\""u8.ToArray()));

    // A plain Dictionary keeps the order written here, which error messages list the names in.
    public static readonly IReadOnlyDictionary<string, Operation> ByName = new Dictionary<string, Operation>(StringComparer.Ordinal)
    {
        ["create"] = new(UsesTable: true, PutItem.RunAsync),
        ["read"] = new(UsesTable: true, GetItem.RunAsync),
        ["update"] = new(UsesTable: true, UpdateItem.RunAsync),
        ["delete"] = new(UsesTable: true, DeleteItem.RunAsync),
        ["list"] = new(UsesTable: true, Scan.RunAsync),
        ["echo"] = new(UsesTable: false, (call, _) => Task.FromResult(Echo(call.Payload))),
        ["ping"] = new(UsesTable: false, (_, _) => Pong),
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
