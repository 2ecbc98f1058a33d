using RiskGrid.Client.Cli.Options;

namespace RiskGrid.Client.MarketData;

/// <summary>What to download (<c>--source</c>, <c>--symbols</c>, <c>--from</c>, <c>--to</c>, …), resolved and checked;
/// <see cref="FetchAsync"/> downloads it.</summary>
public sealed record MarketDataSettings
{
    public required string Source { get; init; }

    public required IReadOnlyList<string> Symbols { get; init; }

    public required DateOnly From { get; init; }

    public required DateOnly To { get; init; }

    /// <summary>The source's base address, or null for its own.</summary>
    public string? SourceUrl { get; init; }

    public MissingValues Missing { get; init; } = MissingValues.Error;

    /// <summary>Not recorded.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Not recorded.</summary>
    public string CacheFolder { get; init; } = RawResponseCache.DefaultFolder();

    /// <summary>Not recorded.</summary>
    public bool Refresh { get; init; }

    /// <summary>The settings the options say, or null when no <c>--source</c> is given (and no <c>--symbols</c>);
    /// throws <see cref="ArgumentException"/> naming the option.</summary>
    public static MarketDataSettings? Resolve(OptionValues values, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var source = values.Get(RunOptions.Source);
        var symbols = values.Get(RunOptions.Symbols);
        if (source is null)
        {
            return symbols.Count > 0 || values.IsGiven(RunOptions.From) || values.IsGiven(RunOptions.To) || values.IsGiven(RunOptions.SourceUrl)
                ? throw new ArgumentException($"--symbols, --from, --to and --source-url need --source ({string.Join(", ", MarketDataSources.Names)})")
                : null;
        }

        if (symbols.Count == 0)
        {
            throw new ArgumentException($"--source {source} needs --symbols (e.g. --symbols JPM,^GSPC)");
        }

        var names = symbols.GroupBy(MarketDataSources.InstrumentName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (names is not null)
        {
            throw new ArgumentException($"--symbols: {string.Join(" and ", names.Select(OptionParsers.Printable))} would both be the instrument {names.Key}");
        }

        var to = values.Get(RunOptions.To) ?? today ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var from = values.Get(RunOptions.From) ?? to.AddYears(-10);
        if (from > to)
        {
            throw new ArgumentException($"--from {from:yyyy-MM-dd} is after --to {to:yyyy-MM-dd}");
        }

        return new MarketDataSettings
        {
            Source = source,
            Symbols = symbols,
            From = from,
            To = to,
            SourceUrl = values.Get(RunOptions.SourceUrl),
            Missing = values.Get(RunOptions.Missing) == "drop" ? MissingValues.Drop : MissingValues.Error,
            ApiKey = values.Get(RunOptions.ApiKey),
            CacheFolder = values.Get(RunOptions.Cache) ?? RawResponseCache.DefaultFolder(),
            Refresh = values.Get(RunOptions.Refresh),
        };
    }

    /// <summary>These settings as option values (what a run records; the unrecorded ones left out).</summary>
    public OptionValues ToValues(OptionValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        values = values.With(RunOptions.Source, Source).With(RunOptions.Symbols, Symbols)
            .With(RunOptions.From, From).With(RunOptions.To, To)
            .With(RunOptions.Missing, Missing == MissingValues.Drop ? "drop" : "error");
        return SourceUrl is null ? values : values.With(RunOptions.SourceUrl, SourceUrl);
    }

    /// <summary>Downloads every symbol (or reads it from the cache), in order.</summary>
    public async Task<IReadOnlyList<FetchedSeries>> FetchAsync(CancellationToken cancellationToken,
        Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        var source = MarketDataSources.Find(Source);
        using var client = new MarketDataClient(SourceUrl is { } url ? new Uri(url) : source.DefaultBaseUrl, new RawResponseCache(CacheFolder), Refresh, delay: delay);
        var fetched = new List<FetchedSeries>();
        foreach (var symbol in Symbols)
        {
            fetched.Add(await source.FetchAsync(client, new MarketDataRequest(symbol, From, To, Missing, ApiKey), cancellationToken));
        }

        return fetched;
    }
}
