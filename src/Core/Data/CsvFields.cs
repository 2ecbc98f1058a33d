using System.Globalization;

namespace RiskGrid.Core.Data;

/// <summary>
/// The strict CSV reading shared by <see cref="YahooCsv"/> and <see cref="WideCsv"/>: lines numbered
/// from 1 (the header), fields split on commas, dates and prices parsed with the invariant culture.
/// Every problem is a <see cref="DataValidationException"/> naming the source, line and problem.
/// Quoted fields with embedded commas are not supported (Yahoo never writes them); a line with one
/// has the wrong number of fields and is reported, not misread.
/// </summary>
internal static class CsvFields
{
    /// <summary>Date layouts accepted: Yahoo's M/D/YYYY (leading zeros optional) and ISO 8601.</summary>
    private static readonly string[] DateFormats = ["M/d/yyyy", "yyyy-MM-dd"];

    /// <summary>
    /// Opens <paramref name="path"/>, turning a missing or unreadable file into a
    /// <see cref="DataValidationException"/> (row 0: the whole file).
    /// </summary>
    public static StreamReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new DataValidationException(path, 0, Directory.Exists(path) ? "is a directory, not a file" : "file not found");
        }

        try
        {
            return new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataValidationException(path, 0, $"cannot read the file: {ex.Message}");
        }
    }

    /// <summary>
    /// The header's fields, or an error for an empty source. A UTF-8 byte-order mark left in the
    /// text (readers over strings keep it) is removed.
    /// </summary>
    public static string[] ReadHeader(TextReader reader, string source)
    {
        var line = ReadLine(reader, source);
        if (line is null || line.Trim().Trim('\uFEFF').Length == 0)
        {
            throw new DataValidationException(source, line is null ? 0 : 1,
                line is null ? "file is empty (no header line)" : "header line is blank");
        }

        return Split(line.TrimStart('\uFEFF'));
    }

    /// <summary>
    /// The data lines after the header with their 1-based line numbers. Blank lines at the end of
    /// the file are ignored (editors and some exports add them); a blank line followed by more data
    /// is an error, so no row is ever skipped silently.
    /// </summary>
    public static IEnumerable<(int Line, string Text)> DataLines(TextReader reader, string source)
    {
        var lineNumber = 1;
        var firstBlank = 0;
        string? line;
        while ((line = ReadLine(reader, source)) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                if (firstBlank == 0)
                {
                    firstBlank = lineNumber;
                }

                continue;
            }

            if (firstBlank != 0)
            {
                throw new DataValidationException(source, firstBlank,
                    $"blank line inside the data (more data follows on line {lineNumber})");
            }

            yield return (lineNumber, line);
        }
    }

    /// <summary>Fields of one line, trimmed, with one level of surrounding double quotes removed.</summary>
    public static string[] Split(string line)
    {
        var fields = line.Split(',');
        for (var i = 0; i < fields.Length; i++)
        {
            var f = fields[i].Trim();
            if (f.Length >= 2 && f[0] == '"' && f[^1] == '"')
            {
                f = f[1..^1].Trim();
            }

            fields[i] = f;
        }

        return fields;
    }

    /// <summary>Header names compared ignoring case, spaces and underscores ("Adj Close" = "adj_close" = "AdjClose").</summary>
    public static string NormaliseName(string name) =>
        name.Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>Checks a data line's field count against the header's.</summary>
    public static void CheckFieldCount(string source, int line, string[] fields, int expected)
    {
        if (fields.Length != expected)
        {
            throw new DataValidationException(source, line,
                $"expected {expected} fields as in the header, found {fields.Length}");
        }
    }

    public static DateOnly ParseDate(string source, int line, string text)
    {
        if (text.Length == 0)
        {
            throw new DataValidationException(source, line, "Date is empty");
        }

        if (!DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new DataValidationException(source, line,
                $"cannot parse date '{text}' (expected M/D/YYYY or yyyy-MM-dd)");
        }

        return date;
    }

    /// <summary>
    /// A price: finite and positive. Empty fields, Yahoo's <c>null</c> marker, NaN, text that is not a
    /// number and non-positive values are errors naming <paramref name="column"/> and the text found.
    /// </summary>
    public static double ParsePrice(string source, int line, string column, string text)
    {
        if (text.Length == 0)
        {
            throw new DataValidationException(source, line, $"{column} is empty");
        }

        if (text.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            throw new DataValidationException(source, line, $"{column} is 'null' (Yahoo's marker for a missing price)");
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new DataValidationException(source, line, $"{column}: cannot parse number '{text}'");
        }

        if (double.IsNaN(value))
        {
            throw new DataValidationException(source, line, $"{column} is NaN ('{text}')");
        }

        PriceValidation.CheckPrice(source, line, column, value);
        return value;
    }

    private static string? ReadLine(TextReader reader, string source)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (IOException ex)
        {
            throw new DataValidationException(source, 0, $"cannot read the file: {ex.Message}");
        }
    }
}
