using System.CommandLine;
using System.Globalization;
using RiskGrid.Client.Cli.Options;
using RiskGrid.Client.MarketData;
using RiskGrid.Client.Output;

namespace RiskGrid.Client.Cli;

/// <summary><c>riskgrid fetch</c>: downloads daily prices from a market-data source into Yahoo-format CSV files, one per
/// symbol (<c>NAME.csv</c>), that <c>riskgrid benchmark --data</c> reads.</summary>
public static class FetchCommand
{
    private static readonly RunOption<string> Out = OptionParsers.Text("out",
        "Folder for the CSV files: one NAME.csv per symbol (NAME as --symbols says), replaced when there.", "data");

    public static IReadOnlyList<RunOption> Options =>
    [
        RunOptions.Source, RunOptions.Symbols, RunOptions.From, RunOptions.To, Out,
        RunOptions.SourceUrl, RunOptions.Missing, RunOptions.ApiKey, RunOptions.Cache, RunOptions.Refresh,
    ];

    public static Command Create(TextWriter? output = null)
    {
        var command = new Command("fetch", "Download daily prices (Yahoo, FRED, Stooq) into Yahoo-format CSV files that benchmark --data reads; " +
                                           "raw answers are cached, named by their SHA-256.");
        var options = new CommandOptions(command, Options);
        command.SetAction((parse, ct) => CliAction.RunAsync(async () =>
        {
            var values = options.Bind(parse);
            var settings = MarketDataSettings.Resolve(values) ?? throw new ArgumentException(
                $"--source is required ({string.Join(", ", MarketDataSources.Names)}), e.g. --source yahoo --symbols JPM");
            return await RunAsync(settings, values.Get(Out), output ?? Console.Out, ct);
        }));
        return command;
    }

    /// <summary>Downloads everything first, then writes the files: a failed symbol leaves the folder as it was.</summary>
    public static async Task<int> RunAsync(MarketDataSettings settings, string folder, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        OutputFolder.Check(folder);
        var fetched = await settings.FetchAsync(cancellationToken);
        var full = Path.GetFullPath(folder);
        foreach (var series in fetched)
        {
            var file = Path.Combine(full, series.Instrument + ".csv");
            var csv = series.ToCsv();
            series.ToSeries(file); // the file must read back as a price series
            OutputFolder.Write(folder, () =>
            {
                AtomicFile.Write(file, w => w.Write(csv));
                return file;
            });
            await output.WriteLineAsync(Describe(series, file));
            foreach (var note in series.Notes)
            {
                await CliAction.Error.WriteLineAsync($"note: {series.Source} {OptionParsers.Printable(series.Symbol)}: {note}");
            }
        }

        return ExitCodes.Ok;
    }

    internal static string Describe(FetchedSeries series, string file) =>
        $"{OptionParsers.Printable(series.Symbol)} -> {file}: {series.Bars.Count.ToString("N0", CultureInfo.InvariantCulture)} days, " +
        $"{series.Bars[0].Date:yyyy-MM-dd} to {series.Bars[^1].Date:yyyy-MM-dd}; raw sha256 {series.RawHashes}" +
        (series.Raw.All(r => r.FromCache) ? " (from the cache)" : string.Empty);
}
