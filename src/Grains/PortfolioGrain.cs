using RiskGrid.Core.Backtesting;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grains.Metrics;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Core.Portfolio;
using RiskGrid.Grains.Abstractions;
using Orleans.Storage;
using Microsoft.Extensions.DependencyInjection;
using RiskGrid.Grains.State;

namespace RiskGrid.Grains;

/// <summary>
/// A weighted portfolio of a universe (keyed <c>"{universe}/{name}"</c>) under one model. It reads each member pair's new prices and forecasts
/// (one consistent snapshot per pair), waits until every member has a day, and rolls a Core
/// <see cref="RollingPortfolio"/> forward over the joint days: P&amp;L, VaR/ES by historical,
/// filtered historical and variance–covariance methods, and their backtests.
/// </summary>
public sealed class PortfolioGrain(
    [PersistentState("portfolio", RiskGridStorage.Name)] IPersistentState<PortfolioGrainState> state,
    [FromKeyedServices(RiskGridStorage.Name)] IGrainStorage storage,
    RiskGridMetrics metrics) : Grain, IPortfolioGrain
{
    private RollingPortfolio? _portfolio;
    private BacktestSummary[][]? _backtests;

    private string Name => this.GetPrimaryKeyString();

    private string Universe => UniverseKey.Parse(Name).Universe;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Definition is { } definition)
        {
            _portfolio = Create(definition, state.State.Portfolio);
        }

        // Version 0 differs only in its key (see AdoptLegacyAsync): the record itself loads as it is.
        state.State.Version = StateVersions.Portfolio;
        return Task.CompletedTask;
    }

    public async Task<bool> AdoptLegacyAsync()
    {
        if (state.State.Definition is not null)
        {
            return false;
        }

        var legacy = new GrainState<PortfolioGrainState>();
        await storage.ReadStateAsync("portfolio", GrainId.Create(this.GetGrainId().Type, UniverseKey.Parse(Name).Name), legacy);
        if (!legacy.RecordExists || legacy.State?.Definition is not { } definition || legacy.State.Version != 0)
        {
            return false;
        }

        state.State = legacy.State;
        state.State.Version = StateVersions.Portfolio;
        await state.WriteStateAsync();
        _portfolio = Create(definition, state.State.Portfolio);
        _backtests = null;
        return true;
    }

    public async Task<PortfolioStatus> ConfigureAsync(PortfolioDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (state.State.Definition is { } current)
        {
            if (Same(current, definition))
            {
                return Status();
            }

            if (state.State.Members.Any(m => m.PricesRead > 0))
            {
                throw new RiskGridException($"portfolio '{Name}' already has data under another definition; it cannot be redefined");
            }
        }

        var duplicate = definition.Weights.GroupBy(w => w.Instrument, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new RiskGridException($"portfolio '{Name}': instrument '{duplicate.Key}' is listed twice");
        }

        var portfolio = Create(definition, new PortfolioState());
        state.State = new PortfolioGrainState
        {
            Definition = definition,
            Members = [.. definition.Weights.Select(w => new MemberFeed { Instrument = w.Instrument })],
            Portfolio = portfolio.State,
            Version = StateVersions.Portfolio,
        };
        _portfolio = portfolio;
        _backtests = null;
        await state.WriteStateAsync();
        return Status();
    }

    public async Task<PortfolioStatus> RefreshAsync()
    {
        var portfolio = Require();
        var definition = state.State.Definition!;
        var members = state.State.Members;
        var updates = await Task.WhenAll(members.Select(m =>
            GrainFactory.GetGrain<IInstrumentModelGrain>(PairKey.Of(Universe, m.Instrument, definition.Model))
                .GetUpdatesAsync(m.PricesRead, m.ForecastsRead)));

        var changed = false;
        for (var i = 0; i < members.Count; i++)
        {
            changed |= Read(members[i], updates[i]);
        }

        while (members.All(m => m.Pending.Count > 0))
        {
            var day = members.Max(m => m.Pending[0].Date);
            if (members.Any(m => m.Pending[0].Date < day))
            {
                // Not a day every member traded: drop it; the next joint return spans it.
                foreach (var m in members.Where(m => m.Pending[0].Date < day))
                {
                    m.Pending.RemoveAt(0);
                }

                continue;
            }

            var heads = members.Select(m => m.Pending[0]).ToArray();
            foreach (var m in members)
            {
                m.Pending.RemoveAt(0);
            }

            if (double.IsNaN(members[0].LastJointClose))
            {
                // The first joint day is the base of the first joint return.
                for (var i = 0; i < members.Count; i++)
                {
                    members[i].LastJointClose = heads[i].Close;
                }

                continue;
            }

            var kind = definition.Returns.ToCore();
            var returns = new double[members.Count];
            for (var i = 0; i < members.Count; i++)
            {
                returns[i] = Returns.Percent(members[i].LastJointClose, heads[i].Close, kind);
                members[i].LastJointClose = heads[i].Close;
            }

            portfolio.Append(new JointObservation(day, returns,
                [.. heads.Select(h => h.Mean)], [.. heads.Select(h => h.Volatility)],
                [.. heads.Select(h => h.NextMean)], [.. heads.Select(h => h.NextVolatility)]));
        }

        if (changed)
        {
            _backtests = null;
            await state.WriteStateAsync();
        }

        var status = Status();
        if (changed)
        {
            Publish();
        }

        return status;
    }

    // Every route's latest VaR/ES and backtests as metrics (Status has just computed the backtests).
    private void Publish()
    {
        if (_portfolio is not { } portfolio || state.State.Definition is not { } definition || _backtests is null)
        {
            return;
        }

        foreach (var method in PortfolioMethods.All)
        {
            var forecasts = portfolio.State.ForecastsOf(method);
            metrics.PublishPortfolio(Name, PortfolioMethods.Name(method), definition.Alphas, forecasts.Count > 0 ? forecasts[^1] : null,
                _backtests[(int)method]);
        }
    }

    public Task<PortfolioStatus> GetStatusAsync() => RefreshAsync();

    public Task<ForecastPage> GetForecastsAsync(string method, int start, int count)
    {
        var portfolio = Require();
        PortfolioMethod m;
        try
        {
            m = PortfolioMethods.Parse(method);
        }
        catch (ArgumentException ex)
        {
            throw new RiskGridException($"portfolio '{Name}': {ex.Message}");
        }

        if (start < 0 || count < 0)
        {
            throw new RiskGridException($"page start and count must not be negative, got {start} and {count}");
        }

        var list = portfolio.State.ForecastsOf(m);
        var from = Math.Min(start, list.Count);
        var take = (int)Math.Min(count, (long)list.Count - from);
        return Task.FromResult(new ForecastPage(from, list.Count, [.. list.Skip(from).Take(take).Select(f => f.ToMessage())]));
    }

    public async Task ResetAsync()
    {
        await state.ClearStateAsync();
        state.State = new PortfolioGrainState { Version = StateVersions.Portfolio };
        _portfolio = null;
        _backtests = null;
    }

    // Turns a member's new log prices into pending days, with its model's forecasts for each day and the next.
    private static bool Read(MemberFeed feed, PairUpdates updates)
    {
        var byOrigin = new Dictionary<DateOnly, ForecastEntry>();
        foreach (var f in updates.Forecasts)
        {
            byOrigin[f.OriginDate] = f;
        }

        foreach (var price in updates.Prices)
        {
            var next = byOrigin.GetValueOrDefault(price.Date);
            feed.Pending.Add(new MemberDay(price.Date, price.Close, feed.NextMean, feed.NextVolatility,
                next?.Mean ?? double.NaN, next?.Volatility ?? double.NaN));
            feed.NextMean = next?.Mean ?? double.NaN;
            feed.NextVolatility = next?.Volatility ?? double.NaN;
        }

        feed.PricesRead += updates.Prices.Length;
        feed.ForecastsRead += updates.Forecasts.Length;
        return updates.Prices.Length > 0 || updates.Forecasts.Length > 0;
    }

    private RollingPortfolio Create(PortfolioDefinition definition, PortfolioState portfolioState)
    {
        try
        {
            ModelCatalog.Create(definition.Model);
            var options = new PortfolioOptions
            {
                Weights = [.. definition.Weights.Select(w => w.Weight)],
                Window = definition.Window,
                Alphas = [.. definition.Alphas],
            };
            return new RollingPortfolio(options, portfolioState);
        }
        catch (ArgumentException ex)
        {
            throw new RiskGridException($"portfolio '{Name}': {ex.Message}");
        }
    }

    private RollingPortfolio Require() =>
        _portfolio ?? throw new RiskGridException($"portfolio '{Name}' is not defined: add it to a universe first");

    private PortfolioStatus Status()
    {
        var definition = state.State.Definition;
        if (_portfolio is not { } portfolio || definition is null)
        {
            return new PortfolioStatus(Name, null, 0, null, double.NaN, double.NaN, []);
        }

        _backtests ??= [.. PortfolioMethods.All.Select(m => Backtester.Summarize(portfolio.State.ForecastsOf(m), definition.Alphas))];
        var methods = PortfolioMethods.All.Select(m =>
        {
            var list = portfolio.State.ForecastsOf(m);
            LevelRisk[] latest = list.Count > 0 && list[^1].HasForecast
                ? [.. definition.Alphas.Select((a, k) => new LevelRisk(a, list[^1].VaR[k], list[^1].ES[k]))]
                : [];
            return new PortfolioMethodStatus(PortfolioMethods.Name(m), latest, list.Count,
                [.. _backtests[(int)m].Select(b => b.ToMessage())]);
        }).ToArray();
        var s = portfolio.State;
        return new PortfolioStatus(Name, definition, s.RowsSeen, s.LastDate, s.LastPnL, 100 * (s.Growth - 1), methods);
    }

    private static bool Same(PortfolioDefinition a, PortfolioDefinition b) =>
        string.Equals(a.Model, b.Model, StringComparison.OrdinalIgnoreCase) && a.Window == b.Window && a.Returns == b.Returns &&
        a.Alphas.AsSpan().SequenceEqual(b.Alphas) && a.Weights.AsSpan().SequenceEqual(b.Weights);
}
