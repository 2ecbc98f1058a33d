using System.Globalization;
using RiskGrid.Core.Backtesting;
using Spectre.Console;

namespace RiskGrid.Client.Output;

/// <summary>Renders the model comparison (ranking by quantile loss, Diebold–Mariano against the best).</summary>
public static class ModelRankingTable
{
    public static Table Build(IReadOnlyList<ModelRankingRow> rows) => ResultTableWriter.ToSpectre(Describe(rows), int.MaxValue);

    public static ResultTable Describe(IReadOnlyList<ModelRankingRow> rows)
    {
        var table = new ResultTable("model_comparison", "[bold]Model comparison[/] (quantile loss and FZ0 joint VaR–ES loss, lower is better)",
        [
            new("Level", true), new("Model"), new("Mean rank", true), new("Tick loss", true), new("Best on", true), new("Worse than best (DM 5%)", true, 1),
            new("FZ0 loss", true, 2), new("FZ0 worse (DM 5%)", true, 3),
        ]);
        foreach (var r in rows)
        {
            table.Add(
                (100 * r.Alpha).ToString("F1", CultureInfo.InvariantCulture) + "%",
                Markup.Escape(r.Model),
                r.MeanRank.ToString("F2", CultureInfo.InvariantCulture),
                r.MeanQuantileLoss.ToString("F4", CultureInfo.InvariantCulture),
                $"{r.Best}/{r.Instruments}",
                $"{r.SignificantlyWorseThanBest}/{r.Instruments}",
                double.IsNaN(r.MeanFz0Loss) ? "n/a" : r.MeanFz0Loss.ToString("F4", CultureInfo.InvariantCulture),
                $"{r.Fz0SignificantlyWorseThanBest}/{r.Fz0Instruments}");
        }

        return table;
    }
}
