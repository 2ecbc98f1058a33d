using RiskGrid.Core.Portfolio;

namespace RiskGrid.Grains.Surrogates;

[RegisterConverter]
public sealed class JointObservationSurrogateConverter : IConverter<JointObservation, JointObservationSurrogate>
{
    public JointObservation ConvertFromSurrogate(in JointObservationSurrogate surrogate) =>
        new(surrogate.Date, surrogate.Returns, surrogate.Means, surrogate.Volatilities, surrogate.NextMeans,
            surrogate.NextVolatilities);

    public JointObservationSurrogate ConvertToSurrogate(in JointObservation value) => new()
    {
        Date = value.Date,
        Returns = value.Returns,
        Means = value.Means,
        Volatilities = value.Volatilities,
        NextMeans = value.NextMeans,
        NextVolatilities = value.NextVolatilities,
    };
}
