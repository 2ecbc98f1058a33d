namespace RiskGrid.Grains.State;

/// <summary>
/// A member's price on one day, waiting until every member of the portfolio has that day, with its
/// model's forecast mean and volatility for the day and for the next day (NaN where none).
/// </summary>
[GenerateSerializer, Immutable, Alias("riskgrid.MemberDay")]
public sealed record MemberDay(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] double Close,
    [property: Id(2)] double Mean,
    [property: Id(3)] double Volatility,
    [property: Id(4)] double NextMean,
    [property: Id(5)] double NextVolatility);
