namespace RiskGrid.Grains.Abstractions;

/// <summary>A portfolio's P&amp;L, its VaR/ES by each method, their backtests and Basel zones.</summary>
/// <param name="Definition">Null while the portfolio is not configured.</param>
/// <param name="JointDays">Days on which every member had a price (the portfolio's P&amp;L days).</param>
/// <param name="LastPnL">The portfolio return (percent) of <see cref="LastDate"/>.</param>
/// <param name="CumulativePnL">Compounded portfolio return (percent) over all joint days.</param>
[GenerateSerializer, Immutable, Alias("riskgrid.PortfolioStatus")]
public sealed record PortfolioStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] PortfolioDefinition? Definition,
    [property: Id(2)] int JointDays,
    [property: Id(3)] DateOnly? LastDate,
    [property: Id(4)] double LastPnL,
    [property: Id(5)] double CumulativePnL,
    [property: Id(6)] PortfolioMethodStatus[] Methods);
