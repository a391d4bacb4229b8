using System.Text.Json;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Errors;

/// <summary>
/// What an invocation produced: a JSON result, or an error with its kind and message.
/// Expected failures travel as outcomes, never as exceptions through the core.
/// </summary>
internal sealed class Outcome
{
    private readonly bool _hasDetails;

    private Outcome(byte[] body, ErrorKind? error, string? errorMessage, string? dynamoDbRequestId, bool hasDetails = false)
    {
        Body = body;
        Error = error;
        ErrorMessage = errorMessage;
        DynamoDbRequestId = dynamoDbRequestId;
        _hasDetails = hasDetails;
    }

    /// <summary>
    /// The UTF-8 JSON answer: the result, or <c>{"errorType", "errorMessage"}</c> and any details
    /// DynamoDB returned with the error (a proxy answer's body).
    /// </summary>
    public byte[] Body { get; }

    /// <summary>
    /// The error as a Lambda function error carries it: <c>errorType</c> and <c>errorMessage</c> only,
    /// since the managed runtime builds it from an exception's name and message. Details such as a
    /// failed condition's <c>Item</c> reach only callers whose event is answered as HTTP.
    /// </summary>
    // Stryker disable once Conditional : equivalent, without details the body is this same error body (docs/testing.md, "Equivalent mutants")
    public byte[] FunctionErrorBody => _hasDetails ? ErrorBody(Error!.Type, ErrorMessage!, writeDetails: null) : Body;

    public ErrorKind? Error { get; }

    public string? ErrorMessage { get; }

    public string? DynamoDbRequestId { get; }

    public bool IsError => Error is not null;

    public int StatusCode => Error?.StatusCode ?? SuccessStatus;

    /// <summary>HTTP headers a proxy answer carries besides the content type and error type: a REST route's <c>Location</c> or <c>Allow</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; private init; } = [];

    /// <summary>The answer to an OPTIONS request (a CORS preflight): 204, no body.</summary>
    public static Outcome NoContent { get; } = new([], null, null, null) { SuccessStatus = 204 };

    private int SuccessStatus { get; init; } = 200;

    public static Outcome Success(byte[] json, string? dynamoDbRequestId = null) =>
        new(json, null, null, dynamoDbRequestId);

    /// <summary>A success with another status than 200: a REST route's 201 (with <c>Location</c>) or 204 (with no body).</summary>
    public static Outcome Success(byte[] json, string? dynamoDbRequestId, int statusCode) =>
        new(json, null, null, dynamoDbRequestId) { SuccessStatus = statusCode };

    /// <summary>The same outcome with one more header on its proxy answer.</summary>
    public Outcome WithHeader(string name, string value) =>
        new(Body, Error, ErrorMessage, DynamoDbRequestId, _hasDetails) { SuccessStatus = SuccessStatus, Headers = [.. Headers, new(name, value)] };

    /// <param name="kind">The error type and status.</param>
    /// <param name="message">Says what went wrong; it is logged, so it never holds item values.</param>
    /// <param name="dynamoDbRequestId">DynamoDB's request id, when DynamoDB answered.</param>
    /// <param name="writeDetails">More fields after <c>errorMessage</c>, as boto3's error response has them; never logged.</param>
    public static Outcome Failure(ErrorKind kind, string message, string? dynamoDbRequestId = null, Action<Utf8JsonWriter>? writeDetails = null) =>
        new(ErrorBody(kind.Type, message, writeDetails), kind, message, dynamoDbRequestId, hasDetails: writeDetails is not null);

    // The Lambda runtime's own field names, so a direct invoke and a proxy response read alike.
    private static byte[] ErrorBody(string errorType, string message, Action<Utf8JsonWriter>? writeDetails) =>
        JsonBody.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("errorType", errorType);
            writer.WriteString("errorMessage", message);
            writeDetails?.Invoke(writer);
            writer.WriteEndObject();
        });
}
