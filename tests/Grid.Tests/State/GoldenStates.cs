using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Core.Portfolio;
using RiskGrid.Grains;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grains.State;
using RiskGrid.Grains.Storage;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.State;

/// <summary>
/// The golden states: grain state built from seeded data, and the Orleans storage serializer the silos
/// persist it with. The files under State/Golden/ were written by the release before state versioning
/// (run with RISKGRID_WRITE_GOLDEN=1 on that commit); they must keep loading.
/// </summary>
internal static class GoldenStates
{
    public const int Window = 100;
    public const int Days = 400;
    public static readonly double[] Alphas = [0.95, 0.99];
    /// <summary>The models with golden pair files (pair-MODEL.vN.bin) of every version.</summary>
    public static readonly string[] Models = ["hs", "ewma", "garch-t"];

    /// <summary><see cref="Models"/> as theory data.</summary>
    public static TheoryData<string> ModelCases => [.. Models];

    /// <summary>Chunk size of the version-2 golden files (the default of the release that wrote them).</summary>
    public const int V2ChunkDays = 250;

    public static readonly RollingOptions Options = new() { Window = Window, RefitEvery = 5, Alphas = Alphas };

    public static string Folder => Repository.Path("tests", "Grid.Tests", "State", "Golden");

    public static IGrainStorageSerializer Serializer()
    {
        var services = new ServiceCollection();
        services.AddSerializer(b => b.AddAssembly(typeof(PairGrainState).Assembly).AddAssembly(typeof(PairStatus).Assembly));
        var provider = services.BuildServiceProvider();
        return new OrleansGrainStorageSerializer(provider.GetRequiredService<Serializer>());
    }

    /// <summary>A golden file decoded as the silos decode stored state.</summary>
    public static T Load<T>(string file) =>
        Serializer().Deserialize<T>(new BinaryData(File.ReadAllBytes(Path.Combine(Folder, file))))!;

    /// <summary>The Core engine's run of the golden pair: what a migrated pair must still hold.</summary>
    public static RollingPair CorePair(string model)
    {
        var series = TestSeries.Create("GOLD", Days, seed: 90);
        var pair = new RollingPair(ModelCatalog.Create(model), Options, series.Source);
        foreach (var bar in series.Bars)
        {
            pair.Append(bar);
        }

        return pair;
    }

    /// <summary>
    /// The Core kernel resumed from the golden record pair-MODEL.vVERSION.bin (its window where it has one, its open
    /// forecasts, its fit) and fed <paramref name="longer"/>'s days after the golden ones: what a grid that finds that
    /// record must continue as.
    /// </summary>
    public static RollingPair Resumed(string model, int version, PriceSeries longer)
    {
        var core = new RollingPair(ModelCatalog.Create(model), Options, longer.Instrument, Load<PairGrainState>($"pair-{model}.v{version}.bin").Pair);
        foreach (var bar in longer.Bars.Skip(Days))
        {
            core.Append(bar);
        }

        return core;
    }

    /// <summary>The pair holds <paramref name="expected"/> bit for bit and serves their 99% backtest.</summary>
    public static async Task AssertHoldsAsync(IInstrumentModelGrain pair, IReadOnlyList<ForecastRecord> expected, string model)
    {
        Bits.Identical(expected, await GridReads.ForecastsAsync(pair), model);
        Assert.Equal(Backtester.Summarize(expected, Alphas)[1].ToMessage(), await pair.GetBacktestAsync(0.99));
    }

    /// <summary>The grid's storage on silo <paramref name="silo"/> (where the tests write and read records directly).</summary>
    public static IGrainStorage Storage(GridFixture grid, int silo = 0) =>
        grid.Cluster.GetSiloServiceProvider(grid.Cluster.Silos[silo].SiloAddress).GetRequiredKeyedService<IGrainStorage>(RiskGridStorage.Name);

    /// <summary>The pair record stored for <paramref name="pair"/>, as the silos read it.</summary>
    public static async Task<PairGrainState> ReadPairAsync(IGrainStorage storage, GrainId pair)
    {
        var record = new GrainState<PairGrainState>();
        await storage.ReadStateAsync("pair", pair, record);
        return record.State!;
    }

    /// <summary>
    /// The golden pair's forecasts as the release that wrote the file computed them (pair-MODEL.v0.forecasts.txt):
    /// what the decoded state must hold. For fitted models this is not today's Core run, because the optimiser
    /// has changed since (it stops elsewhere within its tolerance).
    /// </summary>
    public static IReadOnlyList<ForecastRecord> StoredForecasts(string model, int version = 0) =>
        [.. File.ReadAllLines(Path.Combine(Folder, $"pair-{model}.v{version}.forecasts.txt")).Where(l => !l.StartsWith('#')).Select(ParseForecast)];

    /// <summary>One line of a forecasts file: doubles as their 64-bit patterns, so the comparison is bit for bit.</summary>
    public static string FormatForecast(ForecastRecord f) => string.Join(' ',
        f.OriginDate.ToString("yyyy-MM-dd"), f.TargetDate?.ToString("yyyy-MM-dd") ?? "-", f.FitStatus, f.Refitted,
        string.Join(',', f.VaR.Select(Hex)), string.Join(',', f.ES.Select(Hex)), Hex(f.Mean), Hex(f.Volatility), Hex(f.Realized), Hex(f.Pit));

