namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// One trading day of an instrument as it travels to the grid: the adjusted close and, where the
/// source has them, open, high and low scaled by the same factor (NaN otherwise).
/// </summary>
[GenerateSerializer, Immutable, Alias("riskgrid.DailyPrice")]
public readonly record struct DailyPrice(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] double Open,
    [property: Id(2)] double High,
    [property: Id(3)] double Low,
    [property: Id(4)] double Close)
{
    /// <summary>A day known only by its close.</summary>
    public static DailyPrice FromClose(DateOnly date, double close) => new(date, double.NaN, double.NaN, double.NaN, close);
}
