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

    /// <summary>Called once per process by the Lambda runtime; the DynamoDB client lives as long.</summary>
    public Function()
        : this(Invoker.Create(FunctionSettings.FromEnvironment(), new FunctionLog(Console.Out)))
    {
    }

    internal Function(Invoker invoker) => _invoker = invoker;

    /// <summary>Handles one event: a bare envelope, or an API Gateway / Function URL proxy event.</summary>
    /// <returns>The answer, rewound to its start.</returns>
    /// <exception cref="FunctionError">
    /// A bare envelope's error, raised so Lambda reports a function error whose <c>errorType</c> is the
    /// error's type (the managed runtime takes it from the exception's class name).
    /// </exception>
    public async Task<Stream> FunctionHandler(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var eventBytes = await EventReader.ReadAsync(input, Invoker.MaxEventBytes).ConfigureAwait(false);
        var result = await _invoker.InvokeAsync(eventBytes, requestId: null, CancellationToken.None).ConfigureAwait(false);
        if (result.IsFunctionError)
        {
            throw FunctionError.For(result.Outcome);
        }

        return new MemoryStream(result.Payload, writable: false);
    }
}
