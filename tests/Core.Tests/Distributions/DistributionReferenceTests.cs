using System.Globalization;
using RiskGrid.Core.Distributions;

namespace RiskGrid.Core.Tests.Distributions;

/// <summary>
/// The skewed t and the GED against values computed in R by Reference/distributions.R (integrate() and
/// uniroot() on the skewed t's density written out from Hansen's definition; fGarch's dged, pged, qged).
/// </summary>
public sealed class DistributionReferenceTests
{
    public static TheoryData<string, double, double, double, double> Rows()
    {
        var rows = new TheoryData<string, double, double, double, double>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Reference", "distributions.txt")))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var f = line.Split(' ');
            double P(string s) => s == "NA" ? double.NaN : double.Parse(s, CultureInfo.InvariantCulture);
            rows.Add(f[0], P(f[1]), P(f[2]), P(f[3]), P(f[4]));
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Matches_r(string quantity, double p1, double p2, double x, double expected)
    {
        var actual = quantity switch
        {
            "skewt-logpdf" => HansenSkewT.LogDensity(x, p1, p2),
            "skewt-cdf" => HansenSkewT.Cdf(x, p1, p2),
            "skewt-quantile" => HansenSkewT.InverseCdf(x, p1, p2),
            "skewt-es" => HansenSkewT.LossExpectedShortfall(x, p1, p2),
            "ged-logpdf" => GeneralizedError.LogDensity(x, p1),
            "ged-cdf" => GeneralizedError.Cdf(x, p1),
            "ged-quantile" => GeneralizedError.InverseCdf(x, p1),
            "ged-es" => GeneralizedError.LossExpectedShortfall(x, p1),
            _ => throw new InvalidDataException($"distributions.txt: unknown quantity '{quantity}'"),
        };

        // R's integrate() and uniroot() are asked for 1e-13 and 1e-14; allow 1e-9 relative.
        Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)),
            $"{quantity}({p1}, {p2}; {x}) = {actual:R}, R {expected:R}");
    }
}
