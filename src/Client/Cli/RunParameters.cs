using RiskGrid.Client.Store;

namespace RiskGrid.Client.Cli;

/// <summary>A benchmark's resolved configuration as the run store keeps it: option name (as on the command line
/// and in a configuration file) and value (see <see cref="BenchmarkSettings.Configuration"/>).</summary>
public static class RunParameters
{
    public static IReadOnlyList<RunParameter> From(BenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [.. settings.Configuration().Select(p => new RunParameter(p.Key, p.Value))];
    }
}
