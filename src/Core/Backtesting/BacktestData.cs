namespace RiskGrid.Core.Backtesting;

/// <summary>
/// One forecast series at one level, as every backtest sees it: aligned observation arrays (loss
/// L = −r, VaR and ES as positive losses) and the exception sequence, computed once.
/// </summary>
public sealed class BacktestData
{
    private readonly double[] _losses;
    private readonly double[] _valueAtRisk;
    private readonly double[] _expectedShortfall;
    private readonly bool[] _hits;
    private readonly double[] _pits;
    private readonly double[] _volatility;
    private readonly ForecastLaws? _laws;

    /// <param name="volatility">The forecast volatilities, aligned with the losses, or empty where the forecasts have none.</param>
    /// <param name="pits">The PITs P(R ≤ r) of the realised returns, aligned with the losses, or empty where the
    /// forecasts have none (NaN entries count as none; see <see cref="PitsMissing"/>).</param>
    /// <param name="tailQuantile">The forecasts' predictive laws where the caller has them: <c>tailQuantile(t, p)</c> is day
    /// t's forecast loss exceeded with probability p (the (1 − p)-quantile of the loss L = −r), for p in (0, 1), so that
    /// VaR_t = tailQuantile(t, 1 − α) and ES_t = (1/(1 − α)) ∫₀^{1−α} tailQuantile(t, p) dp. The ES tests that
    /// Acerbi–Székely simulate from the model (Z1, McNeil–Frey, the intercept ESR) then add a Monte Carlo p-value
    /// drawn from these laws; null where there are none (forecasts made elsewhere, models without a parametric law).</param>
    /// <param name="laws">The same laws as a <see cref="ForecastLaws"/>, which may also draw from the whole law faster than
    /// by inversion (the forecast records' laws, <see cref="Backtester"/>); give one of the two.</param>
    public BacktestData(ReadOnlySpan<double> losses, ReadOnlySpan<double> valueAtRisk, ReadOnlySpan<double> expectedShortfall, double alpha,
        BacktestOptions? options = null, ReadOnlySpan<double> pits = default, ReadOnlySpan<double> volatility = default,
        Func<int, double, double>? tailQuantile = null, ForecastLaws? laws = null)
    {
        if (tailQuantile is not null && laws is not null)
        {
            throw new ArgumentException("give the laws as a tail quantile function or as ForecastLaws, not both", nameof(laws));
        }

        _laws = laws ?? (tailQuantile is null ? null : ForecastLaws.Of(tailQuantile));
        if (!volatility.IsEmpty)
        {
            BacktestArguments.CheckSameLength(losses.Length, volatility.Length, nameof(volatility));
        }

        _volatility = volatility.ToArray();
        if (!pits.IsEmpty)
        {
            BacktestArguments.CheckSameLength(losses.Length, pits.Length, nameof(pits));
        }

        _pits = pits.ToArray();
        foreach (var u in _pits)
        {
            if (!(u >= 0 && u <= 1))
            {
                PitsMissing++;
            }
        }

        if (_pits.Length == 0)
        {
            PitsMissing = losses.Length;
        }

        Options = options ?? BacktestOptions.Default;
        BacktestArguments.CheckAlpha(alpha);
        BacktestArguments.CheckSameLength(losses.Length, valueAtRisk.Length, nameof(valueAtRisk));
        BacktestArguments.CheckSameLength(losses.Length, expectedShortfall.Length, nameof(expectedShortfall));
        Alpha = alpha;
        _losses = losses.ToArray();
        _valueAtRisk = valueAtRisk.ToArray();
        _expectedShortfall = expectedShortfall.ToArray();
        _hits = new bool[_losses.Length];
        for (var t = 0; t < _hits.Length; t++)
        {
            _hits[t] = _losses[t] > _valueAtRisk[t];
            if (_hits[t])
            {
                Exceptions++;
            }
        }
    }

