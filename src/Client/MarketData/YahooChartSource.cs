using System.Globalization;
using System.Net;
using System.Text.Json;

namespace RiskGrid.Client.MarketData;

/// <summary>
/// Yahoo Finance's chart API, v8 JSON (<c>/v8/finance/chart/SYMBOL?period1=…&amp;period2=…&amp;interval=1d&amp;events=div,split</c>).
/// <list type="bullet">
/// <item>Handshake, once per client and only when the cache does not have the answer: <c>GET /</c> for the session
/// cookie, then <c>GET /v1/test/getcrumb</c> for the crumb sent with each chart request (a crumb the server does not
/// give is left out; the chart request then says whether it was needed).</item>
/// <item>Dates are the exchange's (the timestamps shifted by <c>meta.gmtoffset</c>); <c>Close</c> is Yahoo's close
/// (split-adjusted), <c>Adj Close</c> is <c>indicators.adjclose</c> (also dividend-adjusted; the close where absent).</item>
/// <item>Splits (<c>events.splits</c>): a split day on which the closes jump by the split ratio means the answer was
/// not split-adjusted; the days before it are then divided by the ratio, and the fetch says so.</item>
/// <item>A day with a <c>null</c> price follows <see cref="MissingValues"/>; <c>chart.error</c>, bad JSON or an HTML page
/// is a <see cref="MarketDataException"/>. Yahoo's extra row for a day still trading (a second row with the same date)
/// replaces the first, with a note.</item>
/// </list>
/// </summary>
public sealed class YahooChartSource : IMarketDataSource
{
    private const string CrumbState = "yahoo-crumb";

    public string Name => "yahoo";

    public string Description => "Yahoo Finance chart API (v8 JSON; adjusted closes; splits checked)";

    public Uri DefaultBaseUrl { get; } = new("https://query1.finance.yahoo.com/");

