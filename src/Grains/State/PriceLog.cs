namespace RiskGrid.Grains.State;

/// <summary>
/// Version 0 of pair state only: the date and close of every price a pair accepted, 12 bytes a day in
/// every pair's record. Kept so that such state still loads; a migrating pair hands it to its instrument.
/// </summary>
[GenerateSerializer, Alias("riskgrid.PriceLog")]
public sealed class PriceLog
{
    /// <summary>Dates as <see cref="DateOnly.DayNumber"/>, strictly increasing.</summary>
    [Id(0)] public List<int> Days { get; set; } = [];

    [Id(1)] public List<double> Closes { get; set; } = [];

    public int Count => Days.Count;
}
