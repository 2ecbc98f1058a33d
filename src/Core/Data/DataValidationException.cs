namespace RiskGrid.Core.Data;

/// <summary>
/// Bad input data, always naming where it is: the file (or source), the 1-based row, and the problem.
/// Loaders throw it; nothing drops a row silently.
/// </summary>
public sealed class DataValidationException : Exception
{
    public DataValidationException(string source, int row, string problem)
        : base(row > 0 ? $"{Printable(source)}, row {row}: {Printable(problem)}" : $"{Printable(source)}: {Printable(problem)}")
    {
        Source = source;
        Row = row;
        Problem = problem;
    }

    /// <summary>File path or other source name.</summary>
    public new string Source { get; }

    /// <summary>1-based row (line) in the source; 0 when the problem concerns the whole source.</summary>
    public int Row { get; }

    public string Problem { get; }

    // Text from a file is echoed safely: control characters (terminal escapes included) as \uXXXX, long text cut.
    private static string Printable(string text)
    {
        var cut = text.Length > 300 ? text[..300] + "…" : text;
        return cut.Any(char.IsControl) ? string.Concat(cut.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) : cut;
    }
}
