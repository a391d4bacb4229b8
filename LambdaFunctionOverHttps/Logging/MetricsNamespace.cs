using System.Text.RegularExpressions;
using LambdaFunctionOverHttps.Configuration;

namespace LambdaFunctionOverHttps.Logging;

/// <summary>
/// <c>METRICS_NAMESPACE</c>, the CloudWatch namespace of the log line's metrics, held to
/// CloudWatch's rule at start-up: a namespace CloudWatch refuses would drop every line's metrics
/// silently, long after the deploy looked fine.
/// </summary>
internal static partial class MetricsNamespace
{
    public const string Variable = "METRICS_NAMESPACE";

    public const string Default = "DynamoDbManager";

    /// <summary>CloudWatch's rule for a namespace, in the one wording the message and the docs use.</summary>
    public const string Rule =
        "CloudWatch namespaces are 1 to 255 characters of a-z, A-Z, 0-9, '.', '-', '_', '/', '#', ':' and space, not all spaces, not starting with \"AWS/\"";

    /// <exception cref="ConfigurationException">The namespace breaks CloudWatch's rule.</exception>
    public static string Parse(string? value)
    {
        if (value is null || value.Length == 0)
        {
            return Default;
        }

        return NamePattern().IsMatch(value) && !string.IsNullOrWhiteSpace(value) && !value.StartsWith("AWS/", StringComparison.Ordinal)
            ? value
            : throw new ConfigurationException($"{Variable} \"{CallerTextFor(value)}\" is not a CloudWatch namespace: {Rule}.");
    }

    private static string CallerTextFor(string value) => Errors.CallerText.Bounded(value);

    [GeneratedRegex(@"^[a-zA-Z0-9.\-_/#: ]{1,255}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
