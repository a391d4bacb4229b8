using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using DynamoDbManager.Local.Startup;

namespace DynamoDbManager.Local.Dynalite;

/// <summary>
/// dynalite, the local DynamoDB, as a node child process on a free 127.0.0.1 port. It lives exactly
/// as long as this process: stopped when disposed, and (through launch-dynalite.js watching its
/// stdin) gone by itself if this process dies without disposing it.
/// </summary>
internal sealed class DynaliteProcess : IAsyncDisposable
{
    // node plus LevelDB start in well under a second; a minute only covers a machine that is
    // swapping, and still ends a start-up that will never finish.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // launch-dynalite.js bounds its own graceful close to 3 s; past this it is killed.
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly StringBuilder _errors;

    private DynaliteProcess(Process process, StringBuilder errors, Uri endpoint)
    {
        _process = process;
        _errors = errors;
        Endpoint = endpoint;
        Exited = process.WaitForExitAsync();
    }

    public Uri Endpoint { get; }

    /// <summary>Completes when the node process ends, whether asked to or not.</summary>
    public Task Exited { get; }

    /// <summary>What dynalite wrote to stderr, for the message when it dies unexpectedly.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString().Trim();
            }
        }
    }

    /// <param name="dataDirectory">LevelDB directory for <c>--data</c>, which exists (<see cref="DataDirectory"/>); null keeps everything in memory.</param>
    public static async Task<DynaliteProcess> StartAsync(string? dataDirectory, CancellationToken cancellation)
    {
        if (!File.Exists(Path.Combine(DevTools.NodeModules, "dynalite", "package.json")))
        {
            throw new StartupFailure(
                $"dynalite is not installed in {DevTools.NodeModules}: run `npm ci` in {DevTools.Directory} (building deploy/local does it).");
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { DevTools.Launcher, DevTools.NodeModules },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (dataDirectory is not null)
        {
            start.ArgumentList.Add(dataDirectory);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new StartupFailure("node could not be started.");
        }
        catch (Win32Exception)
        {
            throw new StartupFailure("node was not found on the PATH: install Node.js 20 or newer; it runs dynalite, the local DynamoDB.");
        }

        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }
        };
        process.BeginErrorReadLine();

        try
        {
            var port = await ReadPortAsync(process, cancellation).ConfigureAwait(false);
            var dynalite = new DynaliteProcess(process, errors, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
            // Keep draining stdout so a chatty dynalite never blocks on a full pipe.
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
            return dynalite;
        }
        catch
        {
            await StopAsync(process).ConfigureAwait(false);
            process.Dispose();
            throw;
        }

        async Task<int> ReadPortAsync(Process started, CancellationToken token)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(StartTimeout);
            string? line;
            try
            {
                line = await started.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                throw new StartupFailure($"dynalite did not start within {StartTimeout.TotalSeconds} s.");
            }

            if (line is not null && line.StartsWith("listening ", StringComparison.Ordinal)
                && int.TryParse(line.AsSpan("listening ".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                return port;
            }

            // The launcher reports its failures as one line on stderr and exits. Ctrl+C reaches node
            // too (same process group): then it is no failure, the developer stopped the start.
            await started.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            token.ThrowIfCancellationRequested();
            string reason;
            lock (errors)
            {
                reason = errors.ToString().Trim();
            }

            throw new StartupFailure(reason.Length > 0 ? reason : $"dynalite exited with code {started.ExitCode} before it was ready.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_process).ConfigureAwait(false);
        _process.Dispose();
    }

    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        try
        {
            // Closing stdin is the launcher's cue to close dynalite (and LevelDB) cleanly.
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It exited between the check and the close: nothing left to ask.
        }

        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
