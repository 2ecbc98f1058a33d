using System.Text.RegularExpressions;

namespace RiskGrid.Ops.Tests.TestSupport;

/// <summary>Just enough PromQL reading to list the metric names an expression selects.</summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords =
        ["and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan"];

    /// <summary>Metric names in <paramref name="expr"/>: identifiers that are not functions, aggregations,
    /// keywords, label names (in <c>{}</c> or <c>by (...)</c>) or durations.</summary>
    public static IReadOnlySet<string> MetricNames(string expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var text = Strings().Replace(expr, " ");
        text = Braces().Replace(text, " ");
        text = Brackets().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        return Identifier().Matches(text)
            .Where(m => !Keywords.Contains(m.Groups[1].Value.ToLowerInvariant()) && !m.Groups[2].Success)
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    // An identifier not preceded by a digit or dot (numbers like 1e3 or 0.05), and whether a '(' follows (a function).
    [GeneratedRegex(@"(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?")]
    private static partial Regex Identifier();
}
