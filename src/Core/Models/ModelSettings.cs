namespace RiskGrid.Core.Models;

/// <summary>Model options that the CLI and grid pass through to <see cref="ModelCatalog"/>.</summary>
public sealed record ModelSettings
{
    public static ModelSettings Default { get; } = new();

    /// <summary>EWMA / RiskMetrics decay factor.</summary>
    public double EwmaLambda { get; init; } = 0.94;

    /// <summary>GARCH-EVT: the threshold of the tail fit, as a quantile of the standardised losses.</summary>
    public double EvtThreshold { get; init; } = 0.90;

    /// <summary>Stacked LSTM layers.</summary>
    public int LstmLayers { get; init; } = 1;

    /// <summary>Hidden units per LSTM layer.</summary>
    public int LstmHiddenSize { get; init; } = 32;

    /// <summary>Days of features in one input sequence (the last one is the forecast's origin day).</summary>
    public int LstmSequenceLength { get; init; } = 20;

    /// <summary>Most training epochs per fit; early stopping usually ends sooner.</summary>
    public int LstmEpochs { get; init; } = 60;

    /// <summary>Epochs without a better validation loss before training stops (best weights kept).</summary>
    public int LstmPatience { get; init; } = 8;

    /// <summary>Adam learning rate.</summary>
    public double LstmLearningRate { get; init; } = 1e-3;

    /// <summary>Sequences per minibatch.</summary>
    public int LstmBatchSize { get; init; } = 64;

    /// <summary>Share of the window's newest sequences held out for early stopping.</summary>
    public double LstmValidationFraction { get; init; } = 0.2;

    /// <summary>Retrain every this many forecasts (the LSTM's <see cref="IRiskModel.RefitInterval"/>).</summary>
    public int LstmRetrain { get; init; } = 250;

    /// <summary>Seed of weight initialisation and minibatch order.</summary>
    public int LstmSeed { get; init; } = 42;

    /// <summary>Start a retrain from the previous fit's weights (true) or from fresh random weights.</summary>
    public bool LstmWarmStart { get; init; } = true;

    /// <summary>Training device; see <see cref="LstmDevice"/>.</summary>
    public LstmDevice LstmDevice { get; init; } = LstmDevice.Auto;

    /// <summary>libtorch intra-op CPU threads while this model trains or predicts (1 keeps CPU runs
    /// bit-for-bit reproducible and lets the engine run one pair per core).</summary>
    public int LstmThreads { get; init; } = 1;

    /// <summary>Confidence levels with a trained VaR and ES head; other levels inside their range
    /// are interpolated (see the LSTM model, RiskGrid.Models.Lstm).</summary>
    public IReadOnlyList<double> LstmLevels { get; init; } = [0.95, 0.975, 0.99];
}
