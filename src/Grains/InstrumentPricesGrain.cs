using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using RiskGrid.Core.Data;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.State;
using RiskGrid.Grains.Storage;

namespace RiskGrid.Grains;

/// <summary>
/// An instrument's accepted prices in one universe: the single source of truth its pairs read. The record
/// holds the open chunk only; full chunks are append-only records beside it, read back on demand.
/// </summary>
public sealed class InstrumentPricesGrain(
    [PersistentState("prices", RiskGridStorage.Name)] IPersistentState<InstrumentPricesState> state,
    [FromKeyedServices(RiskGridStorage.Name)] IGrainStorage storage,
    HistoryChunking chunking) : Grain, IInstrumentPricesGrain
{
    // Closed chunks read back so far (they never change).
    private readonly Dictionary<int, List<DailyPrice>> _closed = [];
    private ChunkStore<PriceChunk>? _chunks;

    private string Key => this.GetPrimaryKeyString();

    private string? _instrument;

    private string Instrument => _instrument ??= UniverseKey.Parse(Key).Name;

    private ChunkStore<PriceChunk> Chunks => _chunks ??= new ChunkStore<PriceChunk>(storage, Key, "prices");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.ChunkDays <= 0)
        {
            state.State.ChunkDays = chunking.Days;
        }

        return Task.CompletedTask;
    }

    public async Task CheckAsync(DailyPrice[] prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        await FreshFrom(prices);
    }

    public async Task<AcceptedPrices> AcceptAsync(DailyPrice[] prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var from = await FreshFrom(prices);
        var s = state.State;
        var first = s.Count;
        var fresh = from == 0 ? prices : prices[from..]; // (arrays that cross the grid are never changed)
        if (fresh.Length == 0)
        {
            return new AcceptedPrices(first, [], prices.Length);
        }

        s.FirstDate ??= fresh[0].Date;
        s.Open.AddRange(fresh);
        while (s.Open.Count >= s.ChunkDays)
        {
            var chunk = s.Open.GetRange(0, s.ChunkDays);
            // (Not kept in memory: a closed chunk is read back from storage when a re-sent day or a reactivated pair asks.)
            await Chunks.WriteAsync(s.ClosedChunks, new PriceChunk { Prices = chunk });
            s.LastClosedDate = chunk[^1].Date;
            s.Open.RemoveRange(0, s.ChunkDays);
            s.ClosedChunks++;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory and storage disagree now: reload on the next call.
            DeactivateOnIdle();
            throw;
        }

        return new AcceptedPrices(first, fresh, from);
    }

    public async Task<bool> AdoptAsync(DailyPrice[] prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var held = await GetPricesAsync(0, prices.Length);
        for (var i = 0; i < held.Length; i++)
        {
            if (!held[i].Equals(prices[i]))
            {
                return false;
            }
        }

        if (held.Length < prices.Length)
        {
            await AcceptAsync(prices[held.Length..]);
        }

        return true;
    }

    public async Task<DailyPrice[]> GetPricesAsync(int start, int count)
    {
        if (start < 0 || count < 0)
        {
            throw new RiskGridException($"page start and count must not be negative, got {start} and {count}");
        }

        var s = state.State;
        var from = Math.Min(start, s.Count);
        var take = (int)Math.Min(count, (long)s.Count - from);
        var result = new DailyPrice[take];
        for (var i = 0; i < take;)
        {
            var position = from + i;
            var chunk = position / s.ChunkDays;
            if (chunk >= s.ClosedChunks)
            {
                var offset = position - s.ClosedChunks * s.ChunkDays;
                var n = Math.Min(take - i, s.Open.Count - offset);
                s.Open.CopyTo(offset, result, i, n);
                i += n;
            }
            else
            {
                var prices = await Closed(chunk);
                var offset = position - chunk * s.ChunkDays;
                var n = Math.Min(take - i, prices.Count - offset);
                prices.CopyTo(offset, result, i, n);
                i += n;
            }
        }

        return result;
    }

    public Task<PriceLogStatus> GetStatusAsync() =>
        Task.FromResult(new PriceLogStatus(state.State.Count, state.State.FirstDate, state.State.LastDate));

    public async Task ResetAsync()
    {
        await Chunks.ClearAsync(state.State.ClosedChunks);
        await state.ClearStateAsync();
        state.State = new InstrumentPricesState { ChunkDays = chunking.Days };
        _closed.Clear();
    }

    // Checks the whole batch and returns the position of its first new price: every price before it is an
    // accepted day with identical prices, every price from it on is later than the last accepted one.
    private async Task<int> FreshFrom(DailyPrice[] prices)
    {
        var s = state.State;
        var last = s.LastDate;
        var fresh = prices.Length;
        for (var i = 0; i < prices.Length; i++)
        {
            var p = prices[i];
            try
            {
                // (No closure per price: a push checks every price of every instrument twice.)
                PriceValidation.CheckPrice(Instrument, 0, "close", p.Close);
                if (i > 0)
                {
                    PriceValidation.CheckOrder(Instrument, 0, prices[i - 1].Date, p.Date);
                }
            }
            catch (DataValidationException ex)
            {
                throw new PriceRejectedException(Instrument, p.Date, ex.Problem);
            }

            if (last is { } l && p.Date <= l)
            {
                if (fresh < i)
                {
                    // Unreachable after CheckOrder (dates increase), kept as a guard.
                    throw new PriceRejectedException(Instrument, p.Date, "dates not increasing");
                }

                var held = await Find(p.Date) ?? throw new PriceRejectedException(Instrument, p.Date,
                    $"date not increasing: the instrument's history has no price on that day and already runs to {l:yyyy-MM-dd}");
                if (!held.Close.Equals(p.Close))
                {
                    throw new PriceRejectedException(Instrument, p.Date,
                        $"conflicting price: close {Format(p.Close)} differs from the {Format(held.Close)} already recorded");
                }

                if (!held.Equals(p))
                {
                    throw new PriceRejectedException(Instrument, p.Date,
                        $"conflicting price: open/high/low differ from those already recorded ({Format(held.Open)}/{Format(held.High)}/{Format(held.Low)})");
                }
            }
            else if (fresh == prices.Length)
            {
                fresh = i;
            }
        }

        return fresh;
    }

    private async Task<DailyPrice?> Find(DateOnly date)
    {
        var s = state.State;
        if (s.Open.Count > 0 && s.Open[0].Date <= date)
        {
            return Search(s.Open, date);
        }

        // A re-sent old day: binary search over the closed chunks by their last dates.
        int lo = 0, hi = s.ClosedChunks - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var chunk = await Closed(mid);
            if (date < chunk[0].Date)
            {
                hi = mid - 1;
            }
            else if (date > chunk[^1].Date)
            {
                lo = mid + 1;
            }
            else
            {
                return Search(chunk, date);
            }
        }

        return null;
    }

    private static DailyPrice? Search(List<DailyPrice> prices, DateOnly date)
    {
        int lo = 0, hi = prices.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var d = prices[mid].Date;
            if (d == date)
            {
                return prices[mid];
            }

            if (d < date)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return null;
    }

    private async Task<List<DailyPrice>> Closed(int index)
    {
        if (!_closed.TryGetValue(index, out var prices))
        {
            prices = (await Chunks.ReadAsync(index)).Prices;
            _closed[index] = prices;
        }

        return prices;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
