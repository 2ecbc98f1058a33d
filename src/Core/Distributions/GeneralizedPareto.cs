namespace RiskGrid.Core.Distributions;

/// <summary>
/// The generalised Pareto distribution of excesses x = y − u over a threshold, shape ξ and scale β &gt; 0:
/// G(x) = 1 − (1 + ξx/β)^(−1/ξ) (ξ = 0: 1 − e^(−x/β)); its maximum-likelihood fit; and the tail estimators of
/// McNeil and Frey (2000) that use it.
/// </summary>
public static class GeneralizedPareto
{
    /// <summary>Lowest shape the fit accepts: below −½ the estimator is not regular (and below −1 the
    /// likelihood is unbounded).</summary>
    public const double MinShape = -0.5;

    /// <summary>A fit: shape ξ, scale β, their standard errors (Smith 1987: the inverse Fisher information,
    /// Var ξ = (1 + ξ)²/k, Var β = 2β²(1 + ξ)/k), the log-likelihood, and whether ξ ended on <see cref="MinShape"/>.</summary>
    public readonly record struct Fit(double Shape, double Scale, double ShapeSe, double ScaleSe, double LogLikelihood, bool AtBound);

    /// <summary>Σ log g(x_i; ξ, β), −∞ outside the support.</summary>
    public static double LogLikelihood(ReadOnlySpan<double> excesses, double shape, double scale)
    {
        if (!(scale > 0))
        {
            return double.NegativeInfinity;
        }

        double sum = 0;
        foreach (var x in excesses)
        {
            var w = 1 + shape * x / scale;
            if (!(w > 0))
            {
                return double.NegativeInfinity;
            }

            sum += Math.Abs(shape) < 1e-12 ? x / scale : (1 + 1 / shape) * Math.Log(w);
        }

        return -excesses.Length * Math.Log(scale) - sum;
    }

    /// <summary>
    /// Maximum likelihood on positive excesses, by the profile in θ = ξ/β (Grimshaw 1993): for fixed θ the
    /// likelihood is maximal at ξ(θ) = mean ln(1 + θx), β = ξ/θ, leaving a one-dimensional search
    /// L(θ) = −k·(ln(ξ(θ)/θ) + ξ(θ) + 1) over θ &gt; −1/max x with ξ(θ) ≥ <see cref="MinShape"/>: a grid, then Brent.
    /// Null when there are fewer than 3 excesses or they are not all positive and finite.
    /// </summary>
    public static Fit? FitMaximumLikelihood(ReadOnlySpan<double> excesses)
    {
        var k = excesses.Length;
        if (k < 3)
        {
            return null;
        }

        double max = 0, mean = 0;
        foreach (var x in excesses)
        {
            if (!(x > 0) || !double.IsFinite(x))
            {
                return null;
            }

            max = Math.Max(max, x);
            mean += x / k;
        }

        var data = excesses.ToArray();
        double Shape(double theta)
        {
            if (Math.Abs(theta) * max < 1e-10)
            {
                return theta * mean;
            }

            double s = 0;
            foreach (var x in data)
            {
                s += Math.Log(1 + theta * x);
            }

            return s / k;
        }

        // −L(θ)/k in s = θ·mean; penalised where ξ(θ) < MinShape.
        const double outside = 1e6;
        double Objective(double s)
        {
            var theta = s / mean;
            var xi = Shape(theta);
            if (!(xi >= MinShape) || !double.IsFinite(xi))
            {
                return outside + (MinShape - xi);
            }

            var scale = Math.Abs(theta) * max < 1e-10 ? mean : xi / theta;
            return Math.Log(scale) + xi + 1;
        }

        var lower = -mean / max * (1 - 1e-9);
        const double upper = 200;
        // Grid: linear below 0, logarithmic above.
        var grid = new List<double>();
        for (var i = 0; i <= 20; i++)
        {
            grid.Add(lower + (0 - lower) * i / 20.0);
        }

        for (var i = 0; i <= 30; i++)
        {
            grid.Add(Math.Exp(Math.Log(1e-4) + (Math.Log(upper) - Math.Log(1e-4)) * i / 30.0));
        }

        grid.Sort();
        var best = 0;
        var values = grid.Select(Objective).ToArray();
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] < values[best])
            {
                best = i;
            }
        }

        if (!(values[best] < outside))
        {
            return null;
        }

        var a = grid[Math.Max(best - 1, 0)];
        var b = grid[Math.Min(best + 1, grid.Count - 1)];
        var result = Models.BoundedBrent.Minimize(Objective, a, b, 1e-12 * Math.Max(1, Math.Abs(grid[best])), 300);
        var s = result.Value <= values[best] ? result.X : grid[best];
        var thetaHat = s / mean;
        var shape = Shape(thetaHat);
        var scaleHat = Math.Abs(thetaHat) * max < 1e-10 ? mean : shape / thetaHat;

        // On the MinShape edge the profile is cut: hold ξ there and maximise over β (> −ξ·max x) alone.
        var atBound = shape <= MinShape + 1e-6;
        if (atBound)
        {
            shape = MinShape;
            double NegativeLogLikelihood(double logScale)
            {
                var ll = LogLikelihood(data, MinShape, Math.Exp(logScale));
                return double.IsFinite(ll) ? -ll : 1e300;
            }

            scaleHat = Math.Exp(Models.BoundedBrent.Minimize(NegativeLogLikelihood,
                Math.Log(-MinShape * max * (1 + 1e-9)), Math.Log(100 * max), 1e-12).X);
        }

        return new Fit(shape, scaleHat, (1 + shape) / Math.Sqrt(k), scaleHat * Math.Sqrt(2 * (1 + shape) / k),
            LogLikelihood(data, shape, scaleHat), atBound);
    }

    /// <summary>
    /// McNeil–Frey tail VaR and ES of the loss y at level α from a GPD over threshold u exceeded by a share
    /// p_u = k/N of the sample: VaR = u + (β/ξ)·(((1 − α)/p_u)^(−ξ) − 1) (ξ = 0: u − β·ln((1 − α)/p_u)) and
    /// ES = (VaR + β − ξu)/(1 − ξ), for 1 − α ≤ p_u and ξ &lt; 1.
    /// </summary>
    public static (double VaR, double ES) Tail(double alpha, double threshold, double tailShare, double shape, double scale)
    {
        var ratio = (1 - alpha) / tailShare;
        var var = Math.Abs(shape) < 1e-12
            ? threshold - scale * Math.Log(ratio)
            : threshold + scale / shape * (Math.Pow(ratio, -shape) - 1);
        return (var, (var + scale - shape * threshold) / (1 - shape));
    }

    /// <summary>
    /// P(X &gt; x) of a GPD excess with shape ξ and scale β: (1 + ξx/β)^(−1/ξ) (ξ = 0: e^(−x/β)), 0 beyond the
    /// upper end −β/ξ of the support when ξ &lt; 0, 1 for x ≤ 0.
    /// </summary>
    public static double Survival(double excess, double shape, double scale)
    {
        if (excess <= 0)
        {
            return 1;
        }

        if (Math.Abs(shape) < 1e-12)
        {
            return Math.Exp(-excess / scale);
        }

        var b = 1 + shape * excess / scale;
        return b > 0 ? Math.Pow(b, -1 / shape) : 0;
    }
}
