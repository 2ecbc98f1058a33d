using RiskGrid.Core.Data;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grains.State;

namespace RiskGrid.Grains;

/// <summary>
/// The coordinator of a universe: a registry of instruments, models and portfolios, and the fan-out of
/// new prices. A push is checked as a whole against every instrument's accepted prices before anything
/// changes; then each instrument accepts its new prices (the one source of truth its pairs read) and every
/// model's pair takes them by a direct, awaited grain call, so a push returns once every pair has
/// re-forecast and persisted, and a failed push can simply be sent again (pairs skip what they have and
/// read what they missed from their instrument).
/// </summary>
public sealed class UniverseGrain(
    [PersistentState("universe", RiskGridStorage.Name)] IPersistentState<UniverseGrainState> state) : Grain, IUniverseGrain
{
    private readonly Dictionary<(string Instrument, string Model), IInstrumentModelGrain> _pairs = [];

    private string Name => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        if (s.Version < StateVersions.Universe && s.Settings is { } settings)
        {
            // Version 0: pairs and portfolios were keyed without the universe; take over their records.
            await Task.WhenAll(
                from instrument in s.Instruments
                from model in s.Models
                select Pair(instrument, model).AdoptLegacyAsync(settings));
            await Task.WhenAll(s.Portfolios.Select(p => Portfolio(p).AdoptLegacyAsync()));
        }

        if (s.Version < StateVersions.Universe)
        {
            s.Version = StateVersions.Universe;
            if (s.Settings is not null)
            {
                await state.WriteStateAsync();
            }
        }
    }

    public async Task<UniverseDefinition> ConfigureAsync(RollingSettings settings, string[] models)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(models);
        UniverseKey.CheckName(Name);
        models = CanonicalModels(settings, models);
        var s = state.State;
        if (s.Settings is { } current && !current.SameAs(settings) && s.HasPrices)
        {
            throw new RiskGridException(
                $"universe '{Name}' already has prices under settings ({current}); it cannot switch to ({settings})");
        }

        var added = models.Where(m => !s.Models.Contains(m, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (added.Length > 0 && s.HasPrices)
        {
            throw new RiskGridException(
                $"universe '{Name}' already has prices; models ({string.Join(", ", added)}) can only be added before the first prices arrive");
        }

        s.Settings = settings;
        s.Models.AddRange(added);
        await ConfigurePairs(s.Instruments, s.Models);
        await state.WriteStateAsync();
        return Definition();
    }

    public async Task<UniverseDefinition> AddInstrumentsAsync(string[] instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        RequireSettings();
        var s = state.State;

        foreach (var name in instruments)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Trim() != name)
            {
                throw new RiskGridException($"instrument name '{name}' is empty or has surrounding spaces");
            }
        }

        var added = instruments.Where(i => !s.Instruments.Contains(i, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToArray();
        if (added.Length == 0)
        {
            return Definition();
        }

        await ConfigurePairs(added, s.Models);
        s.Instruments.AddRange(added);
        await state.WriteStateAsync();
        return Definition();
    }

    public async Task<PushResult> PushPricesAsync(InstrumentPrices[] prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        RequireSettings();
        var s = state.State;

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in prices)
        {
            if (!s.Instruments.Contains(batch.Instrument, StringComparer.Ordinal))
            {
                throw new RiskGridException(
                    $"unknown instrument '{batch.Instrument}' in universe '{Name}'; registered: {Preview(s.Instruments)}");
            }

            if (!seen.Add(batch.Instrument))
            {
                throw new RiskGridException($"instrument '{batch.Instrument}' appears twice in one push; send its prices as one batch");
            }

            CheckIntrinsic(batch);
        }

        // Checked as a whole first (nothing changes anywhere if any price is refused), then accepted.
        var batches = prices.Where(b => b.Prices.Length > 0).ToArray();
        await Task.WhenAll(batches.Select(b => Instrument(b.Instrument).CheckAsync(b.Prices)));
        var accepted = await Task.WhenAll(batches.Select(b => Instrument(b.Instrument).AcceptAsync(b.Prices)));

        var calls = (from i in Enumerable.Range(0, batches.Length)
                     let batch = new PriceBatch(accepted[i].FirstIndex, accepted[i].Fresh)
                     from model in s.Models
                     select Pair(batches[i].Instrument, model).AppendPricesAsync(batch)).ToArray();
        var results = await Task.WhenAll(calls);

        long updates = 0;
        foreach (var r in results)
        {
            updates += r.Appended;
        }

        long skipped = accepted.Sum(a => (long)a.Known) * s.Models.Count;

        if (!s.HasPrices && results.Any(r => r.LastDate is not null))
        {
            s.HasPrices = true;
            await state.WriteStateAsync();
        }

        // Continuous recalculation: each portfolio pulls what its members just gained.
        await Task.WhenAll(s.Portfolios.Select(p => Portfolio(p).RefreshAsync()));

        DateOnly? newest = prices.Where(p => p.Prices.Length > 0).Select(p => (DateOnly?)p.Prices[^1].Date).Max();
        return new PushResult(prices.Length, results.Length, updates, skipped, newest);
    }

    public async Task<PortfolioStatus> AddPortfolioAsync(string name, PortfolioWeight[] weights, string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(weights);
        var settings = RequireSettings();
        var s = state.State;

        var canonical = s.Models.FirstOrDefault(m => string.Equals(m, model, StringComparison.OrdinalIgnoreCase))
            ?? throw new RiskGridException($"portfolio '{name}': model '{model}' is not in universe '{Name}' ({string.Join(", ", s.Models)})");
        foreach (var w in weights)
        {
            if (!s.Instruments.Contains(w.Instrument, StringComparer.Ordinal))
            {
                throw new RiskGridException(
                    $"portfolio '{name}': unknown instrument '{w.Instrument}' in universe '{Name}'; registered: {Preview(s.Instruments)}");
            }
        }

        var definition = new PortfolioDefinition(canonical, weights, settings.Window, settings.Alphas, settings.Returns);
        UniverseKey.CheckName(Name);
        var portfolio = Portfolio(name);
        await portfolio.ConfigureAsync(definition);
        if (!s.Portfolios.Contains(name, StringComparer.Ordinal))
        {
            s.Portfolios.Add(name);
            await state.WriteStateAsync();
        }

        return await portfolio.RefreshAsync();
    }

    public Task<UniverseDefinition> GetDefinitionAsync() => Task.FromResult(Definition());

    public async Task<UniverseSummary> GetSummaryAsync()
    {
        var s = state.State;
        var pairs = await Task.WhenAll(
            from instrument in s.Instruments
            from model in s.Models
            select Pair(instrument, model).GetSummaryAsync());

        var models = s.Models.Select(model =>
        {
            var mine = pairs.Where(p => string.Equals(p.Model, model, StringComparison.OrdinalIgnoreCase)).ToArray();
            var levels = (s.Settings?.Alphas ?? []).Select((alpha, k) =>
            {
                long obs = 0, exc = 0;
                int green = 0, yellow = 0, red = 0;
                foreach (var p in mine)
                {
                    var b = p.Backtests[k];
                    obs += b.Observations;
                    exc += b.Exceptions;
                    if (b.Observations == 0)
                    {
                        continue;
                    }

                    switch (b.TrafficLight.Zone)
                    {
                        case BaselZone.Green: green++; break;
                        case BaselZone.Yellow: yellow++; break;
                        default: red++; break;
                    }
                }

                return new LevelSummary(alpha, obs, exc, obs > 0 ? (double)exc / obs : double.NaN, 1 - alpha, green, yellow, red);
            }).ToArray();
            return new ModelSummary(model, mine.Length, mine.Sum(p => (long)p.Forecasts), mine.Sum(p => (long)p.FitFailures), levels);
        }).ToArray();

        // Progress from the pairs themselves (an instrument is as far as its furthest pair).
        var instruments = pairs.GroupBy(p => p.Instrument, StringComparer.Ordinal)
            .Select(g => (Prices: g.Max(p => p.BarsSeen), LastDate: g.Max(p => p.LastDate))).ToArray();
        DateOnly? latest = instruments.Max(i => i.LastDate);
        DateOnly? earliest = instruments.Length == s.Instruments.Count && instruments.All(i => i.LastDate is not null)
            ? instruments.Min(i => i.LastDate)
            : null;
        var behind = latest is null ? 0 : s.Instruments.Count - instruments.Count(i => i.LastDate == latest);
        var progress = new UniverseProgress(instruments.Sum(i => (long)i.Prices), pairs.Sum(p => (long)p.BarsSeen), earliest, latest, behind);
        return new UniverseSummary(Definition(), progress, models);
    }

    public async Task ResetAsync()
    {
        var s = state.State;
        await Task.WhenAll(
            from instrument in s.Instruments
            from model in s.Models
            select Pair(instrument, model).ResetAsync());
        await Task.WhenAll(s.Instruments.Select(i => Instrument(i).ResetAsync()));
        await Task.WhenAll(s.Portfolios.Select(p => Portfolio(p).ResetAsync()));
        await state.ClearStateAsync();
        state.State = new UniverseGrainState { Version = StateVersions.Universe };
    }

    private async Task ConfigurePairs(IEnumerable<string> instruments, IEnumerable<string> models)
    {
        var settings = state.State.Settings!;
        await Task.WhenAll(
            from instrument in instruments
            from model in models
            select Pair(instrument, model).ConfigureAsync(settings));
    }

    // References are built once per activation: a push of thousands of pairs otherwise spends a noticeable share
    // of its time formatting keys and resolving the grain interface's type.
    private IInstrumentModelGrain Pair(string instrument, string model)
    {
        if (!_pairs.TryGetValue((instrument, model), out var pair))
        {
            pair = GrainFactory.GetGrain<IInstrumentModelGrain>(PairKey.Of(Name, instrument, model));
            _pairs[(instrument, model)] = pair;
        }

        return pair;
    }

    private IInstrumentPricesGrain Instrument(string instrument) =>
        GrainFactory.GetGrain<IInstrumentPricesGrain>(UniverseKey.Of(Name, instrument));

    private IPortfolioGrain Portfolio(string name) => GrainFactory.GetGrain<IPortfolioGrain>(UniverseKey.Of(Name, name));

    /// <summary>The universe's settings; throws while it is not configured (no settings and models yet).</summary>
    private RollingSettings RequireSettings() =>
        state.State.Settings ?? throw new RiskGridException($"universe '{Name}' is not configured: set its settings and models first");

    private UniverseDefinition Definition()
    {
        var s = state.State;
        return new UniverseDefinition(Name, s.Settings, [.. s.Models], [.. s.Instruments], [.. s.Portfolios]);
    }

    // Checks the settings against every model and returns the models' catalogue names (the pair keys use them).
    private static string[] CanonicalModels(RollingSettings settings, string[] models)
    {
        if (models.Length == 0)
        {
            throw new RiskGridException("a universe needs at least one model");
        }

        try
        {
            return [.. ModelCatalog.Check(models, settings.ToOptions(), settings.ToModelSettings())];
        }
        catch (ArgumentException ex)
        {
            throw new RiskGridException(ex.Message);
        }
    }

    // Problems a price has by itself are refused before any pair is touched, so a bad push changes nothing anywhere.
    private static void CheckIntrinsic(InstrumentPrices batch)
    {
        for (var i = 0; i < batch.Prices.Length; i++)
        {
            var p = batch.Prices[i];
            try
            {
                PriceValidation.CheckPrice(batch.Instrument, 0, "close", p.Close);
                if (i > 0)
                {
                    PriceValidation.CheckOrder(batch.Instrument, 0, batch.Prices[i - 1].Date, p.Date);
                }
            }
            catch (DataValidationException ex)
            {
                throw new PriceRejectedException(batch.Instrument, p.Date, ex.Problem);
            }
        }
    }

    private static string Preview(List<string> names) =>
        names.Count == 0 ? "none" : names.Count <= 10 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(10))}, … ({names.Count} in all)";
}
