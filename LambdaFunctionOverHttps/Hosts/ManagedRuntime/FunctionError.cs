using LambdaFunctionOverHttps.Errors;

#pragma warning disable CA1710, CA1711 // The class names are the wire's errorType values.

namespace LambdaFunctionOverHttps.Hosts.ManagedRuntime;

/// <summary>
/// A bare envelope's error in the managed runtime. That runtime reports a thrown exception as
/// <c>{"errorType": &lt;class name&gt;, "errorMessage": &lt;message&gt;}</c>, so each error type the
/// function answers with has a class of that exact name below.
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

    internal static FunctionError For(Outcome outcome)
    {
        var message = outcome.ErrorMessage ?? "";
        return outcome.Error?.Type switch
        {
            "InvalidRequest" => new InvalidRequest(message),
            "UnknownOperation" => new UnknownOperation(message),
            "TableNotAllowed" => new TableNotAllowed(message),
            "PayloadTooLarge" => new PayloadTooLarge(message),
            "ResponseTooLarge" => new ResponseTooLarge(message),
            "ServiceUnavailable" => new ServiceUnavailable(message),
            "Timeout" => new Timeout(message),
            "InternalError" => new InternalError(message),
            "ConditionalCheckFailedException" => new ConditionalCheckFailedException(message),
            "ResourceNotFoundException" => new ResourceNotFoundException(message),
            "ValidationException" => new ValidationException(message),
            "ProvisionedThroughputExceededException" => new ProvisionedThroughputExceededException(message),
            "ThrottlingException" => new ThrottlingException(message),
            "AccessDeniedException" => new AccessDeniedException(message),
            "TransactionConflictException" => new TransactionConflictException(message),
            // A DynamoDB code without a class here keeps its name in the message.
            { } other => new FunctionError($"{other}: {message}"),
            null => new FunctionError(message),
        };
    }
}

public sealed class InvalidRequest(string message) : FunctionError(message);

public sealed class UnknownOperation(string message) : FunctionError(message);

public sealed class TableNotAllowed(string message) : FunctionError(message);

public sealed class PayloadTooLarge(string message) : FunctionError(message);

public sealed class ResponseTooLarge(string message) : FunctionError(message);

public sealed class ServiceUnavailable(string message) : FunctionError(message);

public sealed class Timeout(string message) : FunctionError(message);

public sealed class InternalError(string message) : FunctionError(message);

public sealed class ConditionalCheckFailedException(string message) : FunctionError(message);

public sealed class ResourceNotFoundException(string message) : FunctionError(message);

public sealed class ValidationException(string message) : FunctionError(message);

public sealed class ProvisionedThroughputExceededException(string message) : FunctionError(message);

public sealed class ThrottlingException(string message) : FunctionError(message);

public sealed class AccessDeniedException(string message) : FunctionError(message);

public sealed class TransactionConflictException(string message) : FunctionError(message);
