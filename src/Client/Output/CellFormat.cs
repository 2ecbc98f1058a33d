using System.Globalization;

namespace RiskGrid.Client.Output;

/// <summary>
/// How the result tables show their numbers, in the console's markup (Spectre) or the report's HTML:
/// n/a for an undefined value, fixed decimals, p-values to three decimals in red below
/// <see cref="SignificanceLevel"/>, Basel zone counts in their colours. One rule for both, so the
/// console tables and the report agree.
/// </summary>
internal sealed class CellFormat
{
    /// <summary>The level below which a p-value shows in red (the tables' captions say "red p &lt; 0.05").</summary>
    public const double SignificanceLevel = 0.05;

    private readonly Func<string, string, string> _paint;
    private readonly string _missing;

    private CellFormat(Func<string, string, string> paint, string muted)
    {
        _paint = paint;
        _missing = paint(muted, "n/a");
    }

    /// <summary>Spectre.Console markup: [colour]text[/].</summary>
    public static CellFormat Console { get; } = new((colour, text) => $"[{colour}]{text}[/]", "grey");

    /// <summary>HTML: a span whose class is the colour (the report's style sheet defines green, yellow, red and muted).</summary>
    public static CellFormat Html { get; } = new((colour, text) => $"<span class=\"{colour}\">{text}</span>", "muted");

    public string PValue(double? p)
    {
        if (p is not { } v || double.IsNaN(v))
        {
            return _missing;
        }

        var text = v.ToString("0.000", CultureInfo.InvariantCulture);
        return v < SignificanceLevel ? _paint("red", text) : text;
    }

    public string Number(double? x, int decimals) =>
        x is not { } v || double.IsNaN(v) ? _missing : v.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage: 0.0123 → 1.23%.</summary>
    public string Percent(double? x, int decimals) =>
        x is not { } v || double.IsNaN(v) ? _missing : (100 * v).ToString("F" + decimals, CultureInfo.InvariantCulture) + "%";

    /// <summary>Pairs in the green, yellow and red zones: G/Y/R, each in its colour.</summary>
    public string ZoneCounts(int green, int yellow, int red) =>
        $"{_paint("green", $"{green}")}/{_paint("yellow", $"{yellow}")}/{_paint("red", $"{red}")}";
}
