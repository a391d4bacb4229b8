using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Hosts;

/// <summary>
/// The error document Lambda shows for a function error: what the Runtime API's error endpoints
/// take, and what <c>invoke</c> prints. The stack trace stays empty: the detail is in the log,
/// not in what the caller receives.
/// </summary>
internal static class LambdaError
{
    public static byte[] Body(string errorType, string errorMessage) => JsonBody.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("errorMessage", errorMessage);
        writer.WriteString("errorType", errorType);
        writer.WriteStartArray("stackTrace");
        writer.WriteEndArray();
        writer.WriteEndObject();
    });
}
