using RiskGrid.Client.Cli.Options;
using RiskGrid.Client.MarketData;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;

namespace RiskGrid.Client.Cli;

/// <summary>Everything a benchmark run was asked to do, resolved and checked (see <see cref="From"/>).</summary>
public sealed record BenchmarkSettings
{
    /// <summary>The options of <c>riskgrid benchmark</c>, in help order.</summary>
    public static IReadOnlyList<RunOption> Options =>
    [
        RunOptions.Data, RunOptions.InstrumentNames, .. RunOptions.MarketDataOptions, RunOptions.MaxMove, RunOptions.RefuseMoves, RunOptions.Models, RunOptions.Alpha, RunOptions.Window, RunOptions.Refit, RunOptions.Returns, RunOptions.EsrMonteCarlo,
        RunOptions.Weights, RunOptions.Out, RunOptions.Format, RunOptions.OpenMetrics, RunOptions.StoreFile, RunOptions.NoStore,
        RunOptions.Instruments, RunOptions.Days, RunOptions.Seed, RunOptions.Threads, RunOptions.Engine,
        RunOptions.Cluster, RunOptions.ClusterId, RunOptions.ServiceId, RunOptions.Universe.WithDefault("benchmark"),
        RunOptions.DaysPerPush, RunOptions.Reset, RunOptions.MetricsPort, RunOptions.Linger,
        .. RunOptions.ModelSettings,
    ];

    /// <summary>Price files (Yahoo or wide CSV); empty for the built-in synthetic universe.</summary>
    public IReadOnlyList<string> DataFiles { get; init; } = [];

    /// <summary>Instrument names for <see cref="DataFiles"/>, in order (<c>--name</c>); empty for the files' own.</summary>
    public IReadOnlyList<string> DataNames { get; init; } = [];

    /// <summary>What to download instead (<c>--source</c>, <c>--symbols</c>, …), or null.</summary>
    public MarketDataSettings? MarketData { get; init; }

    public IReadOnlyList<string> Models { get; init; } = [];

    public RollingOptions Rolling { get; init; } = new();

    /// <summary>Whether esr-strict and esr-aux also give their opt-in Monte Carlo p-value (<c>--esr-mc</c>; on the grid the universe's settings carry it to the pairs).</summary>
    public bool EsrMonteCarlo { get; init; }

    /// <summary>How the pairs' battery runs (<see cref="Core.Backtesting.BacktestOptions"/>).</summary>
    public Core.Backtesting.BacktestOptions BacktestOptions => new() { EsrMonteCarlo = EsrMonteCarlo };

    /// <summary>Model options (EWMA λ, LSTM architecture, retrain period, device).</summary>
    public ModelSettings ModelSettings { get; init; } = ModelSettings.Default;

    /// <summary>How the result tables print (<c>--format</c>).</summary>
    public Output.OutputFormat Format { get; init; } = Output.OutputFormat.Table;

    /// <summary>The portfolio backtested by every route beside the pairs (<c>--weights</c>); empty for none.</summary>
    public IReadOnlyList<Grains.Abstractions.PortfolioWeight> Weights { get; init; } = [];

    /// <summary>Folder for the CSV files and the HTML report.</summary>
    public string OutputDirectory { get; init; } = "out";

    /// <summary>Also write the history as OpenMetrics text (<see cref="Output.OpenMetricsHistoryWriter"/>) into the output folder.</summary>
    public bool OpenMetricsHistory { get; init; }

    /// <summary>Synthetic universe size and seed (used when no data files are given).</summary>
    public int SyntheticInstruments { get; init; } = 20;

    public int? SyntheticDays { get; init; }

    public int? SyntheticSeed { get; init; }

    /// <summary>Run store file the finished run is recorded in; null records nothing.</summary>
    public string? StorePath { get; init; }

    /// <summary>Worker threads for the Core engine; 0 = all cores.</summary>
    public int Threads { get; init; }

    /// <summary><c>grid</c> or <c>core</c>.</summary>
    public string Engine { get; init; } = "grid";

    /// <summary>The running cluster (<c>--cluster</c>) or null for an embedded silo.</summary>
    public string? Cluster { get; init; }

    public string ClusterId { get; init; } = "riskgrid";

    public string ServiceId { get; init; } = "riskgrid";

    public string Universe { get; init; } = "benchmark";

    public int DaysPerPush { get; init; } = 50;

    public bool Reset { get; init; }

    /// <summary>Loopback port the embedded silo serves its metrics on while the run lasts; null serves none.</summary>
    public int? MetricsPort { get; init; }

