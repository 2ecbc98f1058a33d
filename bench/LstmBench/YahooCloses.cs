using System.Globalization;
using RiskGrid.Core.Data;

namespace RiskGrid.LstmBench;

/// <summary>
/// A deliberately tiny reader for the Yahoo-format reference CSVs (Date,Open,High,Low,Close,Adj Close,Volume;
/// dates M/D/YYYY), private to this benchmark so it does not depend on the loaders' branch. Open, high and
/// low are scaled by Adj Close / Close like the adjusted close.
/// </summary>
internal static class YahooCloses
{
    public static PriceSeries Read(string path, string instrument)
    {
        var bars = new List<PriceBar>();
        var rows = new List<int>();
        var lines = File.ReadAllLines(path);
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var f = lines[i].Split(',');
            if (f.Length < 6)
            {
                throw new DataValidationException(path, i + 1, $"expected 7 columns, got {f.Length}");
            }

            var date = DateOnly.ParseExact(f[0], ["M/d/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture);
            var close = Parse(f[4]);
            var factor = Parse(f[5]) / close;
            bars.Add(new PriceBar(date, Parse(f[1]) * factor, Parse(f[2]) * factor, Parse(f[3]) * factor, close * factor));
            rows.Add(i + 1);
        }

        return PriceSeries.Create(instrument, path, bars, rows);
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
