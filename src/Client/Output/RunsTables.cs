using System.Globalization;
using RiskGrid.Client.Store;
using RiskGrid.Core.Backtesting;
using Spectre.Console;

namespace RiskGrid.Client.Output;

/// <summary>The tables of <c>riskgrid runs</c>: the list of runs, one run, two runs compared.</summary>
public static class RunsTables
{
    private static readonly CellFormat Cells = CellFormat.Console;

    public static void List(IAnsiConsole console, RunStore store, int limit)
    {
        var runs = store.List(limit);
        if (runs.Count == 0)
        {
            console.MarkupLine($"No runs recorded in {Markup.Escape(store.Path)} yet.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]Runs[/] in {Markup.Escape(store.Path)}");
        table.AddColumn(new TableColumn("ID").RightAligned());
        table.AddColumn("Started (UTC)");
        table.AddColumn(new TableColumn("Elapsed").RightAligned());
        table.AddColumn("Executor");
        table.AddColumn("Data");
        table.AddColumn("Data hash");
        table.AddColumn("Models");
        table.AddColumn("Levels");
        table.AddColumn(new TableColumn("Pairs").RightAligned());
        table.AddColumn(new TableColumn("Red").RightAligned());
        table.AddColumn("Code");
        foreach (var r in runs)
        {
            table.AddRow(
                r.Id.ToString(CultureInfo.InvariantCulture),
                Time(r.StartedUtc),
                Seconds(r.Elapsed),
                Markup.Escape(r.Executor),
                Markup.Escape(Shorten(r.Dataset, 48)),
                Markup.Escape(ShortHash(r.DatasetHash)),
                Markup.Escape(r.Models),
                Markup.Escape(r.Levels),
                r.Pairs.ToString(CultureInfo.InvariantCulture),
                r.Red > 0 ? $"[red]{r.Red}[/]" : "0",
                Markup.Escape(ShortCode(r.CodeVersion)));
        }

        console.Write(table);
    }

    public static void Show(IAnsiConsole console, RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var about = new Table().Border(TableBorder.Rounded).Title($"[bold]Run {run.Id}[/]").HideHeaders();
        about.AddColumn("Field");
        about.AddColumn("Value");
        about.AddRow("Started (UTC)", Time(run.StartedUtc));
        about.AddRow("Finished (UTC)", Time(run.FinishedUtc));
        about.AddRow("Forecasting time", Seconds(run.Elapsed));
        about.AddRow("Executor", Markup.Escape(run.Executor));
        about.AddRow("Code version", Markup.Escape(run.CodeVersion));
        about.AddRow("Data", Markup.Escape(run.Dataset));
        about.AddRow("Data hash (SHA-256)", Markup.Escape(run.DatasetHash));
        about.AddRow("Pairs", $"{run.Pairs} ({run.Instruments} instrument(s))");
        console.Write(about);

        var parameters = new Table().Border(TableBorder.Rounded).Title("[bold]Parameters[/]");
        parameters.AddColumn("Option");
        parameters.AddColumn("Value");
        foreach (var p in run.Parameters)
        {
            parameters.AddRow("--" + Markup.Escape(p.Name), Markup.Escape(p.Value));
        }

        console.Write(parameters);
        console.Write(KeyResultsTable.Build(run.KeyResults));
        var red = run.Backtests.Where(b => b.Summary.TrafficLight.Zone == TrafficLightZone.Red).ToList();
        if (red.Count > 0)
        {
            console.MarkupLine("[red]Red zone:[/] " + Markup.Escape(string.Join(", ",
                red.Select(b => $"{b.Instrument}/{b.Model} at {Level(b.Summary.Alpha)} ({b.Summary.TrafficLight.Exceptions} in {b.Summary.TrafficLight.Days} days)"))));
        }

        var artifacts = new Table().Border(TableBorder.Rounded).Title("[bold]Artifacts[/]");
        artifacts.AddColumn("Kind");
        artifacts.AddColumn("Path");
        artifacts.AddColumn("Present");
        foreach (var a in run.Artifacts)
        {
            artifacts.AddRow(Markup.Escape(a.Kind), Markup.Escape(a.Path), File.Exists(a.Path) ? "yes" : "[yellow]missing[/]");
        }

        console.Write(artifacts);
    }

    public static void Compare(IAnsiConsole console, RunRecord a, RunRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var setup = new Table().Border(TableBorder.Rounded).Title($"[bold]Run {a.Id} vs run {b.Id}[/]");
        setup.AddColumn("");
        setup.AddColumn($"Run {a.Id}");
        setup.AddColumn($"Run {b.Id}");
        setup.AddRow("Started (UTC)", Time(a.StartedUtc), Time(b.StartedUtc));
        setup.AddRow("Forecasting time", Seconds(a.Elapsed), Seconds(b.Elapsed));
        Row(setup, "Executor", a.Executor, b.Executor);
        Row(setup, "Code version", a.CodeVersion, b.CodeVersion);
        Row(setup, "Data hash", a.DatasetHash, b.DatasetHash, ShortHash);
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

        console.Write(setup);
        console.MarkupLine(a.DatasetHash == b.DatasetHash ? "[green]Same data set.[/]" : "[yellow]Different data sets.[/]");
        if (same.Count > 0)
        {
            console.MarkupLine("[grey]Same: " + Markup.Escape(string.Join(", ", same.Select(n => "--" + n))) + "[/]");
        }

        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Key Results[/] (A = run " + a.Id + ", B = run " + b.Id + ")");
        table.AddColumn("Model");
        table.AddColumn(new TableColumn("Level").RightAligned());
        foreach (var column in new[] { "Exc. rate", "Viol. ratio", "Kupiec p", "Tick loss" })
        {
            table.AddColumn(new TableColumn(column + " A").RightAligned());
            table.AddColumn(new TableColumn(column + " B").RightAligned());
        }

        table.AddColumn(new TableColumn("Δ tick loss").RightAligned());
        table.AddColumn("G/Y/R A");
        table.AddColumn("G/Y/R B");
        var keys = a.KeyResults.Select(r => (r.Model, r.Alpha)).Union(b.KeyResults.Select(r => (r.Model, r.Alpha)));
        foreach (var (model, alpha) in keys)
        {
            var x = a.KeyResults.FirstOrDefault(r => r.Model == model && r.Alpha == alpha);
            var y = b.KeyResults.FirstOrDefault(r => r.Model == model && r.Alpha == alpha);
            table.AddRow(
                Markup.Escape(model), Level(alpha),
                Cells.Percent(x?.ExceptionRate, 2), Cells.Percent(y?.ExceptionRate, 2),
                Cells.Number(x?.ViolationRatio, 2), Cells.Number(y?.ViolationRatio, 2),
                Cells.PValue(x?.MedianPValue(KupiecBacktest.TestName)), Cells.PValue(y?.MedianPValue(KupiecBacktest.TestName)),
                Cells.Number(x?.QuantileLoss, 4), Cells.Number(y?.QuantileLoss, 4),
                x is null || y is null ? "[grey]—[/]" : Signed(y.QuantileLoss - x.QuantileLoss),
                Zones(x), Zones(y));
        }

        table.Caption("[grey]Δ = B − A; a negative Δ tick loss means B's VaR fits better. Red p < 0.05.[/]");
        console.Write(table);
    }

    private static void Row(Table table, string name, string a, string b, Func<string, string>? format = null)
    {
        format ??= s => s;
        var colour = a == b ? "grey" : "yellow";
        table.AddRow(Markup.Escape(name), $"[{colour}]{Markup.Escape(format(a))}[/]", $"[{colour}]{Markup.Escape(format(b))}[/]");
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
