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
}
