using System.Globalization;
using RiskGrid.Core.Backtesting;
using Spectre.Console;

namespace RiskGrid.Client.Output;

/// <summary>Renders the Key Results table (one row per model and level) to the console.</summary>
public static class KeyResultsTable
{
    private static readonly CellFormat Cells = CellFormat.Console;

    /// <summary>The boxed table, all columns (see <see cref="Describe"/>).</summary>
    public static Table Build(IReadOnlyList<KeyResultsRow> rows, IReadOnlyList<KeyResultsColumn>? columns = null) =>
        ResultTableWriter.ToSpectre(Describe(rows, columns), int.MaxValue);

    /// <summary>The table with <paramref name="columns"/> as its test columns (<see cref="KeyResultsColumn.Default"/> when null).
    /// In a narrow terminal the test statistics, tick loss, violation ratio and p-values go first, in that order.</summary>
    /// <param name="units">What VaR and ES are in, for the caption (forecasts backtested from a file may be in P&amp;L).</param>
    public static ResultTable Describe(IReadOnlyList<KeyResultsRow> rows, IReadOnlyList<KeyResultsColumn>? columns = null,
        string units = "% of position value")
    {
        columns ??= KeyResultsColumn.Default;
        var pooled = rows.Any(r => r.Instruments > 1);
        var pValues = columns.Where(c => c.Value != KeyResultsValue.MeanStatistic).ToList();
        var statistics = columns.Where(c => c.Value == KeyResultsValue.MeanStatistic).ToList();
        List<ResultColumn> header =
        [
            new("Model"), new("Level", true), new("Obs", true, 1), new("Exceptions", true, 0, "Exc."), new("Exc. rate", true, 0, "Rate"),
            new("Viol. ratio", true, 4, "VR"),
            .. pValues.Select((c, i) => new ResultColumn(pooled && c.Value == KeyResultsValue.MedianPValue ? c.Header + " (med)" : c.Header, true, i == 0 ? 2 : 3, c.Header)),
            new("Avg ES", true, 1),
            .. statistics.Select(c => new ResultColumn(c.Header, true, 6)),
            new("Tick loss", true, 5),
            new(pooled ? "Traffic light (G/Y/R)" : "Traffic light", false, 0, pooled ? "G/Y/R" : "Zone"),
        ];
        var table = new ResultTable("key_results", "[bold]Key Results[/]", header)
        {
            Caption = pooled
                ? $"[grey]Counts pooled over instruments; p-values are medians over instruments; red p < 0.05. VaR/ES in {Markup.Escape(units)}.[/]"
                : $"[grey]Red p < 0.05. VaR/ES in {Markup.Escape(units)}.[/]",
        };
        foreach (var r in rows)
        {
            table.Add(
            [
                Markup.Escape(r.Model),
                Cells.Percent(r.Alpha, 1),
                r.Observations.ToString("N0", CultureInfo.InvariantCulture) + (r.MissingForecasts > 0 ? $" (+{r.MissingForecasts} missing)" : string.Empty),
                r.Exceptions.ToString(CultureInfo.InvariantCulture),
                Cells.Percent(r.ExceptionRate, 2),
                Cells.Number(r.ViolationRatio, 2),
                .. pValues.Select(c => c.Cell(r, Cells)),
                Cells.Number(r.AverageES, 3),
                .. statistics.Select(c => c.Cell(r, Cells)),
                Cells.Number(r.QuantileLoss, 4),
                Zone(r, pooled),
            ]);
        }

        return table;
    }

    // No observations: no zone (n/a), never green.
    private static string Zone(KeyResultsRow r, bool pooled)
    {
        if (r.Observations == 0)
        {
            return Cells.Number(null, 0);
        }

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
