namespace RiskGrid.Core.Data;

/// <summary>
/// The built-in synthetic universe: instruments whose percent returns follow GJR-GARCH(1,1) with
/// unit-variance Student-t shocks, correlated through one common factor (see <see cref="SyntheticInstrument"/>).
/// <list type="bullet">
/// <item>Per-instrument parameters vary deterministically with the instrument's index (Weyl sequences,
/// so that they are spread and not ordered together): annualised volatility 15–40%, persistence
/// α + γ/2 + β in 0.95–0.99, α 0.02–0.08, leverage γ 0.02–0.12, ν an integer 5–10, drift 4–10% a year.</item>
/// <item>Shocks: ε_i = √((ν_i−2)/ν_i)·z_i / √(χ²_{ν_i}/ν_i) with z_i = λ_i·F + √(1−λ_i²)·e_i, F and e_i
/// independent standard normals and χ² a sum of ν_i squared normals. λ_i = √ρ / c_i, where c_i is
/// E[√((ν−2)/ν) / √(χ²/ν)], makes the correlation of any two shocks exactly ρ =
/// <see cref="SyntheticUniverseOptions.ShockCorrelation"/>; returns correlate a little less, as their
/// volatilities differ.</item>
/// <item>Deterministic everywhere: one seeded xoshiro256** stream drawn in a fixed order, no
/// parallelism, and only IEEE-exact operations (no platform log/exp), so the same options give
/// bit-identical prices on any machine.</item>
/// <item>Variance starts at its unconditional level and runs <see cref="SyntheticUniverseOptions.BurnIn"/>
/// days before the first price. Prices start at 100 and compound simple returns, P_t = P_{t−1}(1 + r_t/100),
/// so <see cref="Returns.Percent(PriceSeries, ReturnKind)"/> recovers the simulated returns. A return is
/// floored at −99% to keep prices positive (a 40-σ event; it does not occur with the default options).</item>
/// </list>
/// </summary>
public static class SyntheticUniverse
{
    private const double TradingDaysPerYear = 252;
    private const double SqrtPi = 1.7724538509055160273;
    private const double ReturnFloor = -99;

    /// <summary>The <see cref="PriceSeries.Source"/> of every generated series.</summary>
    public static string SourceName(int seed) => $"synthetic(seed={seed})";

