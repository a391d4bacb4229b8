using BenchmarkDotNet.Running;
using LambdaFunctionOverHttps.Benchmarks;

// Warm cost:   dotnet run -c Release --project LambdaFunctionOverHttps.Benchmarks -- --filter '*'
// Ratios:      dotnet run -c Release --project LambdaFunctionOverHttps.Benchmarks -- ratios [seconds]
// Escaping:    dotnet run -c Release --project LambdaFunctionOverHttps.Benchmarks -- escaping [seconds]
// Throughput:  benchmarks/throughput.sh runs this project's "throughput" mode beside wrk.
// Batches:     benchmarks/batches.sh runs this project's "batches" mode against the local stack.
switch (args)
{
    case ["throughput", .. var rest]:
        return await InProcessThroughput.RunAsync(rest);
    case ["ratios", .. var rest]:
        return await InterleavedRatios.RunAsync(rest);
    case ["escaping", .. var rest]:
        return EscapingRatios.Run(rest);
    case ["batches", .. var rest]:
        return await BatchComparison.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(WarmInvocationBenchmarks).Assembly).Run(args);
return 0;
