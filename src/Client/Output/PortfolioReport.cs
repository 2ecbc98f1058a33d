using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Portfolio;
using RiskGrid.Grains.Abstractions;

namespace RiskGrid.Client.Output;

/// <summary>
/// The portfolio of a benchmark run (<c>--weights</c>) by every route (<see cref="PortfolioMethods"/>), each route a
/// "model" of the one instrument <see cref="Instrument"/> in <see cref="Routes"/>, so its backtests, Key Results rows and
/// tick-loss comparison are the pairs' own (<see cref="BenchmarkReport.Build"/>).
/// </summary>
/// <param name="Model">The model whose forecasts of each member drive fhs, varcov and dcc.</param>
public sealed record PortfolioReport(IReadOnlyList<PortfolioWeight> Weights, string Model, BenchmarkReport Routes)
{
    /// <summary>The name the portfolio goes by in the routes' rows.</summary>
    public const string Instrument = "portfolio";

    public string Description => string.Join(", ", Weights.Select(w => $"{w.Instrument}={w.Weight.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"));

    /// <summary>The members' series, in weight order; throws <see cref="ArgumentException"/> for an instrument the data does not have.</summary>
    public static IReadOnlyList<PriceSeries> Members(IReadOnlyList<PriceSeries> universe, IReadOnlyList<PortfolioWeight> weights)
    {
        ArgumentNullException.ThrowIfNull(universe);
        ArgumentNullException.ThrowIfNull(weights);
        return [.. weights.Select(w => universe.FirstOrDefault(s => string.Equals(s.Instrument, w.Instrument, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"--weights: unknown instrument '{Cli.Options.OptionParsers.Printable(w.Instrument)}'; the data has " +
                                           string.Join(", ", universe.Take(20).Select(s => s.Instrument)) + (universe.Count > 20 ? ", …" : string.Empty)))];
    }

    /// <summary>Every route's rolling forecasts and backtests, driven by <paramref name="model"/>'s runs of the members.</summary>
    public static PortfolioReport Build(IReadOnlyList<PriceSeries> universe, IReadOnlyList<PairRun> runs,
        IReadOnlyList<PortfolioWeight> weights, string model, RollingOptions rolling)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(rolling);
        var members = Members(universe, weights);
        var memberRuns = members.Select(s => runs.FirstOrDefault(r => r.Instrument == s.Instrument && r.Model == model)).ToList();
        var options = new PortfolioOptions { Weights = [.. weights.Select(w => w.Weight)], Window = rolling.Window, Alphas = rolling.Alphas };
        var forecasts = PortfolioBacktest.Run(members, memberRuns, options, rolling.ReturnKind);
        IReadOnlyList<PairRun> routes = [.. PortfolioMethods.All.Select((m, i) =>
            new PairRun(Instrument, PortfolioMethods.Name(m), new PairState { Forecasts = [.. forecasts[i]] }, TimeSpan.Zero))];
        return new PortfolioReport(weights, model, BenchmarkReport.Build(routes, rolling.Alphas));
    }
}
