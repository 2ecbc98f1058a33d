namespace RiskGrid.Core.Data;

/// <summary>
/// Loads closes of several instruments from one "wide" CSV: <c>Date,A,B,...</c>, one column of
/// (adjusted) closes per instrument, named by its header. The <c>Date</c> column may be anywhere;
/// every other column is an instrument. Validation is that of <see cref="YahooCsv"/>: dates M/D/YYYY
/// or yyyy-MM-dd, strictly increasing; every cell a finite positive number (an empty cell is an
/// error, not a missing day: instruments must share one calendar); blank lines only at the end.
/// Duplicate instrument names (ignoring case) and unnamed columns are errors.
/// </summary>
public static class WideCsv
{
    public static IReadOnlyList<PriceSeries> Load(string path)
    {
        using var reader = CsvFields.Open(path);
        return Parse(reader, path);
    }

    /// <summary>Parses CSV text; <paramref name="source"/> names it in errors and in each series' Source.</summary>
    public static IReadOnlyList<PriceSeries> Parse(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = CsvFields.ReadHeader(reader, source);
        var (dateColumn, instruments) = FindColumns(header, source);

        var dates = new List<DateOnly>();
        var rows = new List<int>();
        var closes = instruments.Select(_ => new List<double>()).ToArray();
        foreach (var (line, text) in CsvFields.DataLines(reader, source))
        {
            var fields = CsvFields.Split(text);
            CsvFields.CheckFieldCount(source, line, fields, header.Length);
            var date = CsvFields.ParseDate(source, line, fields[dateColumn]);
            if (dates.Count > 0)
            {
                PriceValidation.CheckOrder(source, line, dates[^1], date);
            }

            for (var k = 0; k < instruments.Length; k++)
            {
                var (name, column) = instruments[k];
                closes[k].Add(CsvFields.ParsePrice(source, line, name, fields[column]));
            }

            dates.Add(date);
            rows.Add(line);
        }

        if (dates.Count == 0)
        {
            throw new DataValidationException(source, 0, "no data rows after the header");
        }

        var result = new PriceSeries[instruments.Length];
        for (var k = 0; k < instruments.Length; k++)
        {
            var bars = new PriceBar[dates.Count];
            for (var i = 0; i < bars.Length; i++)
            {
                bars[i] = PriceBar.FromClose(dates[i], closes[k][i]);
            }

            result[k] = PriceSeries.Create(instruments[k].Name, source, bars, rows);
        }

        return result;
    }

    private static (int Date, (string Name, int Column)[] Instruments) FindColumns(string[] header, string source)
    {
        var date = -1;
        var instruments = new List<(string Name, int Column)>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i];
            if (name.Equals("Date", StringComparison.OrdinalIgnoreCase))
            {
                if (date >= 0)
                {
                    throw new DataValidationException(source, 1, $"column 'Date' appears more than once (columns {date + 1} and {i + 1})");
                }

                date = i;
                continue;
            }

            if (name.Length == 0)
            {
                throw new DataValidationException(source, 1, $"column {i + 1} has no instrument name");
            }

            if (name.Any(char.IsControl))
            {
                throw new DataValidationException(source, 1, $"column {i + 1}'s instrument name '{name}' contains control characters");
            }

            if (!seen.TryAdd(name, i))
            {
                throw new DataValidationException(source, 1,
                    $"duplicate instrument '{name}' (columns {seen[name] + 1} and {i + 1})");
            }

            instruments.Add((name, i));
        }

        if (date < 0)
        {
            throw new DataValidationException(source, 1, $"missing required column 'Date' (header: {string.Join(",", header)})");
        }

        if (instruments.Count == 0)
        {
            throw new DataValidationException(source, 1, "no instrument columns besides 'Date'");
        }

        return (date, [.. instruments]);
    }
}
