using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Operations;
using LambdaFunctionOverHttps.Rest;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Logging;

/// <summary>
/// What makes an invocation's log line an EMF record besides the numbers: the dimension values,
/// already bounded by configuration, the cold-start mark and the time.
/// </summary>
/// <param name="Directive">The <c>CloudWatchMetrics</c> array, written once per process (<see cref="MetricDirectives"/>).</param>
/// <param name="Operation">A known operation's name, else <see cref="MetricDirectives.UnknownOperation"/>.</param>
/// <param name="Table">The table, only when configuration bounds the tables it can be; then the directive has the table set.</param>
/// <param name="ColdStart">Whether this is the process's first invocation.</param>
/// <param name="Timestamp">Milliseconds since the Unix epoch.</param>
internal sealed record InvocationMetrics(byte[] Directive, string Operation, string? Table, bool ColdStart, long Timestamp);

/// <summary>
/// The EMF directive of a process's log lines (CloudWatch's embedded metric format): its namespace,
/// dimension sets and metrics never change, so each of its two forms is written once.
/// </summary>
internal sealed class MetricDirectives
{
    /// <summary>The <c>Operation</c> dimension's value for anything that is not a known operation: never the caller's text.</summary>
    public const string UnknownOperation = "unknown";

    /// <summary>The metrics every invocation line carries, in order, with their EMF units.</summary>
    public static readonly (string Name, string Unit)[] Metrics =
    [
        ("Duration", "Milliseconds"),
        ("DynamoDbTime", "Milliseconds"),
        ("ClientErrors", "Count"),
        ("Faults", "Count"),
        ("Throttles", "Count"),
        ("SdkRetries", "Count"),
        ("ItemsReturned", "Count"),
        ("ItemsWritten", "Count"),
        ("ConsumedReadCapacity", "Count"),
        ("ConsumedWriteCapacity", "Count"),
        ("ColdStart", "Count"),
    ];

    private readonly byte[] _operationOnly;
    private readonly byte[] _withTable;
    private readonly FunctionSettings _settings;

    // The REST routes' names ("GET /product/{id}"), bounded by RESOURCES like the operations' by the dictionary.
    private readonly HashSet<string> _routeNames;

    public MetricDirectives(FunctionSettings settings)
    {
        _settings = settings;
        _routeNames = RestRouter.Routes(settings.Resources)
            .SelectMany(route => route.Methods.Select(method => $"{method} {route.Path}"))
            .ToHashSet(StringComparer.Ordinal);
        _operationOnly = Write(settings.MetricsNamespace, withTable: false);
        _withTable = Write(settings.MetricsNamespace, withTable: true);
    }

    /// <summary>The metrics side of one invocation's line.</summary>
    /// <param name="operation">The envelope's operation, as the caller wrote it.</param>
    /// <param name="table">The table the invocation worked on or named: a dimension only when configuration bounds it, refused or not.</param>
    /// <param name="coldStart">Whether this is the process's first invocation.</param>
    public InvocationMetrics For(string? operation, string? table, bool coldStart)
    {
        var known = operation is not null && (KnownOperations.ByName.ContainsKey(operation) || _routeNames.Contains(operation)) ? operation : UnknownOperation;
        var bounded = table is not null && IsConfigured(table) ? table : null;
        return new InvocationMetrics(bounded is null ? _operationOnly : _withTable, known, bounded, coldStart, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    // A table is a dimension value only when configuration bounds the set it comes from:
    // ALLOWED_TABLES' names, TABLE_NAME's one, or a RESOURCES table. Any other name is the caller's
    // choice, and each distinct dimension value is a metric CloudWatch bills for.
    private bool IsConfigured(string table) =>
        (!_settings.Tables.AllowsAnyTable && _settings.Tables.Allows(table))
        || string.Equals(table, _settings.DefaultTableName, StringComparison.Ordinal)
        || _settings.Resources.All.Any(resource => string.Equals(resource.Table, table, StringComparison.Ordinal));

    private static byte[] Write(string metricsNamespace, bool withTable) => JsonBody.Write(writer =>
    {
        writer.WriteStartArray();
        writer.WriteStartObject();
        writer.WriteString("Namespace", metricsNamespace);
        writer.WriteStartArray("Dimensions");
        writer.WriteStartArray();
        writer.WriteStringValue("Operation");
        writer.WriteEndArray();
        if (withTable)
        {
            writer.WriteStartArray();
            writer.WriteStringValue("Operation");
            writer.WriteStringValue("Table");
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("Metrics");
        foreach (var (name, unit) in Metrics)
        {
            writer.WriteStartObject();
            writer.WriteString("Name", name);
            writer.WriteString("Unit", unit);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
    });
}
