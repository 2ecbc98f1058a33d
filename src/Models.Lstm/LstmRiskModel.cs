using System.Globalization;
using System.Runtime.InteropServices;
using RiskGrid.Core.Data;
using RiskGrid.Core.Distributions;
using RiskGrid.Core.Features;
using RiskGrid.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RiskGrid.Models.Lstm;

/// <summary>
/// LSTM quantile model (catalogue name <c>lstm</c>): a sequence of the last
/// <see cref="ModelSettings.LstmSequenceLength"/> days of standardised <see cref="MarketFeatures"/>
/// goes through an <see cref="LstmQuantileNetwork"/> whose heads give next-day VaR and ES at each
/// trained level (<see cref="ModelSettings.LstmLevels"/>), trained on pinball + FZ0 loss
/// (<see cref="TailLoss"/>) with early stopping on the newest <see cref="ModelSettings.LstmValidationFraction"/>
/// of the window.
/// <para>
/// Volatility anchoring: the heads forecast the loss in units of the origin day's EWMA volatility
/// (λ = 0.94, a feature known at the close), so VaR = σ_EWMA·head. The network learns the
/// devolatilised tail and how it moves with the features, as in filtered historical simulation. Quantiles
/// and ES scale with a positive factor known in advance, so this loses nothing in principle; in
/// practice a network trained on raw losses kept its level near the training window's unconditional
/// quantile and under-covered when volatility rose after training: on six seeded GARCH(1,1) paths
/// its 95% exception rate on 1,000 held-out days was 6.6–8.3%, anchored 4.6–7.3% (the true
/// quantile's 4.7–5.9%).
/// </para>
/// <para>
/// Fit state: weights (with the architecture) in <see cref="ModelFit.Blob"/>; the target scale and the
/// training window's feature means and standard deviations in <see cref="ModelFit.Parameters"/>
/// (<see cref="ParameterNames"/>), so a persisted fit predicts without retraining. A retrain starts
/// from the previous fit's weights when the architecture matches and <see cref="ModelSettings.LstmWarmStart"/>
/// is set (fewer epochs; early stopping may still keep the old weights), else from seeded random weights.
/// </para>
/// <para>
/// Levels: a trained level uses its head. A level strictly between the lowest and highest trained
/// level is interpolated linearly in the normal quantile z = Φ⁻¹(α) between the two neighbouring
/// heads (exact for VaR of any location-scale normal forecast, and it keeps ES ≥ VaR). A level outside
/// that range is refused with an <see cref="ArgumentOutOfRangeException"/> naming the trained levels —
/// tail extrapolation would be a guess, so train the level instead.
/// </para>
/// <para>
/// Reproducibility: no global torch generator is used (seeded <see cref="Random"/> initialisation and
/// batch order, no dropout) and libtorch runs <see cref="ModelSettings.LstmThreads"/> intra-op threads,
/// so with one thread two CPU fits with the same seed, window and warm start give identical weights.
/// CUDA training is not bit-reproducible. Forecasts always run on the CPU (one short sequence a day).
/// </para>
/// </summary>
public sealed class LstmRiskModel : IRiskModel
{
    /// <summary>Fewest usable training sequences; below this a fit fails.</summary>
    public const int MinimumSequences = 100;

    private readonly ModelSettings _settings;
    private readonly LstmArchitecture _architecture;

    public LstmRiskModel(ModelSettings? settings = null)
    {
        _settings = settings ?? ModelSettings.Default;
        _architecture = LstmArchitecture.From(_settings, MarketFeatures.Count);
        if (_settings.LstmRetrain < 1)
        {
            throw new ArgumentException($"lstm retrain interval must be at least 1 day, got {_settings.LstmRetrain}");
        }

        if (!(_settings.LstmValidationFraction > 0 && _settings.LstmValidationFraction < 1))
        {
            throw new ArgumentException($"lstm validation fraction must be in (0, 1), got {_settings.LstmValidationFraction}");
        }

        ParameterNames = [TargetScaleName, .. MarketFeatures.Names.Select(n => "mean_" + n), .. MarketFeatures.Names.Select(n => "sd_" + n)];
    }

    public string Name => "lstm";

    /// <summary><c>target_scale</c> (RMS of the training losses in EWMA-volatility units), then the feature
    /// means, then their standard deviations.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    public int MinimumObservations => 250;

    /// <summary>Feature warm-up plus one sequence, so every return of the window is a training target.</summary>
    public int HistoryPadding => MarketFeatures.WarmUp + _architecture.SequenceLength - 1;

    public int? RefitInterval => _settings.LstmRetrain;

    /// <summary>True unless the device is pinned to the CPU (<see cref="LstmDevice.Cpu"/>): training is
    /// what a GPU speeds up, and a CPU-pinned network gains nothing from a GPU silo but a network hop.</summary>
    public bool WantsAccelerator => _settings.LstmDevice != LstmDevice.Cpu;

    /// <summary>The trained confidence levels, ascending.</summary>
    public IReadOnlyList<double> TrainedLevels => _architecture.Levels;

