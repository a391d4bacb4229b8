using System.Diagnostics;
using Amazon.Runtime;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.DynamoDb;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Logging;
using LambdaFunctionOverHttps.Operations;
using LambdaFunctionOverHttps.Rest;

namespace LambdaFunctionOverHttps.Invocation;

/// <summary>
/// The core's one entry: event bytes in, an answer out. It knows no host; every host (managed
/// handler, Runtime API loop, CLI, local HTTP front) only moves bytes in and out of it.
/// </summary>
internal sealed class Invoker
{
    /// <summary>Lambda's limit for a synchronous invocation's event.</summary>
    public const int MaxEventBytes = 6 * 1024 * 1024;

    private readonly FunctionSettings _settings;
    private readonly DynamoDbAccess _dynamoDb;
    private readonly FunctionLog _log;
    private readonly MetricDirectives _metrics;
    private int _invoked;

    public Invoker(FunctionSettings settings, DynamoDbAccess dynamoDb, FunctionLog log)
    {
        _settings = settings;
        _dynamoDb = dynamoDb;
        _log = log;
        _metrics = new MetricDirectives(settings);
    }

    /// <summary>Wires the process's single DynamoDB client from the settings.</summary>
    /// <param name="clientOnFirstUse">
    /// Make the client when an operation first needs it rather than now: a missing region then fails
    /// only operations on a table, with a <see cref="ConfigurationException"/> out of <see cref="InvokeAsync"/>.
    /// </param>
    public static Invoker Create(
        FunctionSettings settings, FunctionLog log, AWSCredentials? credentials = null, HttpClientFactory? transport = null, bool clientOnFirstUse = false) =>
        new(settings, clientOnFirstUse
            ? new DynamoDbAccess(() => DynamoDbClientFactory.Create(settings.DynamoDbEndpoint, credentials, transport))
            : new DynamoDbAccess(DynamoDbClientFactory.Create(settings.DynamoDbEndpoint, credentials, transport)), log);

    /// <param name="eventBytes">The Lambda event, as the runtime delivered it.</param>
    /// <param name="requestId">Lambda's request id for the log, when the host knows it.</param>
    /// <param name="deadline">Cancelled when the invocation must stop; DynamoDB calls honour it.</param>
    /// <param name="timeLeft">How long until <paramref name="deadline"/> is cancelled, when the host knows: batches stop starting calls a little earlier.</param>
    /// <exception cref="ConfigurationException">Only from an invoker whose client is made on first use: it cannot be made.</exception>
    public async Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> eventBytes, string? requestId, CancellationToken deadline, TimeSpan? timeLeft = null)
    {
        var started = Stopwatch.GetTimestamp();
        var usage = new OperationUsage();
        var isProxy = false;
        var crossOrigin = CrossOrigin.None;
        OperationRequest? request = null;
        Outcome outcome;
        Exception? detail = null;
        try
        {
            using var incoming = IncomingEvent.Read(eventBytes, _settings.Resources);
            isProxy = incoming.IsProxy;
            // Before the body's own problems: OPTIONS has no body, and an origin that is not allowed
            // is refused whatever it sends.
            crossOrigin = incoming.Http is { } http ? CrossOrigin.For(http, _settings.Origins, incoming.Rest?.AllowedMethods) : CrossOrigin.None;
            var early = crossOrigin.Answer ?? incoming.Refusal;
            request = incoming.Rest is { } rest ? RestRouter.Resolve(rest, early, incoming.RestBody, _settings)
                : early is not null ? OperationRequest.Refused(early)
                : OperationRequest.Resolve(incoming.Envelope, _settings);
            outcome = request.Refusal ?? await request.RunAsync(_dynamoDb, usage, InvocationDeadline.StopStartingAt(started, timeLeft), deadline).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not ConfigurationException)
        {
            // The one catch of the core: a DynamoDB failure becomes its mapped outcome; anything
            // else is a bug, answered without detail and logged with it.
            detail = exception;
            outcome = DynamoErrorMapper.ToOutcome(exception, deadline)
                ?? Outcome.Failure(ErrorKind.InternalError, "The function failed unexpectedly; its log has the detail.");
        }

        outcome = request?.Explain(outcome) ?? outcome;
        var result = Answer(outcome, isProxy, crossOrigin);
        if (result.Payload.Length > ResponseLimit.MaxBytes)
        {
            outcome = ResponseLimit.TooLarge(result.Payload.Length, outcome.DynamoDbRequestId);
            result = Answer(outcome, isProxy, crossOrigin);
        }

        // A process makes one invoker, so its first invocation is the process's: the cold start.
        var metrics = _metrics.For(request?.OperationName, request?.TableName, Interlocked.Exchange(ref _invoked, 1) == 0);
        _log.Write(new InvocationRecord(requestId, request?.OperationName, request?.TableName, outcome, Stopwatch.GetElapsedTime(started),
            outcome.StatusCode >= 500 ? detail : null, usage, metrics));
        return result;
    }

    private static InvocationResult Answer(Outcome outcome, bool isProxy, CrossOrigin crossOrigin) => isProxy
        ? new InvocationResult(ProxyEvent.Response(outcome, crossOrigin.Headers), outcome, IsFunctionError: false)
        : new InvocationResult(outcome.IsError ? outcome.FunctionErrorBody : outcome.Body, outcome, IsFunctionError: outcome.IsError);
}
