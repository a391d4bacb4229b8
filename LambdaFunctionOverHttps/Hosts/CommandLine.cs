using System.Reflection;
using Amazon.Runtime;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Invocation;
using LambdaFunctionOverHttps.Logging;

namespace LambdaFunctionOverHttps.Hosts;

/// <summary>
/// The local one-shot, like <c>sam local invoke -e</c>: run one event through the same core and
/// print exactly what the deployed function would return. The log goes to stderr, so stdout
/// carries only the answer.
/// </summary>
internal static class CommandLine
{
    public const int Answered = 0;
    public const int FunctionError = 1;
    public const int UsageError = 2;

    public const string InvokeCommand = "invoke";

    private const string Usage = """
        Usage:
          LambdaFunctionOverHttps invoke <event.json | ->   run one event as the deployed function would
          LambdaFunctionOverHttps --help | --version

        invoke prints the function's answer on stdout and its log on stderr. A function error
        prints Lambda's error JSON ({"errorMessage", "errorType", "stackTrace"}) and exits 1.
        Exit codes: 0 answered, 1 function error, 2 usage or configuration error.

        Environment: AWS_ENDPOINT_URL_DYNAMODB (another DynamoDB, e.g. http://127.0.0.1:4567),
        TABLE_NAME, ALLOWED_TABLES, and the AWS SDK's usual region and credentials (ping and echo
        never call DynamoDB, so they need neither).
        In Lambda (AWS_LAMBDA_RUNTIME_API set) this program is the custom runtime instead.
        """;

    /// <summary>
    /// The core as <c>invoke</c> runs it: settings are checked at once, but the DynamoDB client is
    /// made when an operation first needs it, so <c>ping</c> and <c>echo</c> run without a region.
    /// </summary>
    public static Invoker CreateInvoker(FunctionSettings settings, FunctionLog log, AWSCredentials? credentials = null) =>
        Invoker.Create(settings, log, credentials, clientOnFirstUse: true);

    public static async Task<int> RunAsync(string[] args, Stream stdin, Stream stdout, TextWriter stderr, Func<FunctionLog, Invoker> createInvoker)
    {
        switch (args)
        {
            case ["--help" or "-h"]:
                await WriteAsync(stdout, Usage + "\n");
                return Answered;
            case ["--version"]:
                await WriteAsync(stdout, Version() + "\n");
                return Answered;
            case [InvokeCommand, var source]:
                return await InvokeAsync(source, stdin, stdout, stderr, createInvoker).ConfigureAwait(false);
            default:
                await stderr.WriteLineAsync(Usage).ConfigureAwait(false);
                return UsageError;
        }
    }

    private static async Task<int> InvokeAsync(string source, Stream stdin, Stream stdout, TextWriter stderr, Func<FunctionLog, Invoker> createInvoker)
    {
        ReadOnlyMemory<byte> eventBytes;
        try
        {
            eventBytes = source == "-"
                ? await EventReader.ReadAsync(stdin, Invoker.MaxEventBytes).ConfigureAwait(false)
                : await File.ReadAllBytesAsync(source).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            await stderr.WriteLineAsync($"Cannot read the event: {exception.Message}").ConfigureAwait(false);
            return UsageError;
        }
        catch (UnauthorizedAccessException exception)
        {
            // Opening a directory fails as "Access to the path is denied", which sends people to check permissions.
            var reason = Directory.Exists(source) ? $"{source} is a directory, not an event file." : exception.Message;
            await stderr.WriteLineAsync($"Cannot read the event: {reason}").ConfigureAwait(false);
            return UsageError;
        }

        InvocationResult result;
        try
        {
            var invoker = createInvoker(new FunctionLog(stderr));
            result = await invoker.InvokeAsync(eventBytes, requestId: null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ConfigurationException exception)
        {
            await stderr.WriteLineAsync($"Configuration error: {exception.Message}").ConfigureAwait(false);
            return UsageError;
        }

        var answer = result.IsFunctionError
            ? LambdaError.Body(result.Outcome.Error!.Type, result.Outcome.ErrorMessage ?? "")
            : result.Payload;
        await stdout.WriteAsync(answer).ConfigureAwait(false);
        await WriteAsync(stdout, "\n");
        return result.IsFunctionError ? FunctionError : Answered;
    }

    private static string Version() =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static async Task WriteAsync(Stream stdout, string text)
    {
        await stdout.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text)).ConfigureAwait(false);
        await stdout.FlushAsync().ConfigureAwait(false);
    }
}
