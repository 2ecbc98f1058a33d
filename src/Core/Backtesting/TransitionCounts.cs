namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Counts of consecutive hit pairs (I_{t−1}, I_t) of a hit sequence: n_ij is the number of days with
/// state j that followed a day with state i (0 = no exception, 1 = exception). A sequence of T days
/// has T − 1 transitions.
/// </summary>
public readonly record struct TransitionCounts(int N00, int N01, int N10, int N11)
{
    public int Total => N00 + N01 + N10 + N11;

    /// <summary>Counts the transitions of <paramref name="hits"/> (true = exception).</summary>
    public static TransitionCounts Of(ReadOnlySpan<bool> hits)
    {
        int n00 = 0, n01 = 0, n10 = 0, n11 = 0;
        for (var t = 1; t < hits.Length; t++)
        {
            switch (hits[t - 1], hits[t])
            {
                case (false, false): n00++; break;
                case (false, true): n01++; break;
                case (true, false): n10++; break;
                default: n11++; break;
            }
        }

        return new TransitionCounts(n00, n01, n10, n11);
    }
}
