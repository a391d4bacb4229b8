using System.Globalization;

namespace LambdaFunctionOverHttps.Configuration;

/// <summary>The function's configuration, read once per process from its environment.</summary>
/// <param name="DefaultTableName"><c>TABLE_NAME</c>: the table used when an envelope names none.</param>
/// <param name="Tables"><c>ALLOWED_TABLES</c>: which tables callers may name.</param>
/// <param name="DynamoDbEndpoint"><c>AWS_ENDPOINT_URL_DYNAMODB</c>: another DynamoDB (dynalite, DynamoDB Local).</param>
internal sealed record FunctionSettings(string? DefaultTableName, TablePolicy Tables, string? DynamoDbEndpoint)
{
    /// <summary>Lambda's own limit on a function's timeout.</summary>
    public const int MaxFunctionTimeoutSeconds = 900;

    /// <summary><c>ALLOWED_ORIGINS</c>: which web pages may call the function from a browser.</summary>
    public CorsPolicy Origins { get; init; } = CorsPolicy.NoOrigin;

    /// <summary>
    /// <c>FUNCTION_TIMEOUT_SECONDS</c>: the function's timeout as deployed, which the managed runtime
    /// does not tell its handler; null (unset) means no deadline. The custom runtime has Lambda's own deadline instead.
    /// </summary>
    public TimeSpan? FunctionTimeout { get; init; }

    /// <summary><c>METRICS_NAMESPACE</c>: the CloudWatch namespace of the log line's metrics (EMF).</summary>
    public string MetricsNamespace { get; init; } = Logging.MetricsNamespace.Default;

    /// <summary><c>RESOURCES</c> and <c>NEXT_TOKEN_SECRET</c>: the REST routes beside the envelope; none by default.</summary>
    public RestResources Resources { get; init; } = RestResources.None;
    /// <summary>
    /// The tables the configuration names for the function to serve, sorted: <c>TABLE_NAME</c> and the
    /// <c>ALLOWED_TABLES</c> entries and the <c>RESOURCES</c> tables, less any the allow-list refuses. The one answer to "which tables
    /// is this function for": the <c>tables</c> operation reads it, and a setting that names more
    /// tables adds them here.
    /// </summary>
    public IReadOnlyList<string> ConfiguredTables()
    {
        IEnumerable<string?> named = [.. Tables.Names, DefaultTableName, .. Resources.All.Select(resource => resource.Table)];
        return [.. named.OfType<string>().Where(Tables.Allows).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public static FunctionSettings FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable);

    /// <exception cref="ConfigurationException">A variable is set to something unusable.</exception>
    public static FunctionSettings FromVariables(Func<string, string?> variable)
    {
        var tableName = NullIfBlank(variable("TABLE_NAME"));
        if (tableName is not null && !TablePolicy.IsValidName(tableName))
        {
            throw new ConfigurationException($"TABLE_NAME \"{tableName}\" is not a valid table name: {TablePolicy.NameRule}.");
        }

        var endpoint = NullIfBlank(variable("AWS_ENDPOINT_URL_DYNAMODB"));
        if (endpoint is not null
            && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            throw new ConfigurationException($"AWS_ENDPOINT_URL_DYNAMODB \"{endpoint}\" is not an http:// or https:// URL.");
        }

        var tables = TablePolicy.Parse(variable("ALLOWED_TABLES"));
        return new FunctionSettings(tableName, tables, endpoint)
        {
            Origins = CorsPolicy.Parse(variable(CorsPolicy.Variable)),
            FunctionTimeout = FunctionTimeoutFrom(NullIfBlank(variable("FUNCTION_TIMEOUT_SECONDS"))),
            MetricsNamespace = Logging.MetricsNamespace.Parse(variable(Logging.MetricsNamespace.Variable)),
            Resources = RestResources.Parse(variable(RestResources.Variable), NullIfBlank(variable(RestResources.SecretVariable)), tables),
        };
    }

    private static TimeSpan? FunctionTimeoutFrom(string? seconds) =>
        seconds is null ? null
        : int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= MaxFunctionTimeoutSeconds
            ? TimeSpan.FromSeconds(value)
            : throw new ConfigurationException(
                $"FUNCTION_TIMEOUT_SECONDS \"{seconds}\" is not the function's timeout: a whole number of seconds from 1 to {MaxFunctionTimeoutSeconds}.");

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
