using System.Diagnostics;
using System.Text.Json;
using System.Text.Unicode;
using Amazon.Runtime;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.DynamoDb;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Logging;
using LambdaFunctionOverHttps.Operations;

namespace LambdaFunctionOverHttps.Invocation;

/// <summary>
/// The core's one entry: event bytes in, an answer out. It knows no host; every host (managed
/// handler, Runtime API loop, CLI, local HTTP front) only moves bytes in and out of it.
/// </summary>
internal sealed class Invoker
{
    /// <summary>Lambda's limit for a synchronous invocation's event.</summary>
    public const int MaxEventBytes = 6 * 1024 * 1024;

    // DynamoDB nests documents at most 32 levels; 64 leaves room for the envelope around an item
    // while stopping pathological nesting before it costs stack or memory.
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    private readonly FunctionSettings _settings;
    private readonly DynamoDbAccess _dynamoDb;
    private readonly FunctionLog _log;

    public Invoker(FunctionSettings settings, DynamoDbAccess dynamoDb, FunctionLog log)
    {
        _settings = settings;
        _dynamoDb = dynamoDb;
        _log = log;
    }

    /// <summary>Wires the process's single DynamoDB client from the settings.</summary>
    public static Invoker Create(FunctionSettings settings, FunctionLog log, AWSCredentials? credentials = null, HttpClientFactory? transport = null) =>
        new(settings, new DynamoDbAccess(DynamoDbClientFactory.Create(settings.DynamoDbEndpoint, credentials, transport)), log);

    /// <param name="eventBytes">The Lambda event, as the runtime delivered it.</param>
    /// <param name="requestId">Lambda's request id for the log, when the host knows it.</param>
    /// <param name="deadline">Cancelled when the invocation must stop; DynamoDB calls honour it.</param>
    public async Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> eventBytes, string? requestId, CancellationToken deadline)
    {
        var started = Stopwatch.GetTimestamp();
        var call = new CallRecord();
        Outcome outcome;
        try
        {
            outcome = await HandleAsync(eventBytes, call, deadline).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The one catch of the core: a DynamoDB failure becomes its mapped outcome; anything
            // else is a bug, answered without detail and logged with it.
            call.Detail = exception;
            outcome = DynamoErrorMapper.ToOutcome(exception, deadline)
                ?? Outcome.Failure(ErrorKind.InternalError, "The function failed unexpectedly; its log has the detail.");
        }

        _log.Write(new InvocationRecord(requestId, call.Operation, call.Table, outcome, Stopwatch.GetElapsedTime(started),
            outcome.StatusCode >= 500 ? call.Detail : null));
        return call.IsProxy
            ? new InvocationResult(ProxyEvent.Response(outcome), outcome, IsFunctionError: false)
            : new InvocationResult(outcome.Body, outcome, IsFunctionError: outcome.IsError);
    }

    private async Task<Outcome> HandleAsync(ReadOnlyMemory<byte> eventBytes, CallRecord call, CancellationToken deadline)
    {
        if (eventBytes.Length > MaxEventBytes)
        {
            return TooLarge(eventBytes.Length);
        }

        var (eventDocument, eventError) = Parse(eventBytes, "event");
        if (eventError is not null)
        {
            return eventError;
        }

        using (eventDocument)
        {
            var root = eventDocument!.RootElement;
            if (!ProxyEvent.Matches(root))
            {
                return await DispatchAsync(root, call, deadline).ConfigureAwait(false);
            }

            call.IsProxy = true;
            var (body, bodyError) = ProxyEvent.ReadBody(root);
            if (bodyError is not null)
            {
                return bodyError;
            }

            if (body!.Length > MaxEventBytes)
            {
                return TooLarge(body.Length);
            }

            var (bodyDocument, parseError) = Parse(body, "request body");
            if (parseError is not null)
            {
                return parseError;
            }

            using (bodyDocument)
            {
                return await DispatchAsync(bodyDocument!.RootElement, call, deadline).ConfigureAwait(false);
            }
        }
    }

    private async Task<Outcome> DispatchAsync(JsonElement root, CallRecord call, CancellationToken deadline)
    {
        var (envelope, problem) = Envelope.Read(root);
        if (envelope is null)
        {
            return Outcome.Failure(ErrorKind.InvalidRequest, problem!);
        }

        call.Operation = envelope.Operation;
        if (!KnownOperations.ByName.TryGetValue(envelope.Operation, out var operation))
        {
            // The original's wording, so callers that matched on it keep working.
            return Outcome.Failure(ErrorKind.UnknownOperation,
                $"Unrecognized operation {Quote(envelope.Operation)}; expected one of: {string.Join(", ", KnownOperations.ByName.Keys)}.");
        }

        var table = "";
        if (operation.UsesTable)
        {
            if ((envelope.TableName ?? _settings.DefaultTableName) is not { } named)
            {
                return Outcome.Failure(ErrorKind.InvalidRequest,
                    $"Missing required field \"tableName\": operation \"{envelope.Operation}\" works on a table, and no TABLE_NAME default is configured.");
            }

            call.Table = table = named;
            if (!TablePolicy.IsValidName(table))
            {
                return Outcome.Failure(ErrorKind.InvalidRequest,
                    $"Invalid tableName {Quote(table)}: DynamoDB table names are 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'.");
            }

            if (!_settings.Tables.Allows(table))
            {
                return Outcome.Failure(ErrorKind.TableNotAllowed, $"Table {Quote(table)} is not one this function may use (ALLOWED_TABLES).");
            }
        }

        return await operation.RunAsync(new OperationCall(table, envelope.Payload, _dynamoDb), deadline).ConfigureAwait(false);
    }

    private static (JsonDocument? Document, Outcome? Error) Parse(ReadOnlyMemory<byte> json, string what)
    {
        // JsonDocument checks UTF-8 inside strings only when they are read, which would surface as
        // a crash deep in an operation; checking the whole text first keeps it a 400 here.
        if (!Utf8.IsValid(json.Span))
        {
            return (null, Outcome.Failure(ErrorKind.InvalidRequest, $"The {what} is not valid JSON: it is not valid UTF-8 text."));
        }

        try
        {
            return (JsonDocument.Parse(json, ParseOptions), null);
        }
        catch (JsonException exception)
        {
            // JsonException's message names the line and byte of the fault and nothing internal.
            return (null, Outcome.Failure(ErrorKind.InvalidRequest, $"The {what} is not valid JSON: {exception.Message}"));
        }
    }

    private static Outcome TooLarge(int length) => Outcome.Failure(ErrorKind.PayloadTooLarge,
        $"The request is {length} bytes; the limit is {MaxEventBytes} bytes (Lambda's synchronous payload limit).");

    // Echoes caller input in messages, bounded so a megabyte of garbage is not sent back whole.
    private static string Quote(string value) => value.Length <= 100 ? $"\"{value}\"" : $"\"{value[..100]}…\"";

    /// <summary>What the log line needs, filled in as the invocation gets that far.</summary>
    private sealed class CallRecord
    {
        public bool IsProxy { get; set; }

        public string? Operation { get; set; }

        public string? Table { get; set; }

        public Exception? Detail { get; set; }
    }
}
