using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Hosts.ManagedRuntime;
using LambdaFunctionOverHttps.Invocation;
using LambdaFunctionOverHttps.Logging;

namespace LambdaFunctionOverHttps;

/// <summary>
/// The managed <c>dotnet10</c> runtime's entry:
/// <c>LambdaFunctionOverHttps::LambdaFunctionOverHttps.Function::FunctionHandler</c>.
/// A <see cref="Stream"/> in and out needs no serializer and no Amazon.Lambda package.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "The handler string users deploy names this class.")]
public sealed class Function
{
    private readonly Invoker _invoker;
    private readonly TimeSpan? _functionTimeout;

    /// <summary>Called once per process by the Lambda runtime; the DynamoDB client lives as long.</summary>
    public Function()
        : this(FunctionSettings.FromEnvironment())
    {
    }

    /// <summary>For a host that needs the settings too (the local stack reads the CORS policy from them).</summary>
    internal Function(FunctionSettings settings)
        : this(Invoker.Create(settings, new FunctionLog(Console.Out)), settings.FunctionTimeout)
    {
    }

    /// <param name="invoker">The core.</param>
    /// <param name="functionTimeout">The function's timeout (<c>FUNCTION_TIMEOUT_SECONDS</c>); null for no deadline.</param>
    internal Function(Invoker invoker, TimeSpan? functionTimeout = null)
    {
        _invoker = invoker;
        _functionTimeout = functionTimeout;
    }

    /// <summary>Handles one event: a bare envelope, or an API Gateway / Function URL proxy event.</summary>
    /// <returns>The answer, rewound to its start.</returns>
    /// <exception cref="Exception">
    /// A bare envelope's error, raised so Lambda reports a function error whose <c>errorType</c> is the
    /// error's type (the managed runtime takes it from the exception's class name): a
    /// <see cref="FunctionError"/>, or the SDK's exception for a DynamoDB code it models.
    /// </exception>
    public async Task<Stream> FunctionHandler(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // This runtime tells the handler no deadline (that would take Amazon.Lambda.Core's context):
        // the timeout the function is deployed with, counted from now, stands in for Lambda's.
        var timeLeft = _functionTimeout is { } timeout ? InvocationDeadline.Usable(timeout) : (TimeSpan?)null;
        using var deadline = timeLeft is { } usable ? new CancellationTokenSource(usable) : null;
        var eventBytes = await EventReader.ReadAsync(input, Invoker.MaxEventBytes).ConfigureAwait(false);
        var result = await _invoker.InvokeAsync(eventBytes, requestId: null, deadline?.Token ?? CancellationToken.None, timeLeft).ConfigureAwait(false);
        if (result.IsFunctionError)
        {
            throw FunctionError.For(result.Outcome);
        }

        return new MemoryStream(result.Payload, writable: false);
    }
}
