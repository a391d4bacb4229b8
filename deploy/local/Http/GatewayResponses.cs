using System.Text.Json;
using LambdaFunctionOverHttps.Configuration;
using Microsoft.AspNetCore.Http;

namespace DynamoDbManager.Local.Http;

/// <summary>
/// The answers API Gateway gives itself, without calling the function: the same status, body and
/// <c>x-amzn-errortype</c> a client sees from AWS, so client code written locally keeps working there.
/// </summary>
internal static class GatewayResponses
{
    private const string ErrorTypeHeader = "x-amzn-errortype";

    /// <summary>A missing or wrong API key.</summary>
    public static Task ForbiddenAsync(HttpResponse response) =>
        WriteAsync(response, StatusCodes.Status403Forbidden, "Forbidden", "ForbiddenException");

    /// <summary>
    /// A path with no route. AWS answers REST APIs' unknown paths with this body, but with status 403,
    /// because it cannot tell a missing route from a request missing its IAM signature. Locally
    /// nothing is signed, so the stack says 404, which is what a mistyped URL really is.
    /// </summary>
    public static Task MissingAuthenticationTokenAsync(HttpResponse response) =>
        WriteAsync(response, StatusCodes.Status404NotFound, "Missing Authentication Token", "MissingAuthenticationTokenException");

    /// <summary>The route exists, but not for this method (AWS would again say 403 Missing Authentication Token).</summary>
    public static Task MethodNotAllowedAsync(HttpResponse response)
    {
        response.Headers.Allow = CorsPolicy.AllowedMethods;
        return WriteAsync(response, StatusCodes.Status405MethodNotAllowed, "Method Not Allowed", errorType: null);
    }

    /// <summary>
    /// A request whose event would be over Lambda's 6 MB payload limit. AWS answers an API Gateway
    /// proxy call that Lambda refuses for size with exactly this status, body and error type.
    /// </summary>
    public static Task RequestTooLongAsync(HttpResponse response) =>
        WriteAsync(response, StatusCodes.Status413PayloadTooLarge, "Request Too Long", "BadRequestException");

    /// <summary>
    /// A body over API Gateway's 10 MB: the answer is sent and the connection closed, rather than
    /// reading on through whatever the client still sends.
    /// </summary>
    public static Task RequestTooLongClosingAsync(HttpResponse response)
    {
        response.Headers.Connection = "close";
        return RequestTooLongAsync(response);
    }

    /// <summary>
    /// The body arrived slower than Kestrel's minimum data rate (240 bytes/s after 5 s). API Gateway
    /// has its own timeouts; this is the stack's, answered like its other refusals.
    /// </summary>
    public static Task RequestTimeoutAsync(HttpResponse response) =>
        WriteAsync(response, StatusCodes.Status408RequestTimeout, "Request Timeout", errorType: null);

    /// <summary>
    /// A Host header that does not name this machine (DNS rebinding, see <see cref="LoopbackHost"/>).
    /// 421 rather than 403: the request is not forbidden to someone, it was meant for another server,
    /// and the distinct status keeps it apart from the API key's 403 when a developer reads the answer.
    /// </summary>
    public static Task MisdirectedRequestAsync(HttpResponse response) =>
        WriteAsync(response, StatusCodes.Status421MisdirectedRequest,
            "Misdirected Request: the local stack answers only requests for 127.0.0.1, localhost or [::1].", errorType: null);

    /// <summary>The function failed or answered something that is not a proxy response.</summary>
    public static Task InternalServerErrorAsync(HttpResponse response) =>
        WriteAsync(response, StatusCodes.Status502BadGateway, "Internal server error", "InternalServerErrorException");

    private static async Task WriteAsync(HttpResponse response, int statusCode, string message, string? errorType)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        if (errorType is not null)
        {
            response.Headers[ErrorTypeHeader] = errorType;
        }

        var body = Message(message);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body).ConfigureAwait(false);
    }

    private static byte[] Message(string message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("message", message);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
