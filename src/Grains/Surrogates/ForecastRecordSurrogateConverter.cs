using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;

namespace RiskGrid.Grains.Surrogates;

[RegisterConverter]
public sealed class ForecastRecordSurrogateConverter : IConverter<ForecastRecord, ForecastRecordSurrogate>
{
    public ForecastRecord ConvertFromSurrogate(in ForecastRecordSurrogate surrogate) =>
        new(surrogate.OriginDate, surrogate.VaR, surrogate.ES, surrogate.Mean, surrogate.Volatility,
            (FitStatus)surrogate.FitStatus, surrogate.Refitted)
        {
            TargetDate = surrogate.TargetDate,
            Realized = surrogate.Realized,
            Pit = surrogate.Pit ?? double.NaN,
            Law = PredictiveLaw.FromParameters(surrogate.LawDistribution, surrogate.LawParameters, surrogate.LawProcess, surrogate.LawProcessParameters),
        };

    public ForecastRecordSurrogate ConvertToSurrogate(in ForecastRecord value) => new()
    {
        OriginDate = value.OriginDate,
        VaR = value.VaR,
        ES = value.ES,
        Mean = value.Mean,
        Volatility = value.Volatility,
        FitStatus = (int)value.FitStatus,
        Refitted = value.Refitted,
        TargetDate = value.TargetDate,
        Realized = value.Realized,
        Pit = value.Pit,
        LawDistribution = value.Law?.Distribution,
        LawParameters = value.Law?.Parameters,
        LawProcess = value.Law?.Process,
        LawProcessParameters = value.Law is { HasProcess: true } law ? law.ProcessParameters : null,
    };
}
