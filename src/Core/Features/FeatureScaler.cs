namespace RiskGrid.Core.Features;

/// <summary>
/// Z-score standardisation, column by column: (x − mean)/sd, with mean and sd (divisor n − 1) taken
/// from training rows only and then applied unchanged to validation and prediction rows, so no
/// statistic looks past the training window. A constant column gets sd = 1 (it is only centred).
/// </summary>
public sealed class FeatureScaler
{
    public FeatureScaler(double[] means, double[] standardDeviations)
    {
        if (means.Length != standardDeviations.Length)
        {
            throw new ArgumentException("means and standard deviations differ in length");
        }

        Means = means;
        StandardDeviations = standardDeviations;
    }

    public double[] Means { get; }

    public double[] StandardDeviations { get; }

    public int Count => Means.Length;

    /// <summary>Statistics of <paramref name="rows"/> (all complete, the same length, at least two).</summary>
    public static FeatureScaler Fit(IReadOnlyList<double[]> rows)
    {
        if (rows.Count < 2)
        {
            throw new ArgumentException($"standardisation needs at least 2 rows, got {rows.Count}", nameof(rows));
        }

        var columns = rows[0].Length;
        var means = new double[columns];
        var sds = new double[columns];
        for (var j = 0; j < columns; j++)
        {
            double sum = 0;
            foreach (var row in rows)
            {
                sum += row[j];
            }

            var mean = sum / rows.Count;
            double squares = 0;
            foreach (var row in rows)
            {
                var d = row[j] - mean;
                squares += d * d;
            }

            var sd = Math.Sqrt(squares / (rows.Count - 1));
            means[j] = mean;
            sds[j] = sd > 0 && double.IsFinite(sd) ? sd : 1;
        }

        return new FeatureScaler(means, sds);
    }

    /// <summary>Standardises <paramref name="row"/> into <paramref name="destination"/>.</summary>
    public void Apply(ReadOnlySpan<double> row, Span<float> destination)
    {
        for (var j = 0; j < Means.Length; j++)
        {
            destination[j] = (float)((row[j] - Means[j]) / StandardDeviations[j]);
        }
    }

    public double[] Apply(ReadOnlySpan<double> row)
    {
        var result = new double[Means.Length];
        for (var j = 0; j < Means.Length; j++)
        {
            result[j] = (row[j] - Means[j]) / StandardDeviations[j];
        }

        return result;
    }
}
