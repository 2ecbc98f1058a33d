using MathNet.Numerics.Distributions;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Distributions;
using RiskGrid.Core.Engine;

namespace RiskGrid.Core.Tests.Backtesting;

public sealed class ModelComparisonTests
{
    [Fact]
    public void Models_are_compared_on_the_days_all_of_them_forecast()
    {
        // A forecasts days 0–3; B too, but had no usable fit on day 1; C only days 2–3.
        IReadOnlyList<ForecastRecord> a =
        [
            ForecastRecords.Realised(0, -3.0, 2.0, 2.5), ForecastRecords.Realised(1, 1.0, 2.0, 2.5),
            ForecastRecords.Realised(2, -1.0, 2.0, 2.5), ForecastRecords.Realised(3, 0.5, 2.0, 2.5),
            ForecastRecords.Pending(4, 2.0, 2.5),
        ];
        IReadOnlyList<ForecastRecord> b =
        [
            ForecastRecords.Realised(0, -3.0, 1.0, 1.5), ForecastRecords.Missing(1, 1.0),
            ForecastRecords.Realised(2, -1.0, 1.0, 1.5), ForecastRecords.Realised(3, 0.5, 1.0, 1.5),
        ];
        IReadOnlyList<ForecastRecord> c =
        [
            ForecastRecords.Realised(2, -1.0, 3.0, 3.5), ForecastRecords.Realised(3, 0.5, 3.0, 3.5),
        ];

        var comparison = ModelComparison.Compare([("A", a), ("B", b), ("C", c)], level: 0, alpha: 0.99);

        // Common days: 2 and 3 (losses 1.0 and −0.5).
        Assert.Equal(2, comparison.Days);
        double Average(double v) => (QuantileLoss.Of(1.0, v, 0.99) + QuantileLoss.Of(-0.5, v, 0.99)) / 2;
        Assert.Equal(Average(2.0), comparison.Ranking.Single(s => s.Model == "A").AverageLoss, 12);
        Assert.Equal(Average(1.0), comparison.Ranking.Single(s => s.Model == "B").AverageLoss, 12);
        Assert.Equal(Average(3.0), comparison.Ranking.Single(s => s.Model == "C").AverageLoss, 12);

        // Lowest loss first: B (0.01·(0 + 1.5) = 0.0075), A (0.01·(1 + 2.5)/2), C.
        Assert.Equal(["B", "A", "C"], comparison.Ranking.Select(s => s.Model));
        Assert.Equal([1, 2, 3], comparison.Ranking.Select(s => s.Rank));

        // Pairs in input order, d = loss(first) − loss(second).
        Assert.Equal([("A", "B"), ("A", "C"), ("B", "C")], comparison.Pairs.Select(p => (p.First, p.Second)));
        Assert.Equal(Average(2.0) - Average(1.0), comparison.Pairs[0].MeanLossDifference, 12);
    }

    [Fact]
    public void Ties_keep_the_input_order()
    {
        IReadOnlyList<ForecastRecord> same = [ForecastRecords.Realised(0, -1.0, 2.0, 2.5), ForecastRecords.Realised(1, -2.5, 2.0, 2.5)];
        var comparison = ModelComparison.Compare([("Z", same), ("A", same)], 0, 0.95);
        Assert.Equal(["Z", "A"], comparison.Ranking.Select(s => s.Model));
        Assert.Equal(new HypothesisTest(0, 1, 0), comparison.Pairs.Single().DieboldMariano);
    }

    [Fact]
    public void The_true_volatility_model_ranks_first_and_beats_a_constant_one()
    {
        // Losses with volatility 1 + 0.6 sin(t/30): the model that knows σ_t against one using the
        // average σ and one with σ 30% too low.
        const int days = 3000;
        const double alpha = 0.99;
        var z = StandardNormal.Quantile(alpha);
        var rng = new Random(42);
        var truth = new List<ForecastRecord>();
        var constant = new List<ForecastRecord>();
        var low = new List<ForecastRecord>();
        for (var t = 0; t < days; t++)
        {
            var sigma = 1 + 0.6 * Math.Sin(t / 30.0);
            var r = sigma * Normal.Sample(rng, 0, 1);
            truth.Add(ForecastRecords.Realised(t, r, sigma * z, sigma * z * 1.15));
            constant.Add(ForecastRecords.Realised(t, r, z * 1.0, z * 1.15));
            low.Add(ForecastRecords.Realised(t, r, 0.7 * sigma * z, 0.7 * sigma * z * 1.15));
        }

        var comparison = ModelComparison.Compare([("constant", constant), ("low", low), ("truth", truth)], 0, alpha);
        Assert.Equal("truth", comparison.Ranking[0].Model);
        Assert.Equal(days, comparison.Days);
        Assert.Equal(DieboldMarianoTest.DefaultLags(days), comparison.Pairs[0].Lags);

        var constantVsTruth = comparison.Pairs.Single(p => p is { First: "constant", Second: "truth" });
        Assert.True(constantVsTruth.MeanLossDifference > 0);
        Assert.True(constantVsTruth.DieboldMariano.Statistic > 0 && constantVsTruth.DieboldMariano.Rejects(0.05));

        var lowVsTruth = comparison.Pairs.Single(p => p is { First: "low", Second: "truth" });
        Assert.True(lowVsTruth.DieboldMariano.Rejects(0.05));
    }

    [Fact]
    public void Misuse_throws_with_a_clear_message()
    {
        IReadOnlyList<ForecastRecord> twice = [ForecastRecords.Realised(0, -1.0, 2.0, 2.5), ForecastRecords.Realised(0, -1.0, 2.0, 2.5)];
        var duplicate = Assert.Throws<ArgumentException>(() => ModelComparison.Compare([("A", twice)], 0, 0.99));
        Assert.Contains("two forecasts for 2021-01-02", duplicate.Message);

        IReadOnlyList<ForecastRecord> one = [ForecastRecords.Realised(0, -1.0, 2.0, 2.5)];
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelComparison.Compare([("A", one)], 1, 0.99));

        var runs = new[]
        {
            new PairRun("SPX", "hs", new PairState(), TimeSpan.Zero),
            new PairRun("NDX", "hs", new PairState(), TimeSpan.Zero),
        };
        Assert.Throws<ArgumentException>(() => ModelComparison.Compare(runs, 0, 0.99));
    }

    [Fact]
    public void No_common_days_gives_undefined_losses()
    {
        IReadOnlyList<ForecastRecord> early = [ForecastRecords.Realised(0, -1.0, 2.0, 2.5)];
        IReadOnlyList<ForecastRecord> late = [ForecastRecords.Realised(5, -1.0, 2.0, 2.5)];
        var comparison = ModelComparison.Compare([("early", early), ("late", late)], 0, 0.99);
        Assert.Equal(0, comparison.Days);
        Assert.All(comparison.Ranking, s => Assert.True(double.IsNaN(s.AverageLoss)));
        Assert.True(double.IsNaN(comparison.Pairs.Single().DieboldMariano.PValue));
    }
}
