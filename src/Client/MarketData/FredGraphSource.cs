using System.Globalization;

namespace RiskGrid.Client.MarketData;

/// <summary>
/// FRED's graph CSV (<c>/graph/fredgraph.csv?id=SERIES&amp;cosd=FROM&amp;coed=TO</c>): a header
/// <c>observation_date,SERIES</c> (<c>DATE,SERIES</c> in older answers), one value a day. A <c>.</c> (FRED's mark for a
/// day without a value, e.g. a holiday) follows <see cref="MissingValues"/>. The value is both Close and Adj Close; there
/// is no open, high or low. A series of yields or spreads can be zero or negative, which a price series refuses.
/// </summary>
public sealed class FredGraphSource : IMarketDataSource
{
    public string Name => "fred";

    public string Description => "FRED graph CSV (St. Louis Fed; one value a day, '.' for none)";

    public Uri DefaultBaseUrl { get; } = new("https://fred.stlouisfed.org/");

    public async Task<FetchedSeries> FetchAsync(MarketDataClient client, MarketDataRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var what = $"fred {request.Symbol}";
        var relative = $"graph/fredgraph.csv?id={Uri.EscapeDataString(request.Symbol)}&cosd={request.From:yyyy-MM-dd}&coed={request.To:yyyy-MM-dd}";
        var notes = new List<string>();
        var (bars, raw) = await client.GetAsync(what, request.CacheKey(Name, client.BaseUrl), relative,
            "FRED served a web page instead of the CSV (is the series id right?)",
            text => Parse(what, request.Symbol, text, request.Missing, notes), null, cancellationToken);
        return new FetchedSeries(Name, request.Symbol, MarketDataSources.InstrumentName(request.Symbol), bars, HasRange: false, [raw], notes);
    }

    internal static IReadOnlyList<MarketBar> Parse(string what, string series, string text, MissingValues missing, List<string> notes)
    {
        notes.Clear();
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && lines[^1].Trim().Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var header = lines.Count > 0 ? lines[0].Split(',') : [];
        if (header.Length != 2 || !(header[0].Trim().Equals("observation_date", StringComparison.OrdinalIgnoreCase) || header[0].Trim().Equals("DATE", StringComparison.OrdinalIgnoreCase)))
        {
            throw new MarketDataException($"{what}: not a FRED graph CSV (expected the header observation_date,{series}; got " +
                                          $"'{Cli.Options.OptionParsers.Printable(lines.Count > 0 ? lines[0] : "")}')");
        }

        if (!header[1].Trim().Equals(series, StringComparison.OrdinalIgnoreCase))
        {
            throw new MarketDataException($"{what}: the answer is for series '{Cli.Options.OptionParsers.Printable(header[1])}', not '{series}'");
        }

        var bars = new List<MarketBar>();
        var absent = new List<DateOnly>();
        for (var i = 1; i < lines.Count; i++)
        {
            var fields = lines[i].Split(',');
            if (fields.Length != 2)
            {
                throw new MarketDataException($"{what}: line {i + 1}: {fields.Length} fields, expected 2");
            }

            if (!DateOnly.TryParseExact(fields[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new MarketDataException($"{what}: line {i + 1}: '{Cli.Options.OptionParsers.Printable(fields[0])}' is not a date (yyyy-MM-dd)");
            }

            var value = fields[1].Trim();
            if (value is "." or "")
            {
                absent.Add(date);
                continue;
            }

            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
            {
                throw new MarketDataException($"{what}: line {i + 1}: '{Cli.Options.OptionParsers.Printable(value)}' is not a number");
            }

            bars.Add(new MarketBar(date, double.NaN, double.NaN, double.NaN, x, x, null));
        }

        if (bars.Count == 0 && absent.Count == 0)
        {
            throw new MarketDataException($"{what}: FRED has no observations in the range asked for");
        }

        return MissingDays.Apply(what, bars, absent, missing, notes);
    }
}
