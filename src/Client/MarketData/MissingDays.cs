using System.Globalization;

namespace RiskGrid.Client.MarketData;

/// <summary>Applies the <see cref="MissingValues"/> policy to the days a source listed without a price.</summary>
internal static class MissingDays
{
    /// <summary>The complete days; the missing ones are an error or, under <see cref="MissingValues.Drop"/>, a note.</summary>
    public static IReadOnlyList<MarketBar> Apply(string what, IReadOnlyList<MarketBar> complete, IReadOnlyList<DateOnly> missing,
        MissingValues policy, ICollection<string> notes)
    {
        if (missing.Count == 0)
        {
            return complete;
        }

        var days = string.Join(", ", missing.Take(5).Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))) +
                   (missing.Count > 5 ? $" and {missing.Count - 5} more" : string.Empty);
        if (policy == MissingValues.Error)
        {
            throw new MarketDataException(
                $"{what}: {missing.Count} day(s) without a price ({days}); --missing drop leaves them out (and says so)");
        }

        notes.Add($"{missing.Count} day(s) without a price left out (--missing drop): {days}");
        return complete;
    }
}
