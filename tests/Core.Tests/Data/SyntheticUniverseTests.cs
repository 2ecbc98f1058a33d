using MathNet.Numerics.Statistics;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;

namespace RiskGrid.Core.Tests.Data;

public sealed class SyntheticUniverseTests
{
    // A long sample makes the statistical checks tight; the generator is cheap.
    private static readonly SyntheticUniverseOptions Long = new() { Instruments = 5, Days = 20_000 };

    [Fact]
    public void Default_universe_has_the_documented_shape()
    {
        var universe = SyntheticUniverse.Generate();
        Assert.Equal(20, universe.Count);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"SYN{i:00}"), universe.Select(s => s.Instrument));
        Assert.All(universe, s =>
        {
            Assert.Equal(SyntheticUniverseOptions.DefaultDays, s.Count);
            Assert.Equal($"synthetic(seed={SyntheticUniverseOptions.DefaultSeed})", s.Source);
        });
    }

    [Fact]
    public void Default_length_gives_the_default_window_at_least_250_backtest_days()
    {
        var options = new RollingOptions();
        var series = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = 1 })[0];
        var run = RollingEngine.RunPair(series, new RiskGrid.Core.Models.HistoricalSimulation(), options);
        Assert.True(run.Forecasts.Count(f => f.IsRealized) >= 250);
    }

    [Fact]
    public void Same_options_give_bit_identical_prices_and_another_seed_differs()
    {
        var options = new SyntheticUniverseOptions { Instruments = 4, Days = 300 };
        var a = SyntheticUniverse.Generate(options);
        var b = SyntheticUniverse.Generate(options with { });
        var c = SyntheticUniverse.Generate(options with { Seed = options.Seed + 1 });
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Bars, b[i].Bars); // exact equality of every double
            Assert.NotEqual(a[i].Closes(), c[i].Closes());
        }

        Assert.Equal("synthetic(seed=43)", c[0].Source);
    }

    [Fact]
    public void Prices_are_positive_and_dates_are_increasing_weekdays()
    {
        foreach (var s in SyntheticUniverse.Generate())
        {
            Assert.All(s.Bars, b =>
            {
                Assert.True(b.Close > 0 && double.IsFinite(b.Close));
                Assert.NotEqual(DayOfWeek.Saturday, b.Date.DayOfWeek);
                Assert.NotEqual(DayOfWeek.Sunday, b.Date.DayOfWeek);
            });
            for (var i = 1; i < s.Count; i++)
            {
                Assert.True(s.Bars[i].Date > s.Bars[i - 1].Date);
                Assert.True(s.Bars[i].Date.DayNumber - s.Bars[i - 1].Date.DayNumber <= 3);
            }
        }
    }

    [Fact]
    public void Parameters_lie_in_their_documented_ranges_and_vary()
    {
        var parameters = SyntheticUniverse.Describe();
        Assert.All(parameters, p =>
        {
            Assert.InRange(p.AnnualVolatility, 0.15, 0.40);
            Assert.InRange(p.Persistence, 0.95 - 1e-12, 0.99);
            Assert.InRange(p.DegreesOfFreedom, 5, 10);
            Assert.True(p.Alpha > 0 && p.Gamma > 0 && p.Beta > 0 && p.Omega > 0);
            Assert.InRange(p.FactorLoading, 0, 1);
        });
        Assert.True(parameters.Select(p => p.DegreesOfFreedom).Distinct().Count() >= 5);
        Assert.True(parameters.Max(p => p.AnnualVolatility) - parameters.Min(p => p.AnnualVolatility) > 0.2);
    }

    [Fact]
    public void Sample_volatility_is_near_the_target_annualised_volatility()
    {
        var universe = SyntheticUniverse.Generate(Long);
        var parameters = SyntheticUniverse.Describe(Long);
        for (var i = 0; i < universe.Count; i++)
        {
            var annualised = Returns.Percent(universe[i]).StandardDeviation() * Math.Sqrt(252) / 100;
            Assert.InRange(annualised / parameters[i].AnnualVolatility, 0.85, 1.15);
        }
    }

    [Fact]
    public void Standardised_shocks_have_the_target_correlation()
    {
        // Filter each instrument's returns through its true GJR recursion (from the unconditional
        // variance; the start is forgotten within the first few hundred days, which are skipped).
        var universe = SyntheticUniverse.Generate(Long);
        var parameters = SyntheticUniverse.Describe(Long);
        var shocks = universe.Select((s, i) => StandardisedShocks(Returns.Percent(s), parameters[i]).Skip(500).ToArray()).ToArray();

        foreach (var e in shocks)
        {
            Assert.InRange(e.StandardDeviation(), 0.95, 1.05);
        }

        for (var i = 0; i < shocks.Length; i++)
        {
            for (var j = i + 1; j < shocks.Length; j++)
            {
                Assert.InRange(Correlation.Pearson(shocks[i], shocks[j]), Long.ShockCorrelation - 0.02, Long.ShockCorrelation + 0.02);
            }
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void Return_correlation_follows_the_option(double rho)
    {
        var universe = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = 6, Days = 3000, ShockCorrelation = rho });
        var returns = universe.Select(s => Returns.Percent(s)).ToArray();
        var correlations = new List<double>();
        for (var i = 0; i < returns.Length; i++)
        {
            for (var j = i + 1; j < returns.Length; j++)
            {
                correlations.Add(Correlation.Pearson(returns[i], returns[j]));
            }
        }

        // Returns correlate a little less than their shocks, as the volatility paths differ.
        Assert.InRange(correlations.Average(), rho - 0.12, rho + 0.05);
    }

    [Fact]
    public void Returns_have_fat_tails()
    {
        foreach (var s in SyntheticUniverse.Generate())
        {
            Assert.True(Returns.Percent(s).Kurtosis() > 0, $"{s.Instrument} has no excess kurtosis");
        }
    }

    [Fact]
    public void Volatility_clusters()
    {
        foreach (var s in SyntheticUniverse.Generate(Long))
        {
            var squares = Returns.Percent(s).Select(r => r * r).ToArray();
            var lag1 = Correlation.Pearson(squares.Take(squares.Length - 1), squares.Skip(1));
            Assert.True(lag1 > 0.02, $"{s.Instrument}: lag-1 autocorrelation of squared returns {lag1}");
        }

        foreach (var s in SyntheticUniverse.Generate())
        {
            var squares = Returns.Percent(s).Select(r => r * r).ToArray();
            Assert.True(Correlation.Pearson(squares.Take(squares.Length - 1), squares.Skip(1)) > 0, s.Instrument);
        }
    }

    [Fact]
    public void Negative_shocks_raise_volatility_more_than_positive_ones()
    {
        // GJR leverage: E[r_t² | r_{t−1} < 0] > E[r_t² | r_{t−1} > 0], pooled over instruments.
        double down = 0, up = 0;
        int nDown = 0, nUp = 0;
        foreach (var s in SyntheticUniverse.Generate(Long))
        {
            var r = Returns.Percent(s);
            for (var t = 1; t < r.Length; t++)
            {
                if (r[t - 1] < 0)
                {
                    down += r[t] * r[t];
                    nDown++;
                }
                else
                {
                    up += r[t] * r[t];
                    nUp++;
                }
            }
        }

        Assert.True(down / nDown > 1.05 * (up / nUp));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(10)]
    public void Shock_scale_mean_matches_its_gamma_function_formula(int nu)
    {
        var expected = Math.Sqrt((nu - 2) / 2.0)
            * Math.Exp(MathNet.Numerics.SpecialFunctions.GammaLn((nu - 1) / 2.0) - MathNet.Numerics.SpecialFunctions.GammaLn(nu / 2.0));
        Assert.Equal(expected, SyntheticUniverse.ShockScaleMean(nu), 12);
    }

    [Fact]
    public void Portable_log_matches_the_platform_log()
    {
        var rng = new Random(3);
        for (var k = 0; k < 20_000; k++)
        {
            var x = Math.Pow(2, rng.Next(-1000, 1000)) * (0.5 + rng.NextDouble());
            var expected = Math.Log(x);
            Assert.True(Math.Abs(PortableMath.Log(x) - expected) <= 4e-16 * Math.Max(1, Math.Abs(expected)), $"log({x})");
        }

        Assert.Equal(0.0, PortableMath.Log(1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Log(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Log(-1));
    }

    [Fact]
    public void Business_days_skip_weekends_and_start_on_a_weekday()
    {
        var dates = SyntheticUniverse.BusinessDays(new DateOnly(2024, 3, 2), 6); // a Saturday
        Assert.Equal(
            [new DateOnly(2024, 3, 4), new DateOnly(2024, 3, 5), new DateOnly(2024, 3, 6), new DateOnly(2024, 3, 7), new DateOnly(2024, 3, 8), new DateOnly(2024, 3, 11)],
            dates);
    }

    [Theory]
    [InlineData(0, 100, 0.5)]
    [InlineData(3, 1, 0.5)]
    [InlineData(3, 100, 0.9)]
    [InlineData(3, 100, -0.1)]
    public void Invalid_options_are_rejected(int instruments, int days, double rho)
    {
        Assert.Throws<ArgumentException>(() =>
            SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = instruments, Days = days, ShockCorrelation = rho }));
    }

    [Fact]
    public void Names_widen_past_99_instruments()
    {
        Assert.Equal("SYN001", SyntheticUniverse.InstrumentName(0, 150));
        Assert.Equal("SYN150", SyntheticUniverse.InstrumentName(149, 150));
    }

    private static IEnumerable<double> StandardisedShocks(double[] returns, SyntheticInstrument p)
    {
        var variance = p.UnconditionalVariance;
        var previous = 0.0;
        foreach (var r in returns)
        {
            variance = p.Omega + (previous < 0 ? p.Alpha + p.Gamma : p.Alpha) * previous * previous + p.Beta * variance;
            previous = r - p.Drift;
            yield return previous / Math.Sqrt(variance);
        }
    }
}
