using System.Globalization;
using RiskGrid.Core.Data;

namespace RiskGrid.Benchmarks;

/// <summary>
/// The S&amp;P 500 reference series from ../shared/data/sp500.csv beside the repository root (or the folder
/// in RISKGRID_SHARED), read directly (Date and Adj Close) so the benchmarks need no loader.
/// </summary>
internal static class Sp500
{
    public static PriceSeries Series() => Series("sp500");

    /// <summary>A reference series of ../shared/data by file stem: "sp500" or "nasdaq".</summary>
    public static PriceSeries Series(string name)
    {
        var path = Locate(name);
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var close = Array.IndexOf(header, "Adj Close");
        var bars = new List<PriceBar>(lines.Length);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var fields = line.Split(',');
            var date = DateOnly.ParseExact(fields[0], "M/d/yyyy", CultureInfo.InvariantCulture);
            bars.Add(PriceBar.FromClose(date, double.Parse(fields[close], CultureInfo.InvariantCulture)));
        }

        return PriceSeries.Create(name.ToUpperInvariant(), path, bars);
    }

    /// <summary>Percent returns of the adjusted closes (5,030 of them).</summary>
    public static double[] Returns() => Returns("sp500");

    /// <summary>Percent returns of the adjusted closes of a reference series.</summary>
    public static double[] Returns(string name) => RiskGrid.Core.Data.Returns.Percent(Series(name));

    private static string Locate(string name)
    {
        var shared = Environment.GetEnvironmentVariable("RISKGRID_SHARED");
        if (!string.IsNullOrEmpty(shared))
        {
            return Path.Combine(shared, "data", name + ".csv");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Grid.sln")))
            {
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", name + ".csv"));
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        throw new FileNotFoundException(
            $"{name}.csv not found: the benchmarks need ../shared/data beside the repository root (or RISKGRID_SHARED)");
    }
}
