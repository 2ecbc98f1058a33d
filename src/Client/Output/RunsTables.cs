using System.Globalization;
using RiskGrid.Client.Store;
using RiskGrid.Core.Backtesting;
using Spectre.Console;

namespace RiskGrid.Client.Output;

/// <summary>The tables of <c>riskgrid runs</c>: the list of runs, one run, two runs compared.</summary>
public static class RunsTables
{
    private static readonly CellFormat Cells = CellFormat.Console;

    public static void List(IAnsiConsole console, RunStore store, int limit, OutputFormat format = OutputFormat.Table)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(store);
        var runs = store.List(limit);
        if (runs.Count == 0 && format == OutputFormat.Table)
        {
            console.MarkupLine($"No runs recorded in {Markup.Escape(store.Path)} yet.");
            return;
        }

        var plain = format != OutputFormat.Table;
        var table = new ResultTable("runs", $"[bold]Runs[/] in {Markup.Escape(store.Path)}",
        [
            new("ID", true), new("Started (UTC)"), new("Elapsed", true, 3), new("Executor", false, 5), new("Data", false, 1),
            new("Data hash", false, 4), new("Models", false, 2), new("Levels", false, 3), new("Pairs", true, 2), new("Red", true), new("Code", false, 6), new("Tags", false, 2),
        ]);
        foreach (var r in runs)
        {
            table.Add(
                r.Id.ToString(CultureInfo.InvariantCulture),
                Time(r.StartedUtc),
                Seconds(r.Elapsed),
                Markup.Escape(r.Executor),
                Markup.Escape(plain ? r.Dataset : Shorten(r.Dataset, 40)),
                Markup.Escape(plain ? r.DatasetHash : ShortHash(r.DatasetHash)),
                Markup.Escape(plain ? r.Models : Shorten(r.Models, 40)),
                Markup.Escape(r.Levels),
                r.Pairs.ToString(CultureInfo.InvariantCulture),
                r.Red > 0 ? $"[red]{r.Red}[/]" : "0",
                Markup.Escape(plain ? r.CodeVersion : ShortCode(r.CodeVersion)),
                Markup.Escape(r.Tags));
        }

