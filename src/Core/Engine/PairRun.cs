namespace RiskGrid.Core.Engine;

/// <summary>The finished rolling run of one instrument×model pair.</summary>
/// <param name="FitTime">Total wall time spent estimating.</param>
public sealed record PairRun(string Instrument, string Model, PairState State, TimeSpan FitTime)
{
    public IReadOnlyList<ForecastRecord> Forecasts => State.Forecasts;
}
