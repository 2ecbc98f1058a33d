namespace RiskGrid.Core.Tests.TestSupport;

/// <summary>
/// A seeded GARCH(1,1) with standard normal innovations: r_t = σ_t·z_t,
/// σ²_t = ω + α·r²_{t−1} + β·σ²_{t−1}, started at the unconditional variance. Returns are percent;
/// σ_t is known at the close of t − 1, so σ_t·z_α is the true conditional VaR of r_t's loss.
/// </summary>
public sealed class GarchSimulator(double omega, double alpha, double beta)
{
    /// <summary><paramref name="n"/> returns after discarding <paramref name="burnIn"/>, with their conditional volatilities.</summary>
    public (double[] Returns, double[] Volatility) Simulate(int n, int seed, int burnIn = 500)
    {
        var rng = new Random(seed);
        var variance = omega / (1 - alpha - beta);
        var returns = new double[n];
        var vol = new double[n];
        var previous = 0.0;
        for (var t = -burnIn; t < n; t++)
        {
            if (t > -burnIn)
            {
                variance = omega + alpha * previous * previous + beta * variance;
            }

            var sigma = Math.Sqrt(variance);
            previous = sigma * StandardNormalDraw(rng);
            if (t >= 0)
            {
                returns[t] = previous;
                vol[t] = sigma;
            }
        }

        return (returns, vol);
    }

    // Box–Muller: the seeded draw stays the same across platforms and .NET versions.
    private static double StandardNormalDraw(Random rng)
    {
        var u1 = 1 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
