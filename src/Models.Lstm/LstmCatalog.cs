using RiskGrid.Core.Models;

namespace RiskGrid.Models.Lstm;

/// <summary>Registers the LSTM in <see cref="ModelCatalog"/> as <c>lstm</c> (a trained model: it runs only when named).</summary>
public static class LstmCatalog
{
    /// <summary>The catalogue name.</summary>
    public const string Name = "lstm";

    /// <summary>Adds <c>lstm</c> to the catalogue; safe to call more than once.</summary>
    public static void Register() => ModelCatalog.Register(Name, s => new LstmRiskModel(s), trained: true, LstmSettings.All,
        description: "TorchSharp LSTM on 10 market features, VaR and ES heads (pinball + FZ0 loss)");
}
