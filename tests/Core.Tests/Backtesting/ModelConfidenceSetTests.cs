using MathNet.Numerics.Distributions;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Distributions;
using RiskGrid.Core.Engine;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>The Model Confidence Set: elimination order and p-values, determinism, its size under equal losses, and from a comparison.</summary>
public sealed class ModelConfidenceSetTests
{
    // AR(1)-dependent losses (the reason for the block bootstrap) with mean shift `worse`.
    private static double[] Losses(int days, double worse, Random rng, double[] common)
    {
        var x = new double[days];
        var e = 0.0;
        for (var t = 0; t < days; t++)
        {
            e = 0.2 * e + Normal.Sample(rng, 0, 1);
            x[t] = 1 + worse + common[t] + 0.5 * e;
        }

        return x;
    }

    [Fact]
    public void A_clearly_worse_model_leaves_first_and_the_best_gets_p_1()
    {
        var rng = new Random(1);
        var common = Enumerable.Range(0, 1000).Select(_ => Normal.Sample(rng, 0, 1)).ToArray();
        (string, double[])[] models =
        [
            ("good", Losses(1000, 0, rng, common)),
            ("much-worse", Losses(1000, 0.5, rng, common)),
            ("slightly-worse", Losses(1000, 0.02, rng, common)),
        ];
        var mcs = ModelConfidenceSet.Compute(models, replications: 500);
        Assert.Equal("much-worse", mcs.Eliminated[0]);
        Assert.True(mcs.PValueOf("much-worse") < 0.01);
        Assert.Equal(31, mcs.BlockLength);
        Assert.Equal(1.0, mcs.PValues.Max());
        Assert.DoesNotContain("much-worse", mcs.At(0.10));
        Assert.Contains("good", mcs.At(0.25));
        // p-values never fall along the elimination order.
        var ordered = mcs.Eliminated.Select(mcs.PValueOf).ToArray();
        Assert.Equal(ordered.Order(), ordered);

        // Seeded: the same losses give the same set bit for bit.
        Assert.Equal(mcs.PValues, ModelConfidenceSet.Compute(models, replications: 500).PValues);
        Assert.Throws<ArgumentException>(() => ModelConfidenceSet.Compute([("a", new double[3]), ("b", new double[4])]));
        Assert.Throws<KeyNotFoundException>(() => mcs.PValueOf("nope"));
    }

    [Fact]
    public void Under_equal_expected_losses_the_best_is_left_out_at_10_percent_about_as_often_as_the_size_says()
    {
        // 100 samples of three models with equal expected loss: the first elimination's p-value is the
        // test of "all equal"; it falls below 10% in about 10 of them (binomial 99.9% band 2–21). A short
        // mean block (5) for weakly dependent losses: with arch's default ⌊√T⌋ = 20 on 400 days the
        // bootstrap variance is noisy and the test rejects ~20% (the same in a numpy version of arch's algorithm).
        var below = 0;
        for (var i = 0; i < 100; i++)
        {
            var rng = new Random(100 + i);
            var common = Enumerable.Range(0, 400).Select(_ => Normal.Sample(rng, 0, 1)).ToArray();
            var mcs = ModelConfidenceSet.Compute([("a", Losses(400, 0, rng, common)), ("b", Losses(400, 0, rng, common)), ("c", Losses(400, 0, rng, common))],
                blockLength: 5, replications: 200, seed: (ulong)i);
            below += mcs.PValueOf(mcs.Eliminated[0]) <= 0.10 ? 1 : 0;
        }

        Assert.InRange(below, 2, 21);
    }

    [Fact]
    public void A_comparison_gives_the_set_on_its_own_losses_for_both_losses()
    {
        const int days = 2000;
        const double alpha = 0.975;
        var (q, es) = (StandardNormal.Quantile(alpha), StandardNormal.ExpectedShortfall(alpha));
        var rng = new Random(5);
        var truth = new List<ForecastRecord>();
        var low = new List<ForecastRecord>();
        for (var t = 0; t < days; t++)
        {
            var sigma = 1 + 0.5 * Math.Sin(t / 40.0);
            var r = sigma * Normal.Sample(rng, 0, 1);
            truth.Add(ForecastRecords.Realised(t, r, sigma * q, sigma * es));
            low.Add(ForecastRecords.Realised(t, r, 0.7 * sigma * q, 0.7 * sigma * es));
        }

        foreach (var loss in new[] { ComparisonLoss.Quantile, ComparisonLoss.Fz0 })
        {
            var comparison = ModelComparison.Compare([("low", low), ("truth", truth)], 0, alpha, loss: loss, confidenceSet: true);
            var mcs = comparison.ConfidenceSet!;
            Assert.Equal(["low", "truth"], mcs.Models);
            Assert.Equal("low", mcs.Eliminated[0]);
            Assert.True(mcs.Includes("truth", 0.25) && !mcs.Includes("low", 0.10), $"{loss}: p(low) = {mcs.PValueOf("low")}");
        }

        Assert.Null(ModelComparison.Compare([("low", low), ("truth", truth)], 0, alpha).ConfidenceSet);
    }
}
