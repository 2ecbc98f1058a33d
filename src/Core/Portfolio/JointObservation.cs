namespace RiskGrid.Core.Portfolio;

/// <summary>
/// One day on which every member of a portfolio has a return, with what each member's model said
/// about it. Arrays are indexed like the portfolio's weights; NaN where the model gives no value
/// (e.g. historical simulation has no volatility, and no model has forecast before its window fills).
/// </summary>
/// <param name="Returns">Each member's return of <see cref="Date"/>, percent.</param>
/// <param name="Means">Each member's forecast mean for <see cref="Date"/> (made the day before).</param>
/// <param name="Volatilities">Each member's forecast volatility for <see cref="Date"/> (made the day before).</param>
/// <param name="NextMeans">Each member's forecast mean for the day after <see cref="Date"/>.</param>
/// <param name="NextVolatilities">Each member's forecast volatility for the day after <see cref="Date"/>.</param>
public sealed record JointObservation(
    DateOnly Date,
    double[] Returns,
    double[] Means,
    double[] Volatilities,
    double[] NextMeans,
    double[] NextVolatilities)
{
    /// <summary>An observation with returns only (no model forecasts).</summary>
    public static JointObservation OfReturns(DateOnly date, double[] returns)
    {
        var nan = Enumerable.Repeat(double.NaN, returns.Length).ToArray();
        return new JointObservation(date, returns, nan, [.. nan], [.. nan], [.. nan]);
    }

    public int Members => Returns.Length;
}
