namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Engle–Manganelli (2004) dynamic quantile test: the demeaned hits Hit_t = 1[L_t &gt; VaR_t] − p are
/// regressed on a constant, their own four lags and the VaR forecast, and
/// <c>DQ = Hit'X (X'X)⁻¹ X'Hit / (p(1 − p)) ~ χ²(6)</c> under H0 (right rate, hits unpredictable
/// from their past and from the forecast). Also a Dufour Monte Carlo p-value with the hits redrawn
/// i.i.d. Bernoulli(p) and the VaR held.
/// </summary>
/// <remarks>
/// The regression runs over t = 5 … T (the first four days only supply lags), as in Engle–Manganelli
/// and the GAS package's <c>BacktestVaR</c>. Undefined with fewer than 11 observations (no more rows
/// than regressors) or collinear regressors, e.g. no exceptions at all (the lagged hits are then
/// constant, like the intercept) or a constant VaR.
/// </remarks>
public sealed class DqBacktest : IBacktest
{
    public const string TestName = "dq";

    /// <summary>Lagged hits among the regressors.</summary>
    public const int Lags = 4;

    /// <summary>Regressors: constant, the lags and VaR.</summary>
    public const int Regressors = Lags + 2;

    public string Name => TestName;

    public string Description => "Engle–Manganelli (2004) dynamic quantile: hit − p on a constant, 4 lagged hits and VaR, ~ χ²(6)";

    public BacktestNeeds Needs => BacktestNeeds.Hits | BacktestNeeds.VaR;

    public TestResult Run(BacktestData data)
    {
        var var = data.ValueAtRisk.ToArray();
        var rate = data.ExpectedRate;
        var dq = Statistic(data.Hits, var, rate);
        var why = data.Count <= Lags + Regressors ? $"fewer than {Lags + Regressors + 1} observations"
            : double.IsNaN(dq) ? "collinear regressors (no exceptions, or a constant VaR)"
            : null;
        var result = new TestResult(TestName, dq, Regressors,
            [new PValue(PValueMethods.ChiSquared, double.IsNaN(dq) ? double.NaN : ChiSquaredTail.Probability(dq, Regressors))], why);
        return result.With(DufourMonteCarlo.DataPValue(TestName, data, dq, h => Statistic(h, var, rate)));
    }

    /// <summary>DQ of a hit sequence with VaR as the last regressor; NaN where undefined.</summary>
    public static double Statistic(ReadOnlySpan<bool> hits, ReadOnlySpan<double> valueAtRisk, double expectedRate)
    {
        BacktestArguments.CheckRate(expectedRate);
        BacktestArguments.CheckSameLength(hits.Length, valueAtRisk.Length, nameof(valueAtRisk));
        const int k = Regressors;
        if (hits.Length <= Lags + k)
        {
            return double.NaN;
        }

        // Normal equations X'X b = X'h, accumulated row by row (lower triangle), then Cholesky.
        Span<double> xtx = stackalloc double[k * k];
        Span<double> xth = stackalloc double[k];
        Span<double> x = stackalloc double[k];
        xtx.Clear();
        xth.Clear();
        for (var t = Lags; t < hits.Length; t++)
        {
            x[0] = 1;
            for (var j = 1; j <= Lags; j++)
            {
                x[j] = (hits[t - j] ? 1 : 0) - expectedRate;
            }

            x[k - 1] = valueAtRisk[t];
            var h = (hits[t] ? 1 : 0) - expectedRate;
            for (var i = 0; i < k; i++)
            {
                xth[i] += x[i] * h;
                for (var j = 0; j <= i; j++)
                {
                    xtx[i * k + j] += x[i] * x[j];
                }
            }
        }

        // Cholesky X'X = L L' in place; a pivot that vanishes against its original diagonal means
        // collinear regressors (the Schur complement of a column spanned by the others is ~0).
        Span<double> diagonal = stackalloc double[k];
        for (var i = 0; i < k; i++)
        {
            diagonal[i] = xtx[i * k + i];
        }

        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = xtx[i * k + j];
                for (var m = 0; m < j; m++)
                {
                    sum -= xtx[i * k + m] * xtx[j * k + m];
                }

                if (i != j)
                {
                    xtx[i * k + j] = sum / xtx[j * k + j];
                }
                else if (sum > 1e-10 * diagonal[i])
                {
                    xtx[i * k + i] = Math.Sqrt(sum);
                }
                else
                {
                    return double.NaN;
                }
            }
        }

        // h'X (X'X)⁻¹ X'h = ‖L⁻¹ X'h‖².
        var quadratic = 0.0;
        for (var i = 0; i < k; i++)
        {
            var sum = xth[i];
            for (var m = 0; m < i; m++)
            {
                sum -= xtx[i * k + m] * xth[m];
            }

            xth[i] = sum / xtx[i * k + i];
            quadratic += xth[i] * xth[i];
        }

        return quadratic / (expectedRate * (1 - expectedRate));
    }
}
