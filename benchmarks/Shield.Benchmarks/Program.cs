using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Shield.Benchmarks.HotPathBenchmarks).Assembly).Run(args);
