namespace RiskGrid.Core.Data;

/// <summary>What <see cref="ForecastCsv"/> read from one file.</summary>
/// <param name="Source">The file.</param>
/// <param name="Alphas">The confidence levels, ascending; every series has VaR (and ES where <see cref="HasES"/>) at each.</param>
/// <param name="HasES">Per level: whether the file has an ES column for it.</param>
/// <param name="HasPit">Whether the file has a <c>pit</c> column.</param>
/// <param name="HasVolatility">Whether the file has a <c>volatility</c> column.</param>
/// <param name="Series">The instrument × model series, in order of first appearance.</param>
/// <param name="LevelColumns">Per level, the header the values came from (e.g. <c>var_99</c>, or <c>var (alpha 0.99)</c>).</param>
/// <param name="IgnoredColumns">Header names the reader does not know; their values are not read.</param>
/// <param name="MissingForecastDays">Rows whose VaR and ES cells are all empty: realised days without a forecast, counted as missing forecasts.</param>
/// <param name="Layout"><c>levels</c> (a column per level: <c>var_99</c>, …) or <c>long</c> (an <c>alpha</c> column, as <c>benchmark</c>'s forecasts.csv).</param>
public sealed record ForecastFile(
    string Source,
    IReadOnlyList<double> Alphas,
    IReadOnlyList<bool> HasES,
    bool HasPit,
    bool HasVolatility,
    IReadOnlyList<ForecastSeries> Series,
    IReadOnlyList<string> LevelColumns,
    IReadOnlyList<string> IgnoredColumns,
    int MissingForecastDays,
    string Layout);
