namespace RiskGrid.Core.Backtesting;

/// <summary>The names of the ways a p-value is computed, as they appear in every output.</summary>
public static class PValueMethods
{
    /// <summary>Asymptotic χ² of a likelihood-ratio (or Wald) statistic.</summary>
    public const string ChiSquared = "chi2";

    /// <summary>Resampled null distribution (e.g. the ES backtest's compound binomial).</summary>
    public const string Resampled = "resampled";

    /// <summary>Monte Carlo under the test's null (Dufour 2006, seeded).</summary>
    public const string MonteCarlo = "mc";

    /// <summary>Exact (e.g. binomial).</summary>
    public const string Exact = "exact";

    /// <summary>Mid-p: the exact p-value less half the probability of the observed outcome.</summary>
    public const string MidP = "mid-p";

    /// <summary>Bootstrap of the statistic's null distribution (seeded).</summary>
    public const string Bootstrap = "bootstrap";

    /// <summary>Asymptotic normal (or Student t) law of a t statistic.</summary>
    public const string Normal = "normal";

    /// <summary>Two-sided asymptotic normal p-value of a one-sided test's statistic.</summary>
    public const string NormalTwoSided = "normal-2s";

    /// <summary>
    /// True for the methods whose p-values are finite-sample ones (<c>mc</c>, <c>exact</c>, <c>mid-p</c>, <c>bootstrap</c>,
    /// <c>resampled</c>), as against the asymptotic <c>chi2</c> and <c>normal</c> ones.
    /// </summary>
    public static bool IsFiniteSample(string method) => method is MonteCarlo or Exact or MidP or Bootstrap or Resampled;

    /// <summary>
    /// True for the conservative finite-sample method, the exact binomial: a discrete statistic's exact p-value rejects at
    /// most at the nominal rate (at T = 250 and α = 99%, 4.1% at a nominal 5%; less with fewer expected exceptions), so it
    /// is reported but not judged by its size; mid-p, which spends half the observed outcome's probability, is the
    /// finite-sample verdict of the coverage test instead.
    /// </summary>
    public static bool IsConservative(string method) => method == Exact;

    /// <summary>True for the finite-sample methods held to their nominal size (within [3%, 7%] at 5% in BacktestBench):
    /// <see cref="IsFiniteSample"/> and not <see cref="IsConservative"/>.</summary>
    public static bool IsJudged(string method) => IsFiniteSample(method) && !IsConservative(method);
}
