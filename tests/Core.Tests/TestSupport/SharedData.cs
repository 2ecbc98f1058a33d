namespace RiskGrid.Core.Tests.TestSupport;

/// <summary>
/// Locates the reference data in <c>../shared</c> beside the repository root (never copied into the
/// repo). Tests that need it use <see cref="SharedDataFactAttribute"/>, which skips with a clear
/// message where the folder is absent.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The shared folder, or null when it is not beside the repository.</summary>
    public static string? Folder => Root.Value;

    public static string Path(string relative) =>
        System.IO.Path.Combine(Folder ?? throw new InvalidOperationException(MissingMessage), relative);

    public const string MissingMessage =
        "../shared (reference data beside the repository root) is absent; this test needs ../shared/data and ../shared/reference";

    private static string? FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("RISKGRID_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return env;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Grid.sln")))
            {
                var shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared"));
                return Directory.Exists(System.IO.Path.Combine(shared, "data")) ? shared : null;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs ../shared; skipped, saying why, where it is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (SharedData.Folder is null)
        {
            Skip = SharedData.MissingMessage;
        }
    }
}
