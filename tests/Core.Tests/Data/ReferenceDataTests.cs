using System.Globalization;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;

namespace RiskGrid.Core.Tests.Data;

/// <summary>The real reference files in ../shared/data load completely and exactly.</summary>
public sealed class ReferenceDataTests
{
    [SharedDataFact]
    public void Sp500_loads_every_row()
    {
        AssertLoadsFully("sp500.csv", "SP500");
    }

    [SharedDataFact]
    public void Nasdaq_loads_every_row()
    {
        AssertLoadsFully("nasdaq.csv", "NASDAQ");
    }

    [SharedDataFact]
    public void Sp500_first_bar_is_the_files_first_row()
    {
        // The first data line of sp500.csv: 1/4/1999,1229.22998,1248.810059,1219.099976,1228.099976,1228.099976,...
        var s = YahooCsv.Load(SharedData.Path("data/sp500.csv"));
        Assert.Equal(new PriceBar(new DateOnly(1999, 1, 4), 1229.22998, 1248.810059, 1219.099976, 1228.099976), s.Bars[0]);
    }

    private static void AssertLoadsFully(string file, string instrument)
    {
        var path = SharedData.Path(Path.Combine("data", file));
        var series = YahooCsv.Load(path);

        Assert.Equal(instrument, series.Instrument);
        Assert.Equal(5031, series.Count);
        Assert.Equal(new DateOnly(1999, 1, 4), series.Bars[0].Date);
        Assert.Equal(new DateOnly(2018, 12, 31), series.Bars[^1].Date);

        // Independent reading of the file: the 6th field is Adj Close, dates are M/D/YYYY.
        var lines = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).ToArray();
        Assert.Equal(lines.Length, series.Count);
        for (var i = 0; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            Assert.Equal(DateOnly.ParseExact(f[0], "M/d/yyyy", CultureInfo.InvariantCulture), series.Bars[i].Date);
            Assert.Equal(double.Parse(f[5], CultureInfo.InvariantCulture), series.Bars[i].Close);
            Assert.True(series.Bars[i].HasRange);
        }
    }

    [Fact]
    public void A_loaded_series_too_short_for_the_window_is_an_error_naming_the_file()
    {
        using var dir = new TempFolder("riskgrid-short-");
        var path = dir.File("short.csv");
        var lines = new List<string> { "Date,Open,High,Low,Close,Adj Close,Volume" };
        var date = new DateOnly(2020, 1, 1);
        for (var i = 0; i < 30; i++)
        {
            var p = (100 + i).ToString(CultureInfo.InvariantCulture);
            lines.Add($"{date.AddDays(i):yyyy-MM-dd},{p},{p},{p},{p},{p},0");
        }

        File.WriteAllLines(path, lines);
        var series = YahooCsv.Load(path);
        var ex = Assert.Throws<DataValidationException>(() =>
            RollingEngine.Run([series], ["hs"], new RollingOptions { Window = 50 }));
        Assert.Equal(path, ex.Source);
        Assert.StartsWith(path + ": ", ex.Message);
        Assert.Contains("has 30 prices but a 50-return window needs at least 52", ex.Message);
    }
}
