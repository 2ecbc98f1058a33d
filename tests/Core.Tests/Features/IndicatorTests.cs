using RiskGrid.Core.Data;
using RiskGrid.Core.Features;

namespace RiskGrid.Core.Tests.Features;

/// <summary>Each indicator against values worked out by hand from its definition on a short series.</summary>
public sealed class IndicatorTests
{
    private const int Digits = 12;

    [Fact]
    public void Ema_is_seeded_with_the_simple_mean_then_smoothed()
    {
        var ema = ExponentialMovingAverage.Standard(3); // k = 2/4 = 0.5
        Assert.True(double.IsNaN(ema.Next(2)));
        Assert.True(double.IsNaN(ema.Next(4)));
        Assert.Equal(4.0, ema.Next(6), Digits);            // (2 + 4 + 6)/3
        Assert.Equal(4.0 + 0.5 * (10 - 4.0), ema.Next(10), Digits);
        var wilder = ExponentialMovingAverage.Wilder(4);
        Assert.Equal(0.25, wilder.Smoothing, Digits);
    }

    [Fact]
    public void Rsi_uses_wilder_averages_of_gains_and_losses()
    {
        // Closes 10, 11, 10.5, 11.5, 12, 11 → changes +1, −0.5, +1, +0.5, −1.
        var rsi = new RelativeStrengthIndex(3);
        var values = new[] { 10, 11, 10.5, 11.5, 12, 11 }.Select(rsi.Next).ToArray();
        Assert.All(values[..3], v => Assert.True(double.IsNaN(v)));
        // Seed: gain (1 + 0 + 1)/3 = 2/3, loss 0.5/3 = 1/6, RS = 4.
        Assert.Equal(100 - 100 / (1 + 4.0), values[3], Digits);
        // +0.5: gain (2/3·2 + 0.5)/3 = 11/18, loss (1/6·2)/3 = 1/9, RS = 5.5.
        Assert.Equal(100 - 100 / (1 + 5.5), values[4], Digits);
        // −1: gain (11/18·2)/3 = 11/27, loss (1/9·2 + 1)/3 = 11/27, RS = 1.
        Assert.Equal(50.0, values[5], Digits);
        Assert.Equal(3, rsi.WarmUp);
    }

    [Fact]
    public void Rsi_is_100_without_losses()
    {
        var rsi = new RelativeStrengthIndex(2);
        var values = new[] { 1.0, 2, 3, 4 }.Select(rsi.Next).ToArray();
        Assert.Equal(100.0, values[2], Digits);
        Assert.Equal(100.0, values[3], Digits);
    }

    [Fact]
    public void Macd_line_and_signal_match_hand_computed_emas()
    {
        // Closes 10, 12, 11, 13, 12, 15 with MACD(2, 3, 2): fast k = 2/3, slow k = 1/2, signal k = 2/3.
        var macd = new MovingAverageConvergenceDivergence(2, 3, 2);
        var values = new[] { 10.0, 12, 11, 13, 12, 15 }.Select(macd.Next).ToArray();

        const double k2 = 2.0 / 3;
        var fast2 = 11.0;                          // seed (10 + 12)/2 at index 1; 11 at index 2 stays 11
        var fast3 = fast2 + k2 * (13 - fast2);
        var fast4 = fast3 + k2 * (12 - fast3);
        var fast5 = fast4 + k2 * (15 - fast4);
        var slow2 = (10 + 12 + 11) / 3.0;          // 11
        var slow3 = slow2 + 0.5 * (13 - slow2);
        var slow4 = slow3 + 0.5 * (12 - slow3);
        var slow5 = slow4 + 0.5 * (15 - slow4);
        double[] line = [fast2 - slow2, fast3 - slow3, fast4 - slow4, fast5 - slow5];
        var signal3 = (line[0] + line[1]) / 2;
        var signal4 = signal3 + k2 * (line[2] - signal3);
        var signal5 = signal4 + k2 * (line[3] - signal4);

        Assert.True(double.IsNaN(values[1].Line));
        for (var i = 2; i < 6; i++)
        {
            Assert.Equal(line[i - 2], values[i].Line, Digits);
        }

        Assert.True(double.IsNaN(values[2].Signal));
        Assert.Equal(signal3, values[3].Signal, Digits);
        Assert.Equal(signal4, values[4].Signal, Digits);
        Assert.Equal(signal5, values[5].Signal, Digits);
        Assert.Equal(3, macd.WarmUp);
        Assert.Equal(33, new MovingAverageConvergenceDivergence().WarmUp);
    }

