using RiskGrid.Client.Cli.Options;
using RiskGrid.Client.Store;

namespace RiskGrid.Client.Cli;

/// <summary><c>riskgrid runs export</c>: a run's kept files under their names (<c>report.html</c>, <c>plots/…</c>,
/// <c>raw/…</c>) and its configuration (<c>run.yaml</c>, which <c>benchmark --config</c> repeats) in a folder.</summary>
public static class RunExport
{
    /// <summary>Writes the files; returns how many. A run recorded before the store kept copies exports the files still at
    /// their paths; one missing is a <see cref="RunStoreException"/>, as is a name that would leave the folder.</summary>
    public static int Write(RunRecord run, string folder)
    {
        ArgumentNullException.ThrowIfNull(run);
        var root = Path.GetFullPath(folder);
        OutputFolder.Check(root);
        var count = 0;
        foreach (var a in run.Artifacts)
        {
            if (!File.Exists(a.Path))
            {
                throw new RunStoreException($"run {run.Id}: its file {a.Name ?? a.Path} is no longer at {a.Path}");
            }

            var target = Path.GetFullPath(Path.Combine(root, a.Name ?? Path.GetFileName(a.Path)));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new RunStoreException($"run {run.Id}: the file name '{OptionParsers.Printable(a.Name ?? "")}' would leave {root}");
            }

            OutputFolder.Write(root, () =>
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(a.Path, target, overwrite: true);
                return target;
            });
            count++;
        }

        OutputFolder.Write(root, () =>
        {
            File.WriteAllText(Path.Combine(root, "run.yaml"), RunConfigFile.Write(run.Parameters.Select(p => KeyValuePair.Create(p.Name, p.Value)),
                $"riskgrid run {run.Id} of {run.StartedUtc:yyyy-MM-dd HH:mm} UTC; repeat it with: riskgrid {CommandOf(run)} --config run.yaml"));
            return root;
        });
        return count + 1;
    }

    /// <summary>The command that repeats a run: <c>backtest</c> for forecasts backtested from files, else <c>benchmark</c>.</summary>
    public static string CommandOf(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Executor == BacktestCommand.Executor ? "backtest" : "benchmark";
    }
}
