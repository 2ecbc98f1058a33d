using Microsoft.Data.Sqlite;
using RiskGrid.Client.Store;
using Spectre.Console;

namespace RiskGrid.Client.Cli;

/// <summary>
/// The last step of a command that records a run (<c>benchmark</c>, <c>backtest</c>): add it to the store, rewrite the
/// report page with the run's id (known only now; the charts stay), keep the store's own copies of its files, and say so.
/// </summary>
internal static class RunRecording
{
    /// <param name="what">What finished, for the error ("the run", "the backtest").</param>
    /// <param name="writePage">Writes the report page naming the run id; returns its path.</param>
    public static int Record(RunStore store, RunRecord record, string outputDirectory, Func<long, string> writePage, IAnsiConsole info, string what)
    {
        try
        {
            var id = store.Add(record);
            OutputFolder.Write(outputDirectory, () => writePage(id));
            // The store keeps its own copies, so a later run into the same folder does not change what this one shows.
            store.SetArtifacts(id, store.Keep(record.Artifacts, outputDirectory));
            info.MarkupLine($"[grey]Recorded as run {id} in {Markup.Escape(store.Path)} (riskgrid runs show {id}).[/]");
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new RunStoreException($"{what} finished but could not be recorded in {store.Path}: {ex.Message}", ex);
        }
    }
}
