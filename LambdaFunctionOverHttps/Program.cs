using LambdaFunctionOverHttps.Cli;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.DynamoDb;
using LambdaFunctionOverHttps.Invocation;
using LambdaFunctionOverHttps.Logging;
using LambdaFunctionOverHttps.Runtime;

namespace LambdaFunctionOverHttps;

/// <summary>
/// The executable (the <c>bootstrap</c> of the Native AOT package): the custom runtime in Lambda,
/// the <c>invoke</c> command line everywhere else. The managed runtime uses <see cref="Function"/> instead.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var runtimeApi = Environment.GetEnvironmentVariable(RuntimeApiClient.EnvironmentVariable);
        if (runtimeApi is { Length: > 0 } || args is [CommandLine.InvokeCommand, ..])
        {
            CryptoWarmUp.Start();
        }

        if (runtimeApi is { Length: > 0 })
        {
            var log = new FunctionLog(Console.Out);
            return await RuntimeLoop.RunAsync(runtimeApi, () => Invoker.Create(FunctionSettings.FromEnvironment(), log), log,
                TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
        }

        await using var stdin = Console.OpenStandardInput();
        await using var stdout = Console.OpenStandardOutput();
        return await CommandLine.RunAsync(args, stdin, stdout, Console.Error,
            log => Invoker.Create(FunctionSettings.FromEnvironment(), log)).ConfigureAwait(false);
    }
}
