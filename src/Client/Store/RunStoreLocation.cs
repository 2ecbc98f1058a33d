namespace RiskGrid.Client.Store;

/// <summary>Where the run store lives: <c>--store</c>, else <c>$RISKGRID_STORE</c>, else the user's data folder.</summary>
public static class RunStoreLocation
{
    public const string Variable = "RISKGRID_STORE";

    /// <summary>The user's local data folder + <c>riskgrid/runs.db</c> (e.g. <c>~/.local/share/riskgrid/runs.db</c>).</summary>
    public static string Default =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "riskgrid", "runs.db");

    public static string Resolve(string? option) =>
        !string.IsNullOrWhiteSpace(option) ? option
        : Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : Default;
}
