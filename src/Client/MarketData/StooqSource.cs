using System.Globalization;

namespace RiskGrid.Client.MarketData;

/// <summary>
/// Stooq's daily CSV (<c>/q/d/l/?s=SYMBOL&amp;d1=YYYYMMDD&amp;d2=YYYYMMDD&amp;i=d[&amp;apikey=KEY]</c>; US stocks are named
/// like <c>spy.us</c>): <c>Date,Open,High,Low,Close[,Volume]</c>, already adjusted for splits and dividends, so Adj Close
/// is the close. Without an API key Stooq may answer with its proof-of-work (JavaScript check) page and status 200: that
/// page is detected and named. <c>No data</c> and the daily-limit message are errors; an empty price follows
/// <see cref="MissingValues"/>.
/// </summary>
public sealed class StooqSource : IMarketDataSource
{
    /// <summary>Where the API key is read from when <c>--api-key</c> is not given.</summary>
    public const string ApiKeyVariable = "RISKGRID_STOOQ_API_KEY";

    public string Name => "stooq";

    public string Description => "Stooq daily CSV (adjusted; --api-key or $" + ApiKeyVariable + ")";

    public Uri DefaultBaseUrl { get; } = new("https://stooq.com/");

    public async Task<FetchedSeries> FetchAsync(MarketDataClient client, MarketDataRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var what = $"stooq {request.Symbol}";
        var key = request.ApiKey ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
        var relative = $"q/d/l/?s={Uri.EscapeDataString(request.Symbol.ToLowerInvariant())}&d1={request.From:yyyyMMdd}&d2={request.To:yyyyMMdd}&i=d" +
                       (key is { Length: > 0 } ? "&apikey=" + Uri.EscapeDataString(key) : string.Empty);
        var notes = new List<string>();
        var (bars, raw) = await client.GetAsync(what, request.CacheKey(Name, client.BaseUrl), relative,
            $"Stooq served its proof-of-work check page instead of CSV{(key is { Length: > 0 } ? " (is the API key right?)" : "; it asks that of clients without an API key: --api-key KEY or $" + ApiKeyVariable)}",
            text => Parse(what, text, request.Missing, notes), null, cancellationToken);
        return new FetchedSeries(Name, request.Symbol, MarketDataSources.InstrumentName(request.Symbol), bars, HasRange: true, [raw], notes);
    }

    internal static IReadOnlyList<MarketBar> Parse(string what, string text, MissingValues missing, List<string> notes)
    {
        notes.Clear();
        var trimmed = text.Trim();
        if (trimmed.Equals("No data", StringComparison.OrdinalIgnoreCase))
        {
            throw new MarketDataException($"{what}: Stooq has no data for this symbol and range (US stocks are named like spy.us)");
        }

        if (trimmed.Contains("Exceeded the daily hits limit", StringComparison.OrdinalIgnoreCase))
        {
            throw new MarketDataException($"{what}: Stooq's daily download limit is reached (an API key raises it: --api-key)");
        }

        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        var header = lines.Count > 0 ? lines[0].Split(',').Select(h => h.Trim()).ToArray() : [];
        int At(string name) => Array.FindIndex(header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
        int date = At("Date"), open = At("Open"), high = At("High"), low = At("Low"), close = At("Close"), volume = At("Volume");
        if (date < 0 || open < 0 || high < 0 || low < 0 || close < 0)
        {
            throw new MarketDataException($"{what}: not a Stooq CSV (expected the header Date,Open,High,Low,Close,Volume; got " +
                                          $"'{Cli.Options.OptionParsers.Printable(lines.Count > 0 ? lines[0] : "")}')");
        }

        var bars = new List<MarketBar>();
        var absent = new List<DateOnly>();
        for (var i = 1; i < lines.Count; i++)
        {
            var fields = lines[i].Split(',');
            if (fields.Length != header.Length)
            {
                throw new MarketDataException($"{what}: line {i + 1}: {fields.Length} fields, expected {header.Length}");
            }

            if (!DateOnly.TryParseExact(fields[date].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new MarketDataException($"{what}: line {i + 1}: '{Cli.Options.OptionParsers.Printable(fields[date])}' is not a date (yyyy-MM-dd)");
            }

            double Value(int column)
            {
                var t = fields[column].Trim();
                return t.Length == 0 ? double.NaN
                    : double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x
                    : throw new MarketDataException($"{what}: line {i + 1}: '{Cli.Options.OptionParsers.Printable(t)}' in {header[column]} is not a number");
            }

            var bar = new MarketBar(day, Value(open), Value(high), Value(low), Value(close), Value(close), volume >= 0 && Value(volume) is var v && !double.IsNaN(v) ? v : null);
            if (double.IsNaN(bar.Open) || double.IsNaN(bar.High) || double.IsNaN(bar.Low) || double.IsNaN(bar.Close))
            {
                absent.Add(day);
                continue;
            }

            bars.Add(bar);
        }

        if (bars.Count == 0 && absent.Count == 0)
        {
            throw new MarketDataException($"{what}: Stooq's CSV has no rows");
        }

        return MissingDays.Apply(what, bars, absent, missing, notes);
    }
}
