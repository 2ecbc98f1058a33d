namespace RiskGrid.Testing;

/// <summary>
/// What a test that needs something from the environment (Redis, a tool) does without it: skips locally
/// saying why, but runs under CI (<c>CI=true</c>) and fails there with a clear message, so that a broken
/// CI setup is never a silent skip.
/// </summary>
public static class CiEnvironment
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The skip reason for a fact whose requirement has <paramref name="problem"/>; null when there is none or under CI.</summary>
    public static string? SkipReason(string? problem) =>
        problem is null || IsCi ? null : $"{problem}; skipped locally (under CI=true this test fails instead)";
}
