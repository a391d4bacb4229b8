using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.DynamoDb;
using LambdaFunctionOverHttps.Hosts;
using LambdaFunctionOverHttps.Hosts.CustomRuntime;
using LambdaFunctionOverHttps.Invocation;
using LambdaFunctionOverHttps.Logging;

namespace LambdaFunctionOverHttps.Hosts;

/// <summary>
/// The executable (the <c>bootstrap</c> of the Native AOT package): the custom runtime in Lambda,
/// the <c>invoke</c> command line everywhere else. The managed runtime uses <see cref="Function"/> instead.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (Environment.GetEnvironmentVariable(RuntimeApiClient.EnvironmentVariable) is { Length: > 0 } runtimeApi)
        {
            var log = new FunctionLog(Console.Out);
            return await RuntimeLoop.RunAsync(runtimeApi, () => Invoker.Create(FunctionSettings.FromEnvironment(), log), log,
                TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
        }

        // The event is known from the start, so the crypto library can load while it is read and parsed.
        if (args is [CommandLine.InvokeCommand, ..])
        {
            CryptoWarmUp.Start();
        }

        await using var stdin = Console.OpenStandardInput();
        await using var stdout = Console.OpenStandardOutput();
        return await CommandLine.RunAsync(args, stdin, stdout, Console.Error,
            log => CommandLine.CreateInvoker(FunctionSettings.FromEnvironment(), log)).ConfigureAwait(false);
    }
}
