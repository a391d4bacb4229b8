namespace DynamoDbManager.Local.Startup;

/// <summary>
/// A reason the stack cannot start that the developer can fix (no node, port taken, …): Program
/// prints its one-line message instead of a stack trace, and exits non-zero.
/// </summary>
internal sealed class StartupFailure : Exception
{
    public StartupFailure()
    {
    }

    public StartupFailure(string message)
        : base(message)
    {
    }

    public StartupFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
