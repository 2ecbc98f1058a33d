namespace RiskGrid.Core.Backtesting;

/// <summary>The Acerbi–Székely Z2 ES backtest of one forecast series (see <see cref="EsBacktest"/>).</summary>
/// <param name="Statistic">Z2: 0 when VaR and ES are right, negative when ES (or VaR) is too low; NaN when undefined.</param>
/// <param name="PValue">One-sided p-value P(Z2 ≤ observed | H0); small means ES is underestimated.</param>
/// <param name="Exceptions">Days with loss &gt; VaR.</param>
/// <param name="SeverityRatio">Mean of L / ES over the exceptions: about 1 when ES is right given an
/// exception, above 1 when the tail is heavier than forecast; NaN without exceptions.</param>
public readonly record struct EsBacktestResult(double Statistic, double PValue, int Exceptions, double SeverityRatio)
{
    public static EsBacktestResult Undefined(int exceptions) => new(double.NaN, double.NaN, exceptions, double.NaN);
}
