using RiskGrid.Core.Models;

namespace RiskGrid.Grid.Tests.TestSupport;

/// <summary>The models grid tests run: every model the benchmark runs by default (none that trains a network).</summary>
public static class TestModels
{
    public static IReadOnlyList<string> All => ModelCatalog.DefaultNames;

    public static IEnumerable<object[]> Each => All.Select(m => new object[] { m });

    /// <summary>A window every model accepts.</summary>
    public static int Window(int wanted) =>
        Math.Max(wanted, All.Max(m => ModelCatalog.Create(m).MinimumObservations));
}
