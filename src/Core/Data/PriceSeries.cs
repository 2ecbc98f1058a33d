namespace RiskGrid.Core.Data;

/// <summary>
/// The daily bars of one instrument, strictly increasing in date, every close finite and positive.
/// Construct through the loaders or <see cref="Create"/>, which enforce those invariants.
/// </summary>
public sealed class PriceSeries
{
    private PriceSeries(string instrument, string source, PriceBar[] bars)
    {
        Instrument = instrument;
        Source = source;
        Bars = bars;
    }

    /// <summary>Instrument name, e.g. <c>SP500</c> or <c>SYN07</c>.</summary>
    public string Instrument { get; }

    /// <summary>Where the data came from: a file path or <c>synthetic(seed=…)</c>.</summary>
    public string Source { get; }

    public IReadOnlyList<PriceBar> Bars { get; }

    public int Count => Bars.Count;

    /// <summary>Validates and wraps bars. <paramref name="rows"/> gives the source row of each bar
    /// (1-based line numbers) for error messages; when null, rows are numbered from 1.</summary>
    public static PriceSeries Create(string instrument, string source, IReadOnlyList<PriceBar> bars,
        IReadOnlyList<int>? rows = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instrument);
        var copy = new PriceBar[bars.Count];
        for (var i = 0; i < bars.Count; i++)
        {
            var row = rows?[i] ?? i + 1;
            var bar = bars[i];
            PriceValidation.CheckPrice(source, row, "Close", bar.Close);
            if (i > 0)
            {
                PriceValidation.CheckOrder(source, row, copy[i - 1].Date, bar.Date);
            }

            copy[i] = bar;
        }

        return new PriceSeries(instrument, source, copy);
    }

    /// <summary>Closes as an array (adjusted).</summary>
    public double[] Closes()
    {
        var closes = new double[Bars.Count];
        for (var i = 0; i < closes.Length; i++)
        {
            closes[i] = Bars[i].Close;
        }

        return closes;
    }
}
