using RiskGrid.Core.Data;

namespace RiskGrid.Grains.Surrogates;

[RegisterConverter]
public sealed class PriceBarSurrogateConverter : IConverter<PriceBar, PriceBarSurrogate>
{
    public PriceBar ConvertFromSurrogate(in PriceBarSurrogate surrogate) =>
        new(surrogate.Date, surrogate.Open, surrogate.High, surrogate.Low, surrogate.Close);

    public PriceBarSurrogate ConvertToSurrogate(in PriceBar value) => new()
    {
        Date = value.Date,
        Open = value.Open,
        High = value.High,
        Low = value.Low,
        Close = value.Close,
    };
}
