namespace RiskGrid.Client.Cli.Options;

/// <summary>A command's options after binding: each value parsed and checked, and whether it was given
/// (on the command line or in the configuration file) or is the default.</summary>
public sealed class OptionValues
{
    private readonly Dictionary<string, object> _given = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RunOption> _options;

    internal OptionValues(IEnumerable<RunOption> options) =>
        _options = options.ToDictionary(o => o.Name, StringComparer.Ordinal);

    /// <summary>The options this command has, in declaration order.</summary>
    public IEnumerable<RunOption> Options => _options.Values;

    public T Get<T>(RunOption<T> option) =>
        _given.TryGetValue(option.Name, out var value) ? (T)value
        : _options.TryGetValue(option.Name, out var declared) ? (T)declared.DefaultValue
        : throw new InvalidOperationException($"option --{option.Name} is not declared by this command");

    /// <summary>The value of an option the command cannot do without; throws <see cref="ArgumentException"/> when it was not given.</summary>
    public T Require<T>(RunOption<T> option) =>
        IsGiven(option) ? Get(option) : throw new ArgumentException($"--{option.Name} is required: {option.Description}");

    /// <summary>The value if it was given, else null (for options whose default depends on something else).</summary>
    public bool IsGiven(RunOption option) => _given.ContainsKey(option.Name);

    /// <summary>The given value of an option named <paramref name="name"/> as text, or null.</summary>
    public string? GivenText(string name) =>
        _given.TryGetValue(name, out var v) && _options.TryGetValue(name, out var o) ? o.Format(v) : null;

    internal void Set(RunOption option, object value) => _given[option.Name] = value;

    /// <summary>Values given for any option (a test or a caller that builds settings by hand).</summary>
    public OptionValues With<T>(RunOption<T> option, T value)
    {
        var copy = new OptionValues(_options.Values);
        foreach (var (k, v) in _given)
        {
            copy._given[k] = v;
        }

        copy._given[option.Name] = value!;
        return copy;
    }

    /// <summary>Every recorded option with its value (given or default) as text, in declaration order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Resolved() =>
        _options.Values.Where(o => o.Recorded)
            .Select(o => KeyValuePair.Create(o.Name, _given.TryGetValue(o.Name, out var v) ? o.Format(v) : o.DefaultText ?? string.Empty))
            .Where(p => p.Value.Length > 0);

    /// <summary>Values with no option given: every default.</summary>
    public static OptionValues Defaults(IEnumerable<RunOption> options) => new(options);
}
