using System.Reflection;

namespace RiskGrid.Client.Store;

/// <summary>
/// The version of the code that ran: the informational version stamped at build, which carries the
/// git commit (<c>1.0.0+3f2c…</c>) when the build could see one. Without it (a source archive, a
/// container build given no commit) the version alone, marked so.
/// </summary>
public static class CodeVersion
{
    public static string Current { get; } = Describe(typeof(CodeVersion).Assembly);

    /// <summary>The commit of <see cref="Current"/>, or null when the build recorded none.</summary>
    public static string? Commit => CommitOf(Current);

    public static string Describe(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrWhiteSpace(informational))
        {
            return $"{assembly.GetName().Version} (no commit recorded)";
        }

        return informational.Contains('+', StringComparison.Ordinal) ? informational : $"{informational} (no commit recorded)";
    }

    public static string? CommitOf(string version)
    {
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? null : version[(plus + 1)..];
    }
}