    private static ForecastRecord ParseForecast(string line)
    {
        var p = line.Split(' ');
        return new ForecastRecord(DateOnly.Parse(p[0]), [.. p[4].Split(',').Select(FromHex)], [.. p[5].Split(',').Select(FromHex)],
            FromHex(p[6]), FromHex(p[7]), Enum.Parse<FitStatus>(p[2]), bool.Parse(p[3]))
        {
            TargetDate = p[1] == "-" ? null : DateOnly.Parse(p[1]),
            Realized = FromHex(p[8]),
            Pit = p.Length > 9 ? FromHex(p[9]) : double.NaN,
        };
    }

    private static string Hex(double x) => BitConverter.DoubleToInt64Bits(x).ToString("X16");

    private static double FromHex(string s) => BitConverter.Int64BitsToDouble(Convert.ToInt64(s, 16));

    public static IReadOnlyList<JointObservation> PortfolioRows()
    {
        var a = TestSeries.Create("GA", 150, seed: 91);
        var b = TestSeries.Create("GB", 150, seed: 92);
        var rows = new List<JointObservation>();
        for (var i = 1; i < a.Count; i++)
        {
            rows.Add(JointObservation.OfReturns(a.Bars[i].Date,
                [100 * (a.Bars[i].Close / a.Bars[i - 1].Close - 1), 100 * (b.Bars[i].Close / b.Bars[i - 1].Close - 1)]));
        }

        return rows;
    }

    public static PortfolioOptions PortfolioOptions => new() { Weights = [0.6, 0.4], Window = Window, Alphas = Alphas };

    /// <summary>
    /// A bounded golden pair (version 2 on, 250-day chunks) and its chunk 0, decoded and checked against what its
    /// release computed: every forecast (the forecasts files record no laws; version 3's packed records carry them),
    /// the backtest accumulators fed with them, and the window's bars of the Core engine's run.
    /// </summary>
    public static (PairGrainState State, ForecastChunk Chunk, IReadOnlyList<ForecastRecord> Stored, RollingPair Core) LoadBoundedPair(string model, int version)
    {
        var state = Load<PairGrainState>($"pair-{model}.v{version}.bin");
        var chunk = Load<ForecastChunk>($"pair-{model}.v{version}.chunk0.bin");
        var stored = StoredForecasts(model, version);
        Assert.Equal(version, state.Version);
        Assert.Equal(V2ChunkDays, state.ChunkDays);
        Assert.Equal(1, state.ClosedChunks);
        Assert.Equal(stored.Count, state.ForecastCount);
        Bits.Identical([.. stored.Take(V2ChunkDays)], [.. chunk.Forecasts.Select(f => f with { Law = null })], $"{model} chunk 0");
        Bits.Identical([.. stored.Skip(V2ChunkDays)], [.. state.Pair.Forecasts.Select(f => f with { Law = null })], $"{model} open forecasts");
        Assert.Equal(BacktestAccumulator.Of(stored, Alphas).Select(b => b.Figures()), state.Backtests!.Select(b => b.Figures()));
        var core = CorePair(model);
        Assert.Equal(Days, state.Pair.BarsSeen);
        Assert.Equal(core.State.Bars, state.Pair.Bars);
        return (state, chunk, stored, core);
    }

    /// <summary>
    /// Writes the golden instrument prices (version 1: record and chunk 0), each model's pair of version
    /// <paramref name="pairVersion"/> (record and chunk 0) and a universe of them into <paramref name="storage"/>, where a
    /// grid of that release would have left them; returns the universe.
    /// </summary>
    public static async Task<IUniverseGrain> WriteUniverseAsync(IGrainStorage storage, IGrainFactory grains, string name, string instrument,
        string[] models, int pairVersion)
    {
        var pricesKey = UniverseKey.Of(name, instrument);
        await storage.WriteStateAsync("prices", grains.GetGrain<IInstrumentPricesGrain>(pricesKey).GetGrainId(),
            new GrainState<InstrumentPricesState>(Load<InstrumentPricesState>("prices.v1.bin")));
        await storage.WriteStateAsync("prices", GrainId.Create(ChunkStore<PriceChunk>.GrainType, $"{pricesKey}#0"),
            new GrainState<PriceChunk>(Load<PriceChunk>("prices.v1.chunk0.bin")));
        foreach (var model in models)
        {
            var key = PairKey.Of(name, instrument, model);
            await storage.WriteStateAsync("pair", grains.GetGrain<IInstrumentModelGrain>(key).GetGrainId(),
                new GrainState<PairGrainState>(Load<PairGrainState>($"pair-{model}.v{pairVersion}.bin")));
            await storage.WriteStateAsync("forecasts", GrainId.Create(ChunkStore<ForecastChunk>.GrainType, $"{key}#0"),
                new GrainState<ForecastChunk>(Load<ForecastChunk>($"pair-{model}.v{pairVersion}.chunk0.bin")));
        }

        var universe = grains.GetGrain<IUniverseGrain>(name);
        await storage.WriteStateAsync("universe", universe.GetGrainId(), new GrainState<UniverseGrainState>(new UniverseGrainState
        {
            Version = StateVersions.Universe,
            Settings = CoreMapping.ToSettings(Options),
            Models = [.. models],
            Instruments = [instrument],
            HasPrices = true,
        }));
        return universe;
    }
}
