using System.Text.Json;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Logging;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy;

/// <summary>
/// The function's EMF metrics as its own code writes them (never a copied list): what the dashboard
/// and the fault-rate alarm may name, so that renaming a metric or a dimension breaks the deploy tests.
/// </summary>
internal static class EmbeddedMetrics
{
    private const string Table = "lambda-apigateway";

    private static readonly FunctionSettings Settings =
        FunctionSettings.FromVariables(name => name is "TABLE_NAME" or "ALLOWED_TABLES" ? Table : null);

    /// <summary>The metrics every invocation's line carries.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. MetricDirectives.Metrics.Select(metric => metric.Name)];

    /// <summary>The dimension set of every line, whatever its table: the one a query over all requests reads.</summary>
    public static IReadOnlyList<string> EveryLineDimensions { get; } = DimensionSets(table: null).Single();

    /// <summary>Every dimension set a line may have.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> AllDimensionSets { get; } = DimensionSets(Table);

    private static List<IReadOnlyList<string>> DimensionSets(string? table)
    {
        var directive = new MetricDirectives(Settings).For("ping", table, coldStart: false).Directive;
        using var json = JsonDocument.Parse(directive);
        return [.. json.RootElement.EnumerateArray().Single().GetProperty("Dimensions").EnumerateArray()
            .Select(IReadOnlyList<string> (set) => [.. set.EnumerateArray().Select(dimension => dimension.GetString()!)])];
    }
}
