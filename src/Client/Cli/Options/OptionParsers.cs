using System.Globalization;

namespace RiskGrid.Client.Cli.Options;

/// <summary>Builders for the usual kinds of <see cref="RunOption"/>; every one names the option in its errors.</summary>
public static partial class OptionParsers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static RunOption<int> Int(string name, string description, int defaultValue, int min, int max) =>
        new(name, description, OptionShape.Value, defaultValue, t => ParseInt(name, One(name, t), min, max), x => x.ToString(Invariant));

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], or none (null) for a default decided elsewhere.</summary>
    public static RunOption<int?> OptionalInt(string name, string description, int min, int max) =>
        new(name, description, OptionShape.Value, null, t => ParseInt(name, One(name, t), min, max), x => x?.ToString(Invariant) ?? string.Empty);

    /// <summary>Free text (a name, a path, an address); empty text is refused.</summary>
    public static RunOption<string> Text(string name, string description, string defaultValue) =>
        new(name, description, OptionShape.Value, defaultValue, t => NonEmpty(name, One(name, t)), x => x);

    /// <summary>Free text, or none (null).</summary>
    public static RunOption<string?> OptionalText(string name, string description) =>
        new(name, description, OptionShape.Value, null, t => NonEmpty(name, One(name, t)), x => x ?? string.Empty);

    /// <summary>One of <paramref name="choices"/>, case-insensitive, kept in lower case.</summary>
    public static RunOption<string> Choice(string name, string description, string defaultValue, params string[] choices) =>
        new(name, $"{description.TrimEnd('.')} ({string.Join("|", choices)}).", OptionShape.Value, defaultValue, t =>
        {
            var text = One(name, t);
            return choices.FirstOrDefault(c => c.Equals(text, StringComparison.OrdinalIgnoreCase))
                   ?? throw new ArgumentException($"--{name}: '{Printable(text)}' is not one of {string.Join(", ", choices)}");
        }, x => x);

    /// <summary>A length of time: a number with a unit (<c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>; several add up, e.g.
    /// <c>1h30m</c>), plain seconds (<c>90</c>) or <c>hh:mm:ss</c>; in [0, <paramref name="max"/>].</summary>
    public static RunOption<TimeSpan> Duration(string name, string description, TimeSpan defaultValue, TimeSpan max) =>
        new(name, description, OptionShape.Value, defaultValue, t => ParseDuration(name, One(name, t), max), FormatDuration);

    /// <summary>A calendar date, yyyy-MM-dd, or none (null) for a default decided elsewhere.</summary>
    public static RunOption<DateOnly?> OptionalDate(string name, string description) =>
        new(name, description, OptionShape.Value, null, t =>
        {
            var text = One(name, t);
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var d) && d.Year >= 1900
                ? d
                : throw new ArgumentException($"--{name}: '{Printable(text)}' is not a date (yyyy-MM-dd, from 1900)");
        }, x => x?.ToString("yyyy-MM-dd", Invariant) ?? string.Empty);

    public static RunOption<bool> Flag(string name, string description) =>
        new(name, description, OptionShape.Flag, false, t => ParseBool(name, One(name, t)), x => x ? "true" : "false");

    /// <summary>Items of a list (several tokens, each possibly comma-separated), trimmed, distinct, in order.</summary>
    public static RunOption<IReadOnlyList<string>> Names(string name, string description, bool commas = true) =>
        new(name, description, OptionShape.List, [], t => Items(t, commas), x => string.Join(commas ? "," : " ", x));

    /// <summary>Confidence levels in (0, 1), sorted and distinct.</summary>
    public static RunOption<IReadOnlyList<double>> Levels(string name, string description, IReadOnlyList<double> defaultValue) =>
        new(name, description, OptionShape.List, defaultValue, t => ParseLevels(name, t),
            x => string.Join(",", x.Select(a => a.ToString("R", Invariant))));

    internal static IReadOnlyList<string> Items(IReadOnlyList<string> tokens, bool commas = true) =>
        tokens.SelectMany(t => commas ? t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [t.Trim()])
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    internal static IReadOnlyList<double> ParseLevels(string name, IReadOnlyList<string> tokens)
    {
        var levels = new List<double>();
        foreach (var text in Items(tokens))
        {
            if (!double.TryParse(text, NumberStyles.Float, Invariant, out var a) || !(a > 0 && a < 1))
            {
                throw new ArgumentException($"--{name}: '{Printable(text)}' is not a confidence level in (0, 1), e.g. 0.99");
            }

            levels.Add(a);
        }

        return levels.Count > 0 ? levels.Distinct().Order().ToList() : throw new ArgumentException($"--{name}: at least one level is needed");
    }

    private static int ParseInt(string name, string text, int min, int max)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, Invariant, out var v))
        {
            throw new ArgumentException($"--{name}: '{Printable(text)}' is not a whole number");
        }

        return v >= min && v <= max
            ? (int)v
            : throw new ArgumentException($"--{name}: {v} is outside [{min.ToString("N0", Invariant)}, {max.ToString("N0", Invariant)}]");
    }

    internal static TimeSpan ParseDuration(string name, string text, TimeSpan max)
    {
        TimeSpan value;
        if (double.TryParse(text, NumberStyles.Float, Invariant, out var seconds) && double.IsFinite(seconds))
        {
            value = Milliseconds(seconds * 1e3);
        }
        else if (text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, Invariant, out var clock))
        {
            value = clock;
        }
        else if (DurationText().Match(text) is { Success: true } m)
        {
            var total = 0.0;
            for (var i = 0; i < m.Groups[1].Captures.Count; i++)
            {
                var amount = double.Parse(m.Groups[1].Captures[i].Value, Invariant);
                total += amount * m.Groups[2].Captures[i].Value switch { "ms" => 1, "s" => 1e3, "m" => 60e3, "h" => 3600e3, _ => 86_400e3 };
            }

            value = Milliseconds(total);
        }
        else
        {
            throw new ArgumentException($"--{name}: '{Printable(text)}' is not a duration, e.g. 90s, 10m, 1h30m");
        }

        return value >= TimeSpan.Zero && value <= max
            ? value
            : throw new ArgumentException($"--{name}: {Printable(text)} is outside [0s, {FormatDuration(max)}]");
    }

    // Beyond TimeSpan's range is simply too long (the caller's bound refuses it).
    private static TimeSpan Milliseconds(double ms) =>
        Math.Abs(ms) < TimeSpan.MaxValue.TotalMilliseconds / 2 ? TimeSpan.FromMilliseconds(ms) : ms < 0 ? TimeSpan.MinValue : TimeSpan.MaxValue;

    internal static string FormatDuration(TimeSpan value) => value.TotalSeconds.ToString("0.###", Invariant) + "s";

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d))+$")]
    private static partial System.Text.RegularExpressions.Regex DurationText();

    private static bool ParseBool(string name, string text) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => throw new ArgumentException($"--{name}: '{Printable(text)}' is not true or false"),
    };

    private static string One(string name, IReadOnlyList<string> tokens) => tokens.Count switch
    {
        1 => tokens[0].Trim(),
        0 => throw new ArgumentException($"--{name}: a value is needed"),
        _ => throw new ArgumentException($"--{name}: one value is expected, got {tokens.Count}"),
    };

    private static string NonEmpty(string name, string text) =>
        text.Length > 0 ? text : throw new ArgumentException($"--{name}: a value is needed");

    /// <summary>Text safe to echo to a terminal: control characters (ANSI escapes included) shown as \uXXXX, long text cut.</summary>
    public static string Printable(string text)
    {
        var cut = text.Length > 80 ? text[..80] + "…" : text;
        return string.Concat(cut.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }

    /// <summary>The known name closest to <paramref name="text"/> (edit distance at most a third of its length, at least 2),
    /// or null: for "did you mean" in an error that would otherwise list every name.</summary>
    public static string? Closest(string text, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(known);
        var limit = Math.Max(2, text.Length / 3);
        return known.Select(k => (Name: k, Distance: Distance(text.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(k => k.Distance <= limit).OrderBy(k => k.Distance).Select(k => k.Name).FirstOrDefault();
    }

    // Levenshtein distance, two rows.
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
