namespace RiskGrid.Core.Volatility;

/// <summary>
/// Seeded simulation of any <see cref="VolatilityModel"/> (process × distribution): the same
/// recursions as estimation, one step at a time, with innovations from the model's distribution. The
/// same seed gives the same path on every machine (System.Random with a seed is a fixed algorithm).
/// </summary>
public static class VolatilitySimulator
{
    /// <summary>
    /// <paramref name="count"/> returns of <paramref name="model"/> at natural <paramref name="parameters"/>
    /// (order of <see cref="VolatilityModel.ParameterNames"/>), after <paramref name="burnIn"/> discarded
    /// steps started from the process's long-run variance.
    /// </summary>
    public static SimulatedPath Simulate(VolatilityModel model, ReadOnlySpan<double> parameters, int count, int seed,
        int burnIn = 500)
    {
        if (parameters.Length != model.ParameterCount)
        {
            throw new ArgumentException(
                $"{model.Name} has {model.ParameterCount} parameters ({string.Join(", ", model.ParameterNames)}), got {parameters.Length}",
                nameof(parameters));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(burnIn);
        var random = new Random(seed);
        var mu = parameters[0];
        var process = model.ProcessParameters(parameters);
        var distribution = model.DistributionParameters(parameters);
        var returns = new double[count];
        var variances = new double[count];
        var h = model.Process.StartingVariance(process);
        for (var t = -burnIn; t < count; t++)
        {
            var z = model.Distribution.Sample(random, distribution);
            if (t >= 0)
            {
                returns[t] = mu + Math.Sqrt(h) * z;
                variances[t] = h;
            }

            h = model.Process.NextVariance(h, z, process);
        }

        return new SimulatedPath(returns, variances);
    }
}
