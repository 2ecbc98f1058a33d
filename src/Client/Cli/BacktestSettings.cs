using RiskGrid.Client.Cli.Options;

namespace RiskGrid.Client.Cli;

/// <summary>What <c>riskgrid backtest</c> was asked to do (see <see cref="From"/>).</summary>
public sealed record BacktestSettings
{
    /// <summary>The options of <c>riskgrid backtest</c>, in help order.</summary>
    public static IReadOnlyList<RunOption> Options =>
    [
        RunOptions.Input, RunOptions.InputModels, RunOptions.InputInstruments, RunOptions.VarSign, RunOptions.InputLevels, RunOptions.EsrMonteCarlo,
        RunOptions.Out, RunOptions.Format, RunOptions.StoreFile, RunOptions.NoStore,
    ];

    /// <summary>The forecast files.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Model names for files without a model column, in file order; empty for the file names.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Instrument names for files without an instrument column, in file order; empty for <see cref="DefaultInstrument"/>.</summary>
    public IReadOnlyList<string> Instruments { get; init; } = [];

    /// <summary>The VaR/ES columns are return quantiles (negative for a loss), not positive losses.</summary>
    public bool ReturnQuantiles { get; init; }

    /// <summary>Whether the sign convention was said (<c>--var-sign</c>); if not, VaR columns that are mostly negative are refused.</summary>
    public bool SignGiven { get; init; }

    /// <summary>The levels to backtest; empty for every level of the input.</summary>
    public IReadOnlyList<double> Levels { get; init; } = [];

    public string OutputDirectory { get; init; } = "out";

    public Output.OutputFormat Format { get; init; } = Output.OutputFormat.Table;

    /// <summary>Run store the run is recorded in; null records nothing.</summary>
    public string? StorePath { get; init; }

    /// <summary>The instrument of a file with neither an instrument column nor <c>--instrument</c>.</summary>
    public const string DefaultInstrument = "input";

    /// <summary>The settings the options say; throws <see cref="ArgumentException"/> naming the option.</summary>
    public static BacktestSettings From(OptionValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var settings = new BacktestSettings
        {
            Inputs = values.Require(RunOptions.Input),
            Models = values.Get(RunOptions.InputModels),
            Instruments = values.Get(RunOptions.InputInstruments),
            ReturnQuantiles = values.Get(RunOptions.VarSign) == "return",
            SignGiven = values.IsGiven(RunOptions.VarSign),
            Levels = values.Get(RunOptions.InputLevels),
            OutputDirectory = values.Get(RunOptions.Out),
            Format = RunOptions.FormatOf(values.Get(RunOptions.Format)),
            StorePath = values.Get(RunOptions.NoStore) ? null : Store.RunStoreLocation.Resolve(values.Get(RunOptions.StoreFile)),
        };
        if (values.Get(RunOptions.EsrMonteCarlo))
        {
            throw new ArgumentException("--esr-mc needs each forecast's predictive law to redraw the returns from, and a forecast " +
                                        "CSV (--input) carries only VaR/ES: esr-strict and esr-aux give their chi-squared p-value here " +
                                        "(riskgrid benchmark --esr-mc gives the mc one)");
        }

        if (settings.Models.Count > 0 && settings.Models.Count != settings.Inputs.Count)
        {
            throw new ArgumentException($"--model: {settings.Models.Count} name(s) for {settings.Inputs.Count} --input file(s); give one per file, in order");
        }

        if (settings.Instruments.Count > 0 && settings.Instruments.Count != settings.Inputs.Count)
        {
            throw new ArgumentException($"--instrument: {settings.Instruments.Count} name(s) for {settings.Inputs.Count} --input file(s); give one per file, in order");
        }

        return settings;
    }

    /// <summary>These settings as option values (what the run store records): paths made absolute.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Configuration()
    {
        var values = OptionValues.Defaults(Options)
            .With(RunOptions.Input, [.. Inputs.Select(Path.GetFullPath)])
            .With(RunOptions.InputModels, Models)
            .With(RunOptions.InputInstruments, Instruments)
            .With(RunOptions.InputLevels, Levels)
            .With(RunOptions.Out, Path.GetFullPath(OutputDirectory));
        if (SignGiven)
        {
            values = values.With(RunOptions.VarSign, ReturnQuantiles ? "return" : "loss");
        }

        return [.. values.Resolved()];
    }
}
