namespace RiskGrid.Ops.Tests.TestSupport;

/// <summary>
/// A fact that needs an external tool (prometheus, docker-compose): skipped with the reason when the tool
/// is absent locally; under CI=true it runs and fails with a clear message instead (.ci/run installs it).
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(string tool)
    {
        Tool = tool;
        if (Repository.Which(tool) is null && !Repository.IsCi)
        {
            Skip = $"{tool} is not installed (apt-get install {tool}); skipped locally (under CI=true this test fails instead)";
        }
    }

    public string Tool { get; }

    /// <summary>The tool's path, or a failure naming what to install.</summary>
    public static string Require(string tool) =>
        Repository.Which(tool) ?? throw new InvalidOperationException($"{tool} is not on PATH; .ci/run installs it with apt-get install {tool}");
}
