using LambdaFunctionOverHttps;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Logging;

namespace DynamoDbManager.Local.Startup;

/// <summary>
/// The function, which can only be constructed once the environment it reads (the DynamoDB
/// endpoint) is known. The HTTP front listens before that, so a taken port fails the start at once;
/// a request that arrives in between waits for the function rather than being refused.
/// </summary>
internal sealed class PendingFunction
{
    private readonly TaskCompletionSource<Function> _function = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private volatile CorsPolicy _cors = CorsPolicy.NoOrigin;

    private volatile FunctionSettings? _settings;

    /// <summary>
    /// The function's CORS policy, for the answers the front gives itself: read from the same
    /// <c>ALLOWED_ORIGINS</c> by the same code. Until the function exists, no origin is allowed.
    /// </summary>
    public CorsPolicy Cors => _cors;

    /// <summary>Every invocation's metrics per operation, added up in-process; printed when the stack stops.</summary>
    public MetricsSummary Summary { get; } = new();

    /// <summary>The function's settings, once it is constructed: the tables and routes it serves.</summary>
    public FunctionSettings? Settings => _settings;

    /// <summary>The REST routes the function serves (none until it exists), for the OpenAPI document the front serves.</summary>
    public RestResources Resources => Settings?.Resources ?? RestResources.None;

    /// <summary>Constructs the function from the environment as it is now, as Lambda does once per process.</summary>
    /// <exception cref="StartupFailure">The environment configures no working function (an invalid ALLOWED_TABLES, say).</exception>
    public void Construct()
    {
        try
        {
            var settings = FunctionSettings.FromEnvironment();
            var function = new Function(settings, Summary);
            _cors = settings.Origins;
            _settings = settings;
            _function.TrySetResult(function);
        }
        catch (ConfigurationException exception)
        {
            throw new StartupFailure($"The function cannot start: {exception.Message}", exception);
        }
    }

    /// <summary>Start-up failed: requests still waiting get the front's 502 instead of waiting forever.</summary>
    public void Abandon() => _function.TrySetException(new InvalidOperationException("The local stack did not finish starting."));

    /// <summary>The managed handler, once there is a function.</summary>
    public async Task<Stream> InvokeAsync(Stream input)
    {
        var function = await _function.Task.ConfigureAwait(false);
        return await function.FunctionHandler(input).ConfigureAwait(false);
    }
}
