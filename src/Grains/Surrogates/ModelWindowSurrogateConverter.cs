using RiskGrid.Core.Models;

namespace RiskGrid.Grains.Surrogates;

[RegisterConverter]
public sealed class ModelWindowSurrogateConverter : IConverter<ModelWindow, ModelWindowSurrogate>
{
    public ModelWindow ConvertFromSurrogate(in ModelWindowSurrogate surrogate) =>
        new(surrogate.Returns ?? [], surrogate.Bars ?? default(ReadOnlyMemory<Core.Data.PriceBar>));

    public ModelWindowSurrogate ConvertToSurrogate(in ModelWindow value) => new()
    {
        Returns = value.Returns.ToArray(),
        Bars = value.Bars.IsEmpty ? null : value.Bars.ToArray(),
    };
}
