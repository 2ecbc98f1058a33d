namespace RiskGrid.Core.Volatility;

/// <summary>
/// A univariate volatility model assembled arch style from three parts: a constant mean, a
/// <see cref="VolatilityProcess"/> and an <see cref="InnovationDistribution"/>. Its parameter vector is
/// [mean | process | distribution], e.g. [mu, omega, alpha, beta, nu] for GARCH(1,1)-t. Immutable and
/// thread-safe; a fit's scratch space lives in <see cref="VolatilityLikelihood"/>.
/// </summary>
public sealed class VolatilityModel
{
    private readonly ModelPart[] _parts;
    private readonly int[] _offsets;

    public VolatilityModel(VolatilityProcess process, InnovationDistribution distribution)
    {
        Mean = new ConstantMean();
        Process = process;
        Distribution = distribution;
        _parts = [Mean, process, distribution];
        _offsets = new int[_parts.Length + 1];
        for (var i = 0; i < _parts.Length; i++)
        {
            _offsets[i + 1] = _offsets[i] + _parts[i].ParameterNames.Count;
        }

        ParameterNames = [.. _parts.SelectMany(p => p.ParameterNames)];
        WorkingLower = [.. _parts.SelectMany(p => p.WorkingLower)];
        WorkingUpper = [.. _parts.SelectMany(p => p.WorkingUpper)];
        BimodalLowerBounds = [.. _parts.SelectMany((p, i) => p.BimodalLowerBounds.Select(j => _offsets[i] + j)).Order()];
    }

    public ConstantMean Mean { get; }

    public VolatilityProcess Process { get; }

    public InnovationDistribution Distribution { get; }

    /// <summary>E.g. "GJR-GARCH(1,1,1) Student-t".</summary>
    public string Name => $"{Process.Name} {Distribution.Name}";

    public IReadOnlyList<string> ParameterNames { get; }

    public int ParameterCount => ParameterNames.Count;

    /// <summary>Index of the first process parameter (after mu).</summary>
    public int ProcessOffset => _offsets[1];

    /// <summary>Index of the first distribution parameter.</summary>
    public int DistributionOffset => _offsets[2];

    public IReadOnlyList<double> WorkingLower { get; }

    public IReadOnlyList<double> WorkingUpper { get; }

    /// <summary>The parts' <see cref="ModelPart.BimodalLowerBounds"/> as indices of the whole working vector.</summary>
    public IReadOnlyList<int> BimodalLowerBounds { get; }

    /// <summary>Rough cost of a fit relative to GARCH(1,1)-normal: the product of the parts'
    /// <see cref="ModelPart.RelativeCost"/> (for scheduling; see <see cref="Models.IRiskModel.FitCost"/>).</summary>
    public double RelativeCost => _parts.Aggregate(1.0, (cost, part) => cost * part.RelativeCost);

    public static VolatilityModel GarchNormal() => new(new Garch(), new NormalInnovation());

    public static VolatilityModel GarchStudentT() => new(new Garch(), new StudentTInnovation());

    public static VolatilityModel GjrNormal() => new(new GjrGarch(), new NormalInnovation());

    public static VolatilityModel GjrStudentT() => new(new GjrGarch(), new StudentTInnovation());

    public static VolatilityModel EgarchNormal() => new(new Egarch(), new NormalInnovation());

    public static VolatilityModel EgarchStudentT() => new(new Egarch(), new StudentTInnovation());

    /// <summary>The process block of a parameter vector.</summary>
    public ReadOnlySpan<double> ProcessParameters(ReadOnlySpan<double> parameters) =>
        parameters.Slice(ProcessOffset, Process.ParameterCount);

    /// <summary>The distribution block of a parameter vector.</summary>
    public ReadOnlySpan<double> DistributionParameters(ReadOnlySpan<double> parameters) =>
        parameters.Slice(DistributionOffset, Distribution.ParameterCount);

    /// <summary>Working coordinates of a natural parameter vector, clamped into the box.</summary>
    public void ToWorking(ReadOnlySpan<double> natural, DataScale scale, Span<double> working)
    {
        for (var i = 0; i < _parts.Length; i++)
        {
            var (start, length) = (_offsets[i], _offsets[i + 1] - _offsets[i]);
            _parts[i].ToWorking(natural.Slice(start, length), scale, working.Slice(start, length));
        }

        for (var j = 0; j < working.Length; j++)
        {
            working[j] = double.IsNaN(working[j])
                ? 0.5 * (WorkingLower[j] + WorkingUpper[j])
                : Math.Clamp(working[j], WorkingLower[j], WorkingUpper[j]);
        }
    }

    /// <summary>Natural parameters of working coordinates, and the block-diagonal Jacobian
    /// ∂natural_i/∂working_j (n × n, row-major).</summary>
    public void ToNatural(ReadOnlySpan<double> working, DataScale scale, Span<double> natural, Span<double> jacobian)
    {
        var n = ParameterCount;
        jacobian[..(n * n)].Clear();
        Span<double> block = stackalloc double[36]; // parts of up to 6 parameters
        for (var i = 0; i < _parts.Length; i++)
        {
            var (start, length) = (_offsets[i], _offsets[i + 1] - _offsets[i]);
            if (length == 0)
            {
                continue;
            }

            _parts[i].ToNatural(working.Slice(start, length), scale, natural.Slice(start, length), block[..(length * length)]);
            for (var r = 0; r < length; r++)
            {
                for (var c = 0; c < length; c++)
                {
                    jacobian[(start + r) * n + start + c] = block[r * length + c];
                }
            }
        }
    }

    /// <summary>What working coordinate <paramref name="index"/> on its bound means.</summary>
    public string DescribeBound(int index, bool upper)
    {
        for (var i = 0; i < _parts.Length; i++)
        {
            if (index < _offsets[i + 1])
            {
                return _parts[i].DescribeBound(index - _offsets[i], upper);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(index));
    }

    /// <summary>
    /// One-step-ahead conditional mean and standard deviation after <paramref name="returns"/>: μ and
    /// σ_{T+1}, the recursion run over the window and continued one step.
    /// </summary>
    public (double Mean, double Volatility) Forecast(ReadOnlySpan<double> returns, ReadOnlySpan<double> parameters)
    {
        var variance = returns.Length < 1024 ? stackalloc double[returns.Length + 1] : new double[returns.Length + 1];
        ConditionalVariance(returns, parameters, variance);
        return (parameters[0], Math.Sqrt(variance[^1]));
    }

    /// <summary>
    /// Filters <paramref name="returns"/> through the model: conditional variances σ²_1..σ²_T, and
    /// σ²_{T+1} when <paramref name="variance"/> has T + 1 elements (the one-step forecast). The
    /// start-up uses this window's own backcast, as in estimation.
    /// </summary>
    public void ConditionalVariance(ReadOnlySpan<double> returns, ReadOnlySpan<double> parameters, Span<double> variance)
    {
        var mu = parameters[0];
        var residuals = returns.Length <= 1024 ? stackalloc double[returns.Length] : new double[returns.Length];
        double sumSquares = 0;
        for (var t = 0; t < returns.Length; t++)
        {
            var e = returns[t] - mu;
            residuals[t] = e;
            sumSquares += e * e;
        }

        Process.Variance(residuals, ProcessParameters(parameters), sumSquares / returns.Length, variance);
    }
}
