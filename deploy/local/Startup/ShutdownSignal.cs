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
