namespace RiskGrid.Core.Tests.Volatility;

/// <summary>
/// Straightforward reference versions of the variance recursions, written from the textbook formulas
/// with the start-up spelled out (backcast = mean of ε², σ²_1 one recursion step from it with the
/// shocks at their expectations) and nothing shared with the kernels under test.
/// </summary>
internal static class SlowRecursions
{
    public static double[] Garch(double[] e, double omega, double alpha, double beta, int length)
    {
        var backcast = e.Select(x => x * x).Average();
        var h = new double[length];
        h[0] = omega + alpha * backcast + beta * backcast;
        for (var t = 1; t < length; t++)
        {
            h[t] = omega + alpha * Math.Pow(e[t - 1], 2) + beta * h[t - 1];
        }

        return h;
    }

    public static double[] Gjr(double[] e, double omega, double alpha, double gamma, double beta, int length)
    {
        var backcast = e.Select(x => x * x).Average();
        var h = new double[length];
        // E[1(ε < 0)·ε²] = backcast / 2 for a symmetric innovation.
        h[0] = omega + alpha * backcast + gamma * backcast / 2 + beta * backcast;
        for (var t = 1; t < length; t++)
        {
            var indicator = e[t - 1] < 0 ? 1.0 : 0.0;
            h[t] = omega + (alpha + gamma * indicator) * Math.Pow(e[t - 1], 2) + beta * h[t - 1];
        }

        return h;
    }

    /// <summary>EGARCH with exact |z| (the kernel smooths |z| below 1e-3; tests keep |z| away from 0
    /// or allow for that).</summary>
    public static double[] Egarch(double[] e, double omega, double alpha, double gamma, double beta, int length)
    {
        var backcast = e.Select(x => x * x).Average();
        var logH = new double[length];
        logH[0] = omega + beta * Math.Log(backcast);
        for (var t = 1; t < length; t++)
        {
            var z = e[t - 1] / Math.Exp(logH[t - 1] / 2);
            logH[t] = omega + alpha * (Math.Abs(z) - Math.Sqrt(2 / Math.PI)) + gamma * z + beta * logH[t - 1];
        }

        return logH.Select(Math.Exp).ToArray();
    }
}
