namespace RiskGrid.Core.Backtesting;

/// <summary>What a backtest reads from the forecasts (it is undefined, with a reason, where they lack it).</summary>
[Flags]
public enum BacktestNeeds
{
    None = 0,

    /// <summary>The exception sequence (loss &gt; VaR).</summary>
    Hits = 1,

    /// <summary>The VaR forecasts themselves (e.g. as a regressor).</summary>
    VaR = 2,

    /// <summary>The ES forecasts.</summary>
    ES = 4,

    /// <summary>The realised losses.</summary>
    Losses = 8,

    /// <summary>The PITs of the realised returns under the predictive distributions.</summary>
    Pit = 16,

    /// <summary>The volatility forecasts σ_t.</summary>
    Volatility = 32,
}
