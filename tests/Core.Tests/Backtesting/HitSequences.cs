namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>Hit sequences for the backtest tests: hand-written and seeded simulated ones.</summary>
internal static class HitSequences
{
    /// <summary>"0010" → [false, false, true, false]; spaces are ignored.</summary>
    public static bool[] Parse(string pattern) => pattern.Where(c => c != ' ').Select(c => c == '1').ToArray();

    /// <summary>Independent exceptions with probability <paramref name="p"/> (geometric durations).</summary>
    public static bool[] Bernoulli(int days, double p, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, days).Select(_ => rng.NextDouble() < p).ToArray();
    }

    /// <summary>
    /// A two-state Markov chain: exception after a quiet day with probability <paramref name="p01"/>,
    /// after an exception with probability <paramref name="p11"/> (clustering when p11 ≫ p01).
    /// </summary>
    public static bool[] Markov(int days, double p01, double p11, int seed)
    {
        var rng = new Random(seed);
        var hits = new bool[days];
        for (var t = 0; t < days; t++)
        {
            var p = t > 0 && hits[t - 1] ? p11 : p01;
            hits[t] = rng.NextDouble() < p;
        }

        return hits;
    }
}
