using System.Globalization;

namespace RiskGrid.Grains.Abstractions;

/// <summary>How a confidence level is written where it names a series (the <c>level</c> label of the silos'
/// metrics and of the CLI's history export): <c>0.99</c>, <c>0.975</c>.</summary>
public static class LevelLabel
{
    public static string Of(double alpha) => alpha.ToString("0.####", CultureInfo.InvariantCulture);
}
