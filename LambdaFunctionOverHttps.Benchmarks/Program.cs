using BenchmarkDotNet.Running;
using LambdaFunctionOverHttps.Benchmarks;

// Warm cost:   dotnet run -c Release --project LambdaFunctionOverHttps.Benchmarks -- --filter '*'
// Throughput:  benchmarks/throughput.sh runs this project's "throughput" mode beside wrk.
if (args is ["throughput", .. var rest])
{
    return await InProcessThroughput.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(WarmInvocationBenchmarks).Assembly).Run(args);
return 0;
