using RiskGrid.Core.Data;
using RiskGrid.Core.Distributions;
using RiskGrid.Core.Models;
using RiskGrid.Core.Tests.TestSupport;
using RiskGrid.Models.Lstm;
using Xunit.Abstractions;

namespace RiskGrid.Models.Lstm.Tests;

public sealed class LstmAccuracyTests(ITestOutputHelper output)
{
    // Trained once on 1,500 GARCH(1,1) returns and scored on the next 1,000 against the true
    // conditional quantile σ_t·z_α; a few seconds on one CPU thread.
    [Fact]
    public void Learns_garch_quantiles_close_to_the_true_conditional_quantile()
    {
        const int window = 1500;
        const int heldOut = 1000;
        var model = new LstmRiskModel(new ModelSettings { LstmDevice = LstmDevice.Cpu });
        var padding = model.HistoryPadding;
        var (returns, vol) = new GarchSimulator(0.05, 0.10, 0.85).Simulate(padding + window + heldOut, seed: 7);
        var bars = Series.FromReturns("GARCH", returns).Bars.ToArray();

        // returns[i] runs from bars[i] to bars[i + 1]: fit on returns padding .. padding + window − 1.
        var fit = model.Fit(new ModelWindow(returns[padding..(padding + window)], bars[..(padding + window + 1)]), null);
        output.WriteLine($"{fit.Status}: {fit.Message}");
        Assert.True(fit.IsUsable, fit.Message);

        double[] levels = [0.95, 0.975, 0.99];
        var modelLoss = new double[levels.Length];
        var trueLoss = new double[levels.Length];
        var exceptions95 = 0;
        var trueExceptions95 = 0;
        for (var d = padding + window; d < padding + window + heldOut; d++)
        {
            var w = new ModelWindow(returns[(d - window)..d], bars[(d - window - padding)..(d + 1)]);
            var forecast = model.Forecast(w, fit, levels);
            var loss = -returns[d];
            for (var k = 0; k < levels.Length; k++)
            {
                modelLoss[k] += Pinball(loss, forecast[k].VaR, levels[k]);
                trueLoss[k] += Pinball(loss, vol[d] * StandardNormal.Quantile(levels[k]), levels[k]);
            }

            if (loss > forecast[0].VaR)
            {
                exceptions95++;
            }

            if (loss > vol[d] * StandardNormal.Quantile(0.95))
            {
                trueExceptions95++;
            }
        }

        var rate = exceptions95 / (double)heldOut;
        for (var k = 0; k < levels.Length; k++)
        {
            output.WriteLine($"level {levels[k]}: pinball ratio model/true = {modelLoss[k] / trueLoss[k]:F4}");
        }

        output.WriteLine($"95% exception rate {rate:P2} (true quantile: {trueExceptions95 / (double)heldOut:P2})");
        var averageRatio = modelLoss.Sum() / trueLoss.Sum();
        output.WriteLine($"average pinball ratio {averageRatio:F4}");
        Assert.InRange(averageRatio, 0, 1.10);
        Assert.InRange(modelLoss[0] / trueLoss[0], 0, 1.10);
        Assert.InRange(rate, 0.03, 0.07);
    }

    private static double Pinball(double loss, double var, double alpha)
    {
        var u = loss - var;
        return u >= 0 ? alpha * u : (alpha - 1) * u;
    }
}
