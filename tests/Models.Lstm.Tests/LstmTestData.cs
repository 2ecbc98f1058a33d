using RiskGrid.Core.Data;
using RiskGrid.Core.Models;
using RiskGrid.Core.Tests.TestSupport;
using RiskGrid.Models.Lstm;

namespace RiskGrid.Models.Lstm.Tests;

/// <summary>GARCH(1,1) bars with room for the model's history padding before the first window.</summary>
internal sealed record LstmTestData(LstmRiskModel Model, double[] Returns, PriceBar[] Bars, int Window)
{
    /// <summary>The first bar that can end a full window (with padding).</summary>
    public int FirstOrigin => Model.HistoryPadding + Window;

    /// <summary>Enough returns for windows ending at <see cref="FirstOrigin"/> to <see cref="FirstOrigin"/> + <paramref name="extra"/>.</summary>
    public static LstmTestData Make(ModelSettings settings, int window, int extra = 0, int seed = 3)
    {
        var model = new LstmRiskModel(settings);
        var (returns, _) = new GarchSimulator(0.05, 0.10, 0.85).Simulate(model.HistoryPadding + window + extra + 1, seed);
        return new LstmTestData(model, returns, Series.FromReturns("G", returns).Bars.ToArray(), window);
    }

    /// <summary>The window whose last bar is <paramref name="origin"/>; returns[i] runs from bar i to i + 1.</summary>
    public ModelWindow WindowAt(int origin) =>
        new(Returns[(origin - Window)..origin], Bars[(origin - Window - Model.HistoryPadding)..(origin + 1)]);
}
