using RiskGrid.Core.Models;

namespace RiskGrid.Models.Lstm;

/// <summary>How one training run ended.</summary>
/// <param name="Epochs">Epochs run.</param>
/// <param name="BestEpoch">Epoch whose weights were kept (0: the starting weights were never beaten).</param>
/// <param name="BestValidationLoss">Joint pinball + FZ0 loss of the kept weights on the validation tail.</param>
/// <param name="StoppedEarly">True when the patience ran out before the epoch limit.</param>
/// <param name="Diverged">True when a loss became non-finite (the weights are then unusable).</param>
internal sealed record LstmTrainingResult(int Epochs, int BestEpoch, double BestValidationLoss, bool StoppedEarly, bool Diverged);