    /// <summary>How long the metrics stay served after the run is reported (needs <see cref="MetricsPort"/>).</summary>
    public TimeSpan Linger { get; init; }

    /// <summary>Data-quality threshold on one-day moves, as a fraction (0 = off).</summary>
    public double MaxMove { get; init; } = DataQuality.DefaultMaxMove;

    /// <summary>Refuse data that fails the data-quality check instead of warning.</summary>
    public bool RefuseMoves { get; init; }

    public ReturnKind ReturnKind => Rolling.ReturnKind;

    /// <summary>
    /// The settings the options say, checked as a whole (<see cref="ModelCatalog.Check"/>: each model against the
    /// window and levels); throws <see cref="ArgumentException"/> naming the option.
    /// </summary>
    public static BenchmarkSettings From(OptionValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var levels = values.Get(RunOptions.Alpha);
        var rolling = new RollingOptions
        {
            Window = values.Get(RunOptions.Window),
            RefitEvery = values.Get(RunOptions.Refit),
            Alphas = levels,
            ReturnKind = values.Get(RunOptions.Returns) == "log" ? ReturnKind.Log : ReturnKind.Simple,
        };
        var settings = new BenchmarkSettings
        {
            DataFiles = values.Get(RunOptions.Data),
            DataNames = values.Get(RunOptions.InstrumentNames),
            MarketData = MarketDataSettings.Resolve(values),
            Models = values.Get(RunOptions.Models),
            Rolling = rolling,
            EsrMonteCarlo = values.Get(RunOptions.EsrMonteCarlo),
            Weights = RunOptions.PortfolioWeights(values.Get(RunOptions.Weights)),
            ModelSettings = ResolveModelSettings(values, levels),
            OutputDirectory = values.Get(RunOptions.Out),
            Format = RunOptions.FormatOf(values.Get(RunOptions.Format)),
            OpenMetricsHistory = values.Get(RunOptions.OpenMetrics),
            StorePath = values.Get(RunOptions.NoStore) ? null : Store.RunStoreLocation.Resolve(values.Get(RunOptions.StoreFile)),
            SyntheticInstruments = values.Get(RunOptions.Instruments),
            SyntheticDays = values.Get(RunOptions.Days),
            SyntheticSeed = values.Get(RunOptions.Seed),
            Threads = values.Get(RunOptions.Threads),
            Engine = values.Get(RunOptions.Engine),
            Cluster = values.Get(RunOptions.Cluster),
            ClusterId = values.Get(RunOptions.ClusterId),
            ServiceId = values.Get(RunOptions.ServiceId),
            Universe = values.Get(RunOptions.Universe),
            DaysPerPush = values.Get(RunOptions.DaysPerPush),
            Reset = values.Get(RunOptions.Reset),
            MaxMove = values.Get(RunOptions.MaxMove) / 100,
            RefuseMoves = values.Get(RunOptions.RefuseMoves),
            MetricsPort = values.Get(RunOptions.MetricsPort),
            Linger = values.Get(RunOptions.Linger),
        };
        if (settings.DataNames.Count > 0 && settings.DataNames.Count != settings.DataFiles.Count)
        {
            throw new ArgumentException($"--name: {settings.DataNames.Count} name(s) for {settings.DataFiles.Count} --data file(s); give one per file, in order");
        }

        if (settings.MarketData is not null && settings.DataFiles.Count > 0)
        {
            throw new ArgumentException("--data and --source do not go together: read files or download, not both");
        }

        if (settings.Engine == "core" && settings.Cluster is not null)
        {
            throw new ArgumentException("--cluster needs --engine grid");
        }

        if (settings.Weights.Count > 0 && settings.Engine != "core")
        {
            throw new ArgumentException("--weights backtests the portfolio on the Core engine path only: add --engine core " +
                                        "(on a cluster, define it with riskgrid portfolio and read it with riskgrid query portfolio)");
        }

        if (settings.MetricsPort is not null && (settings.Engine == "core" || settings.Cluster is not null))
        {
            throw new ArgumentException(settings.Engine == "core"
                ? "--metrics-port serves the embedded silo's metrics: it needs --engine grid"
                : "--metrics-port serves the embedded silo's metrics; a cluster's silos serve their own (--metrics-port on each silo)");
        }

        if (settings.Linger > TimeSpan.Zero && settings.MetricsPort is null)
        {
            throw new ArgumentException("--linger keeps the metrics served after the run: it needs --metrics-port");
        }

        try
        {
            settings = settings with { Models = ModelCatalog.Check(settings.Models, rolling, settings.ModelSettings) };
        }
        catch (ArgumentException ex) when (!ex.Message.StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"--models/--window/--alpha: {ex.Message}");
        }

