using RiskGrid.Core.Models;
using static TorchSharp.torch;

namespace RiskGrid.Models.Lstm;

/// <summary>
/// Minibatch Adam on the joint pinball + FZ0 loss (<see cref="TailLoss"/>), with early stopping on the
/// validation tail: the weights with the lowest validation loss seen (the starting weights included)
/// are kept. Batch order comes from the caller's seeded <see cref="Random"/>, so a CPU run with one
/// thread repeats bit for bit.
/// </summary>
internal static class LstmTrainer
{
    // Clipping keeps the FZ0 term's 1/(p·ES) factor (×100 at the 99% level) from throwing the weights.
    private const double GradientClip = 5.0;

    public static LstmTrainingResult Train(LstmQuantileNetwork network, LstmSequences train, LstmSequences validation,
        ModelSettings settings, Device device, Random random)
    {
        using var scope = NewDisposeScope();
        var xTrain = tensor(train.Inputs, train.Shape, device: device);
        var yTrain = tensor(train.Targets, device: device);
        var xValidation = tensor(validation.Inputs, validation.Shape, device: device);
        var yValidation = tensor(validation.Targets, device: device);
        var alphas = tensor(network.Architecture.Levels.Select(a => (float)a).ToArray(), device: device);
        using var optimizer = new KeptScalarsAdam(network.parameters(), settings.LstmLearningRate);

        var bestLoss = Evaluate(network, xValidation, yValidation, alphas);
        if (!double.IsFinite(bestLoss))
        {
            return new LstmTrainingResult(0, 0, bestLoss, false, true);
        }

        var best = Snapshot(network);
        var bestEpoch = 0;
        var epoch = 0;
        var stoppedEarly = false;
        var diverged = false;
        var order = Enumerable.Range(0, train.Count).Select(i => (long)i).ToArray();
        var batchSize = Math.Max(1, settings.LstmBatchSize);
        try
        {
            while (epoch < settings.LstmEpochs)
            {
                epoch++;
                network.train();
                random.Shuffle(order);
                for (var start = 0; start < order.Length; start += batchSize)
                {
                    using var batchScope = NewDisposeScope();
                    var index = tensor(order[start..Math.Min(start + batchSize, order.Length)], device: device);
                    var (var, es) = network.forward(xTrain.index_select(0, index));
                    var loss = TailLoss.Joint(yTrain.index_select(0, index), var, es, alphas);
                    optimizer.ZeroGrad();
                    loss.backward();
                    nn.utils.clip_grad_norm_(network.parameters(), GradientClip);
                    optimizer.Step();
                }

                var validationLoss = Evaluate(network, xValidation, yValidation, alphas);
                if (!double.IsFinite(validationLoss))
                {
                    diverged = true;
                    break;
                }

                if (validationLoss < bestLoss)
                {
                    bestLoss = validationLoss;
                    bestEpoch = epoch;
                    Dispose(best);
                    best = Snapshot(network);
                }
                else if (epoch - bestEpoch >= settings.LstmPatience)
                {
                    stoppedEarly = true;
                    break;
                }
            }

            Restore(network, best);
        }
        finally
        {
            Dispose(best);
        }

        network.eval();
        return new LstmTrainingResult(epoch, bestEpoch, bestLoss, stoppedEarly, diverged);
    }

    private static double Evaluate(LstmQuantileNetwork network, Tensor x, Tensor y, Tensor alphas)
    {
        network.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (var, es) = network.forward(x);
        return TailLoss.Joint(y, var, es, alphas).item<float>();
    }

    // Copies outside every dispose scope: they outlive the epoch that made them.
    private static Tensor[] Snapshot(LstmQuantileNetwork network)
    {
        using var noGrad = no_grad();
        return [.. network.parameters().Select(p => p.detach().clone().DetachFromDisposeScope())];
    }

    private static void Restore(LstmQuantileNetwork network, Tensor[] weights)
    {
        using var noGrad = no_grad();
        var parameters = network.parameters().ToArray();
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].copy_(weights[i]);
        }
    }

    private static void Dispose(Tensor[] tensors)
    {
        foreach (var t in tensors)
        {
            t.Dispose();
        }
    }
}
