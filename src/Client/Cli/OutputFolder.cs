using Spectre.Console;

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

    /// <summary>
    /// The lines that tell where a run's files went, none longer than <paramref name="width"/> columns: "Results in
    /// FOLDER: " and the files' names relative to the folder, wrapped between names with a two-space indent, then
    /// "Report: " and the report's path. A file outside the folder keeps its path.
    /// </summary>
    public static IReadOnlyList<string> Describe(string folder, IReadOnlyList<string> files, string report, int width = ConsoleText.Width)
    {
        ArgumentNullException.ThrowIfNull(files);
        var root = Path.GetFullPath(folder);
        var names = files.Select(f => Path.GetRelativePath(root, Path.GetFullPath(f)))
            .Select((r, i) => r.StartsWith("..", StringComparison.Ordinal) ? files[i] : r).ToList();
        var lines = new List<string>(ConsoleText.Wrap(string.Join(", ", names),
            $"Results in {folder.TrimEnd(Path.DirectorySeparatorChar)}{Path.DirectorySeparatorChar}:", width: width));
        lines.Add($"Report: {report}");
        return lines;
    }

    /// <summary>Prints <see cref="Describe"/>'s lines in grey.</summary>
    public static void Tell(IAnsiConsole console, string folder, IReadOnlyList<string> files, string report)
    {
        ArgumentNullException.ThrowIfNull(console);
        foreach (var line in Describe(folder, files, report))
        {
            console.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
        }
    }

    /// <summary>The list of files the last run wrote in a folder (relative paths), so the next run can remove its stale ones.</summary>
    public const string ManifestFile = ".riskgrid-files";

    /// <summary>Removes the files the previous run wrote in <paramref name="folder"/> that this run did not (e.g. plots of a
    /// model not run again), then records <paramref name="written"/>. Only files named in the manifest are ever removed.</summary>
    public static int RemoveStale(string folder, IReadOnlyList<string> written)
    {
        ArgumentNullException.ThrowIfNull(written);
        var root = Path.GetFullPath(folder);
        var manifest = Path.Combine(root, ManifestFile);
        var now = written.Select(f => Path.GetRelativePath(root, Path.GetFullPath(f))).Where(r => !r.StartsWith("..", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        if (File.Exists(manifest))
        {
            foreach (var relative in File.ReadAllLines(manifest).Where(l => l.Length > 0 && !now.Contains(l)))
            {
                var file = Path.GetFullPath(Path.Combine(root, relative));
                if (file.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(file))
                {
                    File.Delete(file);
                    removed++;
                }
            }
        }

        File.WriteAllLines(manifest, now.Order(StringComparer.Ordinal));
        return removed;
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
