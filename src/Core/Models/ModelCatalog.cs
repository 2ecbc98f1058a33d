using RiskGrid.Core.Models.Lstm;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Models;

/// <summary>
/// The models RiskGrid knows, by name. Names are what the CLI's <c>--models</c> option and the grid's
/// grain keys use. Create one instance per rolling pair (models are stateless, but cheap to create).
/// A model's own settings (<see cref="ModelSetting"/>) are declared with its entry: they become CLI
/// options, run-configuration keys and run-store parameters, and travel to the grid, with no other edit.
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

    // The settings each model declares (models without any have none listed).
    private static readonly Dictionary<string, IReadOnlyList<ModelSetting>> Declared =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["ewma"] = RiskMetricsEwma.Settings,
            ["lstm"] = LstmSettings.All,
        };

    /// <summary>Every model name, in display order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Factories.Keys];

    /// <summary>The models the benchmark runs when none are named (every model that needs no training).</summary>
    public static IReadOnlyList<string> DefaultNames { get; } = [.. Factories.Keys.Where(n => !Trained.Contains(n))];

    public static bool Contains(string name) => Factories.ContainsKey(name);

    /// <summary>The settings <paramref name="model"/> declares (none for an unknown name).</summary>
    public static IReadOnlyList<ModelSetting> SettingsOf(string model) => Declared.GetValueOrDefault(model) ?? [];

    /// <summary>Every declared setting, once, in catalogue order.</summary>
    public static IReadOnlyList<ModelSetting> Settings =>
        [.. Names.SelectMany(SettingsOf).DistinctBy(s => s.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>The declared setting called <paramref name="name"/>, or null.</summary>
    public static ModelSetting? FindSetting(string name) =>
        Settings.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Default settings with <paramref name="values"/> (setting name → invariant text) applied, each parsed
    /// and checked by its declaration. Throws <see cref="ArgumentException"/> for an unknown name or a bad value.
    /// </summary>
    public static ModelSettings ResolveSettings(IEnumerable<KeyValuePair<string, string>> values)
    {
        var settings = ModelSettings.Default;
        foreach (var (name, text) in values)
        {
            var setting = FindSetting(name) ?? throw new ArgumentException(
                $"unknown model setting '{name}'; known: {string.Join(", ", Settings.Select(s => s.Name))}");
            settings = setting.Apply(settings, text);
        }

        return settings;
    }

    /// <summary>The declared settings whose value in <paramref name="settings"/> differs from the default, as text.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> NonDefault(ModelSettings settings) =>
        [.. Settings.Select(s => KeyValuePair.Create(s.Name, s.Format(settings))).Where(p => p.Value != FindSetting(p.Key)!.DefaultText)];

    /// <summary>
    /// The one check of a run's set-up, shared by the CLI, the Core engine and the grid: valid rolling options,
    /// known models, each able to forecast at the levels and to fit in the window. Returns the models' catalogue
    /// names; throws <see cref="ArgumentException"/> with a readable message.
    /// </summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<string> models, Engine.RollingOptions options, ModelSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        options.Validated();
        if (models.Count == 0)
        {
            throw new ArgumentException("at least one model is needed");
        }

        var names = new string[models.Count];
        for (var i = 0; i < models.Count; i++)
        {
            var model = Create(models[i], settings);
            model.ValidateLevels(options.Alphas);
            if (options.Window < model.MinimumObservations)
            {
                throw new ArgumentException($"model {model.Name} needs a window of at least {model.MinimumObservations} returns, got {options.Window}");
            }

            names[i] = model.Name;
        }

        return names;
    }

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
