using LambdaFunctionOverHttps.Errors;

namespace LambdaFunctionOverHttps.Invocation;

/// <summary>
/// Lambda's limit on a synchronous invocation's response, checked before an answer leaves the
/// core, so every host sends an error that says what happened instead of an answer Lambda refuses.
/// </summary>
/// <remarks>
/// <para>
/// Without this check the Runtime API answered 413 to the post, the custom runtime exited with
/// the next event queued, and the log line said 200; under the managed runtime the caller got
/// Lambda's own <c>Function.ResponseSizeTooLarge</c> and API Gateway a 502.
/// </para>
/// <para>
/// The refusal is a 413 rather than a 5xx: nothing failed, the request asked for more than one
/// answer can carry (a page of items, an echo), and only the caller can fix that by asking for
/// less; a 5xx would also count against the API's 5XX alarm and page the operator for a caller's
/// choice. 413 is what HTTP clients already read as "too large", as for <see cref="ErrorKind.PayloadTooLarge"/>.
/// </para>
/// </remarks>
internal static class ResponseLimit
{
    /// <summary>
    /// 6 MB, Lambda's documented quota for a synchronous response, counted on the bytes posted:
    /// the bare answer, or the whole proxy answer with the body escaped inside it. (Lambda's own
    /// check, by its error message, allows 100 bytes more; this stays on the documented side.)
    /// </summary>
    public const int MaxBytes = 6 * 1024 * 1024;

    /// <summary>The answer to give instead of one of <paramref name="bytes"/> bytes, over <see cref="MaxBytes"/>.</summary>
    /// <param name="bytes">How large the refused answer was.</param>
    /// <param name="dynamoDbRequestId">The request id of the DynamoDB call behind it, kept for the log.</param>
    public static Outcome TooLarge(long bytes, string? dynamoDbRequestId = null) =>
        Refusal($"The answer is {bytes} bytes, over Lambda's limit of {MaxBytes} bytes for a synchronous response", dynamoDbRequestId);

    /// <summary>The error to report when Lambda itself refused an answer of <paramref name="bytes"/> bytes as too large.</summary>
    public static Outcome RefusedByLambda(long bytes) =>
        Refusal($"The answer is {bytes} bytes, more than Lambda accepted for a synchronous response", dynamoDbRequestId: null);

    private static Outcome Refusal(string what, string? dynamoDbRequestId) => Outcome.Failure(ErrorKind.ResponseTooLarge,
        $"{what}, so it was not sent. Ask for less: for list, a smaller Limit or a ProjectionExpression naming fewer attributes; for echo, a smaller payload.",
        dynamoDbRequestId);
}
