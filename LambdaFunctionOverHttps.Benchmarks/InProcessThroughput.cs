using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace LambdaFunctionOverHttps.Benchmarks;

/// <summary>
/// The in-process side of <c>benchmarks/throughput.sh</c>: the managed handler the local stack's
/// front calls (<see cref="Function.FunctionHandler"/>), driven directly by concurrent callers with
/// the same API Gateway proxy event, so the difference to the HTTP numbers is the front's cost.
/// </summary>
/// <remarks>
/// usage: throughput --template events/api-gateway-proxy.json --body JSON [--seconds 10]
///        [--warmup 2] [--concurrency 16] [--dynamodb-pid PID] --out FILE
/// The function reads its DynamoDB endpoint from the environment, as in Lambda. Results go to FILE
/// as "key value" lines, CPU time being the whole process's (the callers' loop is a small part of it);
/// the function's own log goes to stdout.
/// </remarks>
internal static class InProcessThroughput
{
    private static readonly byte[] Answered = "\"statusCode\":200"u8.ToArray();

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync("usage: throughput --template FILE --body JSON --out FILE [--seconds N] [--warmup N] [--concurrency N] [--dynamodb-pid PID]");
            return 2;
        }

        var proxyEvent = JsonNode.Parse(await File.ReadAllTextAsync(options.Template))!;
        proxyEvent["body"] = options.Body;
        var eventBytes = Encoding.UTF8.GetBytes(proxyEvent.ToJsonString());

        var function = new Function();
        await DriveAsync(function, eventBytes, options.Concurrency, TimeSpan.FromSeconds(options.WarmupSeconds));
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var cpuBefore = self.TotalProcessorTime;
        var dynamoDbCpuBefore = ProcessCpu(options.DynamoDbPid);
        var run = await DriveAsync(function, eventBytes, options.Concurrency, TimeSpan.FromSeconds(options.Seconds));
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        var dynamoDbCpu = ProcessCpu(options.DynamoDbPid) - dynamoDbCpuBefore;

        var latencies = run.Workers.SelectMany(worker => worker.Latencies).Order().ToArray();
        var errors = run.Workers.Sum(worker => worker.Errors);
        var lines = new[]
        {
            $"requests {latencies.Length}",
            $"errors {errors}",
            $"duration_us {run.Elapsed.TotalMicroseconds:0}",
            $"p50_us {Percentile(latencies, 50)}",
            $"p99_us {Percentile(latencies, 99)}",
            $"cpu_us {cpu.TotalMicroseconds:0}",
            $"dynamodb_cpu_us {dynamoDbCpu.TotalMicroseconds:0}",
        };
        await File.WriteAllLinesAsync(options.Out, lines);
        return errors == 0 ? 0 : 1;
    }

    private static async Task<(Worker[] Workers, TimeSpan Elapsed)> DriveAsync(Function function, byte[] eventBytes, int concurrency, TimeSpan duration)
    {
        var workers = Enumerable.Range(0, concurrency).Select(_ => new Worker()).ToArray();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(workers.Select(worker => Task.Run(() => worker.RunAsync(function, eventBytes, clock, duration))));
        return (workers, clock.Elapsed);
    }

    // User plus system time of another process (the local DynamoDB), from Linux's /proc/PID/stat;
    // zero when no process is given.
    private static TimeSpan ProcessCpu(int pid)
    {
        if (pid <= 0)
        {
            return TimeSpan.Zero;
        }

        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    // Linux's USER_HZ, which /proc reports CPU time in; 100 on every mainstream architecture.
    private const int ClockTicksPerSecond = 100;

    // Nearest-rank percentile, in microseconds, as wrk reports them.
    private static long Percentile(long[] sortedTicks, int percent)
    {
        if (sortedTicks.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100.0 * sortedTicks.Length) - 1;
        return sortedTicks[Math.Clamp(rank, 0, sortedTicks.Length - 1)] * 1_000_000 / Stopwatch.Frequency;
    }

    private static Options? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        int Number(string name, int fallback) =>
            values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        return values.TryGetValue("--template", out var template) && values.TryGetValue("--body", out var body) && values.TryGetValue("--out", out var output)
            ? new Options(template, body, output, Number("--seconds", 10), Number("--warmup", 2), Number("--concurrency", 16), Number("--dynamodb-pid", 0))
            : null;
    }

    private sealed record Options(string Template, string Body, string Out, int Seconds, int WarmupSeconds, int Concurrency, int DynamoDbPid);

    private sealed class Worker
    {
        public List<long> Latencies { get; } = new(capacity: 1 << 16);

        public int Errors { get; private set; }

        public async Task RunAsync(Function function, byte[] eventBytes, Stopwatch clock, TimeSpan duration)
        {
            var buffer = new MemoryStream();
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await using var answer = await function.FunctionHandler(new MemoryStream(eventBytes, writable: false));
                    buffer.SetLength(0);
                    await answer.CopyToAsync(buffer);
                    if (buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf(Answered) < 0)
                    {
                        Errors++;
                    }
                }
#pragma warning disable CA1031 // A benchmark counts a failure and goes on; the count is what it reports.
                catch (Exception)
#pragma warning restore CA1031
                {
                    Errors++;
                }

                Latencies.Add(Stopwatch.GetTimestamp() - started);
            }
        }
    }
}
