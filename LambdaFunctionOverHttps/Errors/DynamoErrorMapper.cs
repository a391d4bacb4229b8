using System.Net.Sockets;
using Amazon.Runtime;

namespace LambdaFunctionOverHttps.Errors;

/// <summary>
/// The one place where exceptions from the SDK become outcomes. DynamoDB's error code passes
/// through as the error type, with a status that fits it.
/// </summary>
internal static class DynamoErrorMapper
{
    /// <summary>
    /// Maps a failure of a DynamoDB call. Returns null for anything that is not a DynamoDB answer,
    /// an unreachable DynamoDB, or the deadline: that is a bug, for the host's last-resort handler.
    /// </summary>
    public static Outcome? ToOutcome(Exception exception, CancellationToken deadline)
    {
        switch (exception)
        {
            case OperationCanceledException when deadline.IsCancellationRequested:
                return Outcome.Failure(ErrorKind.Timeout,
                    "DynamoDB did not answer before the function's deadline; the operation may or may not have been applied.");
            case AmazonServiceException { ErrorCode: { Length: > 0 } code } service when service.StatusCode != 0:
                return Outcome.Failure(new ErrorKind(code, StatusFor(code, (int)service.StatusCode)),
                    CallerText.BoundedMessage(service.Message), service.RequestId);
            case not null when IsUnreachable(exception):
                return Outcome.Failure(ErrorKind.ServiceUnavailable,
                    "DynamoDB could not be reached; try again later.");
            default:
                return null;
        }
    }

    private static int StatusFor(string code, int dynamoDbStatus) => code switch
    {
        "ConditionalCheckFailedException" or "TransactionConflictException" or "ResourceInUseException" => 409,
        "ResourceNotFoundException" => 404,
        "ProvisionedThroughputExceededException" or "ThrottlingException" or "RequestLimitExceeded" => 429,
        "AccessDeniedException" or "UnrecognizedClientException" or "InvalidSignatureException"
            or "MissingAuthenticationTokenException" or "ExpiredTokenException" => 403,
        _ when dynamoDbStatus is >= 400 and < 500 => 400,
        // DynamoDB's own 5xx, after the client's retries: the service is what failed.
        _ => 503,
    };

    // Connection refused, reset, DNS failure, or the per-attempt timeout (HttpClient reports it as
    // a cancellation with a TimeoutException inside), whether or not the SDK wrapped it.
    private static bool IsUnreachable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException or SocketException or IOException or TimeoutException
                || (current is OperationCanceledException && current.InnerException is TimeoutException))
            {
                return true;
            }
        }

        return false;
    }
}