        ResultTableWriter.Write(console, format, table);
    }

    public static void Show(IAnsiConsole console, RunRecord run, OutputFormat format = OutputFormat.Table)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        var about = new ResultTable("run", $"[bold]Run {run.Id}[/]", [new("Field"), new("Value")]);
        about.Add("Started (UTC)", Time(run.StartedUtc));
        about.Add("Finished (UTC)", Time(run.FinishedUtc));
        about.Add("Forecasting time", Seconds(run.Elapsed));
        about.Add("Executor", Markup.Escape(run.Executor));
        about.Add("Code version", Markup.Escape(run.CodeVersion));
        about.Add("Data", Markup.Escape(run.Dataset));
        about.Add("Data hash (SHA-256)", Markup.Escape(run.DatasetHash));
        about.Add("Pairs", $"{run.Pairs} ({run.Instruments} instrument(s))");
        about.Add("Tags", Markup.Escape(string.Join(", ", run.Tags)));

        var parameters = new ResultTable("parameters", "[bold]Parameters[/]", [new("Option"), new("Value")]);
        foreach (var p in run.Parameters)
        {
            parameters.Add("--" + Markup.Escape(p.Name), Markup.Escape(p.Value));
        }

        var artifacts = new ResultTable("artifacts", "[bold]Artifacts[/] (the store's own copies; riskgrid runs export ID --out DIR restores the names)",
            [new("Kind"), new("Name"), new("Path", false, 1), new("Present")]);
        foreach (var a in run.Artifacts)
        {
            artifacts.Add(Markup.Escape(a.Kind), Markup.Escape(a.Name ?? System.IO.Path.GetFileName(a.Path)), Markup.Escape(a.Path),
                File.Exists(a.Path) ? "yes" : "[yellow]missing[/]");
        }

        var keyResults = KeyResultsTable.Describe(run.KeyResults);
        if (format != OutputFormat.Table)
        {
            ResultTableWriter.Write(console, format, about, parameters, keyResults, artifacts);
            return;
        }

        ResultTableWriter.Write(console, format, about, parameters, keyResults);
        var red = run.Backtests.Where(b => b.Summary.TrafficLight.Zone == TrafficLightZone.Red).ToList();
        if (red.Count > 0)
        {
            console.MarkupLine("[red]Red zone:[/] " + Markup.Escape(string.Join(", ",
                red.Select(b => $"{b.Instrument}/{b.Model} at {Level(b.Summary.Alpha)} ({b.Summary.TrafficLight.Exceptions} in {b.Summary.TrafficLight.Days} days)"))));
        }

        ResultTableWriter.Write(console, format, artifacts);
    }

    public static void Compare(IAnsiConsole console, RunRecord a, RunRecord b, OutputFormat format = OutputFormat.Table)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var setup = new ResultTable("setup", $"[bold]Run {a.Id} vs run {b.Id}[/]", [new(""), new($"Run {a.Id}"), new($"Run {b.Id}")]);
        setup.Add("Started (UTC)", Time(a.StartedUtc), Time(b.StartedUtc));
        setup.Add("Forecasting time", Seconds(a.Elapsed), Seconds(b.Elapsed));
        Row(setup, "Executor", a.Executor, b.Executor);
        Row(setup, "Code version", a.CodeVersion, b.CodeVersion);
        Row(setup, "Data hash", a.DatasetHash, b.DatasetHash, format == OutputFormat.Table ? ShortHash : null);
        Row(setup, "Data", a.Dataset, b.Dataset);
        var names = a.Parameters.Select(p => p.Name).Union(b.Parameters.Select(p => p.Name)).ToList();
        var same = new List<string>();
        foreach (var name in names)
        {
            var x = a.Parameters.FirstOrDefault(p => p.Name == name)?.Value ?? "—";
            var y = b.Parameters.FirstOrDefault(p => p.Name == name)?.Value ?? "—";
            if (x == y)
            {
                same.Add(name);
            }
            else if (name != "out")
            {
                Row(setup, "--" + name, x, y);
            }
        }

        var table = new ResultTable("key_results", "[bold]Key Results[/] (A = run " + a.Id + ", B = run " + b.Id + ")",
        [
            new("Model"), new("Level", true),
            .. new[] { ("Exc. rate", 0), ("Viol. ratio", 3), ("Kupiec p", 2), ("Tick loss", 1) }
                .SelectMany(c => new[] { new ResultColumn(c.Item1 + " A", true, c.Item2), new ResultColumn(c.Item1 + " B", true, c.Item2) }),
            new("Δ tick loss", true), new("G/Y/R A", false, 4), new("G/Y/R B", false, 4),
        ])
        {
            Caption = "[grey]Δ = B − A; a negative Δ tick loss means B's VaR fits better. Red p < 0.05.[/]",
        };
        var keys = a.KeyResults.Select(r => (r.Model, r.Alpha)).Union(b.KeyResults.Select(r => (r.Model, r.Alpha)));
        foreach (var (model, alpha) in keys)
        {
            var x = a.KeyResults.FirstOrDefault(r => r.Model == model && r.Alpha == alpha);
            var y = b.KeyResults.FirstOrDefault(r => r.Model == model && r.Alpha == alpha);
            table.Add(
                Markup.Escape(model), Level(alpha),
                Cells.Percent(x?.ExceptionRate, 2), Cells.Percent(y?.ExceptionRate, 2),
                Cells.Number(x?.ViolationRatio, 2), Cells.Number(y?.ViolationRatio, 2),
                Cells.PValue(x?.MedianPValue(KupiecBacktest.TestName)), Cells.PValue(y?.MedianPValue(KupiecBacktest.TestName)),
                Cells.Number(x?.QuantileLoss, 4), Cells.Number(y?.QuantileLoss, 4),
                x is null || y is null ? "[grey]—[/]" : Signed(y.QuantileLoss - x.QuantileLoss),
                Zones(x), Zones(y));
        }

        if (format != OutputFormat.Table)
        {
            ResultTableWriter.Write(console, format, setup, table);
            return;
        }

        ResultTableWriter.Write(console, format, setup);
        console.MarkupLine(a.DatasetHash == b.DatasetHash ? "[green]Same data set.[/]" : "[yellow]Different data sets.[/]");
        if (same.Count > 0)
        {
            console.MarkupLine("[grey]Same: " + Markup.Escape(string.Join(", ", same.Select(n => "--" + n))) + "[/]");
        }

        ResultTableWriter.Write(console, format, table);
    }

    private static void Row(ResultTable table, string name, string a, string b, Func<string, string>? format = null)
    {
        format ??= s => s;
        var colour = a == b ? "grey" : "yellow";
        table.Add(Markup.Escape(name), $"[{colour}]{Markup.Escape(format(a))}[/]", $"[{colour}]{Markup.Escape(format(b))}[/]");
    }

    private static string Zones(KeyResultsRow? r) =>
        r is null ? "[grey]—[/]" : Cells.ZoneCounts(r.Green, r.Yellow, r.Red);

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";

    private static string Level(double alpha) => (100 * alpha).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string ShortHash(string hash) => hash.Length > 12 ? hash[..12] : hash;

    // "1.0.0+3f2c9a1…" → "3f2c9a1b2c"; a version without a commit as it is.
    private static string ShortCode(string version) =>
        CodeVersion.CommitOf(version) is { } commit ? commit[..Math.Min(10, commit.Length)] : version;

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Signed(double x) =>
        double.IsNaN(x) ? "[grey]n/a[/]" : x.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture);
}
