using System.Reflection;

namespace RiskGrid.Testing;

/// <summary>Paths in the repository the tests were built from (the folder holding Grid.sln above the test assembly).</summary>
public static class Repository
{
    private static readonly Lazy<string?> FoundRoot = new(FindRoot);

    /// <summary>The repository root; throws when no Grid.sln is above the test assembly.</summary>
    public static string Root => FoundRoot.Value ?? throw new DirectoryNotFoundException($"no Grid.sln above {AppContext.BaseDirectory}");

    /// <summary>The build configuration (Debug, Release) of the tests, which is the solution's.</summary>
    public static string Configuration { get; } =
        typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The silo executable built beside the tests (src/Silo/bin/{Configuration}/net10.0).</summary>
    public static string SiloAssembly() => Built("silo", "Silo", "RiskGrid.Silo.dll");

    /// <summary>The <c>riskgrid</c> CLI built beside the tests (src/Client/bin/{Configuration}/net10.0).</summary>
    public static string CliAssembly() => Built("CLI", "Client", "riskgrid.dll");

    /// <summary>The repository root, or null when no Grid.sln is above the test assembly.</summary>
    internal static string? TryRoot() => FoundRoot.Value;

    private static string Built(string what, string project, string file)
    {
        var path = Path("src", project, "bin", Configuration, "net10.0", file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"the {what} is not built at {path}; build Grid.sln first");
    }

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Grid.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
