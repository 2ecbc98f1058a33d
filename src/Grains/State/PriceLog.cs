namespace RiskGrid.Grains.State;

/// <summary>
/// The date and close of every price a pair ever accepted (the rolling window keeps only the last
/// few): what lets a pair recognise a re-sent price as identical or conflicting, and what portfolios
/// read their members' returns from. 12 bytes a day.
/// </summary>
[GenerateSerializer, Alias("riskgrid.PriceLog")]
public sealed class PriceLog
{
    /// <summary>Dates as <see cref="DateOnly.DayNumber"/>, strictly increasing.</summary>
    [Id(0)] public List<int> Days { get; set; } = [];

    [Id(1)] public List<double> Closes { get; set; } = [];

    public int Count => Days.Count;

    public DateOnly? LastDate => Days.Count > 0 ? DateOnly.FromDayNumber(Days[^1]) : null;

    public DateOnly? FirstDate => Days.Count > 0 ? DateOnly.FromDayNumber(Days[0]) : null;

    public void Add(DateOnly date, double close)
    {
        Days.Add(date.DayNumber);
        Closes.Add(close);
    }

    /// <summary>Position of <paramref name="date"/> in the log, or −1.</summary>
    public int IndexOf(DateOnly date)
    {
        var i = Days.BinarySearch(date.DayNumber);
        return i >= 0 ? i : -1;
    }
}
