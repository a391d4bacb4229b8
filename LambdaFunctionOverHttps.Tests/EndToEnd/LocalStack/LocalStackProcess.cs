using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>
/// The local stack as a developer runs it: its built program in its own process (<c>dotnet
/// DynamoDbManager.Local.dll</c>, what <c>dotnet run --project deploy/local</c> ends up running),
/// on a port the system picks on 127.0.0.1, stopped with the signal a terminal or a service manager sends.
/// </summary>
internal sealed partial class LocalStackProcess : IAsyncDisposable
{
    // A cold start on a loaded 2-core machine; a normal start takes about a second.
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LocalStackProcess(Process process) => _process = process;

    public static string Assembly { get; } = Path.GetFullPath(typeof(LocalStackProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "LocalStackAssembly").Value!);

    public int Id => _process.Id;

    /// <summary>The API's URL, <c>http://127.0.0.1:PORT/dynamodbmanager</c>, read from the start-up message.</summary>
    public Uri ApiUrl { get; private set; } = null!;

    /// <summary>The DynamoDB the stack uses, read from the start-up message.</summary>
    public Uri DynamoDbEndpoint { get; private set; } = null!;

    /// <summary>Everything the stack printed so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the stack with these options (plus <c>--port 0</c> unless they name a port) and waits until it says Ready.</summary>
    public static async Task<LocalStackProcess> StartAsync(params string[] options)
    {
        var stack = Launch(options);
        var finished = await Task.WhenAny(stack._ready.Task, stack._process.WaitForExitAsync(), Task.Delay(ReadyTimeout));
        if (finished != stack._ready.Task)
        {
            var output = stack.Output;
            await stack.DisposeAsync();
            throw new InvalidOperationException($"The local stack did not get ready. It printed:\n{output}");
        }

        return stack;
    }

    /// <summary>Runs the stack to its exit, for options that make it stop by itself (a failure, --help).</summary>
    public static async Task<LocalStackProcess> RunToExitAsync(IDictionary<string, string?>? environment, params string[] options)
    {
        var stack = Launch(options, environment);
        using var timeout = new CancellationTokenSource(ReadyTimeout);
        await stack._process.WaitForExitAsync(timeout.Token);
        return stack;
    }

    /// <summary>SIGTERM, as <c>docker stop</c>, systemd or <c>kill</c> send; Ctrl+C's SIGINT takes the same path.</summary>
    public Task<int> StopAsync() => SignalAsync("TERM");

    /// <summary>Sends a signal and waits for the stack to exit; returns its exit code.</summary>
    public async Task<int> SignalAsync(string signal)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!)
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"The local stack did not stop on SIG{signal}. It printed:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>The stack's child processes (dynalite's node), from /proc.</summary>
    public IReadOnlyList<int> ChildProcessIds() => ProcessTable.ChildrenOf(Id);

    public async ValueTask DisposeAsync()
    {
        // The last resort, for a test that failed before stopping the stack the proper way.
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static LocalStackProcess Launch(string[] options, IDictionary<string, string?>? environment = null)
    {
        if (!File.Exists(Assembly))
        {
            throw new InvalidOperationException($"The local stack is not built at {Assembly}; the test project's build builds it.");
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { Assembly },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Support.RepositoryRoot.Path,
        };
        // --exit-with-stdin: the stack ends when this process does, however it ends (its stdin is the
        // pipe below, which only this process holds open).
        string[] always = options.Contains("--help") ? [] : ["--exit-with-stdin"];
        string[] port = options.Contains("--port") || options.Contains("--help") ? [] : ["--port", "0"];
        foreach (var option in (string[])[.. options, .. port, .. always])
        {
            start.ArgumentList.Add(option);
        }

        // What the developer's shell might have set must not change what these tests see, and
        // nothing may be sent through a proxy: the tests talk to 127.0.0.1 only.
        foreach (var name in new[] { "DYNAMODBMANAGER_API_KEY", "TABLE_NAME", "ALLOWED_TABLES", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL", "RESOURCES", "NEXT_TOKEN_SECRET" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        start.Environment["no_proxy"] = "127.0.0.1,localhost";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        var stack = new LocalStackProcess(Process.Start(start)!);
        stack._process.OutputDataReceived += (_, line) => stack.Record(line.Data);
        stack._process.ErrorDataReceived += (_, line) => stack.Record(line.Data);
        stack._process.BeginOutputReadLine();
        stack._process.BeginErrorReadLine();
        return stack;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ApiLine().Match(line) is { Success: true } api)
        {
            ApiUrl = new Uri(api.Groups["url"].Value);
        }
        else if (DynamoDbLine().Match(line) is { Success: true } dynamoDb)
        {
            DynamoDbEndpoint = new Uri(dynamoDb.Groups["url"].Value);
        }
        else if (line.StartsWith("Ready in ", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    [GeneratedRegex(@"^\s+API\s+POST (?<url>http://127\.0\.0\.1:\d+/dynamodbmanager)")]
    private static partial Regex ApiLine();

    [GeneratedRegex(@"^\s+DynamoDB\s+(?<url>https?://\S+)")]
    private static partial Regex DynamoDbLine();
}
