using RiskGrid.Core.Distributions;
using RiskGrid.Core.Models;
using RiskGrid.Models.Lstm;
using static TorchSharp.torch;

namespace RiskGrid.Models.Lstm.Tests;

public sealed class TailLossTests
{
    // Standard normal losses on a fine quantile grid: a deterministic stand-in for a large sample.
    private static readonly double[] Losses =
        [.. Enumerable.Range(0, 40_000).Select(i => StandardNormal.Quantile((i + 0.5) / 40_000))];

    [Theory]
    [InlineData(0.95)]
    [InlineData(0.99)]
    public void Pinball_and_fz0_are_smallest_at_the_true_var_and_es(double alpha)
    {
        var var = StandardNormal.Quantile(alpha);
        var es = StandardNormal.ExpectedShortfall(alpha);
        var pinballAtTruth = Losses.Average(l => TailLoss.Pinball(l, var, alpha));
        var fz0AtTruth = Losses.Average(l => TailLoss.Fz0(l, var, es, alpha));
        foreach (var factor in new[] { 0.9, 0.97, 1.03, 1.1 })
        {
            Assert.True(Losses.Average(l => TailLoss.Pinball(l, var * factor, alpha)) > pinballAtTruth);
            Assert.True(Losses.Average(l => TailLoss.Fz0(l, var * factor, es, alpha)) > fz0AtTruth, $"VaR × {factor}");
            Assert.True(Losses.Average(l => TailLoss.Fz0(l, var, es * factor, alpha)) > fz0AtTruth, $"ES × {factor}");
        }
    }

    [Fact]
    public void The_tensor_loss_is_the_mean_of_pinball_plus_fz0_over_observations_and_levels()
    {
        float[] losses = [-1.0f, 0.5f, 2.5f];
        double[] alphas = [0.95, 0.99];
        float[] var = [1.5f, 2.2f, 1.4f, 2.1f, 1.8f, 2.6f];
        float[] es = [2.0f, 2.9f, 1.9f, 2.5f, 2.4f, 3.1f];
        double expected = 0;
        for (var i = 0; i < 3; i++)
        {
            for (var k = 0; k < 2; k++)
            {
                expected += TailLoss.Pinball(losses[i], var[2 * i + k], alphas[k]) + TailLoss.Fz0(losses[i], var[2 * i + k], es[2 * i + k], alphas[k]);
            }
        }

        using var scope = NewDisposeScope();
        var joint = TailLoss.Joint(tensor(losses), tensor(var, [3, 2]), tensor(es, [3, 2]),
            tensor(alphas.Select(a => (float)a).ToArray()));
        Assert.Equal(expected / 6, joint.item<float>(), 5);
    }
}
