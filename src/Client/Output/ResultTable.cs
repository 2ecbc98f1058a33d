namespace RiskGrid.Client.Output;

/// <summary>A column of a <see cref="ResultTable"/>. <paramref name="DropOrder"/> 0 is always shown; in a terminal too
/// narrow for every column, the highest drop order goes first (the rightmost of equals). <paramref name="Short"/> is the
/// header a narrow terminal shows (below <see cref="ResultTableWriter.NarrowWidth"/> columns). A <paramref name="Wraps"/> column
/// (prose, never numbers) wraps its cells at word boundaries in a boxed table instead of widening it.</summary>
public sealed record ResultColumn(string Header, bool RightAligned = false, int DropOrder = 0, string? Short = null, bool Wraps = false);

/// <summary>
/// A result table described once and printed in any <see cref="OutputFormat"/> (<see cref="ResultTableWriter"/>). Cells
/// are Spectre markup (<see cref="CellFormat.Console"/>: colours, escaped text); the plain formats strip the markup.
/// </summary>
public sealed class ResultTable(string name, string title, IReadOnlyList<ResultColumn> columns)
{
    private readonly List<IReadOnlyList<string>> _rows = [];

    /// <summary>A short key for the JSON output, e.g. <c>key_results</c>.</summary>
    public string Name { get; } = name;

    /// <summary>Markup.</summary>
    public string Title { get; } = title;

    public IReadOnlyList<ResultColumn> Columns { get; } = columns;

    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    /// <summary>Markup under the boxed table.</summary>
    public string? Caption { get; init; }

    /// <summary>The same table under another name, with the rows given.</summary>
    public ResultTable(string name, string title, IReadOnlyList<ResultColumn> columns, IEnumerable<IReadOnlyList<string>> rows)
        : this(name, title, columns) => _rows.AddRange(rows);

    public ResultTable Add(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"{cells.Length} cells for {Columns.Count} columns", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }
}
