using System.Diagnostics;

namespace LambdaFunctionOverHttps.Benchmarks;

/// <summary>
/// The warm benchmarks' ratios measured a second way, robust to a machine whose speed drifts: one
/// process runs blocks of each benchmark in turn (bare, Document Model, read, proxy read), so a
/// slow spell slows all of them alike, and reports the median block per benchmark. BenchmarkDotNet
/// runs each benchmark in its own process at a different time, so on a shared machine its ratios
/// can move between runs; these move far less.
/// </summary>
/// <remarks>usage: ratios [seconds]   (default 30; the first 5 s warm up the JIT and are not counted)</remarks>
internal static class InterleavedRatios
{
    private const int CallsPerBlock = 500;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args is [var text] ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 30;
        var benchmarks = new WarmInvocationBenchmarks();
        benchmarks.SetUp();
        var calls = new (string Name, Func<Task<int>> Call)[]
        {
            ("bare GetItemAsync", benchmarks.BareGetItem),
            ("Document Model GetItemAsync", benchmarks.DocumentModelGetItem),
            ("our read", benchmarks.Read),
            ("our read, proxy event", benchmarks.ReadThroughApiGatewayProxy),
        };

        var blocks = calls.ToDictionary(call => call.Name, _ => new List<double>());
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            foreach (var (name, call) in calls)
            {
                var started = Stopwatch.GetTimestamp();
                for (var i = 0; i < CallsPerBlock; i++)
                {
                    await call();
                }

                if (clock.Elapsed > WarmUp)
                {
                    blocks[name].Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds / CallsPerBlock);
                }
            }
        }

        benchmarks.CleanUp();
        var baseline = Median(blocks[calls[0].Name]);
        Console.WriteLine($"warm calls on the canned transport, blocks of {CallsPerBlock} in turn for {seconds} s (medians)");
        Console.WriteLine($"{"call",-28} {"us/call",9} {"ratio",7} {"blocks",7}");
        foreach (var (name, _) in calls)
        {
            var median = Median(blocks[name]);
            Console.WriteLine($"{name,-28} {median,9:F2} {median / baseline,7:F2} {blocks[name].Count,7}");
        }

        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }
}