    /// <summary>Instrument name for 0-based <paramref name="index"/> of <paramref name="count"/>: SYN01…SYN20.</summary>
    public static string InstrumentName(int index, int count) =>
        "SYN" + (index + 1).ToString(new string('0', Math.Max(2, count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length)),
            System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The true parameters of each instrument.</summary>
    public static IReadOnlyList<SyntheticInstrument> Describe(SyntheticUniverseOptions? options = null)
    {
        var o = (options ?? SyntheticUniverseOptions.Default).Validated();
        var result = new SyntheticInstrument[o.Instruments];
        for (var i = 0; i < result.Length; i++)
        {
            var annualVol = 0.15 + 0.25 * Weyl(i, 0.5, 0.6180339887498949);
            var persistence = 0.95 + 0.04 * Weyl(i, 0.25, 0.4142135623730950);
            var alpha = 0.02 + 0.06 * Weyl(i, 0.1, 0.7320508075688772);
            var gamma = 0.02 + 0.10 * Weyl(i, 0.7, 0.2360679774997897);
            var beta = persistence - alpha - 0.5 * gamma;
            var nu = 5 + (int)(6 * Weyl(i, 0.3, 0.5857864376269050));
            var drift = (0.04 + 0.06 * Weyl(i, 0.9, 0.3027756377319946)) / TradingDaysPerYear * 100;
            var dailyVol = annualVol * 100 / Math.Sqrt(TradingDaysPerYear);
            var omega = dailyVol * dailyVol * (1 - persistence);
            var loading = Math.Sqrt(o.ShockCorrelation) / ShockScaleMean(nu);
            result[i] = new SyntheticInstrument(InstrumentName(i, o.Instruments), annualVol, drift, omega,
                alpha, gamma, beta, nu, loading, 100);
        }

        return result;
    }

    /// <summary>Generates the universe; the defaults are the benchmark's embedded dataset.</summary>
    public static IReadOnlyList<PriceSeries> Generate(SyntheticUniverseOptions? options = null)
    {
        var o = (options ?? SyntheticUniverseOptions.Default).Validated();
        var instruments = Describe(o);
        var n = instruments.Count;
        var gaussian = new PortableGaussian(o.Seed);

        var variance = new double[n];
        var shock = new double[n];
        var prices = new double[n][];
        var idiosyncratic = new double[n];
        var tScale = new double[n];
        for (var i = 0; i < n; i++)
        {
            variance[i] = instruments[i].UnconditionalVariance;
            prices[i] = new double[o.Days];
            prices[i][0] = instruments[i].StartPrice;
            idiosyncratic[i] = Math.Sqrt(1 - instruments[i].FactorLoading * instruments[i].FactorLoading);
            tScale[i] = Math.Sqrt((instruments[i].DegreesOfFreedom - 2.0) / instruments[i].DegreesOfFreedom);
        }

        var z = new double[n];
        var steps = o.BurnIn + o.Days - 1;
        for (var step = 0; step < steps; step++)
        {
            // Fixed draw order: factor, then each instrument's normal, then each one's χ².
            var factor = gaussian.Next();
            for (var i = 0; i < n; i++)
            {
                z[i] = instruments[i].FactorLoading * factor + idiosyncratic[i] * gaussian.Next();
            }

            var day = step - o.BurnIn + 1;
            for (var i = 0; i < n; i++)
            {
                var p = instruments[i];
                var chiSquare = 0.0;
                for (var k = 0; k < p.DegreesOfFreedom; k++)
                {
                    var g = gaussian.Next();
                    chiSquare += g * g;
                }

                var epsilon = tScale[i] * z[i] / Math.Sqrt(chiSquare / p.DegreesOfFreedom);
                var previous = shock[i];
                variance[i] = p.Omega + (previous < 0 ? p.Alpha + p.Gamma : p.Alpha) * previous * previous
                    + p.Beta * variance[i];
                shock[i] = Math.Sqrt(variance[i]) * epsilon;
                if (day >= 1)
                {
                    var r = Math.Max(p.Drift + shock[i], ReturnFloor);
                    prices[i][day] = prices[i][day - 1] * (1 + r / 100);
                }
            }
        }

        var dates = BusinessDays(o.StartDate, o.Days);
        var source = SourceName(o.Seed);
        var universe = new PriceSeries[n];
        for (var i = 0; i < n; i++)
        {
            var bars = new PriceBar[o.Days];
            for (var d = 0; d < bars.Length; d++)
            {
                bars[d] = PriceBar.FromClose(dates[d], prices[i][d]);
            }

            universe[i] = PriceSeries.Create(instruments[i].Name, source, bars);
        }

        return universe;
    }

    /// <summary>Monday-to-Friday dates from <paramref name="start"/> (or the next weekday); no holidays.</summary>
    public static DateOnly[] BusinessDays(DateOnly start, int count)
    {
        var dates = new DateOnly[count];
        var d = start;
        for (var k = 0; k < count; k++)
        {
            while (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                d = d.AddDays(1);
            }

            dates[k] = d;
            d = d.AddDays(1);
        }

        return dates;
    }

    /// <summary>
    /// c(ν) = E[√((ν−2)/ν)/√(χ²_ν/ν)] = √((ν−2)/2)·Γ((ν−1)/2)/Γ(ν/2): the factor by which dividing by
    /// the χ² scale shrinks a covariance. The Γ ratio R(ν) follows R(ν+2) = R(ν)·(ν−1)/ν from
    /// R(3) = 2/√π and R(4) = √π/2, in plain arithmetic.
    /// </summary>
    internal static double ShockScaleMean(int nu)
    {
        var ratio = nu % 2 == 1 ? 2 / SqrtPi : SqrtPi / 2;
        for (var v = nu % 2 == 1 ? 3 : 4; v < nu; v += 2)
        {
            ratio *= (v - 1.0) / v;
        }

        return Math.Sqrt((nu - 2) / 2.0) * ratio;
    }

    // frac(offset + i·step): an evenly spread, deterministic value in [0, 1) for instrument i.
    private static double Weyl(int i, double offset, double step)
    {
        var x = offset + i * step;
        return x - Math.Floor(x);
    }
}
