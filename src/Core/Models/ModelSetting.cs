using System.Globalization;

namespace RiskGrid.Core.Models;

/// <summary>
/// One setting a model declares in its <see cref="ModelCatalog"/> entry (e.g. <c>ewma-lambda</c>). The name
/// is at once the CLI option (<c>--ewma-lambda</c>), the run-configuration key, the run store's parameter
/// and the key the grid carries it under; the value travels as invariant text and is parsed and checked
/// here only, so every consumer accepts exactly the same values.
/// </summary>
public sealed class ModelSetting
{
    private readonly Func<ModelSettings, string> _format;
    private readonly Func<ModelSettings, string, ModelSettings> _apply;

    private ModelSetting(string name, string description, Func<ModelSettings, string> format, Func<ModelSettings, string, ModelSettings> apply)
    {
        Name = name;
        Description = description;
        _format = format;
        _apply = apply;
    }

    /// <summary>Kebab-case name, e.g. <c>lstm-hidden</c>.</summary>
    public string Name { get; }

    public string Description { get; }

    /// <summary>The value in <paramref name="settings"/> as invariant text (what <see cref="Apply"/> reads back).</summary>
    public string Format(ModelSettings settings) => _format(settings);

    /// <summary>The default value as text.</summary>
    public string DefaultText => _format(ModelSettings.Default);

    /// <summary><paramref name="settings"/> with this setting parsed from <paramref name="text"/>; throws
    /// <see cref="ArgumentException"/> naming the setting for text that is not a valid value.</summary>
    public ModelSettings Apply(ModelSettings settings, string text)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return _apply(settings, (text ?? string.Empty).Trim());
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static ModelSetting Int(string name, string description, Func<ModelSettings, int> get,
        Func<ModelSettings, int, ModelSettings> set, int min, int max = int.MaxValue) =>
        new(name, description, s => get(s).ToString(CultureInfo.InvariantCulture), (s, text) =>
        {
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            {
                throw new ArgumentException($"--{name}: '{text}' is not a whole number");
            }

            return v >= min && v <= max ? set(s, v) : throw new ArgumentException($"--{name}: {v} is outside {Range(min, max)}");
        });

    /// <summary>A finite number in the open interval (<paramref name="above"/>, <paramref name="below"/>).</summary>
    public static ModelSetting Double(string name, string description, Func<ModelSettings, double> get,
        Func<ModelSettings, double, ModelSettings> set, double above, double below) =>
        new(name, description, s => get(s).ToString("R", CultureInfo.InvariantCulture), (s, text) =>
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                throw new ArgumentException($"--{name}: '{text}' is not a number");
            }

            return v > above && v < below
                ? set(s, v)
                : throw new ArgumentException($"--{name}: {v.ToString(CultureInfo.InvariantCulture)} is not between " +
                                              $"{above.ToString(CultureInfo.InvariantCulture)} and {below.ToString(CultureInfo.InvariantCulture)} (exclusive)");
        });

    /// <summary>true or false.</summary>
    public static ModelSetting Bool(string name, string description, Func<ModelSettings, bool> get, Func<ModelSettings, bool, ModelSettings> set) =>
        new(name, description, s => get(s) ? "true" : "false", (s, text) =>
            bool.TryParse(text, out var v) ? set(s, v) : throw new ArgumentException($"--{name}: '{text}' is not true or false"));

    /// <summary>One of an enum's names, case-insensitive, written in lower case.</summary>
    public static ModelSetting Choice<T>(string name, string description, Func<ModelSettings, T> get, Func<ModelSettings, T, ModelSettings> set)
        where T : struct, Enum =>
        new(name, $"{description.TrimEnd('.')} ({string.Join("|", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}).",
            s => get(s).ToString().ToLowerInvariant(), (s, text) =>
                Enum.TryParse<T>(text, ignoreCase: true, out var v) && Enum.IsDefined(v) && !text.All(char.IsAsciiDigit)
                    ? set(s, v)
                    : throw new ArgumentException($"--{name}: '{text}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}"));

    /// <summary>Comma-separated confidence levels in (0, 1), kept sorted and distinct.</summary>
    public static ModelSetting Levels(string name, string description, Func<ModelSettings, IReadOnlyList<double>> get,
        Func<ModelSettings, IReadOnlyList<double>, ModelSettings> set) =>
        new(name, description, s => string.Join(",", get(s).Select(a => a.ToString("R", CultureInfo.InvariantCulture))), (s, text) =>
        {
            var levels = new List<double>();
            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) || !(a > 0 && a < 1))
                {
                    throw new ArgumentException($"--{name}: '{part}' is not a confidence level in (0, 1)");
                }

                levels.Add(a);
            }

            return levels.Count > 0 ? set(s, [.. levels.Distinct().Order()]) : throw new ArgumentException($"--{name}: at least one level is needed");
        });

    private static string Range(int min, int max) => max == int.MaxValue ? $"the allowed range (at least {min})" : $"[{min}, {max}]";
}
