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

    static ModelCatalog()
    {
        Add("hs", _ => new HistoricalSimulation());
        Add("fhs", _ => new FilteredHistoricalSimulation());
        Add("normal", _ => new ParametricNormal());
        Add("student-t", _ => new ParametricStudentT());
        Add("cornish-fisher", _ => new CornishFisher());
        Add("ewma", s => new RiskMetricsEwma(s.EwmaLambda));
        Add("garch-n", _ => new VolatilityRiskModel("garch-n", VolatilityModel.GarchNormal()));
        Add("garch-t", _ => new VolatilityRiskModel("garch-t", VolatilityModel.GarchStudentT()));
        Add("gjr-n", _ => new VolatilityRiskModel("gjr-n", VolatilityModel.GjrNormal()));
        Add("gjr-t", _ => new VolatilityRiskModel("gjr-t", VolatilityModel.GjrStudentT()));
        Add("egarch-n", _ => new VolatilityRiskModel("egarch-n", VolatilityModel.EgarchNormal()));
        Add("egarch-t", _ => new VolatilityRiskModel("egarch-t", VolatilityModel.EgarchStudentT()));
    }

    /// <summary>Every model name, in display order.</summary>
    public static IReadOnlyList<string> Names => Volatile.Read(ref _names);

    /// <summary>The models the benchmark runs when none are named (every model that needs no training).</summary>
    public static IReadOnlyList<string> DefaultNames => Volatile.Read(ref _defaultNames);

    public static bool Contains(string name) => Find(name) is not null;

    /// <summary>
    /// Adds a model under <paramref name="name"/>. <paramref name="trained"/> marks a model that trains a
    /// network: it is never in <see cref="DefaultNames"/> (it runs only when named). Registering the same
    /// name again is a no-op when it is the same kind of model, so a registration call may run more than once.
    /// </summary>
    public static void Register(string name, Func<ModelSettings, IRiskModel> factory, bool trained = false)
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

            Add(name, factory, trained);
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
    private static void Add(string name, Func<ModelSettings, IRiskModel> factory, bool trained = false)
    {
        Factories[name] = new Entry(factory, trained);
        Order.Add(name);
        Volatile.Write(ref _names, [.. Order]);
        Volatile.Write(ref _defaultNames, [.. Order.Where(n => !Factories[n].Trained)]);
    }

    private sealed record Entry(Func<ModelSettings, IRiskModel> Factory, bool Trained);
}
