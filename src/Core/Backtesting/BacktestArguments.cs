namespace RiskGrid.Core.Backtesting;

/// <summary>Argument checks shared by the backtests: misuse throws, data never does.</summary>
internal static class BacktestArguments
{
    public static void CheckAlpha(double alpha)
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "the confidence level α must be in (0, 1)");
        }
    }

    public static void CheckRate(double expectedRate)
    {
        if (!(expectedRate > 0 && expectedRate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(expectedRate), expectedRate,
                "the expected exception rate 1 − α must be in (0, 1)");
        }
    }

    public static void CheckSameLength(int expected, int actual, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has {actual} entries but the losses have {expected}", name);
        }
    }
}
