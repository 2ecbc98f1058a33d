namespace RiskGrid.Core.Backtesting;

/// <summary>Direct samplers from a uniform stream (the Monte Carlo p-values' seeded <see cref="Random"/>), exact in law.</summary>
internal static class Sampling
{
    /// <summary>A standard normal by Marsaglia's polar method (one of the pair; the other is dropped).</summary>
    public static double Normal(Random random)
    {
        while (true)
        {
            var u = 2 * random.NextDouble() - 1;
            var v = 2 * random.NextDouble() - 1;
            var s = u * u + v * v;
            if (s > 0 && s < 1)
            {
                return u * Math.Sqrt(-2 * Math.Log(s) / s);
            }
        }
    }

    /// <summary>Gamma(<paramref name="shape"/>, 1) by Marsaglia and Tsang (2000); below shape 1 as Gamma(shape + 1)·U^{1/shape}.</summary>
    public static double Gamma(Random random, double shape)
    {
        if (shape < 1)
        {
            var boost = Math.Pow(1 - random.NextDouble(), 1 / shape);
            return Gamma(random, shape + 1) * boost;
        }

        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1 + c * x;
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1 - random.NextDouble();
            var x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2 || Math.Log(u) < 0.5 * x2 + d * (1 - v + Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    /// <summary>A unit-variance Student-t with ν &gt; 2: N·√((ν − 2)/χ²_ν), χ²_ν = 2·Gamma(ν/2).</summary>
    public static double UnitStudentT(Random random, double nu) =>
        Normal(random) * Math.Sqrt((nu - 2) / (2 * Gamma(random, 0.5 * nu)));
}
