using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace RiskGrid.Client.Output;

/// <summary>Prints <see cref="ResultTable"/>s in an <see cref="OutputFormat"/>: boxed and fitted to the console's width, or
/// as CSV, JSON or Markdown on the console's output, unwrapped and without markup.</summary>
public static class ResultTableWriter
{
    /// <summary>Below this many columns the boxed tables leave out their least needed columns.</summary>
    public const int NarrowWidth = 100;

    public static void Write(IAnsiConsole console, OutputFormat format, params ResultTable[] tables)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(tables);
        if (format == OutputFormat.Table)
        {
            foreach (var table in tables)
            {
                console.Write(ToSpectre(table, Width(console)));
            }

            return;
        }

        var writer = console.Profile.Out.Writer;
        writer.Write(Plain(format, tables));
        writer.Flush();
    }

    /// <summary>The width the boxed tables fit: the console's, but for the process's own stdout piped to a file or another
    /// program, <c>$COLUMNS</c> or <see cref="NarrowWidth"/> (Spectre would assume a wide page).</summary>
    public static int Width(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (!ReferenceEquals(console, AnsiConsole.Console) || !Console.IsOutputRedirected)
        {
            return console.Profile.Width;
        }

        return int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns >= 20
            ? columns
            : NarrowWidth;
    }

    /// <summary>The tables as CSV, JSON or Markdown text.</summary>
    public static string Plain(OutputFormat format, params ResultTable[] tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return format switch
        {
            OutputFormat.Csv => string.Join("\n", tables.Select(Csv)),
            OutputFormat.Markdown => string.Join("\n", tables.Select(MarkdownTable)),
            OutputFormat.Json => Json(tables),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "a plain format"),
        };
    }

    /// <summary>The boxed table within <paramref name="width"/> columns: the columns with the highest drop order left out
    /// (and named in the caption) until it fits; no cell wraps.</summary>
    public static Table ToSpectre(ResultTable table, int width)
    {
        ArgumentNullException.ThrowIfNull(table);
        var kept = Enumerable.Range(0, table.Columns.Count).ToList();
        var narrow = width < NarrowWidth;
        string Header(int c) => narrow ? table.Columns[c].Short ?? table.Columns[c].Header : table.Columns[c].Header;
        var cells = table.Rows.Select(r => r.Select(Markup.Remove).ToArray()).ToList();
        // A wrapping column needs its header or its longest word, at least 20 columns (or its widest cell when narrower).
        int Width(int c)
        {
            var widest = Math.Max(Header(c).Length, cells.Count == 0 ? 0 : cells.Max(r => r[c].Length));
            if (!table.Columns[c].Wraps)
            {
                return widest;
            }

            var word = cells.Count == 0 ? 0 : cells.Max(r => r[c].Split(' ').Max(w => w.Length));
            return Math.Min(widest, Math.Max(Math.Max(Header(c).Length, word), 20));
        }

        int Needed() => 1 + kept.Sum(c => 3 + Width(c));
        var dropped = new List<string>();
        while (Needed() > width)
        {
            var candidates = kept.Where(c => table.Columns[c].DropOrder > 0).ToList();
            if (candidates.Count == 0)
            {
                break;
            }

            var drop = candidates.OrderByDescending(c => table.Columns[c].DropOrder).ThenByDescending(c => c).First();
            kept.Remove(drop);
            dropped.Add(Header(drop));
        }

        var spectre = new Table().Border(TableBorder.Rounded).Title(table.Title);
        foreach (var c in kept)
        {
            var column = new TableColumn(Markup.Escape(Header(c)));
            column = table.Columns[c].Wraps ? column : column.NoWrap();
            spectre.AddColumn(table.Columns[c].RightAligned ? column.RightAligned() : column);
        }

        foreach (var row in table.Rows)
        {
            spectre.AddRow([.. kept.Select(c => row[c])]);
        }

        if (kept.Any(c => table.Columns[c].Wraps) && width < int.MaxValue)
        {
            spectre.Width = Math.Min(width, Needed() + kept.Where(c => table.Columns[c].Wraps).Sum(c =>
                Math.Max(0, cells.Max(r => r[c].Length) - Width(c)))); // no wider than the cells, nor than the terminal
        }

        var caption = table.Caption;
        if (dropped.Count > 0)
        {
            var note = $"[grey]Narrow terminal: {Markup.Escape(string.Join(", ", dropped))} left out (--format csv|json|markdown has every column).[/]";
            caption = caption is null ? note : caption + "\n" + note;
        }

        return caption is null ? spectre : spectre.Caption(caption);
    }

    private static string Csv(ResultTable table)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', table.Columns.Select(c => CsvField(c.Header))).Append('\n');
        foreach (var row in table.Rows)
        {
            text.AppendJoin(',', row.Select(c => CsvField(Markup.Remove(c)))).Append('\n');
        }

        return text.ToString();
    }

    private static string CsvField(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;

    private static string MarkdownTable(ResultTable table)
    {
        static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        var text = new StringBuilder();
        text.Append("**").Append(Cell(Markup.Remove(table.Title))).Append("**\n\n");
        text.Append("| ").AppendJoin(" | ", table.Columns.Select(c => Cell(c.Header))).Append(" |\n");
        text.Append('|').AppendJoin('|', table.Columns.Select(c => c.RightAligned ? " ---: " : " --- ")).Append("|\n");
        foreach (var row in table.Rows)
        {
            text.Append("| ").AppendJoin(" | ", row.Select(c => Cell(Markup.Remove(c)))).Append(" |\n");
        }

        return text.ToString();
    }

    private static string Json(ResultTable[] tables)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            void Rows(ResultTable table)
            {
                json.WriteStartArray();
                var keys = table.Columns.Select(c => Key(c.Header)).ToArray();
                foreach (var row in table.Rows)
                {
                    json.WriteStartObject();
                    for (var i = 0; i < keys.Length; i++)
                    {
                        var text = Markup.Remove(row[i]);
                        json.WritePropertyName(keys[i]);
                        if (text is "n/a" or "")
                        {
                            json.WriteNullValue();
                        }
                        else if (double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x))
                        {
                            json.WriteNumberValue(x);
                        }
                        else
                        {
                            json.WriteStringValue(text);
                        }
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (tables.Length == 1)
            {
                Rows(tables[0]);
            }
            else
            {
                json.WriteStartObject();
                foreach (var table in tables)
                {
                    json.WritePropertyName(table.Name);
                    Rows(table);
                }

                json.WriteEndObject();
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>A header as a JSON key: lower case, words joined by <c>_</c> (<c>Exc. rate</c> → <c>exc_rate</c>).</summary>
    internal static string Key(string header)
    {
        var key = new StringBuilder();
        foreach (var c in header.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                key.Append(c);
            }
            else if (key.Length > 0 && key[^1] != '_')
            {
                key.Append('_');
            }
        }

        return key.ToString().TrimEnd('_');
    }
}
