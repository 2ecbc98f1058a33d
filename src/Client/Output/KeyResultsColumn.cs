using RiskGrid.Core.Backtesting;

namespace RiskGrid.Client.Output;

/// <summary>What a Key Results test column shows of a pooled test.</summary>
public enum KeyResultsValue
{
    /// <summary>The median p-value over instruments.</summary>
    MedianPValue,

    /// <summary>Instruments rejecting at 5%.</summary>
    Rejections,

    /// <summary>The mean statistic over instruments.</summary>
    MeanStatistic,
}

/// <summary>
/// One test column of the Key Results table: a catalogued test (<see cref="BacktestCatalog"/>), which
/// of its p-values (its primary one when <see cref="Method"/> is null) and what to show. The table's
/// descriptive columns (level, counts, rates, ES, tick loss, zones) are always there.
/// </summary>
public sealed record KeyResultsColumn(string Header, string Test, KeyResultsValue Value, string? Method = null)
{
    /// <summary>The columns shown by default: Kupiec p, Christoffersen CC p and the Z2 statistic.</summary>
    public static IReadOnlyList<KeyResultsColumn> Default { get; } =
    [
        new("Kupiec p", KupiecBacktest.TestName, KeyResultsValue.MedianPValue),
        new("Christ. CC p", ConditionalCoverageBacktest.TestName, KeyResultsValue.MedianPValue),
        new("ES stat (Z2)", EsZ2Backtest.TestName, KeyResultsValue.MeanStatistic),
    ];

    /// <summary>
    /// Columns from a list such as <c>kupiec,kupiec:mc,duration:rejections,es-z2:stat</c>: a test name,
    /// optionally <c>:</c> and a p-value method, <c>rejections</c> or <c>stat</c>. Throws
    /// <see cref="ArgumentException"/> naming an unknown test or part.
    /// </summary>
    public static IReadOnlyList<KeyResultsColumn> Parse(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var columns = new List<KeyResultsColumn>();
        foreach (var item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(':', 2, StringSplitOptions.TrimEntries);
            var test = BacktestCatalog.Get(parts[0]).Name;
            columns.Add(parts.Length == 1 ? new KeyResultsColumn(test + " p", test, KeyResultsValue.MedianPValue)
                : parts[1] switch
                {
                    "stat" => new KeyResultsColumn(test + " stat", test, KeyResultsValue.MeanStatistic),
                    "rejections" => new KeyResultsColumn(test + " rej.", test, KeyResultsValue.Rejections),
                    var method => new KeyResultsColumn($"{test} p ({method})", test, KeyResultsValue.MedianPValue, method),
                });
        }

        return columns;
    }

    /// <summary>The cell of <paramref name="row"/> (n/a where the row has no such test).</summary>
    internal string Cell(KeyResultsRow row, CellFormat cells) => Value switch
    {
        KeyResultsValue.MedianPValue => cells.PValue(row.MedianPValue(Test, Method)),
        KeyResultsValue.Rejections => row.Find(Test, Method) is { } t ? $"{t.Rejections}" : cells.Number(null, 0),
        _ => cells.Number(row.MeanStatistic(Test), 3),
    };
}
