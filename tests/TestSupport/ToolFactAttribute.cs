using Xunit;

namespace RiskGrid.Testing;

/// <summary>
/// A fact that needs an external tool (prometheus, docker-compose, chromium): skipped with the reason when the tool
/// is absent locally; under CI=true it runs and fails with a clear message instead (.ci/run installs it).
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(string tool)
    {
        Tool = tool;
        Skip = CiEnvironment.SkipReason(Which(tool) is null ? $"{tool} is not installed (apt-get install {tool})" : null);
    }

    public string Tool { get; }

    /// <summary>The tool's path, or a failure naming what to install.</summary>
    public static string Require(string tool) =>
        Which(tool) ?? throw new InvalidOperationException($"{tool} is not on PATH; .ci/run installs it with apt-get install {tool}");

    /// <summary>An executable on PATH, or null.</summary>
    public static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
