using System.Diagnostics;
using DynamoDbManager.Local.Dynalite;
using DynamoDbManager.Local.Http;
using DynamoDbManager.Local.Options;
using DynamoDbManager.Local.Startup;

// The local stack: an API Gateway-like HTTP front calling the function in-process, dynalite, and the
// function's table. This file only wires the pieces; each concern lives in its folder.
using var shutdown = new ShutdownSignal();

var parsed = OptionsParser.Parse(args, Environment.GetEnvironmentVariable);
if (parsed.ShowHelp)
{
    Console.Out.Write(OptionsParser.Help);
    return 0;
}

if (parsed.Options is not { } options)
{
    await Console.Error.WriteLineAsync($"{parsed.Error} Run with --help for the options.");
    return 2;
}

if (options.ExitWithStandardInput)
{
    shutdown.AlsoOnEndOfStandardInput();
}

if (options.DataDirectory is { } data && DataDirectory.Prepare(data) is { } unusable)
{
    await Console.Error.WriteLineAsync(unusable);
    return 2;
}

var function = new PendingFunction();
try
{
    var front = new GatewayFront(function.InvokeAsync, () => function.Cors, new ApiKeyCheck(options.ApiKey), Console.Error,
        restRoutes: options.Resources is not null, new OpenApiFile(() => function.Resources));
    var consoleFiles = ConsoleFiles.Load(Path.Combine(AppContext.BaseDirectory, ConsoleFiles.DirectoryName));
    await using var app = GatewayHost.Build(options.Port, front, consoleFiles, new AccessLog(Console.Out));
    var baseUrl = await GatewayHost.StartAsync(app, options.Port, shutdown.Token);

    await using var dynalite = options.DynamoDbEndpoint is null
        ? await DynaliteProcess.StartAsync(options.DataDirectory, shutdown.Token)
        : null;
    var dynamoDb = options.DynamoDbEndpoint ?? dynalite!.Endpoint;
    // The console's page is served from the stack's own origin, whose POSTs browsers mark with it.
    var origins = ConsoleFiles.WithOwnOrigins(options.AllowedOrigins, baseUrl);
    var environment = FunctionEnvironment.Apply(dynamoDb, origins, Environment.GetEnvironmentVariable, Environment.SetEnvironmentVariable);
    var secretMadeForThisRun = RestEnvironment.Apply(options.Resources, Environment.GetEnvironmentVariable, Environment.SetEnvironmentVariable);

    // Before the tables: an invalid TABLE_NAME is the function's configuration error, worded as the
    // function words it, not DynamoDB's refusal to create such a table.
    function.Construct();
    var tables = options.CreateTables
        ? await TableBootstrap.EnsureAsync(dynamoDb, TableBootstrap.TablesFor(function.Settings!.DefaultTableName, function.Resources), shutdown.Token)
        : [];

    using var self = Process.GetCurrentProcess();
    Banner.Write(Console.Out, new StackFacts(options, baseUrl, dynamoDb, tables, environment, DateTime.Now - self.StartTime)
    {
        Resources = function.Resources,
        SecretMadeForThisRun = secretMadeForThisRun,
    });

    var stopRequested = Task.Delay(Timeout.Infinite, shutdown.Token);
    var dynaliteExited = dynalite?.Exited ?? Task.Delay(Timeout.Infinite, CancellationToken.None);
    if (await Task.WhenAny(stopRequested, dynaliteExited) == dynaliteExited)
    {
        await Console.Error.WriteLineAsync($"dynalite stopped unexpectedly, so the stack stops too. {dynalite!.Errors}".TrimEnd());
        await app.StopAsync(CancellationToken.None);
        return 1;
    }

    Console.Out.WriteLine("Stopping: finishing requests in flight, then dynalite.");
    await app.StopAsync(CancellationToken.None);
    Console.Out.WriteLine("Invocations by operation (the log line's metrics; DynamoDB ms is the mean per invocation):");
    function.Summary.Write(Console.Out);
    return 0;
}
catch (StartupFailure failure)
{
    await Console.Error.WriteLineAsync(failure.Message);
    return 1;
}
catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
{
    // Ctrl+C during start-up: the using blocks above have stopped whatever had started.
    return 130;
}
finally
{
    function.Abandon();
}
