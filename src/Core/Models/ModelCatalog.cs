using RiskGrid.Core.Models.Lstm;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Models;

/// <summary>
/// The models RiskGrid knows, by name. Names are what the CLI's <c>--models</c> option and the grid's
/// grain keys use. Create one instance per rolling pair (models are stateless, but cheap to create).
/// </summary>
public static class ModelCatalog
{
    private static readonly Dictionary<string, Func<ModelSettings, IRiskModel>> Factories =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["hs"] = _ => new HistoricalSimulation(),
            ["fhs"] = _ => new FilteredHistoricalSimulation(),
            ["normal"] = _ => new ParametricNormal(),
            ["student-t"] = _ => new ParametricStudentT(),
            ["cornish-fisher"] = _ => new CornishFisher(),
            ["ewma"] = s => new RiskMetricsEwma(s.EwmaLambda),
            ["garch-n"] = _ => new VolatilityRiskModel("garch-n", VolatilityModel.GarchNormal()),
            ["garch-t"] = _ => new VolatilityRiskModel("garch-t", VolatilityModel.GarchStudentT()),
            ["gjr-n"] = _ => new VolatilityRiskModel("gjr-n", VolatilityModel.GjrNormal()),
            ["gjr-t"] = _ => new VolatilityRiskModel("gjr-t", VolatilityModel.GjrStudentT()),
            ["egarch-n"] = _ => new VolatilityRiskModel("egarch-n", VolatilityModel.EgarchNormal()),
            ["egarch-t"] = _ => new VolatilityRiskModel("egarch-t", VolatilityModel.EgarchStudentT()),
            ["lstm"] = s => new LstmRiskModel(s),
        };

    // Models that train a network: never run unless named (minutes of CPU per pair).
    private static readonly HashSet<string> Trained = new(StringComparer.OrdinalIgnoreCase) { "lstm" };

    /// <summary>Every model name, in display order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Factories.Keys];

    /// <summary>The models the benchmark runs when none are named (every model that needs no training).</summary>
    public static IReadOnlyList<string> DefaultNames { get; } = [.. Factories.Keys.Where(n => !Trained.Contains(n))];

    public static bool Contains(string name) => Factories.ContainsKey(name);

    /// <summary>Creates a model; throws <see cref="ArgumentException"/> naming the known models for an unknown name.</summary>
    public static IRiskModel Create(string name, ModelSettings? settings = null)
    {
        if (!Factories.TryGetValue(name, out var factory))
        {
            throw new ArgumentException($"unknown model '{name}'; known models: {string.Join(", ", Names)}");
        }

        return factory(settings ?? ModelSettings.Default);
    }
}
