using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Berkowitz (2001) tail likelihood-ratio test on the PITs, censored at the VaR level: under a correct
/// predictive distribution z_t = Φ⁻¹(PIT_t) is i.i.d. N(0, 1); only the tail z_t &lt; z* = Φ⁻¹(1 − α)
/// (the days beyond VaR) is observed, the rest is censored at z*. The censored-normal likelihood
/// <c>ℓ(μ, σ) = Σ_{z&lt;z*} log φ((z − μ)/σ)/σ + n₀ log(1 − Φ((z* − μ)/σ))</c> is maximised and
/// <c>LR_tail = 2 (ℓ(μ̂, σ̂) − ℓ(0, 1)) ~ χ²(2)</c>. Also a Dufour Monte Carlo p-value with the PITs
/// redrawn i.i.d. uniform.
/// </summary>
/// <remarks>
/// <para>The fit is Newton's method in Olsen's (1978) parameters γ = μ/σ, δ = 1/σ, where the censored
/// (Tobit) log-likelihood is concave, so it converges from the null (0, 1) without tuning; it only
/// reads four sufficient statistics (tail count, Σz, Σz², censored count), which makes the Monte Carlo
/// null cheap. PITs of 0 (a CDF that underflowed) are read as 1e-300.</para>
/// <para>Undefined where the forecasts have no PIT (the LSTM: see
/// <c>IRiskModel.Pit</c>), or with fewer than two distinct tail PITs (the censored likelihood is then
/// unbounded as σ → 0).</para>
/// </remarks>
public sealed class BerkowitzBacktest : IBacktest
{
    public const string TestName = "berkowitz";

    public string Name => TestName;

    public string Description => "Berkowitz (2001) tail LR: Φ⁻¹(PIT) below the VaR level is N(0, 1), censored likelihood ~ χ²(2)";

    public BacktestNeeds Needs => BacktestNeeds.Pit;

    public TestResult Run(BacktestData data)
    {
        if (data.WhyNoPits is { } none)
        {
            return new TestResult(TestName, double.NaN, 2, [new PValue(PValueMethods.ChiSquared, double.NaN)], none)
                .With(DufourMonteCarlo.PitPValue(TestName, data, double.NaN, _ => double.NaN));
        }

        var rate = data.ExpectedRate;
        var lr = Statistic(data.Pits, rate);
        var result = new TestResult(TestName, lr, 2,
            [new PValue(PValueMethods.ChiSquared, double.IsNaN(lr) ? double.NaN : ChiSquaredTail.Probability(lr, 2))],
            double.IsNaN(lr) ? "fewer than two distinct PITs below the VaR level" : null);
        return result.With(DufourMonteCarlo.PitPValue(TestName, data, lr, u => Statistic(u, rate)));
    }

    /// <summary>LR_tail of PITs at exception probability <paramref name="expectedRate"/> = 1 − α; NaN where undefined.</summary>
    public static double Statistic(ReadOnlySpan<double> pits, double expectedRate)
    {
        BacktestArguments.CheckRate(expectedRate);
        var cut = Normal.InvCDF(0, 1, expectedRate);
        int tail = 0, censored = 0;
        double sum = 0, sumSquares = 0, first = double.NaN;
        var distinct = false;
        foreach (var u in pits)
        {
            if (!(u >= 0 && u <= 1))
            {
                return double.NaN;
            }

            if (u >= expectedRate)
            {
                censored++;
                continue;
            }

            var z = Normal.InvCDF(0, 1, Math.Max(u, 1e-300));
            distinct |= tail > 0 && z != first;
            first = tail == 0 ? z : first;
            tail++;
            sum += z;
            sumSquares += z * z;
        }

        if (tail < 2 || !distinct)
        {
            return double.NaN;
        }

        var fit = CensoredNormal.Fit(tail, sum, sumSquares, censored, cut);
        var atNull = CensoredNormal.LogLikelihood(tail, sum, sumSquares, censored, cut, 0, 1);
        return double.IsNaN(fit) ? double.NaN : Math.Max(0.0, 2 * (fit - atNull));
    }

    /// <summary>
    /// The right-censored normal log-likelihood (constants dropped) from its sufficient statistics, in Olsen's
    /// parameters: ℓ = n₁ log δ − ½ Σ(δz − γ)² + n₀ log Φ(γ − δc).
    /// </summary>
    internal static class CensoredNormal
    {
        private const int MaxIterations = 200;

        public static double LogLikelihood(int n1, double s1, double s2, int n0, double cut, double gamma, double delta) =>
            n1 * Math.Log(delta) - 0.5 * (delta * delta * s2 - 2 * delta * gamma * s1 + n1 * gamma * gamma)
            + (n0 > 0 ? n0 * LogPhi(gamma - delta * cut) : 0);

        /// <summary>The maximised log-likelihood; NaN when Newton's method does not converge.</summary>
        public static double Fit(int n1, double s1, double s2, int n0, double cut)
        {
            double gamma = 0, delta = 1;
            var value = LogLikelihood(n1, s1, s2, n0, cut, gamma, delta);
            for (var iteration = 0; iteration < MaxIterations; iteration++)
            {
                var a = gamma - delta * cut;
                var lambda = n0 > 0 ? InverseMills(a) : 0;
                var slope = -lambda * (a + lambda); // d λ / d a
                var gG = delta * s1 - n1 * gamma + n0 * lambda;
                var gD = n1 / delta - (delta * s2 - gamma * s1) - n0 * lambda * cut;
                var hGG = -n1 + n0 * slope;
                var hGD = s1 - n0 * slope * cut;
                var hDD = -n1 / (delta * delta) - s2 + n0 * slope * cut * cut;
                var det = hGG * hDD - hGD * hGD;
                if (!(det > 0) || !(hGG < 0))
                {
                    return double.NaN;
                }

                // Newton step −H⁻¹g, halved until the likelihood rises and δ stays positive.
                var stepG = -(hDD * gG - hGD * gD) / det;
                var stepD = -(-hGD * gG + hGG * gD) / det;
                var decrement = -(gG * stepG + gD * stepD);
                if (Math.Abs(decrement) < 1e-12 * (1 + Math.Abs(value)))
                {
                    return value;
                }

                var t = 1.0;
                for (var halving = 0; ; halving++)
                {
                    var (g, d) = (gamma + t * stepG, delta + t * stepD);
                    if (d > 0)
                    {
                        var next = LogLikelihood(n1, s1, s2, n0, cut, g, d);
                        if (next >= value)
                        {
                            (gamma, delta, value) = (g, d, next);
                            break;
                        }
                    }

                    if (halving == 60)
                    {
                        return value; // no ascent left at rounding level: at the maximum
                    }

                    t *= 0.5;
                }
            }

            return double.NaN;
        }

        // log Φ(a), accurate far into the lower tail.
        private static double LogPhi(double a) =>
            a > -30 ? Math.Log(0.5 * SpecialFunctions.Erfc(-a / Constants.Sqrt2))
            : -0.5 * a * a - Math.Log(-a) - 0.5 * Math.Log(2 * Math.PI) + Math.Log(1 - 1 / (a * a) + 3 / (a * a * a * a));

        // λ(a) = φ(a) / Φ(a).
        private static double InverseMills(double a)
        {
            if (a > -30)
            {
                return Math.Exp(-0.5 * a * a) / Constants.Sqrt2Pi / (0.5 * SpecialFunctions.Erfc(-a / Constants.Sqrt2));
            }

            return -a / (1 - 1 / (a * a) + 3 / (a * a * a * a));
        }
    }
}
