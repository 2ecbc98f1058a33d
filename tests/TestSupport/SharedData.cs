namespace RiskGrid.Testing;

/// <summary>
/// Locates the reference data in <c>../shared</c> beside the repository root (never copied into the
/// repo), or in <c>RISKGRID_SHARED</c>. Tests that need it use <see cref="SharedDataFactAttribute"/>, which
/// skips with a clear message where the folder is absent.
/// </summary>
public static class SharedData
{
    public const string MissingMessage =
        "../shared (reference data beside the repository root) is absent; this test needs ../shared/data and ../shared/reference";

    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The shared folder, or null when it is not beside the repository.</summary>
    public static string? Folder => Root.Value;

    public static string Path(string relative) =>
        System.IO.Path.Combine(Folder ?? throw new InvalidOperationException(MissingMessage), relative);

    private static string? FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("RISKGRID_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return env;
        }

        if (Repository.TryRoot() is not { } root)
        {
            return null;
        }

        var shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, "..", "shared"));
        return Directory.Exists(System.IO.Path.Combine(shared, "data")) ? shared : null;
    }
}
