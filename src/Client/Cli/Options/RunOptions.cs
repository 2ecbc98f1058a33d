using RiskGrid.Client.MarketData;
using RiskGrid.Client.Sdk;
using RiskGrid.Client.Store;
using RiskGrid.Core.Models;
using static RiskGrid.Client.Cli.Options.OptionParsers;

namespace RiskGrid.Client.Cli.Options;

/// <summary>
/// Every option of the CLI, declared once. A command lists the ones it takes (see <see cref="BenchmarkCommand"/>);
/// each model's settings come from its <see cref="ModelCatalog"/> entry (<see cref="ModelSettings"/>). To add an
/// option: declare it here (or in the model's catalogue entry), add it to the commands' lists, read it with
/// <see cref="OptionValues.Get{T}"/>; DEVELOPERS.md says more.
/// </summary>
public static class RunOptions
{
    // First, so the descriptions below see every model: the models outside Core join the catalogue here.
    private static readonly bool ModelsRegistered = RegisterModels();

    // Data
    public static readonly RunOption<IReadOnlyList<string>> Data = Names("data",
        "Price files: Yahoo CSV (Date,Open,High,Low,Close,Adj Close,Volume; the instrument is the file name, upper-cased) " +
        "or wide CSV (Date,A,B,...; one instrument per column). Default: the built-in synthetic universe.");

    public static readonly RunOption<IReadOnlyList<string>> InstrumentNames = Names("name",
        "Instrument names for the --data files, in order, e.g. --data sp500.csv nasdaq.csv --name SP,NQ " +
        "(default: a Yahoo file's name upper-cased, SP500; a wide file's columns name its instruments).");

    // Market data (riskgrid fetch, benchmark --source)
    public static readonly RunOption<string?> Source = new("source",
        $"Market-data source to download the --symbols from ({string.Join("|", MarketDataSources.Names)}); raw answers are cached (--cache).",
        OptionShape.Value, null, t => MarketDataSources.Find(t.Count == 1 ? t[0] : string.Join(",", t)).Name, x => x ?? string.Empty);

    public static readonly RunOption<IReadOnlyList<string>> Symbols = Names("symbols",
        "Symbols to download, comma-separated (Yahoo: JPM,^GSPC; FRED: series ids such as DGS10,SP500; Stooq: spy.us). " +
        "Each becomes an instrument (and a file NAME.csv): upper case, a leading ^ dropped, other characters than letters, digits, . and - as _.");

    public static readonly RunOption<DateOnly?> From = OptionalDate("from", "First day to download, yyyy-MM-dd (default: ten years before --to).");

    public static readonly RunOption<DateOnly?> To = OptionalDate("to", "Last day to download, yyyy-MM-dd (default: today, UTC).");

    public static readonly RunOption<string?> SourceUrl = new("source-url",
        "Base address of the source (every request of it goes there, Yahoo's cookie and crumb too). Default: the source's own.",
        OptionShape.Value, null, t => ParseUrl(t.Count == 1 ? t[0] : string.Join(",", t)), x => x ?? string.Empty);

    public static readonly RunOption<string> Missing = Choice("missing",
        "A day the source lists without a price (FRED's '.'): error, or drop it and say which days were dropped.", "error", "error", "drop");

    public static readonly RunOption<string?> ApiKey = OptionalText("api-key",
        $"API key for sources that take one (Stooq). Default: ${MarketData.StooqSource.ApiKeyVariable}. Never recorded.").Unrecorded();

    public static readonly RunOption<string?> Cache = OptionalText("cache",
        $"Folder of the raw-answer cache. Default: ${MarketData.RawResponseCache.Variable}, else ~/.cache/riskgrid/market-data.").Unrecorded();

    public static readonly RunOption<bool> Refresh = Flag("refresh", "Download again even when the cache has the answer.").Unrecorded();

    /// <summary>The options that say what to download, in help order.</summary>
    public static IReadOnlyList<RunOption> MarketDataOptions { get; } = [Source, Symbols, From, To, SourceUrl, Missing, ApiKey, Cache, Refresh];

    // Forecasts made elsewhere (riskgrid backtest)
    public static readonly RunOption<IReadOnlyList<string>> Input = Names("input",
        "Forecast files (CSV): date,return,var_99,es_99,... (a column per level; optional model, instrument, pit, " +
        "volatility) or benchmark's forecasts.csv. README: backtesting forecasts made elsewhere.");

