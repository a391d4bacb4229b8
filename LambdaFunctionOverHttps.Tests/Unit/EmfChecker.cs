using System.Text.Json;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// CloudWatch's embedded metric format, as its specification states it
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html),
/// written as a checker that names every rule a line breaks: a root object with an <c>_aws</c> metadata
/// object, its <c>Timestamp</c> in epoch milliseconds and <c>CloudWatchMetrics</c> directives, each
/// with a namespace, dimension sets of at most 30 names referring to string members of the root, and
/// at most 100 metric definitions with a name, a unit from CloudWatch's set and a numeric member.
/// </summary>
internal static class EmfChecker
{
    public const int MaxMetricsPerDirective = 100;

    public const int MaxDimensionsPerSet = 30;

    public const int MaxValuesPerMetric = 100;

    private const int MaxNameLength = 255;

    private const int MaxDimensionValueLength = 1024;

    private static readonly HashSet<string> Units =
    [
        "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
        "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second",
        "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second",
        "Gigabits/Second", "Terabits/Second", "Count/Second", "None",
    ];

    /// <summary>Every rule <paramref name="line"/> breaks; empty for a valid EMF document.</summary>
    public static IReadOnlyList<string> Problems(string line)
    {
        var problems = new List<string>();
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(line).RootElement;
        }
        catch (JsonException exception)
        {
            return [$"not JSON: {exception.Message}"];
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return ["the root is not an object"];
        }

        if (!root.TryGetProperty("_aws", out var aws) || aws.ValueKind != JsonValueKind.Object)
        {
            return ["no _aws metadata object"];
        }

        if (!aws.TryGetProperty("Timestamp", out var timestamp) || timestamp.ValueKind != JsonValueKind.Number || !timestamp.TryGetInt64(out var milliseconds)
            || milliseconds < 1_000_000_000_000)
        {
            problems.Add("_aws.Timestamp is not a number of milliseconds since the epoch");
        }

        if (!aws.TryGetProperty("CloudWatchMetrics", out var directives) || directives.ValueKind != JsonValueKind.Array)
        {
            problems.Add("_aws.CloudWatchMetrics is not an array");
            return problems;
        }

        foreach (var directive in directives.EnumerateArray())
        {
            CheckDirective(root, directive, problems);
        }

        return problems;
    }

    private static void CheckDirective(JsonElement root, JsonElement directive, List<string> problems)
    {
        if (directive.ValueKind != JsonValueKind.Object)
        {
            problems.Add("a directive is not an object");
            return;
        }

        if (!directive.TryGetProperty("Namespace", out var ns) || ns.ValueKind != JsonValueKind.String || ns.GetString() is not { Length: >= 1 and <= MaxNameLength })
        {
            problems.Add("Namespace is not a string of 1 to 255 characters");
        }

        if (!directive.TryGetProperty("Dimensions", out var sets) || sets.ValueKind != JsonValueKind.Array)
        {
            problems.Add("Dimensions is not an array of dimension sets");
        }
        else
        {
            foreach (var set in sets.EnumerateArray())
            {
                if (set.ValueKind != JsonValueKind.Array)
                {
                    problems.Add("a dimension set is not an array");
                    continue;
                }

                if (set.GetArrayLength() > MaxDimensionsPerSet)
                {
                    problems.Add($"a dimension set has more than {MaxDimensionsPerSet} dimensions");
                }

                foreach (var name in set.EnumerateArray())
                {
                    var key = name.ValueKind == JsonValueKind.String ? name.GetString()! : null;
                    if (key is not { Length: >= 1 and <= MaxNameLength })
                    {
                        problems.Add("a dimension name is not a string of 1 to 255 characters");
                    }
                    else if (!root.TryGetProperty(key, out var value) || value.ValueKind != JsonValueKind.String
                        || value.GetString() is not { Length: >= 1 and <= MaxDimensionValueLength })
                    {
                        problems.Add($"dimension {key} has no string value of 1 to 1024 characters at the root");
                    }
                }
            }
        }

        if (!directive.TryGetProperty("Metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Array)
        {
            problems.Add("Metrics is not an array");
            return;
        }

        if (metrics.GetArrayLength() > MaxMetricsPerDirective)
        {
            problems.Add($"a directive has more than {MaxMetricsPerDirective} metrics");
        }

        foreach (var metric in metrics.EnumerateArray())
        {
            CheckMetric(root, metric, problems);
        }
    }

    private static void CheckMetric(JsonElement root, JsonElement metric, List<string> problems)
    {
        if (metric.ValueKind != JsonValueKind.Object
            || !metric.TryGetProperty("Name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String
            || nameElement.GetString() is not { Length: >= 1 and <= MaxNameLength } name)
        {
            problems.Add("a metric definition has no Name of 1 to 255 characters");
            return;
        }

        if (metric.TryGetProperty("Unit", out var unit) && (unit.ValueKind != JsonValueKind.String || !Units.Contains(unit.GetString()!)))
        {
            problems.Add($"metric {name} has a unit CloudWatch does not know: {unit.GetRawText()}");
        }

        if (metric.TryGetProperty("StorageResolution", out var resolution) && resolution.GetRawText() is not ("1" or "60"))
        {
            problems.Add($"metric {name} has a StorageResolution other than 1 or 60");
        }

        if (!root.TryGetProperty(name, out var value))
        {
            problems.Add($"metric {name} has no value at the root");
        }
        else if (!(value.ValueKind == JsonValueKind.Number
            || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() <= MaxValuesPerMetric
                && value.EnumerateArray().All(element => element.ValueKind == JsonValueKind.Number))))
        {
            problems.Add($"metric {name}'s value is not a number or an array of at most {MaxValuesPerMetric} numbers");
        }
    }
}
