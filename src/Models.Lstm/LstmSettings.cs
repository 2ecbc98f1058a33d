using RiskGrid.Core.Models;

namespace RiskGrid.Models.Lstm;

/// <summary>The settings the LSTM declares in the catalogue (each one a field of <see cref="ModelSettings"/>).</summary>
public static class LstmSettings
{
    public static IReadOnlyList<ModelSetting> All { get; } =
    [
        ModelSetting.Int("retrain", "LSTM: retrain every N days.", s => s.LstmRetrain, (s, v) => s with { LstmRetrain = v }, 1),
        ModelSetting.Int("lstm-layers", "LSTM: stacked layers.", s => s.LstmLayers, (s, v) => s with { LstmLayers = v }, 1, 8),
        ModelSetting.Int("lstm-hidden", "LSTM: hidden units per layer.", s => s.LstmHiddenSize, (s, v) => s with { LstmHiddenSize = v }, 1, 4096),
        ModelSetting.Int("lstm-sequence", "LSTM: input sequence length (days).", s => s.LstmSequenceLength, (s, v) => s with { LstmSequenceLength = v }, 1, 1000),
        ModelSetting.Int("lstm-epochs", "LSTM: most epochs per training (early stopping may end sooner).", s => s.LstmEpochs, (s, v) => s with { LstmEpochs = v }, 1, 100_000),
        ModelSetting.Int("lstm-patience", "LSTM: epochs without a better validation loss before training stops.", s => s.LstmPatience, (s, v) => s with { LstmPatience = v }, 1),
        ModelSetting.Double("lstm-learning-rate", "LSTM: Adam learning rate.", s => s.LstmLearningRate, (s, v) => s with { LstmLearningRate = v }, 0, 10),
        ModelSetting.Int("lstm-batch", "LSTM: sequences per minibatch.", s => s.LstmBatchSize, (s, v) => s with { LstmBatchSize = v }, 1, 1_000_000),
        ModelSetting.Double("lstm-validation", "LSTM: share of the newest sequences held out for early stopping.", s => s.LstmValidationFraction, (s, v) => s with { LstmValidationFraction = v }, 0, 1),
        ModelSetting.Int("lstm-seed", "LSTM: seed of weight initialisation and minibatch order.", s => s.LstmSeed, (s, v) => s with { LstmSeed = v }, int.MinValue),
        ModelSetting.Bool("lstm-warm-start", "LSTM: start a retrain from the previous fit's weights.", s => s.LstmWarmStart, (s, v) => s with { LstmWarmStart = v }),
        ModelSetting.Int("lstm-threads", "LSTM: libtorch CPU threads while training (1 keeps CPU runs reproducible).", s => s.LstmThreads, (s, v) => s with { LstmThreads = v }, 1, 1024),
        ModelSetting.Choice<LstmDevice>("device", "LSTM: training device (auto = CUDA when built with it and a GPU is present)", s => s.LstmDevice, (s, v) => s with { LstmDevice = v }),
        ModelSetting.Levels("lstm-levels", "LSTM: levels with a trained VaR/ES head (default: 0.95,0.975,0.99 and every --alpha).", s => s.LstmLevels, (s, v) => s with { LstmLevels = v }),
    ];
}
