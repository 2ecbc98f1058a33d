using System.Globalization;
using RiskGrid.Client.Output;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;

namespace RiskGrid.Client.Tests.Output;

/// <summary>The model comparison's MCS and DM counts, by tick loss and FZ0, in model-comparison.csv and the console table.</summary>
public sealed class ComparisonOutputTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Comparison_csv_and_table_carry_the_confidence_set_counts_of_both_losses()
    {
        var universe = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = 3, Days = 330 });
        var runs = RollingEngine.Run(universe, ["hs", "normal", "ewma"], new RollingOptions { Window = 250, Alphas = [0.975] });
        var report = BenchmarkReport.Build(runs, [0.975]);
        CsvResultsWriter.Write(report, _dir.Path);

        var lines = File.ReadAllLines(Path.Combine(_dir.Path, CsvResultsWriter.ComparisonFile));
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        Assert.All(new[] { "in_mcs_10", "in_mcs_25", "fz0_best_on", "fz0_in_mcs_10", "fz0_in_mcs_25", "fz0_worse_than_best" },
            c => Assert.True(Column(c) >= 0, c));
        Assert.Equal(report.Ranking.Count, lines.Length - 1);
        for (var i = 0; i < report.Ranking.Count; i++)
        {
            var cells = lines[i + 1].Split(',');
            var r = report.Ranking[i];
            Assert.Equal(r.Model, cells[Column("model")]);
            int Int(string c) => int.Parse(cells[Column(c)], CultureInfo.InvariantCulture);
            Assert.Equal((r.InConfidenceSet10, r.InConfidenceSet25, r.Fz0Best, r.Fz0InConfidenceSet10, r.Fz0InConfidenceSet25),
                (Int("in_mcs_10"), Int("in_mcs_25"), Int("fz0_best_on"), Int("fz0_in_mcs_10"), Int("fz0_in_mcs_25")));
        }

        // Each instrument's confidence set holds at least one model.
        Assert.True(report.Ranking.Sum(r => r.InConfidenceSet25) >= 3 && report.Ranking.Sum(r => r.Fz0InConfidenceSet25) >= 3);

        var table = ModelRankingTable.Describe(report.Ranking);
        var mcs = table.Columns.ToList().FindIndex(c => c.Header == "In MCS 10%/25%");
        var fz0 = table.Columns.ToList().FindIndex(c => c.Header == "FZ0 MCS 10%/25%");
        Assert.True(mcs >= 0 && fz0 >= 0);
        Assert.Equal(report.Ranking.Select(r => $"{r.InConfidenceSet10}/{r.InConfidenceSet25} of {r.Instruments}"), table.Rows.Select(row => row[mcs]));
        Assert.Equal(report.Ranking.Select(r => $"{r.Fz0InConfidenceSet10}/{r.Fz0InConfidenceSet25} of {r.Fz0Instruments}"), table.Rows.Select(row => row[fz0]));
    }

    [Fact]
    public void Murphy_csv_holds_every_curve_of_the_run_point_by_point()
    {
        var universe = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = 2, Days = 300 });
        var runs = RollingEngine.Run(universe, ["hs", "normal"], new RollingOptions { Window = 250, Alphas = [0.95, 0.99] });
        var report = BenchmarkReport.Build(runs, [0.95, 0.99]);
        var files = CsvResultsWriter.Write(report, _dir.Path);
        Assert.Contains(files, f => f.EndsWith(CsvResultsWriter.MurphyFile, StringComparison.Ordinal));

        var lines = File.ReadAllLines(Path.Combine(_dir.Path, CsvResultsWriter.MurphyFile));
        Assert.Equal("instrument,model,alpha,days,theta,mean_score", lines[0]);
        var curves = MurphyDiagram.Compute(runs, [0.95, 0.99]);
        Assert.Equal(2 * 2 * 2, curves.Count);
        Assert.Equal(curves.Sum(c => c.Thresholds.Count), lines.Length - 1);
        var row = 1;
        foreach (var c in curves)
        {
            for (var k = 0; k < c.Thresholds.Count; k++, row++)
            {
                var cells = lines[row].Split(',');
                Assert.Equal((c.Instrument, c.Model, c.Days), (cells[0], cells[1], int.Parse(cells[3], CultureInfo.InvariantCulture)));
                Assert.Equal(c.Thresholds[k], double.Parse(cells[4], CultureInfo.InvariantCulture));
                Assert.Equal(c.MeanScores[k], double.Parse(cells[5], CultureInfo.InvariantCulture));
            }
        }
    }
}
