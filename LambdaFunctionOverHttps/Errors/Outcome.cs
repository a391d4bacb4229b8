using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Errors;

/// <summary>
/// What an invocation produced: a JSON result, or an error with its kind and message.
/// Expected failures travel as outcomes, never as exceptions through the core.
/// </summary>
internal sealed class Outcome
{
    private Outcome(byte[] body, ErrorKind? error, string? errorMessage, string? dynamoDbRequestId)
    {
        Body = body;
        Error = error;
        ErrorMessage = errorMessage;
        DynamoDbRequestId = dynamoDbRequestId;
    }

    /// <summary>The UTF-8 JSON answer: the result, or <c>{"errorType", "errorMessage"}</c>.</summary>
    public byte[] Body { get; }

    public ErrorKind? Error { get; }

    public string? ErrorMessage { get; }

    public string? DynamoDbRequestId { get; }

    public bool IsError => Error is not null;

    public int StatusCode => Error?.StatusCode ?? SuccessStatus;

    /// <summary>The answer to an OPTIONS request (a CORS preflight): 204, no body.</summary>
    public static Outcome NoContent { get; } = new([], null, null, null) { SuccessStatus = 204 };

    private int SuccessStatus { get; init; } = 200;

    public static Outcome Success(byte[] json, string? dynamoDbRequestId = null) =>
        new(json, null, null, dynamoDbRequestId);

    public static Outcome Failure(ErrorKind kind, string message, string? dynamoDbRequestId = null) =>
        new(ErrorBody(kind.Type, message), kind, message, dynamoDbRequestId);

    // The Lambda runtime's own field names, so a direct invoke and a proxy response read alike.
    private static byte[] ErrorBody(string errorType, string message) =>
        JsonBody.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("errorType", errorType);
            writer.WriteString("errorMessage", message);
            writer.WriteEndObject();
        });
}
