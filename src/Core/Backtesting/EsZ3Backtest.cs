using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Acerbi–Székely (2017) Z3 on the PITs: the ES estimated from the T PITs, against its expectation under
/// uniform PITs, <c>Z3 = 1 − ÊS(U) / E_V[ÊS(V)]</c> with <c>ÊS(U) = −(1/k) Σ_{i ≤ k} F⁻¹(U_(i))</c>,
/// k = ⌊T(1 − α)⌋, the average of the k lowest PITs mapped to losses. Negative when the realised tail is
/// heavier than forecast. One-sided Monte Carlo p-value under i.i.d. uniform PITs.
/// </summary>
/// <remarks>
/// <para>A–S map each U_t through that day's predictive quantile function P_t⁻¹. A forecast record keeps
/// the PIT, not the quantile function, so RiskGrid maps every PIT through one reference law, F = Φ: for a
/// location–scale model with normal innovations and small mean that is A–S's Z3 (each day's ratio is the
/// same ÊS ratio), for other innovations it is a Z3 of the normal scores of the PITs. Under H0 the PITs are
/// i.i.d. uniform whatever the model, so the null distribution is exact and is simulated from uniforms
/// (Dufour's tie-breaking, cached by length and level, like the Berkowitz test); only power depends on F.</para>
/// <para>E_V[ÊS(V)] = −(T/k) ∫₀¹ I_{1−p}(T − k, k) F⁻¹(p) dp (A–S 2017, eq. 15), integrated after the change
/// of variable p = Φ(z) by Simpson's rule on [−40, 9] (the integrand is smooth there and negligible outside).
/// Undefined where the forecasts have no PIT or T(1 − α) &lt; 1.</para>
/// </remarks>
public sealed class EsZ3Backtest : IBacktest
{
    public const string TestName = "es-z3";

    private static readonly Lock ExpectationLock = new();
    private static readonly Dictionary<(int, int), double> Expectations = [];

    public string Name => TestName;

    public string Description => "Acerbi–Székely (2017) Z3 on PITs (normal scores): ES estimated from the PITs vs its value under uniform PITs; one-sided, Monte Carlo";

    public BacktestNeeds Needs => BacktestNeeds.Pit;

    public TestResult Run(BacktestData data)
    {
        var why = data.WhyNoPits
            ?? (TailCount(data.Count, data.ExpectedRate) < 1 ? $"fewer than {Math.Ceiling(1 / data.ExpectedRate)} observations" : null);
        if (why is not null)
        {
            return new TestResult(TestName, double.NaN, 0, [new PValue(PValueMethods.MonteCarlo, double.NaN)], why);
        }

        var rate = data.ExpectedRate;
        var z3 = Statistic(data.Pits, rate);
        // The Monte Carlo helper counts replicates at least as large: test −Z3.
        var p = DufourMonteCarlo.PitPValue(TestName, data, -z3, u => -Statistic(u, rate))
                ?? new PValue(PValueMethods.MonteCarlo, double.NaN);
        return new TestResult(TestName, z3, 0, [p], null);
    }

    /// <summary>Z3 of PITs at exception probability <paramref name="expectedRate"/>; NaN where undefined.</summary>
    public static double Statistic(ReadOnlySpan<double> pits, double expectedRate)
    {
        BacktestArguments.CheckRate(expectedRate);
        var k = TailCount(pits.Length, expectedRate);
        if (k < 1)
        {
            return double.NaN;
        }

        // The k lowest PITs by insertion into a sorted buffer (k ≪ T, and the Monte Carlo null calls this
        // thousands of times, so no full sort).
        Span<double> lowest = k <= 256 ? stackalloc double[k] : new double[k];
        var filled = 0;
        foreach (var u in pits)
        {
            if (!(u >= 0 && u <= 1))
            {
                return double.NaN;
            }

            if (filled == k && u >= lowest[k - 1])
            {
                continue;
            }

            var j = filled < k ? filled++ : k - 1;
            while (j > 0 && lowest[j - 1] > u)
            {
                lowest[j] = lowest[j - 1];
                j--;
            }

            lowest[j] = u;
        }

        var sum = 0.0;
        foreach (var u in lowest)
        {
            sum += Normal.InvCDF(0, 1, Math.Clamp(u, 1e-300, 1 - 1e-16));
        }

        return 1 - (-sum / k) / ExpectedShortfallUnderNull(pits.Length, k);
    }

    /// <summary>E_V[ÊS(V)] for T i.i.d. uniform V mapped through Φ⁻¹, k = ⌊T(1 − α)⌋ tail points (a positive loss).</summary>
    public static double ExpectedShortfallUnderNull(int observations, int k)
    {
        lock (ExpectationLock)
        {
            if (Expectations.TryGetValue((observations, k), out var cached))
            {
                return cached;
            }
        }

        // −(T/k) ∫ I_{1−Φ(z)}(T − k, k) z φ(z) dz; I_x(a, b) with b = k, a = T − k (a = 0 when k = T: the mean).
        const double lower = -40, upper = 9;
        const int intervals = 4000;
        var h = (upper - lower) / intervals;
        var integral = 0.0;
        for (var i = 0; i <= intervals; i++)
        {
            var z = lower + i * h;
            var weight = i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2;
            var x = 1 - Normal.CDF(0, 1, z);
            var beta = observations == k ? 1.0 : SpecialFunctions.BetaRegularized(observations - k, k, x);
            integral += weight * beta * z * Math.Exp(-0.5 * z * z) / Constants.Sqrt2Pi;
        }

        var value = -(double)observations / k * integral * h / 3;
        lock (ExpectationLock)
        {
            if (Expectations.Count > 4096)
            {
                Expectations.Clear();
            }

            Expectations[(observations, k)] = value;
        }

        return value;
    }

    private static int TailCount(int observations, double expectedRate) => (int)Math.Floor(observations * expectedRate + 1e-9);
}
