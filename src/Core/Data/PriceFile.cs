namespace RiskGrid.Core.Data;

/// <summary>Loads a price file of either layout: Yahoo (a Close or Adj Close column: one series) or wide (Date,A,B,…).</summary>
public static class PriceFile
{
    /// <summary>The series in <paramref name="path"/>; any problem is a <see cref="DataValidationException"/>
    /// naming file, row and problem. <paramref name="instrument"/> names a Yahoo file's series (default: the
    /// file name, upper-cased).</summary>
    public static IReadOnlyList<PriceSeries> Load(string path, string? instrument = null)
    {
        string[] header;
        using (var reader = CsvFields.Open(path))
        {
            header = CsvFields.ReadHeader(reader, path);
        }

        var isYahoo = header.Any(c => CsvFields.NormaliseName(c) is "CLOSE" or "ADJCLOSE");
        if (isYahoo)
        {
            return [YahooCsv.Load(path, instrument)];
        }

        if (instrument is not null)
        {
            throw new DataValidationException(path, 1, "a name is given for a wide file, whose instruments are named by its header");
        }

        return WideCsv.Load(path);
    }
}
