using System.Globalization;
using RiskGrid.Core.Backtesting;
using Spectre.Console;

namespace RiskGrid.Client.Output;

/// <summary>Renders the model comparison (ranking by quantile loss, Diebold–Mariano against the best).</summary>
public static class ModelRankingTable
{
    public static Table Build(IReadOnlyList<ModelRankingRow> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Model comparison[/] (quantile loss, lower is better)");
        table.AddColumn(new TableColumn("Level").RightAligned());
        table.AddColumn("Model");
        table.AddColumn(new TableColumn("Mean rank").RightAligned());
        table.AddColumn(new TableColumn("Tick loss").RightAligned());
        table.AddColumn(new TableColumn("Best on").RightAligned());
        table.AddColumn(new TableColumn("Worse than best (DM 5%)").RightAligned());
        foreach (var r in rows)
        {
            table.AddRow(
                (100 * r.Alpha).ToString("F1", CultureInfo.InvariantCulture) + "%",
                Markup.Escape(r.Model),
                r.MeanRank.ToString("F2", CultureInfo.InvariantCulture),
                r.MeanQuantileLoss.ToString("F4", CultureInfo.InvariantCulture),
                $"{r.Best}/{r.Instruments}",
                $"{r.SignificantlyWorseThanBest}/{r.Instruments}");
        }

        return table;
    }
}
