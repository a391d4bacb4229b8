using System.Runtime.InteropServices;

namespace DynamoDbManager.Local.Startup;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM, from the first line of Program on: a signal during start-up still
/// stops dynalite, which the runtime's default handling (exit at once, no finally blocks) would not.
/// A second signal is left to the runtime, so a stuck shutdown can still be broken off.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _requested = new();
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Cancelled when the developer asks the stack to stop.</summary>
    public CancellationToken Token => _requested.Token;

    /// <summary>
    /// Also stop when standard input reaches its end (<c>--exit-with-stdin</c>): the parent holding the
    /// other end of the pipe is gone, however it went, even killed outright with no chance to signal.
    /// </summary>
    public void AlsoOnEndOfStandardInput()
    {
        var watcher = new Thread(() =>
        {
            using var input = Console.OpenStandardInput();
            var buffer = new byte[256];
            try
            {
                while (input.Read(buffer) > 0)
                {
                }
            }
            catch (IOException)
            {
                // A broken pipe is an end too.
            }

            try
            {
                _requested.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The stack had already stopped.
            }
        })
        {
            IsBackground = true,
            Name = "stdin watcher",
        };
        watcher.Start();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _requested.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (_requested.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        _requested.Cancel();
    }
}
