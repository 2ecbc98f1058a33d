using RiskGrid.Client.MarketData;
using RiskGrid.Core.Data;

namespace RiskGrid.Client.Cli;

/// <summary>Loads the benchmark's universe: the named files, a download (<c>--source</c>), or the built-in synthetic universe.</summary>
public static class DataSources
{
    /// <summary>The universe and, for a download, what each symbol's raw answers were.</summary>
    public static async Task<(IReadOnlyList<PriceSeries> Universe, IReadOnlyList<FetchedSeries> Fetched)> LoadAsync(
        BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.MarketData is not { } download)
        {
            return (Load(settings), []);
        }

        var fetched = await download.FetchAsync(cancellationToken);
        return ([.. fetched.Select(f => f.ToSeries())], fetched);
    }

    public static IReadOnlyList<PriceSeries> Load(BenchmarkSettings settings)
    {
        if (settings.DataFiles.Count == 0)
        {
            var options = new SyntheticUniverseOptions { Instruments = settings.SyntheticInstruments };
            if (settings.SyntheticDays is { } days)
            {
                options = options with { Days = days };
            }

            if (settings.SyntheticSeed is { } seed)
            {
                options = options with { Seed = seed };
            }

            return SyntheticUniverse.Generate(options);
        }

        var universe = new List<PriceSeries>();
        for (var i = 0; i < settings.DataFiles.Count; i++)
        {
            universe.AddRange(PriceFile.Load(settings.DataFiles[i], i < settings.DataNames.Count ? settings.DataNames[i].ToUpperInvariant() : null));
        }

        var duplicate = universe.GroupBy(s => s.Instrument, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DataValidationException(string.Join(", ", duplicate.Select(s => s.Source)), 0,
                $"instrument {duplicate.Key} appears in more than one data file");
        }

        return universe;
    }

    /// <summary>
    /// A Yahoo-format file (it has a Close or Adj Close column) gives one series; any other
    /// <c>Date,A,B,…</c> file is read as a wide file of closes.
    /// </summary>
    public static IReadOnlyList<PriceSeries> LoadFile(string path) => PriceFile.Load(path);
}
