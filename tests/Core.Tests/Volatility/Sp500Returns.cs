using System.Globalization;

namespace RiskGrid.Core.Tests.Volatility;

/// <summary>
/// The S&amp;P 500 percent returns of ../shared/data/sp500.csv (and the NASDAQ's of nasdaq.csv), read here directly (the
/// Adj Close column, r = 100 × percent change) so these tests do not depend on the CSV loader. Callers are
/// <see cref="SharedDataFactAttribute"/> tests.
/// </summary>
internal static class Sp500Returns
{
    private static readonly Lazy<double[]> Cached = new(() => Load("sp500.csv"));

    private static readonly Lazy<double[]> Nasdaq = new(() => Load("nasdaq.csv"));

    /// <summary>All 5,030 returns, oldest first (a fresh copy).</summary>
    public static double[] All => (double[])Cached.Value.Clone();

    /// <summary><paramref name="count"/> returns starting at index <paramref name="start"/>.</summary>
    public static double[] Window(int start, int count) => Cached.Value.AsSpan(start, count).ToArray();

    /// <summary><see cref="Window(int, int)"/> of the series named <paramref name="series"/>: "sp500" or "nasdaq".</summary>
    public static double[] Window(string series, int start, int count) => series switch
    {
        "sp500" => Window(start, count),
        "nasdaq" => Nasdaq.Value.AsSpan(start, count).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(series), series, "sp500 or nasdaq"),
    };

    private static double[] Load(string file)
    {
        var lines = File.ReadAllLines(SharedData.Path(Path.Combine("data", file)));
        var column = Array.IndexOf(lines[0].Split(','), "Adj Close");
        if (column < 0)
        {
            throw new InvalidDataException($"{file} has no Adj Close column");
        }

        var prices = lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => double.Parse(l.Split(',')[column], CultureInfo.InvariantCulture)).ToArray();
        var returns = new double[prices.Length - 1];
        for (var i = 1; i < prices.Length; i++)
        {
            returns[i - 1] = 100 * (prices[i] / prices[i - 1] - 1);
        }

        return returns;
    }
}