    public static readonly RunOption<IReadOnlyList<string>> InputModels = Names("model",
        "Model names for --input files without a model column, in order (default: the file name without its extension).");

    public static readonly RunOption<IReadOnlyList<string>> InputInstruments = Names("instrument",
        "Instrument names for --input files without an instrument column, in order (default: input).");

    public static readonly RunOption<string> VarSign = Choice("var-sign",
        "How the VaR/ES columns are signed: loss (positive numbers, a loss beyond VaR is an exception) or return " +
        "(return quantiles, negative for a loss).", "loss", "loss", "return");

    public static readonly RunOption<IReadOnlyList<double>> InputLevels = Levels("alpha",
        "Levels to backtest, comma-separated. Default: every level in the input.", []);

    public static readonly RunOption<int> Instruments = Int("instruments", "Synthetic universe: number of instruments.", 20, 1, 10_000);

    public static readonly RunOption<int?> Days = OptionalInt("days", "Synthetic universe: trading days (default: 1500).", 3, 100_000);

    public static readonly RunOption<int?> Seed = OptionalInt("seed", "Synthetic universe: random seed (default: the fixed built-in seed, 42).", int.MinValue, int.MaxValue);

    public static readonly RunOption<double> MaxMove = new("max-move",
        "Data-quality check: flag a one-day close-to-close move larger than this many percent (0 = off).", OptionShape.Value,
        Core.Data.DataQuality.DefaultMaxMove * 100, t => ParseMaxMove(t), x => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture));

    public static readonly RunOption<bool> RefuseMoves = Flag("refuse-moves",
        "Refuse data that fails the data-quality check (a move beyond --max-move, an impossible date) instead of warning.");

    // What to compute
    public static readonly RunOption<IReadOnlyList<string>> Models = new("models",
        $"Models, comma-separated, or 'all'. Known: {string.Join(", ", ModelCatalog.Names)}.",
        OptionShape.List, ModelCatalog.DefaultNames, ModelNames, x => string.Join(",", x));

    public static readonly RunOption<IReadOnlyList<double>> Alpha = Levels("alpha", "Confidence levels, comma-separated.", [0.95, 0.99]);

    public static readonly RunOption<int> Window = Int("window", "Returns in the rolling estimation window.", 1000, 2, 100_000);

    public static readonly RunOption<int> Refit = Int("refit", "Refit every N days (1 = daily); models with their own interval (the LSTM's --retrain) keep it.", 1, 1, 100_000);

    public static readonly RunOption<string> Returns = Choice("returns", "Return definition, in percent.", "simple", "simple", "log");

    // Where it runs
    public static readonly RunOption<int> Threads = Int("threads", "Worker threads for the Core engine or the embedded silo's fits (0 = all cores).", 0, 0, 1024);

    public static readonly RunOption<IReadOnlyList<string>> Weights = Names("weights",
        "INSTRUMENT=WEIGHT pairs, comma-separated (fractions of portfolio value; negative = short). portfolio: instruments as the " +
        "universe holds them (riskgrid query universe); benchmark (--engine core): also backtest this portfolio by every route " +
        "(hs, fhs, varcov, dcc), driven by the first of --models.");

    /// <summary>Parses <see cref="Weights"/>' INSTRUMENT=WEIGHT pairs; throws <see cref="ArgumentException"/> naming the option.</summary>
    public static IReadOnlyList<Grains.Abstractions.PortfolioWeight> PortfolioWeights(IReadOnlyList<string> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var weights = new List<Grains.Abstractions.PortfolioWeight>(pairs.Count);
        foreach (var text in pairs)
        {
            var eq = text.LastIndexOf('=');
            if (eq <= 0 || !double.TryParse(text[(eq + 1)..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var w))
            {
                throw new ArgumentException($"--weights: '{Printable(text)}' is not INSTRUMENT=WEIGHT, e.g. SP500=0.6");
            }

            if (!double.IsFinite(w))
            {
                throw new ArgumentException($"--weights: the weight of '{Printable(text[..eq])}' must be a finite number, got '{Printable(text[(eq + 1)..])}'");
            }

            if (weights.Any(x => string.Equals(x.Instrument, text[..eq], StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"--weights: '{Printable(text[..eq])}' is given twice");
            }

            weights.Add(new Grains.Abstractions.PortfolioWeight(text[..eq], w));
        }

        if (weights.Count > 0 && weights.All(x => x.Weight == 0))
        {
            throw new ArgumentException("--weights: the weights are all zero");
        }

        return weights;
    }

    public static readonly RunOption<string> Engine = Choice("engine",
        "grid: through the Orleans grid (an embedded silo unless --cluster is given); core: the Core engine alone.", "grid", "grid", "core");

    public static readonly RunOption<string?> Cluster = OptionalText("cluster",
        "A running cluster: redis://HOST:PORT (silos found through Redis) or gateways HOST:PORT[,HOST:PORT...]. Default: an embedded silo in this process.");

    /// <summary>--cluster for the commands that only talk to a running cluster.</summary>
    public static readonly RunOption<string?> Gateway = OptionalText("cluster",
        "A running cluster: redis://HOST:PORT (silos found through Redis) or gateways HOST:PORT[,HOST:PORT...]; default: the Redis in RiskGrid__Redis when set.").WithDefault(ClusterAddress.DefaultGateway);

    public static readonly RunOption<string> ClusterId = Text("cluster-id", "Cluster id the silos were started with.", "riskgrid");

    public static readonly RunOption<string> ServiceId = Text("service-id", "Service id the silos were started with.", "riskgrid");

    public static readonly RunOption<string> Universe = Text("universe", "Grid: universe name.", "default");

    public static readonly RunOption<int> DaysPerPush = Int("days-per-push", "Grid: trading days sent per push (each push persists every pair once).", 50, 1, 100_000);

    public static readonly RunOption<bool> Reset = Flag("reset", "Grid: reset the universe's pairs first (a cluster keeps them between runs).");

    // Metrics of the embedded silo
    public static readonly RunOption<int?> MetricsPort = OptionalInt("metrics-port",
        "Serve the embedded silo's Prometheus metrics on http://127.0.0.1:PORT/metrics while the run lasts (and for --linger after); " +
        "scrape it as job riskgrid-silo.", 1, 65_535).Unrecorded();

    public static readonly RunOption<TimeSpan> Linger = Duration("linger",
        "With --metrics-port: keep serving the metrics this long after the run is reported, e.g. 90s, 10m, 1h30m (Ctrl-C stops early).",
        TimeSpan.Zero, TimeSpan.FromDays(7)).Unrecorded();

    public static readonly RunOption<bool> EsrMonteCarlo = Flag("esr-mc",
        "Also give esr-strict and esr-aux their Monte Carlo p-value (mc: returns redrawn from the forecasts' laws, 199 refits per " +
        "series and test; about doubles the backtests' cost). Needs forecasts with a predictive law: benchmark (either engine; on the grid the universe's settings keep it), not backtest --input.");

    // Output
    public static readonly RunOption<string> Out = Text("out", "Folder for the CSV results and the HTML report (report.html).", "out");

    public static readonly RunOption<bool> OpenMetrics = Flag("openmetrics",
        "Also write history.om into --out: every pair's forecasts, exceptions and traffic light as OpenMetrics text stamped with " +
        "their own dates, for Prometheus's backfill (promtool tsdb create-blocks-from openmetrics; README: the historical view).").Unrecorded();

    public static readonly RunOption<string?> StoreFile = OptionalText("store",
        $"Run store (SQLite) the run is recorded in. Default: ${RunStoreLocation.Variable}, else {RunStoreLocation.Default}.").Unrecorded();

    public static readonly RunOption<string> Format = Choice("format",
        "How tables print: table (boxed, fitted to the terminal's width), or csv, json, markdown (plain, for pipes and files; " +
        "progress and notes stay on stderr)", "table", "table", "csv", "json", "markdown").Unrecorded();

    /// <summary>The <see cref="Format"/> text as its enum.</summary>
    public static Output.OutputFormat FormatOf(string text) => Enum.Parse<Output.OutputFormat>(text, ignoreCase: true);

    public static readonly RunOption<bool> NoStore = Flag("no-store", "Do not record the run in the run store.").Unrecorded();

    /// <summary>The options that say which cluster a command talks to, for commands that need a running one.</summary>
    public static IReadOnlyList<RunOption> GatewayOptions { get; } = [Gateway, ClusterId, ServiceId];

    /// <summary>Every model's declared settings, as options (e.g. <c>--ewma-lambda</c>, <c>--lstm-hidden</c>).</summary>
    public static IReadOnlyList<RunOption<string>> ModelSettings =>
        ModelsRegistered ? [.. ModelCatalog.Settings.Select(ModelOption)] : [];

    /// <summary>Registers the models outside Core (the LSTM) in the catalogue; safe to call more than once.</summary>
    public static bool RegisterModels()
    {
        RiskGrid.Models.Lstm.LstmCatalog.Register();
        return true;
    }

    /// <summary>The option of a model setting: its text is checked by the setting's own declaration and kept normalised.</summary>
    public static RunOption<string> ModelOption(ModelSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return new RunOption<string>(setting.Name, setting.Description, OptionShape.Value, setting.DefaultText,
            t => setting.Format(setting.Apply(Core.Models.ModelSettings.Default, t.Count == 1 ? t[0] : string.Join(",", t))), x => x);
    }

    /// <summary>The cluster address named by <paramref name="cluster"/>, or null for none (embedded); throws
    /// <see cref="ArgumentException"/> for a malformed one.</summary>
    public static ClusterAddress? Address(OptionValues values, RunOption<string?> cluster) =>
        Address(values, cluster, Environment.GetEnvironmentVariable);

    /// <summary>
    /// The cluster to talk to: <c>--cluster</c> when given; else the Redis the silos read from the environment
    /// (<c>RiskGrid__Redis</c>, a configuration string or a redis:// / rediss:// URI, with <c>RiskGrid__ClusterId</c> and
    /// <c>RiskGrid__ServiceId</c> unless --cluster-id / --service-id are given), so a client beside the silos needs
    /// no options; else the option's default (none: an embedded silo).
    /// </summary>
    public static ClusterAddress? Address(OptionValues values, RunOption<string?> cluster, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(environment);
        string Id(RunOption<string> option, string variable) =>
            !values.IsGiven(option) && environment(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment.Trim() : values.Get(option);

        var spec = values.Get(cluster);
        var (clusterId, serviceId) = (values.Get(ClusterId), values.Get(ServiceId));
        if (!values.IsGiven(cluster) && environment("RiskGrid__Redis") is { Length: > 0 } redis)
        {
            redis = redis.Trim();
            spec = redis.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || redis.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase)
                ? redis
                : "redis://" + redis;
            (clusterId, serviceId) = (Id(ClusterId, "RiskGrid__ClusterId"), Id(ServiceId, "RiskGrid__ServiceId"));
        }

        return spec is { Length: > 0 } ? ClusterAddress.Parse(spec, clusterId, serviceId) : null;
    }

    private static string ParseUrl(string text)
    {
        var trimmed = text.Trim();
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? trimmed
            : throw new ArgumentException($"--source-url: '{Printable(trimmed)}' is not an http:// or https:// address");
    }

    private static double ParseMaxMove(IReadOnlyList<string> tokens)
    {
        var text = tokens.Count == 1 ? tokens[0].Trim() : string.Join(",", tokens);
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)
               && double.IsFinite(v) && v >= 0
            ? v
            : throw new ArgumentException($"--max-move: '{Printable(text)}' is not a percentage of at least 0, e.g. 50");
    }

    /// <summary>Model names, each checked against the catalogue; <c>all</c> is every model, <c>default</c> the default set.</summary>
    internal static IReadOnlyList<string> ModelNames(IReadOnlyList<string> tokens)
    {
        var names = new List<string>();
        foreach (var name in Items(tokens))
        {
            IEnumerable<string> expanded = name.ToLowerInvariant() switch
            {
                "all" => ModelCatalog.Names,
                "default" => ModelCatalog.DefaultNames,
                _ => [name],
            };
            names.AddRange(expanded);
        }

        var unknown = names.Where(n => !ModelCatalog.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            // The catalogue has dozens of names: suggest the closest rather than list them (riskgrid models does).
            var closest = unknown.Count == 1 ? Closest(unknown[0], ModelCatalog.Names) : null;
            throw new ArgumentException(
                $"--models: unknown model{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{Printable(u)}'"))}; " +
                (closest is null ? "riskgrid models lists them" : $"did you mean '{closest}'?"));
        }

        return names.Count > 0
            ? [.. names.Distinct(StringComparer.OrdinalIgnoreCase)]
            : throw new ArgumentException("--models: at least one model is needed");
    }
}
