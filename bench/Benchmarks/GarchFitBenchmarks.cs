using BenchmarkDotNet.Attributes;
using RiskGrid.Core.Models;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Benchmarks;

/// <summary>
/// One GARCH(1,1)-normal maximum-likelihood fit on a 1,000-day S&amp;P 500 window: cold (grid start), and
/// warm-started from the fit of the window one day earlier (what a daily rolling refit does).
/// <see cref="WindowEnd"/> picks windows in calm and stressed regimes.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class GarchFitBenchmarks // BenchmarkDotNet derives from benchmark classes: not sealed.
{
    private const int Window = 1000;

    private readonly VolatilityModel _model = VolatilityModel.GarchNormal();
    private double[] _today = [];
    private ModelFit _yesterday = ModelFit.Empty;

    /// <summary>Index one past the window's last return: 2,500 ends in Dec 2008, 3,700 in Sep 2013,
    /// 5,030 in Dec 2018.</summary>
    [Params(2500, 3700, 5030)]
    public int WindowEnd { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var returns = Sp500.Returns();
        _today = returns[(WindowEnd - Window)..WindowEnd];
        _yesterday = GarchFitter.Fit(_model, returns.AsSpan(WindowEnd - Window - 1, Window));
    }

    [Benchmark(Baseline = true)]
    public ModelFit Cold() => GarchFitter.Fit(_model, _today);

    [Benchmark]
    public ModelFit Warm() => GarchFitter.Fit(_model, _today, _yesterday);
}
