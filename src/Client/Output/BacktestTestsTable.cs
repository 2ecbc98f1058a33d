using System.Globalization;
using RiskGrid.Core.Backtesting;
using Spectre.Console;

namespace RiskGrid.Client.Output;

/// <summary>
/// Every catalogued test of every pair and level (what <c>riskgrid backtest</c> prints under Key Results): boxed, the
/// primary p-value and the others beside it, the reasons a test is undefined in the caption; plain (csv, json,
/// markdown), one row per test and p-value at full precision, as backtest-tests.csv.
/// </summary>
public static class BacktestTestsTable
{
    private static readonly CellFormat Cells = CellFormat.Console;

    public static ResultTable Describe(IReadOnlyList<PairBacktest> backtests, OutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(backtests);
        return format == OutputFormat.Table ? Boxed(backtests) : Plain(backtests);
    }

    private static ResultTable Boxed(IReadOnlyList<PairBacktest> backtests)
    {
        var instruments = backtests.Select(b => b.Instrument).Distinct(StringComparer.Ordinal).Count() > 1;
        List<ResultColumn> columns =
        [
            .. instruments ? [new ResultColumn("Instrument")] : Array.Empty<ResultColumn>(),
            new("Model"), new("Level", true), new("Test"), new("Statistic", true, 0, "Stat"), new("p-value", true, 0, "p"),
            new("Method", false, 2), new("Other p-values", false, 1, "Others"),
        ];
        var table = new ResultTable("tests", "[bold]Backtests[/] (every test, primary p-value first)", columns);
        foreach (var b in backtests)
        {
            var level = Cells.Percent(b.Summary.Alpha, 1);
            foreach (var t in b.Summary.Tests)
            {
                table.Add(
                [
                    .. instruments ? [Markup.Escape(b.Instrument)] : Array.Empty<string>(),
                    Markup.Escape(b.Model),
                    level,
                    t.Test,
                    // A result with a reason may still have its statistic (es-z1 with one or two exceptions: the
                    // resampled p-value is undefined, the mc one is not); "undefined" only where the statistic is.
                    double.IsNaN(t.Statistic) ? "[grey]undefined[/]" : Cells.Number(t.Statistic, 3),
                    Cells.PValue(t.PValue),
                    Markup.Escape(t.Method),
                    string.Join(" ", t.PValues.Skip(1).Where(p => !double.IsNaN(p.Value))
                        .Select(p => $"{Markup.Escape(p.Method)} {Cells.PValue(p.Value)}")),
                ]);
            }
        }

        const string caption = "[grey]Red p < 0.05; why a test is undefined is listed below. --format csv|json has every p-value.[/]";
        return new ResultTable(table.Name, table.Title, table.Columns, table.Rows) { Caption = caption };
    }

    /// <summary>Why tests are undefined, one line per reason (plain text): the reason, the tests, and where, unless everywhere.</summary>
    public static IReadOnlyList<string> UndefinedReasons(IReadOnlyList<PairBacktest> backtests)
    {
        ArgumentNullException.ThrowIfNull(backtests);
        var instruments = backtests.Select(b => b.Instrument).Distinct(StringComparer.Ordinal).Count() > 1;
        var undefined = backtests.SelectMany(b => b.Summary.Tests.Where(t => t.Undefined is not null).Select(t =>
            (t.Test, Why: t.Undefined!, Where: $"{(instruments ? b.Instrument + " " : "")}{b.Model} {Markup.Remove(Cells.Percent(b.Summary.Alpha, 1))}")));
        return [.. undefined.GroupBy(u => u.Why).Select(g =>
        {
            var where = g.Select(u => u.Where).Distinct().ToList();
            var at = where.Count >= backtests.Count ? "everywhere"
                : string.Join(", ", where.Take(3)) + (where.Count > 3 ? $" and {where.Count - 3} more" : "");
            return $"{g.Key}: {string.Join(", ", g.Select(u => u.Test).Distinct())} ({at})";
        })];
    }

    private static ResultTable Plain(IReadOnlyList<PairBacktest> backtests)
    {
        var table = new ResultTable("tests", "[bold]Backtests[/]",
        [
            new("instrument"), new("model"), new("alpha", true), new("test"), new("statistic", true), new("dof", true),
            new("method"), new("p_value", true), new("undefined"),
        ]);
        foreach (var b in backtests)
        {
            foreach (var t in b.Summary.Tests)
            {
                // A test without p-values is one row with an empty method.
                var pValues = t.PValues.Count > 0 ? t.PValues : [new PValue(string.Empty, double.NaN)];
                foreach (var p in pValues)
                {
                    table.Add(Markup.Escape(b.Instrument), Markup.Escape(b.Model), N(b.Summary.Alpha), t.Test, N(t.Statistic),
                        t.DegreesOfFreedom > 0 ? t.DegreesOfFreedom.ToString(CultureInfo.InvariantCulture) : string.Empty,
                        Markup.Escape(p.Method), N(p.Value), Markup.Escape(t.Undefined ?? string.Empty));
                }
            }
        }

        return table;
    }

    private static string N(double x) => double.IsNaN(x) ? string.Empty : x.ToString("R", CultureInfo.InvariantCulture);
}