        return settings;
    }

    /// <summary>The model settings given (each checked by its catalogue declaration); the LSTM is trained for
    /// the asked levels too unless <c>--lstm-levels</c> says otherwise.</summary>
    public static ModelSettings ResolveModelSettings(OptionValues values, IReadOnlyList<double> levels)
    {
        ArgumentNullException.ThrowIfNull(values);
        var given = RunOptions.ModelSettings.Where(values.IsGiven).Select(o => KeyValuePair.Create(o.Name, values.Get(o))).ToList();
        var settings = ModelCatalog.ResolveSettings(given);
        return given.Any(g => g.Key == "lstm-levels")
            ? settings
            : settings with { LstmLevels = [.. ModelSettings.Default.LstmLevels.Union(levels).Order()] };
    }

    /// <summary>
    /// These settings as option values (what the run store records and <c>runs show --config</c> prints): data
    /// paths made absolute, and only the chosen models' own settings. <see cref="From"/> reads them back.
    /// </summary>
    public OptionValues ToValues()
    {
        var values = OptionValues.Defaults(Options)
            .With(RunOptions.Data, [.. DataFiles.Select(Path.GetFullPath)])
            .With(RunOptions.InstrumentNames, DataNames)
            .With(RunOptions.Models, Models)
            .With(RunOptions.Weights, [.. Weights.Select(w => $"{w.Instrument}={w.Weight.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}")])
            .With(RunOptions.Alpha, Rolling.Alphas)
            .With(RunOptions.Window, Rolling.Window)
            .With(RunOptions.Refit, Rolling.RefitEvery)
            .With(RunOptions.Returns, Rolling.ReturnKind == ReturnKind.Log ? "log" : "simple")
            .With(RunOptions.EsrMonteCarlo, EsrMonteCarlo)
            .With(RunOptions.Out, Path.GetFullPath(OutputDirectory))
            .With(RunOptions.Threads, Threads)
            .With(RunOptions.Engine, Engine)
            .With(RunOptions.Cluster, Cluster)
            .With(RunOptions.ClusterId, ClusterId)
            .With(RunOptions.ServiceId, ServiceId)
            .With(RunOptions.Universe, Universe)
            .With(RunOptions.DaysPerPush, DaysPerPush)
            .With(RunOptions.Reset, Reset)
            .With(RunOptions.MaxMove, MaxMove * 100)
            .With(RunOptions.RefuseMoves, RefuseMoves);
        if (MarketData is not null)
        {
            values = MarketData.ToValues(values);
        }
        else if (DataFiles.Count == 0)
        {
            values = values
                .With(RunOptions.Instruments, SyntheticInstruments)
                .With(RunOptions.Days, SyntheticDays ?? SyntheticUniverseOptions.DefaultDays)
                .With(RunOptions.Seed, SyntheticSeed ?? SyntheticUniverseOptions.DefaultSeed);
        }

        foreach (var setting in Models.SelectMany(ModelCatalog.SettingsOf).DistinctBy(s => s.Name))
        {
            values = values.With(RunOptions.ModelSettings.First(o => o.Name == setting.Name), setting.Format(ModelSettings));
        }

        return values;
    }

    /// <summary>The recorded configuration: <see cref="ToValues"/> without defaults of options that do not apply
    /// (synthetic sizes with files, other models' settings, grid options on the Core engine).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Configuration()
    {
        var values = ToValues();
        var modelSettings = Models.SelectMany(ModelCatalog.SettingsOf).Select(s => s.Name).ToHashSet();
        var gridOnly = new HashSet<string> { RunOptions.Cluster.Name, RunOptions.ClusterId.Name, RunOptions.ServiceId.Name, RunOptions.Universe.Name, RunOptions.DaysPerPush.Name, RunOptions.Reset.Name };
        var synthetic = new HashSet<string> { RunOptions.Instruments.Name, RunOptions.Days.Name, RunOptions.Seed.Name };
        return [.. values.Resolved().Where(p =>
            (!RunOptions.ModelSettings.Any(o => o.Name == p.Key) || modelSettings.Contains(p.Key)) &&
            (Engine == "grid" || !gridOnly.Contains(p.Key)) &&
            (DataFiles.Count == 0 && MarketData is null || !synthetic.Contains(p.Key)))];
    }
}
