namespace RiskGrid.Client.Cli;

/// <summary>The benchmark's output folder (<c>--out</c>): checked writable before the computation, written after it;
/// its problems are <see cref="OutputException"/>s naming the folder.</summary>
public static class OutputFolder
{
    /// <summary>Creates the folder when absent and proves a file can be written in it.</summary>
    public static void Check(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = Path.GetFullPath(folder);
        if (File.Exists(full))
        {
            throw new OutputException($"--out: {full} is a file, not a folder");
        }

        Guard(full, () =>
        {
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".riskgrid-write-check-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
        });
    }

    /// <summary>Runs <paramref name="write"/>, turning a file-system failure into an <see cref="OutputException"/>.</summary>
    public static T Write<T>(string folder, Func<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var result = default(T)!;
        Guard(Path.GetFullPath(folder), () => result = write());
        return result;
    }

    private static void Guard(string folder, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"--out: cannot write in {folder}: {ex.Message}", ex);
        }
    }
}
