using System.Globalization;
using RiskGrid.Core.Models;

namespace RiskGrid.Client.Cli;

/// <summary>Comma-separated option values (<c>--alpha 0.95,0.99</c>, <c>--models hs,garch-t</c>).</summary>
internal static class ListParsing
{
    public static IReadOnlyList<string> Names(IEnumerable<string> tokens) =>
        tokens.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>Model names, each checked against the catalogue before any work starts.</summary>
    public static IReadOnlyList<string> ModelNames(IEnumerable<string> tokens)
    {
        var names = Names(tokens);
        var unknown = names.Where(n => !ModelCatalog.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"--models: unknown model{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; " +
                $"known models: {string.Join(", ", ModelCatalog.Names)}");
        }

        return names;
    }

    public static IReadOnlyList<double> Levels(IEnumerable<string> tokens)
    {
        var levels = new List<double>();
        foreach (var text in Names(tokens))
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) || !(a > 0 && a < 1))
            {
                throw new ArgumentException($"--alpha: '{text}' is not a confidence level in (0, 1), e.g. 0.99");
            }

            levels.Add(a);
        }

        return levels.Distinct().Order().ToList();
    }
}
