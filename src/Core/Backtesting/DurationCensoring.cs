namespace RiskGrid.Core.Backtesting;

/// <summary>How a <see cref="HitDuration"/> is cut by the ends of the sample.</summary>
public enum DurationCensoring
{
    /// <summary>From one exception to the next: fully observed.</summary>
    None,

    /// <summary>From the start of the sample to the first exception: the spell began before the sample.</summary>
    Left,

    /// <summary>From the last exception to the end of the sample: the next exception is still to come.</summary>
    Right,
}
