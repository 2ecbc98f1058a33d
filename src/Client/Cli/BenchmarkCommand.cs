using System.CommandLine;
using RiskGrid.Client.Store;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;

namespace RiskGrid.Client.Cli;

/// <summary><c>riskgrid benchmark</c>: rolling VaR/ES forecasts for every instrument × model, backtested.</summary>
public static class BenchmarkCommand
{
    public static Command Create()
    {
        var data = new Option<string[]>("--data")
        {
            Description = "Price files: Yahoo CSV (Date,Open,High,Low,Close,Adj Close,Volume) or wide CSV (Date,A,B,...). " +
                          "Default: the built-in synthetic universe.",
            AllowMultipleArgumentsPerToken = true,
        };
        var models = new Option<string[]>("--models")
        {
            Description = $"Models, comma-separated. Known: {string.Join(", ", ModelCatalog.Names)}. " +
                          $"Default: {string.Join(",", ModelCatalog.DefaultNames)}.",
            AllowMultipleArgumentsPerToken = true,
        };
        var alpha = new Option<string[]>("--alpha")
        {
            Description = "Confidence levels, comma-separated.",
            DefaultValueFactory = _ => ["0.95,0.99"],
        };
        var window = new Option<int>("--window") { Description = "Returns in the rolling estimation window.", DefaultValueFactory = _ => 1000 };
        var refit = new Option<int>("--refit") { Description = "Refit every N days (1 = daily).", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for the CSV results and the HTML report (report.html).", DefaultValueFactory = _ => "out" };
        var store = new Option<string?>("--store")
        {
            Description = $"Run store (SQLite) the run is recorded in. Default: ${RunStoreLocation.Variable}, else {RunStoreLocation.Default}.",
        };
        var noStore = new Option<bool>("--no-store") { Description = "Do not record the run in the run store." };
        var returns = new Option<ReturnKind>("--returns") { Description = "Return definition (percent).", DefaultValueFactory = _ => ReturnKind.Simple };
        var instruments = new Option<int>("--instruments") { Description = "Synthetic universe: number of instruments.", DefaultValueFactory = _ => 20 };
        var days = new Option<int?>("--days") { Description = "Synthetic universe: trading days (default: the generator's)." };
        var seed = new Option<int?>("--seed") { Description = "Synthetic universe: random seed (default: the fixed built-in seed)." };
        var threads = new Option<int>("--threads") { Description = "Worker threads for the Core engine or the embedded silo's fits (0 = all cores).", DefaultValueFactory = _ => 0 };
        var defaults = ModelSettings.Default;
        var ewmaLambda = new Option<double>("--ewma-lambda") { Description = "EWMA / RiskMetrics decay.", DefaultValueFactory = _ => defaults.EwmaLambda };
        var retrain = new Option<int>("--retrain") { Description = "LSTM: retrain every N days.", DefaultValueFactory = _ => defaults.LstmRetrain };
        var lstmLayers = new Option<int>("--lstm-layers") { Description = "LSTM: layers.", DefaultValueFactory = _ => defaults.LstmLayers };
        var lstmHidden = new Option<int>("--lstm-hidden") { Description = "LSTM: hidden size.", DefaultValueFactory = _ => defaults.LstmHiddenSize };
        var lstmSequence = new Option<int>("--lstm-sequence") { Description = "LSTM: input sequence length (days).", DefaultValueFactory = _ => defaults.LstmSequenceLength };
        var lstmEpochs = new Option<int>("--lstm-epochs") { Description = "LSTM: maximum epochs per training (early stopping may end sooner).", DefaultValueFactory = _ => defaults.LstmEpochs };
        var device = new Option<LstmDevice>("--device") { Description = "LSTM training device (auto = CUDA when built with it and a GPU is present).", DefaultValueFactory = _ => defaults.LstmDevice };
        var engine = new Option<string>("--engine")
        {
            Description = "grid: through the Orleans grid (an embedded silo unless --cluster is given); core: the Core engine alone.",
            DefaultValueFactory = _ => "grid",
        };
        engine.AcceptOnlyFromAmong("grid", "core");
        var grid = GridOptions.Create();
        var universeName = new Option<string>("--universe") { Description = "Grid: universe name.", DefaultValueFactory = _ => "benchmark" };
        var daysPerPush = new Option<int>("--days-per-push") { Description = "Grid: trading days sent per push (each push persists every pair once).", DefaultValueFactory = _ => 50 };
        var reset = new Option<bool>("--reset") { Description = "Grid: reset the universe's pairs first (a cluster keeps them between runs)." };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Embedded grid: serve the silo's Prometheus metrics on http://127.0.0.1:PORT/metrics while the run lasts." };
        var linger = new Option<int>("--linger") { Description = "Embedded grid with --metrics-port: keep serving the metrics this many seconds after the run.", DefaultValueFactory = _ => 0 };

        var command = new Command("benchmark", "Rolling one-day VaR/ES for every instrument × model, backtested; prints Key Results, writes CSV and an HTML report, records the run.")
        {
            data, models, alpha, window, refit, output, store, noStore, returns, instruments, days, seed, threads, engine,
            grid.Cluster, grid.ClusterId, grid.ServiceId, universeName, daysPerPush, reset, metricsPort, linger,
            ewmaLambda, retrain, lstmLayers, lstmHidden, lstmSequence, lstmEpochs, device,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            BenchmarkSettings settings;
            IBenchmarkExecutor executor;
            try
            {
                var modelNames = ListParsing.ModelNames(parse.GetValue(models) ?? []);
                var levels = ListParsing.Levels(parse.GetValue(alpha) ?? []);
                settings = new BenchmarkSettings
                {
                    DataFiles = parse.GetValue(data) ?? [],
                    Models = modelNames.Count > 0 ? modelNames : ModelCatalog.DefaultNames,
                    Rolling = new RollingOptions
                    {
                        Window = parse.GetValue(window),
                        RefitEvery = parse.GetValue(refit),
                        Alphas = levels,
                        ReturnKind = parse.GetValue(returns),
                    }.Validated(),
                    OutputDirectory = parse.GetValue(output) ?? "out",
                    StorePath = parse.GetValue(noStore) ? null : RunStoreLocation.Resolve(parse.GetValue(store)),
                    SyntheticInstruments = parse.GetValue(instruments),
                    SyntheticDays = parse.GetValue(days),
                    SyntheticSeed = parse.GetValue(seed),
                    Threads = parse.GetValue(threads),
                    ModelSettings = defaults with
                    {
                        EwmaLambda = parse.GetValue(ewmaLambda),
                        LstmRetrain = parse.GetValue(retrain),
                        LstmLayers = parse.GetValue(lstmLayers),
                        LstmHiddenSize = parse.GetValue(lstmHidden),
                        LstmSequenceLength = parse.GetValue(lstmSequence),
                        LstmEpochs = parse.GetValue(lstmEpochs),
                        LstmDevice = parse.GetValue(device),
                        // The network is trained for fixed levels; train the asked ones too.
                        LstmLevels = [.. defaults.LstmLevels.Union(levels).Order()],
                    },
                };
                var cluster = grid.Address(parse);
                if (parse.GetValue(engine) == "core")
                {
                    executor = cluster is null ? new CoreEngineExecutor() : throw new ArgumentException("--cluster needs --engine grid");
                }
                else
                {
                    var perPush = parse.GetValue(daysPerPush);
                    var lingerSeconds = parse.GetValue(linger);
                    if (lingerSeconds < 0 || (lingerSeconds > 0 && parse.GetValue(metricsPort) is null))
                    {
                        throw new ArgumentException($"--linger {lingerSeconds}: needs --metrics-port and a number of seconds ≥ 0");
                    }

                    executor = perPush >= 1
                        ? new GridEngineExecutor(cluster, parse.GetValue(universeName) ?? "benchmark", perPush, parse.GetValue(reset),
                            parse.GetValue(metricsPort), TimeSpan.FromSeconds(lingerSeconds))
                        : throw new ArgumentException($"--days-per-push must be at least 1, got {perPush}");
                }
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadArguments;
            }

            var code = await BenchmarkRunner.RunAsync(settings, executor, cancellationToken);
            if (executor is GridEngineExecutor gridExecutor)
            {
                await gridExecutor.LingerAsync(cancellationToken); // --linger: the metrics stay up for a scrape after the report
            }

            return code;
        });
        return command;
    }
}
