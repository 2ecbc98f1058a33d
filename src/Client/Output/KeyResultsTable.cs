using System.Globalization;
using RiskGrid.Core.Backtesting;
using Spectre.Console;

namespace RiskGrid.Client.Output;

/// <summary>Renders the Key Results table (one row per model and level) to the console.</summary>
public static class KeyResultsTable
{
    private static readonly CellFormat Cells = CellFormat.Console;

    /// <summary>The table with <paramref name="columns"/> as its test columns (<see cref="KeyResultsColumn.Default"/> when null).</summary>
    public static Table Build(IReadOnlyList<KeyResultsRow> rows, IReadOnlyList<KeyResultsColumn>? columns = null)
    {
        columns ??= KeyResultsColumn.Default;
        var pooled = rows.Any(r => r.Instruments > 1);
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Key Results[/]");
        table.AddColumn("Model");
        table.AddColumn(new TableColumn("Level").RightAligned());
        table.AddColumn(new TableColumn("Obs").RightAligned());
        table.AddColumn(new TableColumn("Exceptions").RightAligned());
        table.AddColumn(new TableColumn("Exc. rate").RightAligned());
        table.AddColumn(new TableColumn("Viol. ratio").RightAligned());
        foreach (var column in columns.Where(c => c.Value != KeyResultsValue.MeanStatistic))
        {
            table.AddColumn(new TableColumn(Markup.Escape(pooled && column.Value == KeyResultsValue.MedianPValue ? column.Header + " (med)" : column.Header)).RightAligned());
        }

        table.AddColumn(new TableColumn("Avg ES").RightAligned());
        foreach (var column in columns.Where(c => c.Value == KeyResultsValue.MeanStatistic))
        {
            table.AddColumn(new TableColumn(Markup.Escape(column.Header)).RightAligned());
        }

        table.AddColumn(new TableColumn("Tick loss").RightAligned());
        table.AddColumn(pooled ? "Traffic light (G/Y/R)" : "Traffic light");
        foreach (var r in rows)
        {
            table.AddRow(
            [
                Markup.Escape(r.Model),
                Cells.Percent(r.Alpha, 1),
                r.Observations.ToString("N0", CultureInfo.InvariantCulture) + (r.MissingForecasts > 0 ? $" (+{r.MissingForecasts} missing)" : string.Empty),
                r.Exceptions.ToString(CultureInfo.InvariantCulture),
                Cells.Percent(r.ExceptionRate, 2),
                Cells.Number(r.ViolationRatio, 2),
                .. columns.Where(c => c.Value != KeyResultsValue.MeanStatistic).Select(c => c.Cell(r, Cells)),
                Cells.Number(r.AverageES, 3),
                .. columns.Where(c => c.Value == KeyResultsValue.MeanStatistic).Select(c => c.Cell(r, Cells)),
                Cells.Number(r.QuantileLoss, 4),
                Zone(r, pooled),
            ]);
        }

        table.Caption(pooled
            ? "[grey]Counts pooled over instruments; p-values are medians over instruments; red p < 0.05. VaR/ES in % of position value.[/]"
            : "[grey]Red p < 0.05. VaR/ES in % of position value.[/]");
        return table;
    }

    private static string Zone(KeyResultsRow r, bool pooled)
    {
        if (!pooled)
        {
            return Colour(r.WorstZone, r.WorstZone.ToString().ToLowerInvariant());
        }

        return Cells.ZoneCounts(r.Green, r.Yellow, r.Red);
    }

    private static string Colour(TrafficLightZone zone, string text) => zone switch
    {
        TrafficLightZone.Green => $"[green]{text}[/]",
        TrafficLightZone.Yellow => $"[yellow]{text}[/]",
        _ => $"[red]{text}[/]",
    };
}