    /// <summary>Which device a fit will use, and why (for logs; each fit's message repeats it).</summary>
    public string DeviceDescription => LstmDevices.Describe(_settings.LstmDevice);

    private const string TargetScaleName = "target_scale";

    /// <summary>True when <see cref="Forecast"/> accepts <paramref name="alpha"/> (a trained level or between two).</summary>
    public bool Supports(double alpha) => alpha >= _architecture.Levels[0] && alpha <= _architecture.Levels[^1];

    public ModelFit Fit(ModelWindow window, ModelFit? previous)
    {
        var (device, deviceDescription) = LstmDevices.Select(_settings.LstmDevice);
        if (device is null)
        {
            return ModelFit.Failure(deviceDescription);
        }

        var bars = window.Bars.Span;
        if (bars.Length < window.Count + 1)
        {
            return ModelFit.Failure(
                $"lstm needs the window's bars ({window.Count + 1} or more, got {bars.Length}); it asks for them through HistoryPadding");
        }

        var rows = MarketFeatures.Compute(bars);
        var returns = window.Returns.ToArray();
        // returns[i] runs from bars[offset + i] (its origin) to bars[offset + i + 1].
        var offset = bars.Length - 1 - returns.Length;
        var seq = _architecture.SequenceLength;
        var origins = LstmSequences.UsableOrigins(rows, seq, offset, bars.Length - 2);
        if (origins.Count < MinimumSequences)
        {
            return ModelFit.Failure(
                $"lstm has {origins.Count} usable training sequences, needs {MinimumSequences} " +
                $"(the first {MarketFeatures.WarmUp + seq - 1} bars only warm up features)");
        }

        var validationCount = Math.Max(1, (int)Math.Round(origins.Count * _settings.LstmValidationFraction));
        var trainOrigins = origins.GetRange(0, origins.Count - validationCount);
        var validationOrigins = origins.GetRange(trainOrigins.Count, validationCount);
        // Targets are losses in units of the origin day's EWMA volatility (see the class remarks).
        double LossAt(int origin) => -returns[origin - offset] / VolatilityAt(rows[origin]);

        // Standardisation and target scale from the training part only; validation and forecasts reuse them.
        var scaler = FeatureScaler.Fit([.. trainOrigins.Select(b => rows[b])]);
        var trainLosses = trainOrigins.Select(LossAt).ToArray();
        var targetScale = Math.Sqrt(trainLosses.Average(l => l * l));
        if (!(targetScale > 0) || !double.IsFinite(targetScale))
        {
            return ModelFit.Failure(string.Create(CultureInfo.InvariantCulture, $"lstm training returns have no spread (RMS {targetScale})"));
        }

        var train = LstmSequences.Build(rows, trainOrigins, seq, scaler, LossAt, targetScale);
        var validation = LstmSequences.Build(rows, validationOrigins, seq, scaler, LossAt, targetScale);
        try
        {
            return Train(train, validation, scaler, targetScale, previous, device, deviceDescription);
        }
        catch (ExternalException ex)
        {
            return ModelFit.Failure($"lstm training failed in libtorch: {ex.Message}");
        }
    }

    public void ValidateLevels(IReadOnlyList<double> alphas)
    {
        foreach (var alpha in alphas)
        {
            if (!Supports(alpha))
            {
                throw new ArgumentException(
                    $"lstm forecasts levels from {Format(_architecture.Levels[0])} to {Format(_architecture.Levels[^1])} " +
                    $"(trained: {string.Join(", ", _architecture.Levels.Select(Format))}); add {Format(alpha)} to the trained levels");
            }
        }
    }

    public RiskForecast[] Forecast(ModelWindow window, ModelFit fit, IReadOnlyList<double> alphas)
    {
        ValidateLevels(alphas);

        if (fit.Blob is null || fit.Parameters.Length != ParameterNames.Count)
        {
            throw new ArgumentException("the fit is not a usable lstm fit (no weights or wrong parameter count)", nameof(fit));
        }

        var (var, es) = PredictHeads(window.Bars.Span, fit);
        var levels = _architecture.Levels;
        var result = new RiskForecast[alphas.Count];
        for (var k = 0; k < alphas.Count; k++)
        {
            var (v, e) = AtLevel(levels, var, es, alphas[k]);
            result[k] = new RiskForecast(alphas[k], v, e, double.NaN, double.NaN);
        }

        return result;
    }

