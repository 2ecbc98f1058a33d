using System.Reflection;

namespace RiskGrid.Ops.Tests.TestSupport;

/// <summary>Paths in the repository this test assembly was built from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The silo built beside this test assembly's configuration.</summary>
    public static string SiloAssembly()
    {
        var path = Path("src", "Silo", "bin", Configuration, "net10.0", "RiskGrid.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"the silo is not built at {path}; build Grid.sln first");
    }

    /// <summary>An executable on PATH, or null.</summary>
    public static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Grid.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Grid.sln above {AppContext.BaseDirectory}");
    }
}
