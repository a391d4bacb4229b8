using BenchmarkDotNet.Attributes;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Logging;
using LambdaFunctionOverHttps.Operations;

namespace LambdaFunctionOverHttps.Benchmarks;

/// <summary>
/// Issue 17's target: what making the invocation's log line an EMF record adds per warm invocation
/// (at most 2 µs). <see cref="PlainLine"/> is the line as it was before (the baseline);
/// <see cref="EmfLine"/> is the line of today, the dimension values and cold-start mark worked out as
/// the invoker does. Both write to <see cref="TextWriter.Null"/>, so only the line's own cost counts.
/// </summary>
[MemoryDiagnoser]
public class LogLineBenchmarks
{
    private static readonly Outcome Read = Outcome.Success("""{"Item":{"id":"1234ABCD"}}"""u8.ToArray(), "REQUEST-ID-0123456789ABCDEFGHIJKLMNOPQRSTUV");

    private readonly FunctionLog _log = new(TextWriter.Null);
    private MetricDirectives _metrics = null!;
    private OperationUsage _usage = null!;

    [GlobalSetup]
    public void SetUp()
    {
        _metrics = new MetricDirectives(FunctionSettings.FromVariables(name => name == "ALLOWED_TABLES" ? "lambda-apigateway" : null));
        _usage = new OperationUsage();
        _usage.RecordAttempt(12_345, isRetry: false, throttled: false);
        _usage.RecordResult(1, 0, 0.5, 0);
    }

    [Benchmark(Baseline = true)]
    public void PlainLine() =>
        _log.Write(new InvocationRecord("0f6a4d2c-1b5e-4c1e-9e7a-3d2b1c0a9f8e", "read", "lambda-apigateway", Read, TimeSpan.FromMilliseconds(4.2), null, _usage));

    [Benchmark]
    public void EmfLine() =>
        _log.Write(new InvocationRecord("0f6a4d2c-1b5e-4c1e-9e7a-3d2b1c0a9f8e", "read", "lambda-apigateway", Read, TimeSpan.FromMilliseconds(4.2), null, _usage,
            _metrics.For("read", "lambda-apigateway", coldStart: false)));
}
