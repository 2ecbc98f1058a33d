using System.Globalization;
using RiskGrid.Core.Backtesting;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>The Politis–White block length of the stationary bootstrap: an independent numpy reference, invariances and
/// edge cases; and the block the intercept ESR bootstrap takes from it.</summary>
public sealed class StationaryBootstrapTests
{
    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    // Reference/politis-white-block.py: "pwb NAME N BLOCK M", then the series.
    private static IEnumerable<(string Name, double Block, double[] X)> ReferenceCases()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reference", "politis-white-block.txt"));
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields[0] == "pwb")
            {
                var x = lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(D).ToArray();
                Assert.Equal(int.Parse(fields[2], CultureInfo.InvariantCulture), x.Length);
                yield return (fields[1], D(fields[3]), x);
            }
        }
    }

    [Fact]
    public void Block_length_agrees_with_an_independent_numpy_implementation()
    {
        // AR(1) with φ from −0.5 to 0.95, i.i.d., MA(1), a persistent positive series, short series (40 and 12 values,
        // the latter at the cap ⌈min(3√n, n/3)⌉ = 4), a trend, alternating signs and five values.
        var cases = 0;
        foreach (var (name, block, x) in ReferenceCases())
        {
            var b = StationaryBootstrap.PolitisWhiteBlockLength(x);
            Assert.True(Math.Abs(b - block) <= 1e-9 * Math.Max(1, block), $"{name}: {b} vs numpy {block}");
            cases++;
        }

        Assert.Equal(15, cases);
    }

    [Fact]
    public void Block_length_grows_with_the_persistence_of_an_AR1()
    {
        var rng = new Random(7);
        var e = Enumerable.Range(0, 3000).Select(_ => MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1)).ToArray();
        double Block(double phi)
        {
            var x = new double[e.Length];
            for (var t = 1; t < x.Length; t++)
            {
                x[t] = phi * x[t - 1] + e[t];
            }

            return StationaryBootstrap.PolitisWhiteBlockLength(x);
        }

        var blocks = new[] { 0.2, 0.5, 0.8, 0.95 }.Select(Block).ToArray();
        for (var i = 1; i < blocks.Length; i++)
        {
            Assert.True(blocks[i] > blocks[i - 1], string.Join(", ", blocks));
        }

        Assert.InRange(Block(0), 1, 3);
    }

    [Fact]
    public void Block_length_does_not_depend_on_location_scale_or_direction_of_time()
    {
        var rng = new Random(3);
        var x = new double[400];
        for (var t = 1; t < x.Length; t++)
        {
            x[t] = 0.6 * x[t - 1] + MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1);
        }

        var b = StationaryBootstrap.PolitisWhiteBlockLength(x);
        Assert.Equal(b, StationaryBootstrap.PolitisWhiteBlockLength(x.Select(v => 3 - 0.25 * v).ToArray()), 9);
        Assert.Equal(b, StationaryBootstrap.PolitisWhiteBlockLength(x.Reverse().ToArray()), 9);
    }

    [Fact]
    public void Block_length_edge_cases()
    {
        // Fewer than two values, no spread: 1.
        Assert.Equal(1, StationaryBootstrap.PolitisWhiteBlockLength([]));
        Assert.Equal(1, StationaryBootstrap.PolitisWhiteBlockLength([2.5]));
        Assert.Equal(1, StationaryBootstrap.PolitisWhiteBlockLength([1.0, -1.0]));
        Assert.Equal(1, StationaryBootstrap.PolitisWhiteBlockLength(Enumerable.Repeat(0.3, 100).ToArray()));

        // Alternating signs: the window's sums nearly cancel in ĝ(0) but not in Ĝ, so the length is the cap
        // ⌈min(3√n, n/3)⌉ (43 at n = 200, 4 at n = 12).
        var alternating = Enumerable.Range(0, 200).Select(t => t % 2 == 0 ? 1.0 : -1.0).ToArray();
        Assert.Equal(43, StationaryBootstrap.PolitisWhiteBlockLength(alternating));
        Assert.Equal(4, StationaryBootstrap.PolitisWhiteBlockLength(alternating.AsSpan(0, 12)));

        Assert.Throws<ArgumentException>(() => StationaryBootstrap.PolitisWhiteBlockLength([1.0, double.NaN, 2.0]));
        Assert.Throws<ArgumentException>(() => StationaryBootstrap.PolitisWhiteBlockLength([1.0, double.PositiveInfinity, 2.0]));
    }

    [Fact]
    public void Intercept_ESR_block_is_root_T_unless_the_errors_need_longer_blocks()
    {
        var rng = new Random(11);
        var iid = Enumerable.Range(0, 900).Select(_ => MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1)).ToArray();
        Assert.True(StationaryBootstrap.PolitisWhiteBlockLength(iid) < 30);
        Assert.Equal(30, EsrInterceptBacktest.BlockLength(iid));

        var persistent = new double[900];
        for (var t = 1; t < persistent.Length; t++)
        {
            persistent[t] = 0.97 * persistent[t - 1] + iid[t];
        }

        var pw = StationaryBootstrap.PolitisWhiteBlockLength(persistent);
        Assert.True(pw > 30, $"{pw}");
        Assert.Equal((int)Math.Ceiling(pw), EsrInterceptBacktest.BlockLength(persistent));
    }
}
