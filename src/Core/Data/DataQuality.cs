using System.Globalization;

namespace RiskGrid.Core.Data;

/// <summary>A price that loads but looks wrong: a one-day move beyond the threshold, or an impossible date.</summary>
public sealed record DataQualityIssue(string Instrument, string Source, DateOnly Date, string Problem)
{
    public override string ToString() => $"{Source}: {Instrument} {Date:yyyy-MM-dd}: {Problem}";
}

/// <summary>
/// The data-quality check run on every loaded series before a benchmark: a close-to-close move larger than
/// <c>maxMove</c> (default |r| &gt; 50%, a likely unit or split error), and dates before 1900 or after
/// tomorrow. The CLI shows the issues and, when asked (<c>--refuse-moves</c>), refuses the data.
/// </summary>
public static class DataQuality
{
    /// <summary>Default largest one-day move, as a fraction (0.5 = 50%).</summary>
    public const double DefaultMaxMove = 0.5;

    private static readonly DateOnly Earliest = new(1900, 1, 1);

    public static IReadOnlyList<DataQualityIssue> Check(PriceSeries series, double maxMove = DefaultMaxMove, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var latest = (today ?? DateOnly.FromDateTime(DateTime.UtcNow)).AddDays(1);
        var issues = new List<DataQualityIssue>();
        var bars = series.Bars;
        for (var i = 0; i < bars.Count; i++)
        {
            var date = bars[i].Date;
            if (date < Earliest || date > latest)
            {
                issues.Add(new(series.Instrument, series.Source, date, $"impossible date (before {Earliest:yyyy-MM-dd} or after {latest:yyyy-MM-dd})"));
            }

            if (i > 0 && maxMove > 0)
            {
                var move = bars[i].Close / bars[i - 1].Close - 1;
                if (Math.Abs(move) > maxMove)
                {
                    issues.Add(new(series.Instrument, series.Source, date,
                        $"one-day move of {(move * 100).ToString("+#,0.##;-#,0.##", CultureInfo.InvariantCulture)}% " +
                        $"(close {bars[i - 1].Close.ToString("G6", CultureInfo.InvariantCulture)} → {bars[i].Close.ToString("G6", CultureInfo.InvariantCulture)}; " +
                        $"the threshold is {(maxMove * 100).ToString("0.##", CultureInfo.InvariantCulture)}%)"));
                }
            }
        }

        return issues;
    }
}
