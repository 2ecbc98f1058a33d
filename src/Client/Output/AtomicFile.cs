using System.Text;

namespace RiskGrid.Client.Output;

/// <summary>Writes a results file whole or not at all: UTF-8 (no BOM) to a temporary file beside it, then moved over it.</summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; a crash never leaves it truncated.</summary>
    public static void Write(string path, Action<TextWriter> write)
    {
        var temp = path + ".tmp";
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false)))
        {
            write(writer);
        }

        File.Move(temp, path, overwrite: true);
    }
}
