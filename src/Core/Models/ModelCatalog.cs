using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Models;

/// <summary>
/// The models RiskGrid knows, by name. Names are what the CLI's <c>--models</c> option and the grid's
/// grain keys use. Create one instance per rolling pair (models are stateless, but cheap to create).
/// Models outside Core (the LSTM in RiskGrid.Models.Lstm) join through <see cref="Register"/>, which
/// their assembly's registration call makes (the CLI and the silo configuration call it at start).
/// A model's own settings (<see cref="ModelSetting"/>) are declared with its entry: they become CLI
/// options, run-configuration keys and run-store parameters, and travel to the grid, with no other edit.
/// </summary>
public static class ModelCatalog
{
    private static readonly object Gate = new();

    private static readonly Dictionary<string, Entry> Factories = new(StringComparer.OrdinalIgnoreCase);

    private static readonly List<string> Order = [];

    private static IReadOnlyList<string> _names = [];

    private static IReadOnlyList<string> _defaultNames = [];

    // Composed models the default benchmark runs besides the original six (all composed names stay available).
    private static readonly HashSet<string> DefaultComposed = new(StringComparer.OrdinalIgnoreCase)
    {
        "garch-n", "garch-t", "gjr-n", "gjr-t", "egarch-n", "egarch-t",
        "garch-skewt", "gjr-skewt", "gjr-ged",
    };

    static ModelCatalog()
    {
        Add("hs", _ => new HistoricalSimulation(), "historical simulation (empirical quantile of the window's losses)");
        Add("fhs", _ => new FilteredHistoricalSimulation(), "filtered historical simulation (GJR-normal QML filter, empirical standardised residuals)");
        Add("normal", _ => new ParametricNormal(), "normal with the window's mean and standard deviation");
        Add("student-t", _ => new ParametricStudentT(), "Student-t location-scale fitted by maximum likelihood");
        Add("cornish-fisher", _ => new CornishFisher(), "Cornish–Fisher expansion with the window's skewness and kurtosis");
        Add("ewma", s => new RiskMetricsEwma(s.EwmaLambda), "RiskMetrics EWMA variance (lambda from --ewma-lambda), normal",
            settings: RiskMetricsEwma.Settings);

        // Process × distribution, arch style: the original six names first, in their order, then the rest.
        string[] original = ["garch-n", "garch-t", "gjr-n", "gjr-t", "egarch-n", "egarch-t"];
        foreach (var name in original.Concat(VolatilityParts.Names.Except(original)))
        {
            Add(name, _ => new VolatilityRiskModel(name, VolatilityParts.Compose(name)), VolatilityParts.Describe(name),
                isDefault: DefaultComposed.Contains(name));
        }

        Add("gjr-evt", s => new GarchEvt("gjr-evt", VolatilityModel.GjrNormal(), s.EvtThreshold),
            "GARCH-EVT (McNeil–Frey): GJR-GARCH QML filter, generalised Pareto tail of the standardised losses beyond the 90% quantile",
            settings: GarchEvt.Settings);
        Add("garch-evt", s => new GarchEvt("garch-evt", VolatilityModel.GarchNormal(), s.EvtThreshold),
            "GARCH-EVT (McNeil–Frey): GARCH(1,1) QML filter, generalised Pareto tail beyond the 90% quantile", isDefault: false,
            settings: GarchEvt.Settings);
    }

    /// <summary>Every model name, in display order.</summary>
    public static IReadOnlyList<string> Names => Volatile.Read(ref _names);

    /// <summary>The models the benchmark runs when none are named: the fitted models without a network to train,
    /// less the composed process × distribution models outside its default set (run them by name).</summary>
    public static IReadOnlyList<string> DefaultNames => Volatile.Read(ref _defaultNames);

    public static bool Contains(string name) => Find(name) is not null;

    /// <summary>Every model with its description and parameters, in display order (for <c>riskgrid models</c>).</summary>
    public static IReadOnlyList<ModelInfo> Describe(ModelSettings? settings = null)
    {
        var names = Names;
        var result = new ModelInfo[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var entry = Find(names[i])!;
            var model = entry.Factory(settings ?? ModelSettings.Default);
            result[i] = new ModelInfo(names[i], entry.Description, model.ParameterNames, entry.IsDefault, entry.Trained);
        }

        return result;
    }

    /// <summary>
    /// Adds a model under <paramref name="name"/>. <paramref name="trained"/> marks a model that trains a
    /// network: it is never in <see cref="DefaultNames"/> (it runs only when named). Registering the same
    /// name again is a no-op when it is the same kind of model, so a registration call may run more than once.
    /// </summary>
    /// <param name="settings">The settings the model declares (see <see cref="ModelSetting"/>).</param>
    public static void Register(string name, Func<ModelSettings, IRiskModel> factory, bool trained = false,
        IReadOnlyList<ModelSetting>? settings = null, string description = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        lock (Gate)
        {
            if (Factories.TryGetValue(name, out var existing))
            {
                if (existing.Trained != trained)
                {
                    throw new ArgumentException($"model '{name}' is already registered as a {(existing.Trained ? "trained" : "fitted")} model", nameof(name));
                }

                return;
            }

            Add(name, factory, description, isDefault: !trained, trained, settings);
        }
    }

    /// <summary>Creates a model; throws <see cref="ArgumentException"/> naming the known models for an unknown name.</summary>
    public static IRiskModel Create(string name, ModelSettings? settings = null)
    {
        var entry = Find(name) ?? throw new ArgumentException($"unknown model '{name}'; known models: {string.Join(", ", Names)}");
        return entry.Factory(settings ?? ModelSettings.Default);
    }

    /// <summary>The settings <paramref name="model"/> declares (none for an unknown name).</summary>
    public static IReadOnlyList<ModelSetting> SettingsOf(string model) => Find(model)?.Settings ?? [];

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
        ArgumentNullException.ThrowIfNull(values);
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
    public static IReadOnlyList<KeyValuePair<string, string>> NonDefault(ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [.. Settings.Where(s => s.Format(settings) != s.DefaultText).Select(s => KeyValuePair.Create(s.Name, s.Format(settings)))];
    }

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

    private static Entry? Find(string name)
    {
        lock (Gate)
        {
            return Factories.GetValueOrDefault(name);
        }
    }

    // Called under the gate (or from the static constructor).
    private static void Add(string name, Func<ModelSettings, IRiskModel> factory, string description, bool isDefault = true,
        bool trained = false, IReadOnlyList<ModelSetting>? settings = null)
    {
        Factories[name] = new Entry(factory, description, isDefault && !trained, trained, settings ?? []);
        Order.Add(name);
        Volatile.Write(ref _names, [.. Order]);
        Volatile.Write(ref _defaultNames, [.. Order.Where(n => Factories[n].IsDefault)]);
    }

    private sealed record Entry(Func<ModelSettings, IRiskModel> Factory, string Description, bool IsDefault, bool Trained,
        IReadOnlyList<ModelSetting> Settings);
}