    public async Task<FetchedSeries> FetchAsync(MarketDataClient client, MarketDataRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var what = $"yahoo {request.Symbol}";
        var period1 = new DateTimeOffset(request.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
        var period2 = new DateTimeOffset(request.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
        var relative = $"v8/finance/chart/{Uri.EscapeDataString(request.Symbol)}?period1={period1}&period2={period2}" +
                       "&interval=1d&events=div%2Csplit&includeAdjustedClose=true";
        var notes = new List<string>();
        var (bars, raw) = await client.GetAsync(what, request.CacheKey(Name, client.BaseUrl), relative,
            "Yahoo served a web page (a consent, sign-in or error page) instead of chart data",
            text => Parse(what, text, request.Missing, notes), ct => HandshakeAsync(client, ct), cancellationToken, ErrorOf);
        return new FetchedSeries(Name, request.Symbol, MarketDataSources.InstrumentName(request.Symbol), bars, HasRange: true, [raw], notes);
    }

    // Cookie, then crumb; both at the client's base address. The crumb is kept for the client's later requests.
    private static async Task<string> HandshakeAsync(MarketDataClient client, CancellationToken cancellationToken)
    {
        if (!client.State.TryGetValue(CrumbState, out var crumb))
        {
            await client.GetUncheckedAsync("yahoo cookie", string.Empty, cancellationToken);
            var (status, text, contentType) = await client.GetUncheckedAsync("yahoo crumb", "v1/test/getcrumb", cancellationToken);
            var candidate = text.Trim();
            crumb = status == HttpStatusCode.OK && candidate.Length is > 0 and <= 64 && !MarketDataClient.LooksLikeHtml(contentType, candidate)
                    && !candidate.Any(char.IsWhiteSpace)
                ? candidate
                : string.Empty;
            client.State[CrumbState] = crumb;
        }

        return crumb.Length > 0 ? "&crumb=" + Uri.EscapeDataString(crumb) : string.Empty;
    }

    // Yahoo's error answers (404 for an unknown symbol, 400 for a bad range) carry {"chart":{"error":{code, description}}}.
    private static string? ErrorOf(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("chart", out var chart) && chart.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                ? $"Yahoo says {(error.TryGetProperty("code", out var c) ? c.ToString() : "error")}: {(error.TryGetProperty("description", out var d) ? d.ToString() : "")}"
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The days of a chart answer (see the class notes); <paramref name="notes"/> gets what was done to them.</summary>
    internal static IReadOnlyList<MarketBar> Parse(string what, string text, MissingValues missing, List<string> notes)
    {
        notes.Clear();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new MarketDataException($"{what}: the answer is not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            try
            {
                return Read(what, document.RootElement, missing, notes);
            }
            catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException or IndexOutOfRangeException)
            {
                throw new MarketDataException($"{what}: not a chart answer Yahoo's v8 API gives ({ex.Message})", ex);
            }
        }
    }

    private static IReadOnlyList<MarketBar> Read(string what, JsonElement root, MissingValues missing, List<string> notes)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("chart", out var chart))
        {
            throw new MarketDataException($"{what}: the JSON has no 'chart' object: not a Yahoo chart answer");
        }

        if (chart.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = error.TryGetProperty("code", out var c) ? c.ToString() : "error";
            var description = error.TryGetProperty("description", out var d) ? d.ToString() : string.Empty;
            throw new MarketDataException($"{what}: Yahoo says {Cli.Options.OptionParsers.Printable($"{code}: {description}")}");
        }

        if (!chart.TryGetProperty("result", out var results) || results.ValueKind != JsonValueKind.Array || results.GetArrayLength() == 0)
        {
            throw new MarketDataException($"{what}: the chart answer has no result");
        }

        var result = results[0];
        var offset = result.TryGetProperty("meta", out var meta) && meta.TryGetProperty("gmtoffset", out var g) && g.ValueKind == JsonValueKind.Number
            ? g.GetInt64()
            : 0;
        if (!result.TryGetProperty("timestamp", out var timestamps) || timestamps.ValueKind != JsonValueKind.Array || timestamps.GetArrayLength() == 0)
        {
            throw new MarketDataException($"{what}: Yahoo has no prices in the range asked for");
        }

        var quote = result.GetProperty("indicators").GetProperty("quote")[0];
        var open = Numbers(quote, "open");
        var high = Numbers(quote, "high");
        var low = Numbers(quote, "low");
        var close = Numbers(quote, "close");
        var volume = quote.TryGetProperty("volume", out _) ? Numbers(quote, "volume") : [.. Enumerable.Repeat(double.NaN, timestamps.GetArrayLength())];
        var adjusted = result.GetProperty("indicators").TryGetProperty("adjclose", out var adj) && adj.ValueKind == JsonValueKind.Array && adj.GetArrayLength() > 0
            ? Numbers(adj[0], "adjclose")
            : null;
        if (adjusted is null)
        {
            notes.Add("no adjusted close in the answer: Adj Close is the (split-adjusted) close, without dividends");
        }

        var n = timestamps.GetArrayLength();
        foreach (var (name, values) in new[] { ("open", open), ("high", high), ("low", low), ("close", close), ("volume", volume), ("adjclose", adjusted) })
        {
            if (values is not null && values.Length != n)
            {
                throw new MarketDataException($"{what}: {n} timestamps but {values.Length} '{name}' values");
            }
        }

        var days = new List<(DateOnly Date, bool Complete, MarketBar Bar)>(n);
        for (var i = 0; i < n; i++)
        {
            var date = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(timestamps[i].GetInt64() + offset).UtcDateTime);
            var bar = new MarketBar(date, open[i], high[i], low[i], close[i], adjusted?[i] ?? close[i], double.IsNaN(volume[i]) ? null : volume[i]);
            var complete = !double.IsNaN(bar.Open) && !double.IsNaN(bar.High) && !double.IsNaN(bar.Low) && !double.IsNaN(bar.Close) && !double.IsNaN(bar.AdjClose);
            if (days.Count > 0 && days[^1].Date == date)
            {
                notes.Add($"two rows for {date:yyyy-MM-dd} (a day still trading): the later one kept");
                days[^1] = (date, complete, bar);
                continue;
            }

            days.Add((date, complete, bar));
        }

