namespace RiskGrid.Grains.Abstractions;

/// <summary>What one batch of prices did to a pair.</summary>
/// <param name="Received">Prices in the batch.</param>
/// <param name="Appended">New prices appended (each one a pair update: realise, refit when due, forecast).</param>
/// <param name="Skipped">Prices the pair already had, identical, and skipped.</param>
/// <param name="LastDate">The pair's last date after the batch.</param>
/// <param name="Forecasts">Forecasts recorded after the batch.</param>
[GenerateSerializer, Immutable, Alias("riskgrid.AppendResult")]
public sealed record AppendResult(
    [property: Id(0)] string Instrument,
    [property: Id(1)] string Model,
    [property: Id(2)] int Received,
    [property: Id(3)] int Appended,
    [property: Id(4)] int Skipped,
    [property: Id(5)] DateOnly? LastDate,
    [property: Id(6)] int Forecasts);