    /// <summary>VaR and ES (percent losses) of every trained head for the day after the last bar.</summary>
    internal (double[] VaR, double[] ES) PredictHeads(ReadOnlySpan<PriceBar> bars, ModelFit fit)
    {
        var architecture = LstmCheckpoint.ReadArchitecture(fit.Blob!);
        if (!architecture.SameAs(_architecture))
        {
            throw new ArgumentException(
                $"the lstm fit was trained as {Describe(architecture)}, but this model is {Describe(_architecture)}", nameof(fit));
        }

        var seq = _architecture.SequenceLength;
        var needed = MarketFeatures.WarmUp + seq;
        if (bars.Length < needed)
        {
            throw new ArgumentException($"an lstm forecast needs at least {needed} bars, got {bars.Length}", nameof(bars));
        }

        var rows = MarketFeatures.Compute(bars);
        var targetScale = fit.Parameters[0] * VolatilityAt(rows[^1]);
        var count = MarketFeatures.Count;
        var scaler = new FeatureScaler(fit.Parameters[1..(1 + count)], fit.Parameters[(1 + count)..(1 + 2 * count)]);
        var input = LstmSequences.Build(rows, [bars.Length - 1], seq, scaler, null, 1);

        UseConfiguredThreads();
        using var scope = NewDisposeScope();
        using var network = LstmCheckpoint.Load(fit.Blob!);
        network.eval();
        using var noGrad = no_grad();
        var (varTensor, esTensor) = network.forward(tensor(input.Inputs, input.Shape));
        var var = varTensor.data<float>().Select(x => x * targetScale).ToArray();
        var es = esTensor.data<float>().Select(x => x * targetScale).ToArray();
        return (var, es);
    }

    private ModelFit Train(LstmSequences train, LstmSequences validation, FeatureScaler scaler, double targetScale,
        ModelFit? previous, Device device, string deviceDescription)
    {
        UseConfiguredThreads();
        var random = new Random(_settings.LstmSeed);
        using var scope = NewDisposeScope();
        using var network = new LstmQuantileNetwork(_architecture);
        var warm = _settings.LstmWarmStart && previous?.Blob is { } blob && IsCompatible(blob);
        if (warm)
        {
            LstmCheckpoint.LoadInto(network, previous!.Blob!);
        }
        else
        {
            var (var, es) = UnconditionalTail(train.Targets);
            network.Initialize(random, var, es);
        }

        network.to(device);
        var result = LstmTrainer.Train(network, train, validation, _settings, device, random);
        if (result.Diverged)
        {
            return ModelFit.Failure($"lstm training diverged (non-finite loss) after {result.Epochs} epochs; {deviceDescription}");
        }

        network.to(CPU);
        var parameters = new double[ParameterNames.Count];
        parameters[0] = targetScale;
        scaler.Means.CopyTo(parameters, 1);
        scaler.StandardDeviations.CopyTo(parameters, 1 + scaler.Count);
        var status = result.StoppedEarly ? FitStatus.Converged : FitStatus.NotConverged;
        var start = warm ? "warm start" : "fresh weights";
        var end = result.StoppedEarly ? "early stop" : "epoch limit reached before early stopping";
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{deviceDescription}; {start}; {result.Epochs} epochs, best {result.BestEpoch} (validation loss {result.BestValidationLoss:F5}), {end}; {train.Count} training + {validation.Count} validation sequences");
        return new ModelFit(status, parameters, null, double.NaN, result.Epochs, message, LstmCheckpoint.Save(network));
    }

    private bool IsCompatible(byte[] blob)
    {
        try
        {
            return LstmCheckpoint.ReadArchitecture(blob).SameAs(_architecture);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private void UseConfiguredThreads()
    {
        if (_settings.LstmThreads > 0)
        {
            set_num_threads(_settings.LstmThreads);
        }
    }

    // Empirical VaR/ES of the scaled training losses at each level: the head's starting point.
    private (double[] VaR, double[] ES) UnconditionalTail(float[] losses)
    {
        var sorted = losses.Select(x => (double)x).Order().ToArray();
        var levels = _architecture.Levels;
        var var = new double[levels.Length];
        var es = new double[levels.Length];
        for (var k = 0; k < levels.Length; k++)
        {
            (var[k], es[k]) = EmpiricalQuantile.TailOfSorted(sorted, levels[k]);
        }

        return (var, es);
    }

    // The any-level policy: a trained head, or linear interpolation in z = Φ⁻¹(α) between neighbours.
    internal static (double VaR, double ES) AtLevel(double[] levels, double[] var, double[] es, double alpha)
    {
        var upper = 0;
        while (upper < levels.Length && levels[upper] < alpha)
        {
            upper++;
        }

        if (upper < levels.Length && levels[upper] == alpha)
        {
            return (var[upper], es[upper]);
        }

        if (upper == 0 || upper == levels.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "level outside the trained range");
        }

        var lower = upper - 1;
        var zLower = StandardNormal.Quantile(levels[lower]);
        var zUpper = StandardNormal.Quantile(levels[upper]);
        var w = (StandardNormal.Quantile(alpha) - zLower) / (zUpper - zLower);
        return (var[lower] + w * (var[upper] - var[lower]), es[lower] + w * (es[upper] - es[lower]));
    }

    // The EWMA volatility of a day, floored so a flat stretch of prices cannot divide by zero.
    private static double VolatilityAt(double[] row) => Math.Max(row[MarketFeatures.EwmaVolatility], 1e-8);

    private static string Describe(LstmArchitecture a) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{a.Layers}×{a.HiddenSize} over {a.SequenceLength} days of {a.Features} features at levels {string.Join("/", a.Levels)}");

    private static string Format(double alpha) => alpha.ToString(CultureInfo.InvariantCulture);
}
