using RiskGrid.Core.Data;
using RiskGrid.Core.Features;
using RiskGrid.Core.Tests.TestSupport;

namespace RiskGrid.Core.Tests.Features;

public sealed class MarketFeaturesTests
{
    [Fact]
    public void Every_column_is_defined_from_the_warm_up_on_and_not_before()
    {
        var bars = Series.FromReturns("X", Series.NoisyReturns(120, 3)).Bars.ToArray();
        var rows = MarketFeatures.Compute(bars);
        Assert.False(MarketFeatures.IsComplete(rows[MarketFeatures.WarmUp - 1]));
        Assert.True(double.IsNaN(rows[MarketFeatures.WarmUp - 1][MarketFeatures.MacdSignal]));
        for (var t = MarketFeatures.WarmUp; t < rows.Length; t++)
        {
            Assert.True(MarketFeatures.IsComplete(rows[t]), $"row {t} has a NaN");
        }

        Assert.Equal(MarketFeatures.Count, MarketFeatures.Names.Count);
    }

    [Fact]
    public void Columns_are_the_indicators_of_the_bars_up_to_that_day()
    {
        var bars = Series.FromReturns("X", Series.NoisyReturns(80, 5)).Bars.ToArray();
        var rows = MarketFeatures.Compute(bars);
        const int t = 60;
        var close = bars[t].Close;
        var previous = bars[t - 1].Close;
        Assert.Equal(100 * (close / previous - 1), rows[t][MarketFeatures.SimpleReturn], 12);
        Assert.Equal(100 * Math.Log(close / previous), rows[t][MarketFeatures.LogReturn], 12);

        var simple = Enumerable.Range(1, t).Select(i => 100 * (bars[i].Close / bars[i - 1].Close - 1)).ToArray();
        Assert.Equal(Math.Sqrt(simple[^5..].Average(r => r * r)), rows[t][MarketFeatures.RealizedVolatility5], 12);
        Assert.Equal(Math.Sqrt(simple[^22..].Average(r => r * r)), rows[t][MarketFeatures.RealizedVolatility22], 12);

        var macd = new MovingAverageConvergenceDivergence();
        var atr = new AverageTrueRange();
        var rsi = new RelativeStrengthIndex();
        MacdValue m = default;
        double a = double.NaN, r = double.NaN;
        for (var i = 0; i <= t; i++)
        {
            m = macd.Next(bars[i].Close);
            a = atr.Next(bars[i]);
            r = rsi.Next(bars[i].Close);
        }

        Assert.Equal(100 * m.Line / close, rows[t][MarketFeatures.MacdLine], 12);
        Assert.Equal(100 * m.Signal / close, rows[t][MarketFeatures.MacdSignal], 12);
        Assert.Equal(100 * a / close, rows[t][MarketFeatures.Atr14], 12);
        Assert.Equal(r, rows[t][MarketFeatures.Rsi14], 12);
    }

    [Fact]
    public void Streaming_equals_batch_exactly()
    {
        var bars = Series.FromReturns("X", Series.NoisyReturns(150, 9)).Bars.ToArray();
        var batch = MarketFeatures.Compute(bars);
        var stream = new FeatureStream();
        for (var t = 0; t < bars.Length; t++)
        {
            Assert.Equal(batch[t], stream.Next(bars[t]));
        }
    }

    [Fact]
    public void Scaler_uses_only_the_rows_it_was_fitted_on()
    {
        double[][] training = [[1, 10], [3, 10], [5, 10]];
        var scaler = FeatureScaler.Fit(training);
        Assert.Equal([3.0, 10.0], scaler.Means);
        Assert.Equal(2.0, scaler.StandardDeviations[0], 12); // √((4 + 0 + 4)/2)
        Assert.Equal(1.0, scaler.StandardDeviations[1]);    // constant column: only centred
        Assert.Equal([1.5, 5.0], scaler.Apply([6.0, 15.0]));
    }
}
