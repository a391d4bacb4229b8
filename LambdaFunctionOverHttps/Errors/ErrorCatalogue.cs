using System.Collections.Frozen;
using Amazon.DynamoDBv2.Model;

namespace LambdaFunctionOverHttps.Errors;

/// <summary>
/// Every error type the function answers with, and its HTTP status: the kinds of our own are
/// <see cref="ErrorKind"/>'s static fields (one line each); DynamoDB's error codes, which pass
/// through as they are, are here. docs/contract.md's error table is checked against both.
/// </summary>
/// <remarks>
/// DynamoDB's codes come from the SDK, which models one exception type per code
/// (<c>Amazon.DynamoDBv2.Model.*Exception</c>): each appears below by that type, so a type the SDK
/// drops stops the build, and a test walks the SDK's types so that one it adds fails until it is
/// here. The managed runtime reports an exception's class name as its <c>errorType</c>, so for
/// these codes it throws the SDK's own exception (<see cref="NewSdkException"/>). Then come the codes
/// DynamoDB answers that the SDK models under another name or not at all (its developer guide's
/// error list and the AWS API reference's common errors); the managed runtime has a class of its
/// own for each of those.
/// </remarks>
internal static class ErrorCatalogue
{
    /// <summary>DynamoDB's error codes, by code.</summary>
    public static FrozenDictionary<string, Entry> DynamoDbCodes => Table.Codes;

    /// <summary>The kind DynamoDB's <paramref name="code"/> is answered as, or null for a code this catalogue lacks.</summary>
    public static ErrorKind? DynamoDbCode(string code) => Table.Codes.TryGetValue(code, out var known) ? known.Kind : null;

    /// <summary>
    /// DynamoDB's <c>ValidationException</c>, which the function also answers itself when it can tell
    /// that DynamoDB would refuse a request, so a caller sees the same error whichever side refuses.
    /// </summary>
    public static ErrorKind ValidationException => Table.Codes["ValidationException"].Kind;

    /// <summary>The SDK's exception for <paramref name="errorType"/> if the SDK models it under that exact name, else null.</summary>
    public static Exception? NewSdkException(string errorType, string message) =>
        Table.Codes.TryGetValue(errorType, out var known) ? known.NewSdkException?.Invoke(message) : null;

