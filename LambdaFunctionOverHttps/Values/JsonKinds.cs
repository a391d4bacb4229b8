using System.Text.Json;

namespace LambdaFunctionOverHttps.Values;

/// <summary>How messages name the kind of JSON a caller sent where another was expected.</summary>
internal static class JsonKinds
{
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
