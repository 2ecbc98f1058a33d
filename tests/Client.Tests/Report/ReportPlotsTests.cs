using RiskGrid.Client.Report;
using ScottPlot;

namespace RiskGrid.Client.Tests.Report;

public sealed class ReportPlotsTests
{
    [Theory]
    [InlineData("2022-11-03", "2024-10-01", "2022-09-29", "2024-11-05", 2, "2022-11")] // the default benchmark: 23 months
    [InlineData("2022-11-03", "2023-05-01", "2022-10-20", "2023-05-15", 1, "2022-11")]
    [InlineData("1999-01-05", "2018-12-31", "1998-01-01", "2019-12-31", 24, "1998-01")] // the S&P 500 history: 20 years
    public void Date_ticks_are_iso_months_on_the_first_counted_from_january(string first, string last, string axisFrom, string axisTo,
        int monthsPerTick, string firstLabel)
    {
        var generator = ReportPlots.MonthTicks([Date(first), Date(last)]);
        using var paint = Paint.NewDisposablePaint();
        generator.Regenerate(new CoordinateRange(Date(axisFrom), Date(axisTo)), Edge.Bottom, new PixelLength(1000), paint, new LabelStyle());

        var ticks = generator.Ticks.Select(t => (Date: DateTime.FromOADate(t.Position), t.Label, t.IsMajor)).ToList();
        Assert.InRange(ticks.Count, 2, 13);
        Assert.Equal(firstLabel, ticks[0].Label);
        Assert.All(ticks, t =>
        {
            Assert.True(t.IsMajor);
            Assert.Equal(1, t.Date.Day);
            Assert.Equal(TimeSpan.Zero, t.Date.TimeOfDay);
            Assert.Equal(0, (t.Date.Year * 12 + t.Date.Month - 1) % monthsPerTick);
            Assert.Equal(t.Date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), t.Label);
        });
    }

    private static double Date(string iso) => DateTime.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToOADate();
}
