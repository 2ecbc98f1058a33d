using RiskGrid.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RiskGrid.Models.Lstm;

/// <summary>
/// LSTM over a (batch, sequence, feature) input; the last step's hidden state feeds one linear layer
/// with two outputs per trained level. Monotonicity and ES ≥ VaR hold by construction:
/// VaR_1 = softplus(a_1) &gt; 0, VaR_k = VaR_{k−1} + softplus(a_k) (no quantile crossing across the
/// increasing levels), ES_k = VaR_k + softplus(b_k). Outputs are losses in units of the fit's target scale.
/// </summary>
internal sealed class LstmQuantileNetwork : nn.Module<Tensor, (Tensor VaR, Tensor ES)>
{
    // Field names become the state-dict keys; renaming them breaks loading saved fits.
    private readonly LSTM lstm;
    private readonly Linear head;

    public LstmQuantileNetwork(LstmArchitecture architecture)
        : base(nameof(LstmQuantileNetwork))
    {
        Architecture = architecture;
        lstm = nn.LSTM(architecture.Features, architecture.HiddenSize, architecture.Layers, batchFirst: true);
        head = nn.Linear(architecture.HiddenSize, 2 * architecture.LevelCount);
        RegisterComponents();
    }

    public LstmArchitecture Architecture { get; }

    public override (Tensor VaR, Tensor ES) forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var (output, _, _) = lstm.forward(input);
        var raw = head.forward(output.select(1, -1));
        var k = Architecture.LevelCount;
        var var = KeptScalars.Softplus(raw.narrow(1, 0, k)).cumsum(1);
        var es = KeptScalars.Plus(var, KeptScalars.Softplus(raw.narrow(1, k, k)));
        return (var.MoveToOuterDisposeScope(), es.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Seeded initialisation that touches no global torch generator (pairs train in parallel):
    /// PyTorch's default bounds U(±1/√hidden) for the LSTM and the head's weights (shrunk ×0.1),
    /// and head biases at the training window's unconditional VaR steps and ES gaps, so training
    /// starts from the empirical tail rather than from noise.
    /// </summary>
    public void Initialize(Random random, double[] unconditionalVaR, double[] unconditionalES)
    {
        var k = Architecture.LevelCount;
        var bound = 1 / Math.Sqrt(Architecture.HiddenSize);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            var values = new float[parameter.numel()];
            if (name == "head.bias")
            {
                var previous = 0.0;
                for (var i = 0; i < k; i++)
                {
                    values[i] = (float)InverseSoftplus(unconditionalVaR[i] - previous);
                    values[k + i] = (float)InverseSoftplus(unconditionalES[i] - unconditionalVaR[i]);
                    previous = unconditionalVaR[i];
                }
            }
            else
            {
                var scale = name == "head.weight" ? 0.1 * bound : bound;
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = (float)(scale * (2 * random.NextDouble() - 1));
                }
            }

            using var source = tensor(values, parameter.shape);
            parameter.copy_(source);
        }
    }

    // softplus⁻¹(y) = log(e^y − 1), with y floored so a degenerate window still gives a finite bias.
    private static double InverseSoftplus(double y)
    {
        y = Math.Max(y, 1e-3);
        return y > 20 ? y : Math.Log(Math.Exp(y) - 1);
    }
}
