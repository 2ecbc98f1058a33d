namespace RiskGrid.Core.Portfolio;

/// <summary>Sample moments of a set of rows (observations × variables), two-pass for accuracy.</summary>
public static class SampleMoments
{
    /// <summary>Column means and the sample covariance (denominator n − 1) of <paramref name="rows"/>.</summary>
    public static (double[] Mean, double[,] Covariance) MeanAndCovariance(IReadOnlyList<double[]> rows)
    {
        if (rows.Count < 2)
        {
            throw new ArgumentException($"a covariance needs at least 2 observations, got {rows.Count}");
        }

        var n = rows[0].Length;
        var mean = new double[n];
        foreach (var row in rows)
        {
            for (var i = 0; i < n; i++)
            {
                mean[i] += row[i];
            }
        }

        for (var i = 0; i < n; i++)
        {
            mean[i] /= rows.Count;
        }

        var cov = new double[n, n];
        foreach (var row in rows)
        {
            for (var i = 0; i < n; i++)
            {
                var di = row[i] - mean[i];
                for (var k = 0; k <= i; k++)
                {
                    cov[i, k] += di * (row[k] - mean[k]);
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k <= i; k++)
            {
                cov[i, k] /= rows.Count - 1;
                cov[k, i] = cov[i, k];
            }
        }

        return (mean, cov);
    }

    /// <summary>Sample correlation matrix; a variable with zero variance gets correlation 0 with the others, 1 with itself.</summary>
    public static double[,] Correlation(IReadOnlyList<double[]> rows)
    {
        var (_, cov) = MeanAndCovariance(rows);
        var n = cov.GetLength(0);
        var r = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < n; k++)
            {
                var d = Math.Sqrt(cov[i, i] * cov[k, k]);
                r[i, k] = i == k ? 1 : d > 0 ? cov[i, k] / d : 0;
            }
        }

        return r;
    }
}
