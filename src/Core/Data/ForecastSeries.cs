using RiskGrid.Core.Engine;

namespace RiskGrid.Core.Data;

/// <summary>
/// One instrument × model's forecasts as read from a forecast file (<see cref="ForecastCsv"/>): the records in date
/// order, VaR and ES indexed like <see cref="ForecastFile.Alphas"/>, realised returns (or P&amp;L) and, where the file
/// has them, PITs and volatilities.
/// </summary>
/// <param name="Source">The file.</param>
/// <param name="FirstRow">The 1-based line of the series' first row, for messages.</param>
public sealed record ForecastSeries(string Source, string Instrument, string Model, IReadOnlyList<ForecastRecord> Forecasts, int FirstRow);
