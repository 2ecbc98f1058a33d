namespace RiskGrid.Core.Backtesting;

/// <summary>The catalogue's Acerbi–Székely Z2 ES backtest (see <see cref="EsBacktest"/>): one-sided, resampled null.</summary>
public sealed class EsZ2Backtest : IBacktest
{
    public const string TestName = "es-z2";

    public string Name => TestName;

    public string Description => "Acerbi–Székely (2014) Z2, one-sided p from a resampled compound-binomial null; H0: VaR and ES right";

    public BacktestNeeds Needs => BacktestNeeds.Losses | BacktestNeeds.VaR | BacktestNeeds.ES;

    public TestResult Run(BacktestData data)
    {
        var es = EsBacktest.Test(data.Losses, data.ValueAtRisk, data.ExpectedShortfall, data.Alpha);
        var why = data.Count == 0 ? "no observations"
            : double.IsNaN(es.Statistic) ? "an exception day has no positive ES"
            : double.IsNaN(es.PValue) ? "the mean severity L / ES over the exceptions is not positive"
            : null;
        return new TestResult(TestName, es.Statistic, 0, [new PValue(PValueMethods.Resampled, es.PValue)], why);
    }
}