    [Fact]
    public void Bollinger_percent_b_uses_the_population_deviation()
    {
        var pb = new BollingerPercentB(3, 2);
        var values = new[] { 10.0, 12, 11, 14 }.Select(pb.Next).ToArray();
        Assert.True(double.IsNaN(values[1]));
        // 10, 12, 11: the close is the mean → the middle of the bands.
        Assert.Equal(0.5, values[2], Digits);
        // 12, 11, 14: mean 37/3, σ² = Σ(x − mean)²/3.
        var mean = 37.0 / 3;
        var sd = Math.Sqrt((Math.Pow(12 - mean, 2) + Math.Pow(11 - mean, 2) + Math.Pow(14 - mean, 2)) / 3);
        Assert.Equal((14 - (mean - 2 * sd)) / (4 * sd), values[3], Digits);
    }

    [Fact]
    public void Bollinger_percent_b_of_flat_prices_is_the_middle()
    {
        var pb = new BollingerPercentB(3, 2);
        Assert.Equal(0.5, new[] { 5.0, 5, 5 }.Select(pb.Next).ToArray()[^1], Digits);
    }

    [Fact]
    public void Atr_uses_the_true_range_with_gaps_and_wilder_smoothing()
    {
        var bars = new[]
        {
            Bar(0, 11, 9, 10),
            Bar(1, 12, 10, 11),     // TR = max(2, |12 − 10|, |10 − 10|) = 2
            Bar(2, 11.5, 10.5, 11), // TR = max(1, 0.5, 0.5) = 1
            Bar(3, 14, 11.5, 13),   // TR = max(2.5, |14 − 11| = 3, 0.5) = 3
            Bar(4, 13.5, 12, 12.5), // TR = max(1.5, 0.5, |12 − 13| = 1) = 1.5
            Bar(5, 11, 10, 10.5),   // gap down: TR = max(1, |11 − 12.5|, |10 − 12.5| = 2.5) = 2.5
        };
        var atr = new AverageTrueRange(3);
        var values = bars.Select(atr.Next).ToArray();
        Assert.All(values[..3], v => Assert.True(double.IsNaN(v)));
        Assert.Equal((2 + 1 + 3) / 3.0, values[3], Digits);
        Assert.Equal((2.0 * 2 + 1.5) / 3, values[4], Digits);
        Assert.Equal((5.5 / 3 * 2 + 2.5) / 3, values[5], Digits);
    }

    [Fact]
    public void Atr_of_closes_only_uses_the_close_to_close_move()
    {
        var closes = new[] { 10, 11, 11, 13, 12.5 };
        var atr = new AverageTrueRange(3);
        var values = closes.Select((c, i) => atr.Next(PriceBar.FromClose(new DateOnly(2020, 1, 1).AddDays(i), c))).ToArray();
        Assert.Equal((1 + 0 + 2) / 3.0, values[3], Digits);
        Assert.Equal((1.0 * 2 + 0.5) / 3, values[4], Digits);
    }

    [Fact]
    public void Realized_volatility_is_the_root_mean_square_of_the_last_returns()
    {
        var rv = new RealizedVolatility(3);
        var values = new[] { 1.0, -2, 2, 0.5 }.Select(rv.Next).ToArray();
        Assert.True(double.IsNaN(values[1]));
        Assert.Equal(Math.Sqrt((1 + 4 + 4) / 3.0), values[2], Digits);
        Assert.Equal(Math.Sqrt((4 + 4 + 0.25) / 3.0), values[3], Digits);
    }

    [Fact]
    public void Ewma_volatility_is_seeded_with_the_mean_square_then_decays()
    {
        var ewma = new EwmaVolatility(0.9, 2);
        var values = new[] { 1.0, -3, 2, -1 }.Select(ewma.Next).ToArray();
        Assert.True(double.IsNaN(values[0]));
        Assert.Equal(Math.Sqrt((1 + 9) / 2.0), values[1], Digits);
        Assert.Equal(Math.Sqrt(0.9 * 5 + 0.1 * 4), values[2], Digits);
        Assert.Equal(Math.Sqrt(0.9 * 4.9 + 0.1 * 1), values[3], Digits);
    }

    private static PriceBar Bar(int day, double high, double low, double close) =>
        new(new DateOnly(2020, 1, 1).AddDays(day), close, high, low, close);
}
