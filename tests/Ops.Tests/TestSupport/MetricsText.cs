using System.Globalization;
using System.Text.RegularExpressions;

namespace RiskGrid.Ops.Tests.TestSupport;

/// <summary>Samples of a Prometheus text exposition.</summary>
public static partial class MetricsText
{
    public static IReadOnlyList<Sample> Parse(string text) =>
    [
        .. text.Split('\n').Select(l => Line().Match(l.TrimEnd('\r'))).Where(m => m.Success).Select(m => new Sample(
            m.Groups[1].Value,
            Label().Matches(m.Groups[2].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value),
            double.Parse(m.Groups[3].Value, NumberStyles.Float, CultureInfo.InvariantCulture))),
    ];

    public static IReadOnlySet<string> Names(string text) => Parse(text).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$")]
    private static partial Regex Line();

    [GeneratedRegex("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Label();
}
