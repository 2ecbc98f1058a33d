using BenchmarkDotNet.Running;
using RiskGrid.Benchmarks;

// dotnet run -c Release --project bench/Benchmarks -- --filter *GarchFit* --job short   (BenchmarkDotNet)
// dotnet run -c Release --project bench/Benchmarks -- rolling [--models all] [--cold]  (stopwatch, S&P 500)
// dotnet run -c Release --project bench/Benchmarks -- sweep --out F | --compare A B  (every S&P/NASDAQ window)
// dotnet run -c Release --project bench/Benchmarks -- stuck [--models a,b|all] [--out F]  (rolling vs multi-start, every window)
// dotnet run -c Release --project bench/Benchmarks -- side-by-side [--fits N]          (against R tseries and fGarch)
// dotnet run -c Release --project bench/Benchmarks -- passes [--models a,b]          (likelihood pass vs whole fit)
// dotnet run -c Release --project bench/Benchmarks -- default [--repeat N]             (stopwatch, default benchmark)
// A bad option or value (an unknown model, a number that does not parse, a missing file) ends with its message and exit
// code 2, never a stack trace; the commands' parallel loops wrap it in an AggregateException.
try
{
    switch (args.Length > 0 ? args[0] : null)
    {
        case "rolling": return RollingTiming.Run(args[1..]);
        case "stuck": return StuckOptimum.Run(args[1..]);
        case "sweep": return FitSweep.Run(args[1..]);
        case "side-by-side": return SideBySide.Run(args[1..]);
        case "passes": return EvaluationTiming.Run(args[1..]);
        case "default": return DefaultBenchmarkTiming.Run(args[1..]);
    }
}
catch (Exception e) when (Usage(e) is { } problem)
{
    Console.Error.WriteLine($"Benchmarks {args[0]}: {problem.Message}");
    return 2;
}

BenchmarkSwitcher.FromAssembly(typeof(GarchFitBenchmarks).Assembly).Run(args);
return 0;

static Exception? Usage(Exception e) =>
    e is AggregateException all ? all.Flatten().InnerExceptions.Select(Usage).FirstOrDefault(u => u is not null)
    : e is ArgumentException or FormatException or OverflowException or FileNotFoundException or DirectoryNotFoundException ? e
    : null;
