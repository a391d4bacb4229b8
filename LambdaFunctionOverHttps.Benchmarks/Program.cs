using BenchmarkDotNet.Running;

// dotnet run -c Release --project LambdaFunctionOverHttps.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(LambdaFunctionOverHttps.Benchmarks.WarmInvocationBenchmarks).Assembly).Run(args);
