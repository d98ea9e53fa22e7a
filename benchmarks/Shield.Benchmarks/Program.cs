using BenchmarkDotNet.Running;
using Shield.Benchmarks;

// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- limiter-footprint
if (args is ["limiter-footprint"])
{
    LimiterFootprint.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(HotPathBenchmarks).Assembly).Run(args);
