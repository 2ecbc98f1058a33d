using RiskGrid.Core.Models;
using RiskGrid.Core.Portfolio;
using RiskGrid.Grains;
using RiskGrid.Grains.State;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.State;

/// <summary>
/// Writes the golden files from the state types of this release (run with RISKGRID_WRITE_GOLDEN=1).
/// Kept only in the commit that wrote them: later releases read them, never rewrite them.
/// </summary>
public sealed class GoldenStateWriter
{
    [Fact]
    public void Write_the_golden_state_files_of_this_release()
    {
        if (Environment.GetEnvironmentVariable("RISKGRID_WRITE_GOLDEN") != "1")
        {
            return;
        }

        var serializer = GoldenStates.Serializer();
        Directory.CreateDirectory(GoldenStates.Folder);
        foreach (var model in new[] { "hs", "ewma", "garch-t" })
        {
            var series = TestSeries.Create("GOLD", GoldenStates.Days, seed: 90);
            var pair = new Core.Engine.RollingPair(ModelCatalog.Create(model), GoldenStates.Options, "GOLD");
            var state = new PairGrainState { Settings = CoreMapping.ToSettings(GoldenStates.Options), FitTicks = 12345 };
            foreach (var bar in series.Bars)
            {
                pair.Append(bar);
                state.Log.Add(bar.Date, bar.Close);
            }

            state = new PairGrainState { Settings = state.Settings, Pair = pair.State, Log = state.Log, FitTicks = state.FitTicks };
            File.WriteAllBytes(Path.Combine(GoldenStates.Folder, $"pair-{model}.v0.bin"), serializer.Serialize(state).ToArray());
        }

        var universe = new UniverseGrainState
        {
            Settings = CoreMapping.ToSettings(GoldenStates.Options),
            Models = ["hs", "ewma", "garch-t"],
            Instruments = ["GOLD", "GA", "GB"],
            Portfolios = ["book"],
            HasPrices = true,
        };
        File.WriteAllBytes(Path.Combine(GoldenStates.Folder, "universe.v0.bin"), serializer.Serialize(universe).ToArray());

        var portfolio = new RollingPortfolio(GoldenStates.PortfolioOptions);
        foreach (var row in GoldenStates.PortfolioRows())
        {
            portfolio.Append(row);
        }

        var portfolioState = new PortfolioGrainState
        {
            Definition = new RiskGrid.Grains.Abstractions.PortfolioDefinition("ewma",
                [new("GA", 0.6), new("GB", 0.4)], GoldenStates.Window, GoldenStates.Alphas, RiskGrid.Grains.Abstractions.ReturnCalculation.Simple),
            Members =
            [
                new MemberFeed { Instrument = "GA", PricesRead = 150, ForecastsRead = 90, NextMean = 0.01, NextVolatility = 1.2, LastJointClose = 101.5,
                    Pending = [new MemberDay(new DateOnly(2015, 8, 3), 101.7, 0.01, 1.2, 0.02, 1.3)] },
                new MemberFeed { Instrument = "GB", PricesRead = 149, ForecastsRead = 89, LastJointClose = 99.5 },
            ],
            Portfolio = portfolio.State,
        };
        File.WriteAllBytes(Path.Combine(GoldenStates.Folder, "portfolio.v0.bin"), serializer.Serialize(portfolioState).ToArray());
    }
}
