using RiskGrid.Core.Portfolio;

namespace RiskGrid.Grains.Surrogates;

[RegisterConverter]
public sealed class PortfolioStateSurrogateConverter : IConverter<PortfolioState, PortfolioStateSurrogate>
{
    public PortfolioState ConvertFromSurrogate(in PortfolioStateSurrogate surrogate) => new()
    {
        Rows = surrogate.Rows ?? [],
        RowsSeen = surrogate.RowsSeen,
        LastDate = surrogate.LastDate,
        LastPnL = surrogate.LastPnL,
        Growth = surrogate.Growth,
        Forecasts = PortfolioState.Padded(surrogate.Forecasts),
    };

    public PortfolioStateSurrogate ConvertToSurrogate(in PortfolioState value) => new()
    {
        Rows = value.Rows,
        RowsSeen = value.RowsSeen,
        LastDate = value.LastDate,
        LastPnL = value.LastPnL,
        Growth = value.Growth,
        Forecasts = value.Forecasts,
    };
}
