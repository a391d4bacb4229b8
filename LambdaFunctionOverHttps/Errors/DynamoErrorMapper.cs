using System.Net.Sockets;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Errors;

/// <summary>
/// The one place where exceptions from the SDK become outcomes. DynamoDB's error code passes
/// through as the error type, with the status <see cref="ErrorCatalogue"/> gives it.
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
                return ErrorCatalogue.DynamoDbCode(code) is { } kind
                    ? Outcome.Failure(kind, CallerText.BoundedMessage(service.Message), service.RequestId, Details(service))
                    : Uncatalogued(code, (int)service.StatusCode, service);
            case not null when IsUnreachable(exception):
                return Outcome.Failure(ErrorKind.ServiceUnavailable,
                    "DynamoDB could not be reached; try again later.");
            default:
                return null;
        }
    }

    // A code newer than the SDK (and so than the catalogue). Every host must report the same error
    // type, and the managed runtime can only report a class it has, so the code goes into the
    // message of a kind of our own: DynamoDB's 5xx is DynamoDB failing, its 4xx a refusal.
    private static Outcome Uncatalogued(string code, int dynamoDbStatus, AmazonServiceException service) =>
        Outcome.Failure(dynamoDbStatus >= 500 ? ErrorKind.ServiceUnavailable : ErrorKind.DynamoDbError,
            $"DynamoDB answered {code} (HTTP {dynamoDbStatus}): {CallerText.BoundedMessage(service.Message)}", service.RequestId);

    // What DynamoDB sends beside the error and boto3 hands on in the error response: the item a
    // failed condition found, when ReturnValuesOnConditionCheckFailure asked for it.
    private static Action<Utf8JsonWriter>? Details(AmazonServiceException exception)
    {
        if (exception is not ConditionalCheckFailedException { Item: { Count: > 0 } item })
        {
            return null;
        }

        return writer =>
        {
            writer.WritePropertyName("Item");
            DynamoDbJsonWriter.WriteAttributeMap(writer, item);
        };
    }

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
