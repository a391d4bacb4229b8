using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.DynamoDb;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Invocation;
using LambdaFunctionOverHttps.Logging;

namespace LambdaFunctionOverHttps.Hosts.CustomRuntime;

/// <summary>
/// The custom runtime (<c>provided.al2023</c>): initialise once, then ask the Runtime API for the
/// next event, hand it to the core, and post the answer, until the process is stopped.
/// </summary>
internal static class RuntimeLoop
{
    private const string TraceVariable = "_X_AMZN_TRACE_ID";

    /// <param name="runtimeApi">The value of <c>AWS_LAMBDA_RUNTIME_API</c>.</param>
    /// <param name="initialise">Builds the core; a failure here is an init error.</param>
    /// <param name="log">The process's log.</param>
    /// <param name="stop">Stops the loop; Lambda itself just freezes or ends the process.</param>
    /// <returns>The process exit code: 0 when stopped, 1 when initialisation or the Runtime API failed.</returns>
    public static async Task<int> RunAsync(string runtimeApi, Func<Invoker> initialise, FunctionLog log, TimeProvider clock, CancellationToken stop)
    {
        using var runtime = new RuntimeApiClient(runtimeApi);
        return await RunAsync(runtime, initialise, log, clock, stop).ConfigureAwait(false);
    }

    /// <summary>The test seam: the same loop, with the Runtime API reached through <paramref name="runtimeApiHandler"/>.</summary>
    internal static async Task<int> RunAsync(string runtimeApi, HttpMessageHandler runtimeApiHandler, Func<Invoker> initialise, FunctionLog log, TimeProvider clock, CancellationToken stop)
    {
        using var runtime = new RuntimeApiClient(runtimeApi, runtimeApiHandler);
        return await RunAsync(runtime, initialise, log, clock, stop).ConfigureAwait(false);
    }

    private static async Task<int> RunAsync(RuntimeApiClient runtime, Func<Invoker> initialise, FunctionLog log, TimeProvider clock, CancellationToken stop)
    {
        Invoker invoker;
        try
        {
            invoker = initialise();
        }
        catch (Exception exception)
        {
            var errorType = exception is ConfigurationException ? "InvalidConfiguration" : "InitError";
            log.Message("ERROR", null, $"Initialisation failed: {exception.Message}", exception);
            if (await runtime.PostInitErrorAsync(errorType, exception.Message, stop).ConfigureAwait(false) is { } refused)
            {
                log.Message("ERROR", null, $"The Runtime API refused the init error ({refused.StatusCode} {refused.Reason}).");
            }

            return 1;
        }

        try
        {
            var invocation = await runtime.NextAsync(stop).ConfigureAwait(false);

            // Loaded now rather than during init, where it would hold glibc's loader lock while the
            // start-up threads wait for it: here it overlaps the first event's parsing and the SDK's
            // pipeline set-up, and the first request to be signed finds it ready (or nearly).
            CryptoWarmUp.Start();
            while (true)
            {
                await HandleAsync(runtime, invoker, invocation, log, clock, stop).ConfigureAwait(false);
                invocation = await runtime.NextAsync(stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (HttpRequestException exception)
        {
            // Without the Runtime API there is nothing left to serve; Lambda starts a new process.
            log.Message("ERROR", null, $"The Runtime API failed: {exception.Message}", exception);
            return 1;
        }
    }

    private static async Task HandleAsync(RuntimeApiClient runtime, Invoker invoker, RuntimeInvocation invocation, FunctionLog log, TimeProvider clock, CancellationToken stop)
    {
        Environment.SetEnvironmentVariable(TraceVariable, invocation.TraceId);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var timeLeft = invocation.Deadline is { } end ? InvocationDeadline.Usable(end - clock.GetUtcNow()) : (TimeSpan?)null;
        if (timeLeft is { } usable)
        {
            deadline.CancelAfter(usable);
        }

        var result = await invoker.InvokeAsync(invocation.Event, invocation.RequestId, deadline.Token, timeLeft).ConfigureAwait(false);
        var refused = result.IsFunctionError
            ? await runtime.PostErrorAsync(invocation.RequestId, result.Outcome.Error!.Type, result.Outcome.ErrorMessage ?? "", stop).ConfigureAwait(false)
            : await runtime.PostResponseAsync(invocation.RequestId, result.Payload, stop).ConfigureAwait(false);
        if (refused is not null)
        {
            await AfterRefusalAsync(runtime, invocation.RequestId, result.IsFunctionError ? "error" : "response", refused, log, stop).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The Runtime API refused this invocation's answer: that ends the invocation, not the
    /// process, which must go on to serve the next event. The caller gets an error if Lambda still
    /// takes one; the log says what was refused either way.
    /// </summary>
    private static async Task AfterRefusalAsync(RuntimeApiClient runtime, string requestId, string what, RuntimeApiRefusal refused, FunctionLog log, CancellationToken stop)
    {
        log.Message("ERROR", requestId,
            $"The Runtime API refused the invocation's {what} of {refused.PostedBytes} bytes ({refused.StatusCode} {refused.Reason}); the next event will be served.");

        // The core keeps answers under Lambda's documented limit, so a 413 means Lambda's limit
        // is smaller than that; anything else is Lambda refusing this invocation, not the answer.
        var (errorType, message) = refused.StatusCode == 413
            ? (ErrorKind.ResponseTooLarge.Type, ResponseLimit.RefusedByLambda(refused.PostedBytes).ErrorMessage!)
            : (ErrorKind.InternalError.Type, "The Runtime API refused the function's answer; the function's log has the detail.");
        if (await runtime.PostErrorAsync(requestId, errorType, message, stop).ConfigureAwait(false) is { } again)
        {
            log.Message("ERROR", requestId, $"The Runtime API refused the {errorType} error posted instead ({again.StatusCode} {again.Reason}).");
        }
    }
}
