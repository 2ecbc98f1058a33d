using System.Globalization;
using System.Text;
using RiskGrid.Core.Data;

namespace RiskGrid.Client.MarketData;

/// <summary>
/// One symbol's prices from a source: the days, the raw answers they were read from (their SHA-256 is what a run
/// records), and notes on what was done to them (splits applied, days dropped under <see cref="MissingValues.Drop"/>).
/// <see cref="ToCsv"/> is the Yahoo-format file <c>riskgrid fetch</c> writes; <see cref="ToSeries"/> reads exactly that
/// text back, so <c>benchmark --source</c> and <c>fetch</c> + <c>benchmark --data</c> see the same prices.
/// </summary>
/// <param name="HasRange">Whether the source gives open, high and low (FRED gives one value a day).</param>
public sealed record FetchedSeries(
    string Source,
    string Symbol,
    string Instrument,
    IReadOnlyList<MarketBar> Bars,
    bool HasRange,
    IReadOnlyList<RawResponse> Raw,
    IReadOnlyList<string> Notes)
{
    /// <summary>Yahoo-format CSV: <c>Date,Open,High,Low,Close,Adj Close,Volume</c> (<c>Date,Close,Adj Close</c> without a
    /// range), ISO dates, numbers in shortest round-trip form.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder(HasRange ? "Date,Open,High,Low,Close,Adj Close,Volume\n" : "Date,Close,Adj Close\n");
        foreach (var bar in Bars)
        {
            text.Append(bar.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (HasRange)
            {
                text.Append(',').Append(Number(bar.Open)).Append(',').Append(Number(bar.High)).Append(',').Append(Number(bar.Low));
            }

            text.Append(',').Append(Number(bar.Close)).Append(',').Append(Number(bar.AdjClose));
            if (HasRange)
            {
                text.Append(',').Append(bar.Volume is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The series <see cref="ToCsv"/> describes, checked like any price file (<paramref name="source"/> names it in errors).</summary>
    public PriceSeries ToSeries(string? source = null) =>
        YahooCsv.Parse(new StringReader(ToCsv()), source ?? $"{Source}:{Symbol}", Instrument);

    /// <summary>The SHA-256 of each raw answer, as a run records it.</summary>
    public string RawHashes => string.Join(",", Raw.Select(r => r.Sha256));

    private static string Number(double x) => double.IsNaN(x) ? string.Empty : x.ToString("R", CultureInfo.InvariantCulture);
}
