using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>Hand-built forecast records: day i is forecast at 2021-01-01 + i for the next day.</summary>
internal static class ForecastRecords
{
    public static readonly DateOnly Start = new(2021, 1, 1);

    /// <summary>A realised record with one level.</summary>
    public static ForecastRecord Realised(int day, double realized, double valueAtRisk, double expectedShortfall) =>
        Realised(day, realized, [valueAtRisk], [expectedShortfall]);

    /// <summary>A realised record with several levels.</summary>
    public static ForecastRecord Realised(int day, double realized, double[] valueAtRisk, double[] expectedShortfall) =>
        new ForecastRecord(Start.AddDays(day), valueAtRisk, expectedShortfall, 0, 1, FitStatus.Converged, true)
        {
            TargetDate = Start.AddDays(day + 1),
            Realized = realized,
        };

    /// <summary>A realised day without a usable fit (NaN forecasts) at <paramref name="levels"/> levels.</summary>
    public static ForecastRecord Missing(int day, double realized, int levels = 1) =>
        new ForecastRecord(Start.AddDays(day), Nans(levels), Nans(levels), double.NaN, double.NaN, FitStatus.Failed, false)
        {
            TargetDate = Start.AddDays(day + 1),
            Realized = realized,
        };

    /// <summary>The last, not yet realised forecast.</summary>
    public static ForecastRecord Pending(int day, double valueAtRisk, double expectedShortfall) =>
        new(Start.AddDays(day), [valueAtRisk], [expectedShortfall], 0, 1, FitStatus.Converged, false);

    private static double[] Nans(int n) => Enumerable.Repeat(double.NaN, n).ToArray();
}
