using RiskGrid.Grains.Abstractions;

namespace RiskGrid.Grid.Tests.TestSupport;

/// <summary>A universe of its own for one test: prices reach pairs only through a universe.</summary>
public sealed class TestUniverse
{
    private readonly IClusterClient _client;

    private TestUniverse(IClusterClient client, string name, string instrument)
    {
        _client = client;
        Name = name;
        Instrument = instrument;
    }

    public string Name { get; }

    /// <summary>The first (or only) instrument.</summary>
    public string Instrument { get; }

    public IUniverseGrain Grain => _client.GetGrain<IUniverseGrain>(Name);

    /// <summary>A universe with a unique name and one instrument (or the ones given), configured with the models.</summary>
    public static async Task<TestUniverse> CreateAsync(IClusterClient client, RollingSettings settings, IReadOnlyList<string> models,
        params string[] instruments)
    {
        var name = TestSeries.Unique("T");
        instruments = instruments.Length > 0 ? instruments : [TestSeries.Unique("PAIR")];
        var universe = new TestUniverse(client, name, instruments[0]);
        await universe.Grain.ConfigureAsync(settings, [.. models]);
        await universe.Grain.AddInstrumentsAsync(instruments);
        return universe;
    }

    public IInstrumentModelGrain Pair(string model) => Pair(Instrument, model);

    public IInstrumentModelGrain Pair(string instrument, string model) =>
        _client.GetGrain<IInstrumentModelGrain>(PairKey.Of(Name, instrument, model));

    public Task<PushResult> PushAsync(DailyPrice[] prices) => Grain.PushPricesAsync([new InstrumentPrices(Instrument, prices)]);
}
