using Spectre.Console;

namespace RiskGrid.Client.Cli;

/// <summary>Console lines of at most 80 columns for the run header and the closing lines, whatever the terminal (a
/// redirected console has no width to wrap at).</summary>
public static class ConsoleText
{
    /// <summary>The columns a header or closing line may take.</summary>
    public const int Width = 80;

    /// <summary>
    /// <paramref name="text"/> filled into lines of at most <paramref name="width"/> columns, broken at spaces only (a
    /// word longer than a line stays whole), the first line starting with <paramref name="prefix"/>, the next ones with
    /// <paramref name="indent"/> (a space between a prefix and the first word unless the prefix ends with one).
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, string prefix = "", string indent = "  ", int width = Width)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        var line = new System.Text.StringBuilder(prefix);
        var empty = true;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!empty && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear().Append(indent);
                empty = true;
            }

            line.Append(line.Length == 0 || line[^1] == ' ' ? string.Empty : " ").Append(word);
            empty = false;
        }

        lines.Add(line.ToString());
        return lines;
    }

    /// <summary>
    /// Prints a run's header: its title in bold, then each "key     value" line indented by two, wrapped with the
    /// value's column as the indent of its continuation lines.
    /// </summary>
    public static void WriteHeader(IAnsiConsole console, IReadOnlyList<string> description)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(description);
        console.MarkupLine($"[bold]{Markup.Escape(description[0])}[/]");
        foreach (var line in description.Skip(1))
        {
            var key = line.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? space : line.Length;
            while (key < line.Length && line[key] == ' ')
            {
                key++;
            }

            foreach (var part in Wrap(line[key..], "  " + line[..key], new string(' ', 2 + key)))
            {
                console.MarkupLine(Markup.Escape(part));
            }
        }
    }
}
