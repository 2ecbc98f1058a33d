using BenchmarkDotNet.Running;
using RiskGrid.Benchmarks;

// dotnet run -c Release --project bench/Benchmarks -- --filter *GarchFit* --job short   (BenchmarkDotNet)
// dotnet run -c Release --project bench/Benchmarks -- rolling [--models all] [--cold]  (stopwatch, S&P 500)
// dotnet run -c Release --project bench/Benchmarks -- sweep --out F | --compare A B  (every S&P/NASDAQ window)
// dotnet run -c Release --project bench/Benchmarks -- stuck [--models a,b|all] [--out F]  (rolling vs multi-start, every window)
// dotnet run -c Release --project bench/Benchmarks -- side-by-side [--fits N]          (against R tseries and fGarch)
// dotnet run -c Release --project bench/Benchmarks -- passes [--models a,b]          (likelihood pass vs whole fit)
// dotnet run -c Release --project bench/Benchmarks -- default [--repeat N]             (stopwatch, default benchmark)
if (args.Length > 0 && args[0] == "rolling")
{
    return RollingTiming.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "stuck")
{
    return StuckOptimum.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "sweep")
{
    return FitSweep.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "side-by-side")
{
    return SideBySide.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "passes")
{
    return EvaluationTiming.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "default")
{
    return DefaultBenchmarkTiming.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(GarchFitBenchmarks).Assembly).Run(args);
return 0;
