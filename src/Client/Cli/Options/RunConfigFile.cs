using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace RiskGrid.Client.Cli.Options;

/// <summary>
/// A run-configuration file (<c>--config run.yaml</c> or <c>run.json</c>: YAML is a superset of JSON, so one
/// reader takes both): one mapping whose keys are option names without dashes and whose values are what the
/// option takes (a scalar, or a sequence for list options). The same parsers check it as the command line.
/// </summary>
public static class RunConfigFile
{
    /// <summary>Largest file read (a configuration is a few hundred bytes).</summary>
    public const long MaxBytes = 1 << 20;

    /// <summary>One key of the file: its values as text and the line it is on.</summary>
    public sealed record Entry(string Key, IReadOnlyList<string> Values, int Line);

    /// <summary>Reads <paramref name="path"/>; throws <see cref="ArgumentException"/> naming file, line and problem.</summary>
    public static IReadOnlyList<Entry> Read(string path)
    {
        string text;
        try
        {
            if (Directory.Exists(path))
            {
                throw new ArgumentException($"--config: {path} is a folder, not a configuration file");
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new ArgumentException($"--config: {path}: file not found");
            }

            if (info.Length > MaxBytes)
            {
                throw new ArgumentException($"--config: {path} is {info.Length:N0} bytes; a configuration file is at most {MaxBytes:N0}");
            }

            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--config: {path} cannot be read: {ex.Message}");
        }

        return Parse(text, path);
    }

    public static IReadOnlyList<Entry> Parse(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new ArgumentException($"{source}, line {ex.Start.Line}: not valid YAML or JSON: {ex.InnerException?.Message ?? ex.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        if (stream.Documents.Count > 1)
        {
            throw new ArgumentException($"{source}: one configuration per file, found {stream.Documents.Count} documents");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ArgumentException($"{source}, line {stream.Documents[0].RootNode.Start.Line}: expected keys and values (e.g. window: 500)");
        }

        var entries = new List<Entry>();
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var line = (int)keyNode.Start.Line;
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                throw new ArgumentException($"{source}, line {line}: a key must be an option name");
            }

            key = key.TrimStart('-');
            if (entries.Any(e => e.Key.Equals(key, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"{source}, line {line}: '{OptionParsers.Printable(key)}' is given twice");
            }

            entries.Add(new Entry(key, valueNode switch
            {
                YamlScalarNode scalar => [scalar.Value ?? string.Empty],
                YamlSequenceNode sequence => [.. sequence.Children.Select(item => item is YamlScalarNode s
                    ? s.Value ?? string.Empty
                    : throw new ArgumentException($"{source}, line {item.Start.Line}: '{key}' takes a list of plain values"))],
                _ => throw new ArgumentException($"{source}, line {valueNode.Start.Line}: '{OptionParsers.Printable(key)}' takes a value or a list, not a mapping"),
            }, line));
        }

        return entries;
    }

    /// <summary>A configuration file with these values (what <c>runs show ID --config</c> prints), readable by <see cref="Read"/>.</summary>
    public static string Write(IEnumerable<KeyValuePair<string, string>> values, string? comment = null)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in values)
        {
            map[k] = v;
        }

        var yaml = new SerializerBuilder().Build().Serialize(map);
        return comment is null ? yaml : $"# {comment}\n{yaml}";
    }
}