        var bars = MissingDays.Apply(what, [.. days.Where(d => d.Complete).Select(d => d.Bar)], [.. days.Where(d => !d.Complete).Select(d => d.Date)], missing, notes);
        return ApplySplits(bars, Splits(result, offset), notes);
    }

    private static double[] Numbers(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new KeyNotFoundException($"no '{name}' array");
        }

        var values = new double[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            values[i++] = item.ValueKind switch
            {
                JsonValueKind.Number => item.GetDouble(),
                JsonValueKind.Null => double.NaN,
                _ => throw new FormatException($"'{name}' holds {item.ValueKind}, not a number"),
            };
        }

        return values;
    }

    private static List<(DateOnly Date, double Ratio, string Text)> Splits(JsonElement result, long offset)
    {
        var splits = new List<(DateOnly, double, string)>();
        if (!result.TryGetProperty("events", out var events) || !events.TryGetProperty("splits", out var items) || items.ValueKind != JsonValueKind.Object)
        {
            return splits;
        }

        foreach (var item in items.EnumerateObject())
        {
            var split = item.Value;
            var numerator = split.GetProperty("numerator").GetDouble();
            var denominator = split.GetProperty("denominator").GetDouble();
            if (!(numerator > 0 && denominator > 0))
            {
                throw new FormatException($"a split of {numerator}:{denominator}");
            }

            var date = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(split.GetProperty("date").GetInt64() + offset).UtcDateTime);
            var text = split.TryGetProperty("splitRatio", out var r) ? r.ToString() : $"{numerator}:{denominator}";
            splits.Add((date, numerator / denominator, text));
        }

        splits.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return splits;
    }

    // A close-to-close move within 25 % of 1/ratio across the split day, for a split of at least 5:4 either way, is the
    // split itself: such an answer is unadjusted, and the days before the split are put on the new scale.
    private static IReadOnlyList<MarketBar> ApplySplits(IReadOnlyList<MarketBar> bars, List<(DateOnly Date, double Ratio, string Text)> splits, List<string> notes)
    {
        var result = bars.ToArray();
        foreach (var (date, ratio, text) in splits)
        {
            var at = Array.FindIndex(result, b => b.Date >= date);
            if (at <= 0 || Math.Abs(Math.Log(ratio)) < Math.Log(1.25))
            {
                notes.Add($"split {text} on {date:yyyy-MM-dd}");
                continue;
            }

            bool Jumped(Func<MarketBar, double> price) => Math.Abs(Math.Log(price(result[at]) / price(result[at - 1]) * ratio)) < Math.Log(1.25);
            var close = Jumped(b => b.Close);
            var adjusted = Jumped(b => b.AdjClose);
            if (!close && !adjusted)
            {
                notes.Add($"split {text} on {date:yyyy-MM-dd} (already adjusted)");
                continue;
            }

            for (var i = 0; i < at; i++)
            {
                var b = result[i];
                result[i] = close
                    ? b with { Open = b.Open / ratio, High = b.High / ratio, Low = b.Low / ratio, Close = b.Close / ratio, AdjClose = adjusted ? b.AdjClose / ratio : b.AdjClose }
                    : b with { AdjClose = b.AdjClose / ratio };
            }

            notes.Add($"split {text} on {date:yyyy-MM-dd}: the answer was not adjusted for it; " +
                      $"{(close ? "prices" : "adjusted closes")} before it divided by {ratio.ToString("R", CultureInfo.InvariantCulture)}");
        }

        return result;
    }
}
