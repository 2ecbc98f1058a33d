using MathNet.Numerics.Distributions;

namespace RiskGrid.Client.Report;

/// <summary>
/// The count of exceptions a correct model expects in <c>n</c> independent days at level α, (1 − α)·n, and the
/// central binomial band around it: the smallest k with P(X ≤ k) ≥ (1 − coverage)/2 and the smallest k with
/// P(X ≤ k) ≥ (1 + coverage)/2, X ~ Binomial(n, 1 − α).
/// </summary>
internal readonly record struct ExceptionBand(double Expected, int Lower, int Upper)
{
    public static ExceptionBand For(int days, double alpha, double coverage = 0.95)
    {
        var p = 1 - alpha;
        return new ExceptionBand(p * days, Quantile(days, p, (1 - coverage) / 2), Quantile(days, p, (1 + coverage) / 2));
    }

    private static int Quantile(int days, double p, double probability)
    {
        for (var k = 0; k < days; k++)
        {
            if (Binomial.CDF(p, days, k) >= probability)
            {
                return k;
            }
        }

        return days;
    }
}