    /// <summary>How the tests run (e.g. with Monte Carlo p-values or not).</summary>
    public BacktestOptions Options { get; }

    /// <summary>Confidence level α, e.g. 0.99.</summary>
    public double Alpha { get; }

    /// <summary>p = 1 − α, the exception probability under a correct VaR.</summary>
    public double ExpectedRate => 1 - Alpha;

    /// <summary>Observations T.</summary>
    public int Count => _losses.Length;

    /// <summary>Days with loss &gt; VaR.</summary>
    public int Exceptions { get; }

    public ReadOnlySpan<double> Losses => _losses;

    public ReadOnlySpan<double> ValueAtRisk => _valueAtRisk;

    public ReadOnlySpan<double> ExpectedShortfall => _expectedShortfall;

    /// <summary>True when every observation has a PIT in [0, 1].</summary>
    public bool HasPits => _pits.Length == _losses.Length && _losses.Length > 0 && PitsMissing == 0;

    /// <summary>Observations without a PIT in [0, 1] (all of them when none were given).</summary>
    public int PitsMissing { get; }

    /// <summary>Why the PIT tests are undefined on these data, or null when <see cref="HasPits"/>.</summary>
    public string? WhyNoPits => HasPits ? null
        : _losses.Length == 0 ? "no observations"
        : PitsMissing == _losses.Length ? "the forecasts have no PIT (the model has no predictive distribution)"
        : $"{PitsMissing} of {_pits.Length} observations have no PIT";

    /// <summary>The forecast volatilities σ_t (percent), aligned with the losses; empty when none were given.</summary>
    public ReadOnlySpan<double> Volatility => _volatility;

    /// <summary>True when every observation has a positive finite volatility forecast.</summary>
    public bool HasVolatility => _volatility.Length == _losses.Length && _losses.Length > 0
        && Array.TrueForAll(_volatility, s => s > 0 && double.IsFinite(s));

    /// <summary>True when the forecasts come with their predictive laws (see the constructor's <c>tailQuantile</c>).</summary>
    public bool HasLaw => _laws is not null && _losses.Length > 0;

    /// <summary>Day <paramref name="t"/>'s forecast loss exceeded with probability <paramref name="p"/>; NaN without laws.</summary>
    public double TailQuantile(int t, double p) => _laws is null ? double.NaN : _laws.TailQuantile(t, p);

    /// <summary>One draw of day <paramref name="t"/>'s loss from its law (<see cref="ForecastLaws.Draw"/>); NaN without laws.</summary>
    public double DrawLoss(int t, Random random) => _laws is null ? double.NaN : _laws.Draw(t, random);

    /// <summary>True when the laws carry a forecast map (<see cref="ForecastLaws.HasForecastMap"/>): a replicate's later
    /// forecasts react to its earlier draws.</summary>
    public bool HasForecastMap => HasLaw && _laws!.HasForecastMap;

    /// <summary>One replicate path of the losses and their laws' scale ratios σ*_t/σ_t (<see cref="ForecastLaws.DrawPath"/>,
    /// after these data's realised losses); nothing without laws.</summary>
    public void DrawPath(Random random, Span<double> losses, Span<double> scales) => _laws?.DrawPath(random, _losses, losses, scales);

    /// <summary>Day <paramref name="t"/>'s forecast loss quantile <paramref name="forecast"/> (VaR or ES) at scale ratio
    /// <paramref name="scale"/> (<see cref="ForecastLaws.Rescale"/>); the forecast itself without laws.</summary>
    public double Rescale(int t, double forecast, double scale) => _laws is null ? forecast : _laws.Rescale(t, forecast, scale);

    /// <summary>The PITs (empty when none were given).</summary>
    public ReadOnlySpan<double> Pits => _pits;

    /// <summary>The exception sequence, true on days with loss &gt; VaR.</summary>
    public ReadOnlySpan<bool> Hits => _hits;
}
