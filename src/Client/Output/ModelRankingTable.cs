using System.Globalization;
using RiskGrid.Core.Backtesting;
using Spectre.Console;

namespace RiskGrid.Client.Output;

/// <summary>Renders the model comparison (tick loss, Diebold–Mariano against the best, Model Confidence Set membership;
/// the same by FZ0), in the ranking's order (<see cref="ModelRanking.Order"/>: FZ0 MCS membership, then FZ0).</summary>
public static class ModelRankingTable
{
    public static Table Build(IReadOnlyList<ModelRankingRow> rows) => ResultTableWriter.ToSpectre(Describe(rows), int.MaxValue);

    public static ResultTable Describe(IReadOnlyList<ModelRankingRow> rows)
    {
        var table = new ResultTable("model_comparison", "[bold]Model comparison[/] (quantile loss and FZ0 joint VaR–ES loss, lower is better)",
        [
            new("Level", true), new("Model"), new("Mean rank", true), new("Tick loss", true), new("Best on", true), new("Worse than best (DM 5%)", true, 1),
            new("In MCS 10%/25%", true, 4, "MCS"),
            new("FZ0 loss", true, 2), new("FZ0 worse (DM 5%)", true, 3), new("FZ0 MCS 10%/25%", true, 5, "FZ0 MCS"),
        ])
        {
            Caption = "[grey]MCS: on how many instruments the model is in the Model Confidence Set (Hansen–Lunde–Nason, range statistic, "
                + "seeded stationary bootstrap) at sizes 10% and 25%. Ranked by FZ0 MCS membership (10%, then 25%), then mean FZ0 rank "
                + "(by tick loss where FZ0 is n/a).[/]",
        };
        foreach (var r in rows)
        {
            table.Add(
                (100 * r.Alpha).ToString("F1", CultureInfo.InvariantCulture) + "%",
                Markup.Escape(r.Model),
                r.MeanRank.ToString("F2", CultureInfo.InvariantCulture),
                r.MeanQuantileLoss.ToString("F4", CultureInfo.InvariantCulture),
                $"{r.Best}/{r.Instruments}",
                $"{r.SignificantlyWorseThanBest}/{r.Instruments}",
                $"{r.InConfidenceSet10}/{r.InConfidenceSet25} of {r.Instruments}",
                double.IsNaN(r.MeanFz0Loss) ? "n/a" : r.MeanFz0Loss.ToString("F4", CultureInfo.InvariantCulture),
                $"{r.Fz0SignificantlyWorseThanBest}/{r.Fz0Instruments}",
                $"{r.Fz0InConfidenceSet10}/{r.Fz0InConfidenceSet25} of {r.Fz0Instruments}");
        }

        return table;
    }
}
