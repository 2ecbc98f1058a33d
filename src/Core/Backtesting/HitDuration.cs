namespace RiskGrid.Core.Backtesting;

/// <summary>
/// A duration of a hit sequence in days, as Christoffersen–Pelletier (2004) count them: between
/// consecutive exceptions the difference of their days; a left-censored first spell is the number
/// of days up to and including the first exception; a right-censored last spell the number of days
/// after the last exception.
/// </summary>
public readonly record struct HitDuration(int Days, DurationCensoring Censoring)
{
    public bool Censored => Censoring != DurationCensoring.None;

    /// <summary>Exception-free days the spell is known to have lasted: Days − 1 when it ends in an exception.</summary>
    internal int QuietDays => Censoring == DurationCensoring.Right ? Days : Days - 1;
}
