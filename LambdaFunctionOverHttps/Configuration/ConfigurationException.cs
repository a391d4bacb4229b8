namespace LambdaFunctionOverHttps.Configuration;

/// <summary>
/// The environment cannot configure a working function. Raised once, at start-up, where each host
/// reports it its own way: an init error to Lambda, a message and exit code from the CLI.
/// </summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException()
    {
    }

    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
