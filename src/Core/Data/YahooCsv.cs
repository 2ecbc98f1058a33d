namespace RiskGrid.Core.Data;

/// <summary>
/// Loads daily prices in the layout Yahoo Finance exports: <c>Date,Open,High,Low,Close,Adj Close,Volume</c>.
/// <list type="bullet">
/// <item>Columns are found by header name (ignoring case, spaces and underscores), in any order;
/// <c>Date</c> and one of <c>Adj Close</c>/<c>Close</c> are required, <c>Open</c>, <c>High</c> and
/// <c>Low</c> are optional, <c>Volume</c> and any other column are ignored.</item>
/// <item>The bar's close is <c>Adj Close</c> when the header has it, else <c>Close</c>. Open, high and
/// low are multiplied by Adj Close / Close so that the whole bar is on the adjusted scale.</item>
/// <item>Dates are M/D/YYYY (Yahoo's export) or yyyy-MM-dd, invariant culture.</item>
/// <item>Strict: a wrong field count, an unparseable date or number, an empty, <c>null</c> or NaN price,
/// a price ≤ 0 in any price column present, and unsorted or duplicate dates are each a
/// <see cref="DataValidationException"/> naming the file, the 1-based line (the header is line 1) and
/// the problem. No row is dropped. Only blank lines at the end of the file are ignored.</item>
/// </list>
/// </summary>
public static class YahooCsv
{
    private const string DateColumn = "Date";

    /// <summary>
    /// Loads a file. The instrument defaults to the file name without its extension, upper-cased
    /// (<c>sp500.csv</c> → <c>SP500</c>), so that names read the same as tickers whatever the file's case.
    /// </summary>
    public static PriceSeries Load(string path, string? instrument = null)
    {
        using var reader = CsvFields.Open(path);
        return Parse(reader, path, instrument ?? InstrumentFromPath(path));
    }

    /// <summary>
    /// Parses CSV text. <paramref name="source"/> names the text in errors and becomes
    /// <see cref="PriceSeries.Source"/>; the instrument defaults as in <see cref="Load"/>, from the source.
    /// </summary>
    public static PriceSeries Parse(TextReader reader, string source, string? instrument = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = CsvFields.ReadHeader(reader, source);
        var columns = Columns.Find(header, source);
        var bars = new List<PriceBar>();
        var rows = new List<int>();
        foreach (var (line, text) in CsvFields.DataLines(reader, source))
        {
            var fields = CsvFields.Split(text);
            CsvFields.CheckFieldCount(source, line, fields, header.Length);
            var date = CsvFields.ParseDate(source, line, fields[columns.Date]);
            if (bars.Count > 0)
            {
                PriceValidation.CheckOrder(source, line, bars[^1].Date, date);
            }

            bars.Add(ReadBar(source, line, fields, columns, date));
            rows.Add(line);
        }

        if (bars.Count == 0)
        {
            throw new DataValidationException(source, 0, "no data rows after the header");
        }

        return PriceSeries.Create(instrument ?? InstrumentFromPath(source), source, bars, rows);
    }

    /// <summary>The default instrument name of a file: its name without extension, upper-cased.</summary>
    public static string InstrumentFromPath(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return string.IsNullOrWhiteSpace(name) ? "DATA" : name.ToUpperInvariant();
    }

    private static PriceBar ReadBar(string source, int line, string[] fields, Columns columns, DateOnly date)
    {
        var close = columns.Close >= 0 ? CsvFields.ParsePrice(source, line, "Close", fields[columns.Close]) : double.NaN;
        var adjusted = columns.AdjClose >= 0
            ? CsvFields.ParsePrice(source, line, "Adj Close", fields[columns.AdjClose])
            : close;

        // Open/high/low are quoted on the unadjusted scale; Adj Close / Close puts them on the adjusted one.
        // Without a Close column there is no factor, so Columns.Find only keeps them when Close exists.
        var factor = columns.AdjClose >= 0 && columns.Close >= 0 ? adjusted / close : 1.0;
        return new PriceBar(date,
            Optional(source, line, "Open", fields, columns.Open) * factor,
            Optional(source, line, "High", fields, columns.High) * factor,
            Optional(source, line, "Low", fields, columns.Low) * factor,
            adjusted);
    }

    private static double Optional(string source, int line, string column, string[] fields, int index) =>
        index >= 0 ? CsvFields.ParsePrice(source, line, column, fields[index]) : double.NaN;

    /// <summary>Column positions in the header; −1 where absent.</summary>
    private sealed record Columns(int Date, int Open, int High, int Low, int Close, int AdjClose)
    {
        public static Columns Find(string[] header, string source)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                var key = CsvFields.NormaliseName(header[i]);
                if (key.Length > 0 && !index.TryAdd(key, i))
                {
                    throw new DataValidationException(source, 1, $"column '{header[i]}' appears more than once in the header");
                }
            }

            int At(string name) => index.TryGetValue(CsvFields.NormaliseName(name), out var i) ? i : -1;

            var date = At(DateColumn);
            if (date < 0)
            {
                throw new DataValidationException(source, 1,
                    $"missing required column 'Date' (header: {string.Join(",", header)})");
            }

            var close = At("Close");
            var adjClose = At("Adj Close");
            if (close < 0 && adjClose < 0)
            {
                throw new DataValidationException(source, 1,
                    $"missing required column 'Adj Close' or 'Close' (header: {string.Join(",", header)})");
            }

            int open = At("Open"), high = At("High"), low = At("Low");
            if (close < 0 && (open >= 0 || high >= 0 || low >= 0))
            {
                throw new DataValidationException(source, 1,
                    "has Open/High/Low and Adj Close but no Close column, so the range cannot be adjusted");
            }

            return new Columns(date, open, high, low, close, adjClose);
        }
    }
}
