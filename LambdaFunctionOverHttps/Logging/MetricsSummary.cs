using System.Globalization;

namespace LambdaFunctionOverHttps.Logging;

/// <summary>
/// The local stack's view of the metrics: the same values each line's EMF members carry, added up
/// per operation in-process (nothing parses the log), and printed as a table when the stack stops.
/// </summary>
internal sealed class MetricsSummary
{
    /// <summary>Durations kept per operation for the percentiles; past this, the count and sums go on and the percentiles use the first ones.</summary>
    public const int MaxSamplesPerOperation = 100_000;

    private readonly Dictionary<string, Totals> _byOperation = new(StringComparer.Ordinal);

    /// <summary>Adds one invocation's line; lines without metrics are not invocations and are skipped.</summary>
    public void Add(InvocationRecord record)
    {
        if (record.Metrics is not { } metrics)
        {
            return;
        }

        lock (_byOperation)
        {
            if (!_byOperation.TryGetValue(metrics.Operation, out var totals))
            {
                _byOperation[metrics.Operation] = totals = new Totals();
            }

            totals.Count++;
            totals.ClientErrors += record.Outcome.StatusCode is >= 400 and < 500 ? 1 : 0;
            totals.Faults += record.Outcome.StatusCode >= 500 ? 1 : 0;
            totals.DynamoDbMilliseconds += record.Usage?.DynamoDbTime.TotalMilliseconds ?? 0;
            totals.Items += (record.Usage?.ItemsReturned ?? 0) + (record.Usage?.ItemsWritten ?? 0);
            if (totals.Durations.Count < MaxSamplesPerOperation)
            {
                totals.Durations.Add(record.Elapsed.TotalMilliseconds);
            }
        }
    }

    /// <summary>One row per operation: count, 4xx, 5xx, p50 and p99 duration, mean time in DynamoDB, items returned or written.</summary>
    public void Write(TextWriter output)
    {
        lock (_byOperation)
        {
            if (_byOperation.Count == 0)
            {
                output.WriteLine("No invocations.");
                return;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"operation",-12} {"count",7} {"4xx",6} {"5xx",6} {"p50 ms",9} {"p99 ms",9} {"DynamoDB ms",12} {"items",8}"));
            foreach (var (operation, totals) in _byOperation.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                totals.Durations.Sort();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{operation,-12} {totals.Count,7} {totals.ClientErrors,6} {totals.Faults,6} {Percentile(totals.Durations, 0.50),9:F2} {Percentile(totals.Durations, 0.99),9:F2} {totals.DynamoDbMilliseconds / totals.Count,12:F2} {totals.Items,8}"));
            }
        }
    }

    // Nearest rank: the smallest duration at least this share of invocations took no longer than
    // (an operation has a row once it has one invocation, so one duration at least).
    private static double Percentile(List<double> sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];

    private sealed class Totals
    {
        public int Count { get; set; }

        public int ClientErrors { get; set; }

        public int Faults { get; set; }

        public double DynamoDbMilliseconds { get; set; }

        public long Items { get; set; }

        public List<double> Durations { get; } = [];
    }
}
