using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Models;

/// <summary>
/// The models RiskGrid knows, by name. Names are what the CLI's <c>--models</c> option and the grid's
/// grain keys use. Create one instance per rolling pair (models are stateless, but cheap to create).
/// Models outside Core (the LSTM in RiskGrid.Models.Lstm) join through <see cref="Register"/>, which
/// their assembly's registration call makes (the CLI and the silo configuration call it at start).
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
        "garch-skewt", "gjr-skewt", "gjr-ged", "aparch-skewt",
    };

    static ModelCatalog()
    {
        Add("hs", _ => new HistoricalSimulation(), "historical simulation (empirical quantile of the window's losses)");
        Add("fhs", _ => new FilteredHistoricalSimulation(), "filtered historical simulation (GJR-normal QML filter, empirical standardised residuals)");
        Add("normal", _ => new ParametricNormal(), "normal with the window's mean and standard deviation");
        Add("student-t", _ => new ParametricStudentT(), "Student-t location-scale fitted by maximum likelihood");
        Add("cornish-fisher", _ => new CornishFisher(), "Cornish–Fisher expansion with the window's skewness and kurtosis");
        Add("ewma", s => new RiskMetricsEwma(s.EwmaLambda), "RiskMetrics EWMA variance (lambda from --ewma-lambda), normal");

        // Process × distribution, arch style: the original six names first, in their order, then the rest.
        string[] original = ["garch-n", "garch-t", "gjr-n", "gjr-t", "egarch-n", "egarch-t"];
        foreach (var name in original.Concat(VolatilityParts.Names.Except(original)))
        {
            Add(name, _ => new VolatilityRiskModel(name, VolatilityParts.Compose(name)), VolatilityParts.Describe(name),
                isDefault: DefaultComposed.Contains(name));
        }

        Add("gjr-evt", s => new GarchEvt("gjr-evt", VolatilityModel.GjrNormal(), s.EvtThreshold),
            "GARCH-EVT (McNeil–Frey): GJR-GARCH QML filter, generalised Pareto tail of the standardised losses beyond the 90% quantile");
        Add("garch-evt", s => new GarchEvt("garch-evt", VolatilityModel.GarchNormal(), s.EvtThreshold),
            "GARCH-EVT (McNeil–Frey): GARCH(1,1) QML filter, generalised Pareto tail beyond the 90% quantile", isDefault: false);
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
    public static void Register(string name, Func<ModelSettings, IRiskModel> factory, bool trained = false, string description = "")
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

            Add(name, factory, description, isDefault: !trained, trained);
        }
    }

    /// <summary>Creates a model; throws <see cref="ArgumentException"/> naming the known models for an unknown name.</summary>
    public static IRiskModel Create(string name, ModelSettings? settings = null)
    {
        var entry = Find(name) ?? throw new ArgumentException($"unknown model '{name}'; known models: {string.Join(", ", Names)}");
        return entry.Factory(settings ?? ModelSettings.Default);
    }

    private static Entry? Find(string name)
    {
        lock (Gate)
        {
            return Factories.GetValueOrDefault(name);
        }
    }

    // Called under the gate (or from the static constructor).
    private static void Add(string name, Func<ModelSettings, IRiskModel> factory, string description, bool isDefault = true, bool trained = false)
    {
        Factories[name] = new Entry(factory, description, isDefault && !trained, trained);
        Order.Add(name);
        Volatile.Write(ref _names, [.. Order]);
        Volatile.Write(ref _defaultNames, [.. Order.Where(n => Factories[n].IsDefault)]);
    }

    private sealed record Entry(Func<ModelSettings, IRiskModel> Factory, string Description, bool IsDefault, bool Trained);
}
