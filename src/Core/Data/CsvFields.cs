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
    /// <summary>Longest line read (a price line is under 100 characters; a header of thousands of instruments fits).</summary>
    public const int MaxLineLength = 1 << 20;

    /// <summary>Largest file read (the S&amp;P 500 since 1950 as Yahoo CSV is under 2 MB).</summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>Date layouts accepted: Yahoo's M/D/YYYY (leading zeros optional) and ISO 8601.</summary>
    private static readonly string[] DateFormats = ["M/d/yyyy", "yyyy-MM-dd"];

    /// <summary>
    /// Opens <paramref name="path"/>, turning a missing or unreadable file into a
    /// <see cref="DataValidationException"/> (row 0: the whole file).
    /// </summary>
    /// <param name="what">What the file is, for the size error (e.g. "a forecast file").</param>
    public static StreamReader Open(string path, string what = "a price file")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new DataValidationException(path, 0, Directory.Exists(path) ? "is a directory, not a file" : "file not found");
        }

        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxFileBytes)
            {
                throw new DataValidationException(path, 0, $"is {info.Length:N0} bytes; {what} is at most {MaxFileBytes:N0}");
            }

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
    /// <param name="expected">The header expected, for the error when the first line is data.</param>
    /// <param name="what">What the file is, for the line-length error.</param>
    public static string[] ReadHeader(TextReader reader, string source,
        string expected = "Date,Open,High,Low,Close,Adj Close,Volume or Date,NAME,...", string what = "a price file")
    {
        var line = ReadLine(reader, source, 1, what);
        if (line is null || line.Trim().Trim('\uFEFF').Length == 0)
        {
            throw new DataValidationException(source, line is null ? 0 : 1,
                line is null ? "file is empty (no header line)" : "header line is blank");
        }

        var header = Split(line.TrimStart('\uFEFF'));
        if (header.Length > 0 && DateOnly.TryParseExact(header[0], DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new DataValidationException(source, 1,
                $"the first line is data ('{header[0]}'), not a header: expected {expected}");
        }

        return header;
    }

    /// <summary>
    /// The data lines after the header with their 1-based line numbers. Blank lines at the end of
    /// the file are ignored (editors and some exports add them); a blank line followed by more data
    /// is an error, so no row is ever skipped silently.
    /// </summary>
    public static IEnumerable<(int Line, string Text)> DataLines(TextReader reader, string source, string what = "a price file")
    {
        var lineNumber = 1;
        var firstBlank = 0;
        string? line;
        while ((line = ReadLine(reader, source, lineNumber + 1, what)) is not null)
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

    // ReadLine with a length guard: a file without line breaks (a binary file, /dev/zero) is refused after
    // MaxLineLength characters instead of being read whole into memory.
    private static string? ReadLine(TextReader reader, string source, int lineNumber, string what)
    {
        try
        {
            var line = new System.Text.StringBuilder();
            while (true)
            {
                var c = reader.Read();
                if (c < 0)
                {
                    return line.Length > 0 ? line.ToString() : null;
                }

                if (c == '\n')
                {
                    return line.ToString();
                }

                if (c == '\r')
                {
                    if (reader.Peek() == '\n')
                    {
                        reader.Read();
                    }

                    return line.ToString();
                }

                if (c == '\0')
                {
                    throw new DataValidationException(source, lineNumber, "contains a NUL byte: not a text (CSV) file");
                }

                if (line.Length >= MaxLineLength)
                {
                    throw new DataValidationException(source, lineNumber, $"line is longer than {MaxLineLength:N0} characters: not {what}");
                }

                line.Append((char)c);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataValidationException(source, 0, $"cannot read the file: {ex.Message}");
        }
    }
}