    // A class of its own so that the table is built on the first DynamoDB error, not on every cold start.
    private static class Table
    {
        // Statuses: 409 the item or resource is not in the state the request needs; 404 it does not
        // exist; 429 throttled (after the client's retries); 403 the function's credentials or role;
        // 503 DynamoDB failed; 400 DynamoDB refused the request itself.
        public static readonly FrozenDictionary<string, Entry> Codes = new Entry[]
        {
            Sdk(nameof(BackupInUseException), 409, static message => new BackupInUseException(message)),
            Sdk(nameof(BackupNotFoundException), 404, static message => new BackupNotFoundException(message)),
            Sdk(nameof(ConditionalCheckFailedException), 409, static message => new ConditionalCheckFailedException(message)),
            Sdk(nameof(ContinuousBackupsUnavailableException), 400, static message => new ContinuousBackupsUnavailableException(message)),
            Sdk(nameof(DuplicateItemException), 409, static message => new DuplicateItemException(message)),
            Sdk(nameof(ExportConflictException), 409, static message => new ExportConflictException(message)),
            Sdk(nameof(ExportNotFoundException), 404, static message => new ExportNotFoundException(message)),
            Sdk(nameof(GlobalTableAlreadyExistsException), 409, static message => new GlobalTableAlreadyExistsException(message)),
            Sdk(nameof(GlobalTableNotFoundException), 404, static message => new GlobalTableNotFoundException(message)),
            Sdk(nameof(IdempotentParameterMismatchException), 400, static message => new IdempotentParameterMismatchException(message)),
            Sdk(nameof(ImportConflictException), 409, static message => new ImportConflictException(message)),
            Sdk(nameof(ImportNotFoundException), 404, static message => new ImportNotFoundException(message)),
            Sdk(nameof(IndexNotFoundException), 404, static message => new IndexNotFoundException(message)),
            Sdk(nameof(InvalidEndpointException), 503, static message => new InvalidEndpointException(message)),
            Sdk(nameof(InvalidExportTimeException), 400, static message => new InvalidExportTimeException(message)),
            Sdk(nameof(InvalidRestoreTimeException), 400, static message => new InvalidRestoreTimeException(message)),
            Sdk(nameof(ItemCollectionSizeLimitExceededException), 400, static message => new ItemCollectionSizeLimitExceededException(message)),
            Sdk(nameof(LimitExceededException), 429, static message => new LimitExceededException(message)),
            Sdk(nameof(PointInTimeRecoveryUnavailableException), 400, static message => new PointInTimeRecoveryUnavailableException(message)),
            Sdk(nameof(PolicyNotFoundException), 404, static message => new PolicyNotFoundException(message)),
            Sdk(nameof(ProvisionedThroughputExceededException), 429, static message => new ProvisionedThroughputExceededException(message)),
            Sdk(nameof(ReplicaAlreadyExistsException), 409, static message => new ReplicaAlreadyExistsException(message)),
            Sdk(nameof(ReplicaNotFoundException), 404, static message => new ReplicaNotFoundException(message)),
            Sdk(nameof(ReplicatedWriteConflictException), 409, static message => new ReplicatedWriteConflictException(message)),
            Sdk(nameof(ResourceInUseException), 409, static message => new ResourceInUseException(message)),
            Sdk(nameof(ResourceNotFoundException), 404, static message => new ResourceNotFoundException(message)),
            Sdk(nameof(TableAlreadyExistsException), 409, static message => new TableAlreadyExistsException(message)),
            Sdk(nameof(TableInUseException), 409, static message => new TableInUseException(message)),
            Sdk(nameof(TableNotFoundException), 404, static message => new TableNotFoundException(message)),
            Sdk(nameof(ThrottlingException), 429, static message => new ThrottlingException(message)),
            Sdk(nameof(TransactionCanceledException), 409, static message => new TransactionCanceledException(message)),
            Sdk(nameof(TransactionConflictException), 409, static message => new TransactionConflictException(message)),
            Sdk(nameof(TransactionInProgressException), 409, static message => new TransactionInProgressException(message)),

            // Modelled by the SDK as InternalServerErrorException and RequestLimitExceededException:
            // the code on the wire lacks the "Exception".
            Other("InternalServerError", 503),
            Other("RequestLimitExceeded", 429),

            // Answered by DynamoDB, not modelled by the SDK (DynamoDB's developer guide).
            Other("AccessDeniedException", 403),
            Other("ExpiredTokenException", 403),
            Other("IncompleteSignatureException", 403),
            Other("InvalidSignatureException", 403),
            Other("MissingAuthenticationTokenException", 403),
            Other("UnrecognizedClientException", 403),
            Other("SerializationException", 400),
            Other("UnknownOperationException", 400),
            Other("ValidationException", 400),

            // The errors every AWS API may answer (DynamoDB API reference, "Common Errors").
            Other("IncompleteSignature", 403),
            Other("InternalFailure", 503),
            Other("InvalidAction", 400),
            Other("InvalidClientTokenId", 403),
            Other("NotAuthorized", 403),
            Other("OptInRequired", 403),
            Other("RequestExpired", 403),
            new(ErrorKind.ServiceUnavailable, null),
            Other("ValidationError", 400),
        }.ToFrozenDictionary(entry => entry.Kind.Type, StringComparer.Ordinal);

        private static Entry Sdk(string code, int status, Func<string, Exception> newException) => new(new ErrorKind(code, status), newException);

        private static Entry Other(string code, int status) => new(new ErrorKind(code, status), null);
    }

    /// <summary>One of DynamoDB's error codes: the kind it is answered as, and the SDK's exception for it if the SDK models it by that name.</summary>
    public sealed record Entry(ErrorKind Kind, Func<string, Exception>? NewSdkException);
}
