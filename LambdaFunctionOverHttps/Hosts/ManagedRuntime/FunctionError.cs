using LambdaFunctionOverHttps.Errors;

#pragma warning disable CA1710, CA1711 // The class names are the wire's errorType values.

namespace LambdaFunctionOverHttps.Hosts.ManagedRuntime;

/// <summary>
/// A bare envelope's error in the managed runtime. That runtime reports a thrown exception as
/// <c>{"errorType": &lt;class name&gt;, "errorMessage": &lt;message&gt;}</c>, so every error type in the
/// catalogue (<see cref="ErrorCatalogue"/>) has an exception of that exact class name: the SDK's own
/// for the DynamoDB codes it models, one of the classes below for the rest.
/// </summary>
public class FunctionError : Exception
{
    public FunctionError()
    {
    }

    public FunctionError(string message)
        : base(message)
    {
    }

    public FunctionError(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The exception the managed runtime reports as the error <paramref name="outcome"/> holds.</summary>
    internal static Exception For(Outcome outcome)
    {
        var type = outcome.Error?.Type ?? "";
        var message = outcome.ErrorMessage ?? "";
        return ErrorCatalogue.NewSdkException(type, message) ?? type switch
        {
            // The kinds of our own.
            "InvalidRequest" => new InvalidRequest(message),
            "UnknownOperation" => new UnknownOperation(message),
            "DynamoDbError" => new DynamoDbError(message),
            "TableNotAllowed" => new TableNotAllowed(message),
            "OriginNotAllowed" => new OriginNotAllowed(message),
            "RouteNotFound" => new RouteNotFound(message),
            "ItemNotFound" => new ItemNotFound(message),
            "MethodNotAllowed" => new MethodNotAllowed(message),
            "ItemAlreadyExists" => new ItemAlreadyExists(message),
            "PayloadTooLarge" => new PayloadTooLarge(message),
            "ResponseTooLarge" => new ResponseTooLarge(message),
            "InternalError" => new InternalError(message),
            "ServiceUnavailable" => new ServiceUnavailable(message),
            "Timeout" => new Timeout(message),

            // DynamoDB's codes that the SDK models under another name, or not at all.
            "InternalServerError" => new InternalServerError(message),
            "RequestLimitExceeded" => new RequestLimitExceeded(message),
            "AccessDeniedException" => new AccessDeniedException(message),
            "ExpiredTokenException" => new ExpiredTokenException(message),
            "IncompleteSignatureException" => new IncompleteSignatureException(message),
            "InvalidSignatureException" => new InvalidSignatureException(message),
            "MissingAuthenticationTokenException" => new MissingAuthenticationTokenException(message),
            "UnrecognizedClientException" => new UnrecognizedClientException(message),
            "SerializationException" => new SerializationException(message),
            "UnknownOperationException" => new UnknownOperationException(message),
            "ValidationException" => new ValidationException(message),
            "IncompleteSignature" => new IncompleteSignature(message),
            "InternalFailure" => new InternalFailure(message),
            "InvalidAction" => new InvalidAction(message),
            "InvalidClientTokenId" => new InvalidClientTokenId(message),
            "NotAuthorized" => new NotAuthorized(message),
            "OptInRequired" => new OptInRequired(message),
            "RequestExpired" => new RequestExpired(message),
            "ValidationError" => new ValidationError(message),

            // Not in the catalogue, so no host answers it (the catalogue tests see to that).
            _ => new FunctionError($"{type}: {message}"),
        };
    }
}

public sealed class InvalidRequest(string message) : FunctionError(message);

public sealed class UnknownOperation(string message) : FunctionError(message);

public sealed class DynamoDbError(string message) : FunctionError(message);

public sealed class TableNotAllowed(string message) : FunctionError(message);

public sealed class OriginNotAllowed(string message) : FunctionError(message);

public sealed class RouteNotFound(string message) : FunctionError(message);

public sealed class ItemNotFound(string message) : FunctionError(message);

public sealed class MethodNotAllowed(string message) : FunctionError(message);

public sealed class ItemAlreadyExists(string message) : FunctionError(message);

public sealed class PayloadTooLarge(string message) : FunctionError(message);

public sealed class ResponseTooLarge(string message) : FunctionError(message);

public sealed class InternalError(string message) : FunctionError(message);

public sealed class ServiceUnavailable(string message) : FunctionError(message);

public sealed class Timeout(string message) : FunctionError(message);

public sealed class InternalServerError(string message) : FunctionError(message);

public sealed class RequestLimitExceeded(string message) : FunctionError(message);

public sealed class AccessDeniedException(string message) : FunctionError(message);

public sealed class ExpiredTokenException(string message) : FunctionError(message);

public sealed class IncompleteSignatureException(string message) : FunctionError(message);

public sealed class InvalidSignatureException(string message) : FunctionError(message);

public sealed class MissingAuthenticationTokenException(string message) : FunctionError(message);

public sealed class UnrecognizedClientException(string message) : FunctionError(message);

public sealed class SerializationException(string message) : FunctionError(message);

public sealed class UnknownOperationException(string message) : FunctionError(message);

public sealed class ValidationException(string message) : FunctionError(message);

public sealed class IncompleteSignature(string message) : FunctionError(message);

public sealed class InternalFailure(string message) : FunctionError(message);

public sealed class InvalidAction(string message) : FunctionError(message);

public sealed class InvalidClientTokenId(string message) : FunctionError(message);

public sealed class NotAuthorized(string message) : FunctionError(message);

public sealed class OptInRequired(string message) : FunctionError(message);

public sealed class RequestExpired(string message) : FunctionError(message);

public sealed class ValidationError(string message) : FunctionError(message);
