namespace RiskGrid.Client.Cli.Options;

/// <summary>How an option is written on the command line.</summary>
public enum OptionShape
{
    /// <summary><c>--window 500</c>: one value.</summary>
    Value,

    /// <summary><c>--data a.csv b.csv</c> or <c>--models hs,ewma</c>: a list (several tokens, commas, or a YAML sequence).</summary>
    List,

    /// <summary><c>--reset</c>: present or not (true/false in a configuration file).</summary>
    Flag,
}

/// <summary>
/// One option of the CLI, declared once (see <see cref="RunOptions"/>): its name is the command-line option
/// (<c>--name</c>), the key in a run-configuration file and the parameter the run store records; its parser
/// is the only place its text is checked. <see cref="CommandOptions"/> turns a command's list of these into
/// System.CommandLine options and binds the command line and a <c>--config</c> file to <see cref="OptionValues"/>.
/// </summary>
public abstract class RunOption
{
    private protected RunOption(string name, string description, OptionShape shape)
    {
        Name = name;
        Description = description;
        Shape = shape;
    }

    /// <summary>Kebab-case name without dashes, e.g. <c>days-per-push</c>.</summary>
    public string Name { get; }

    public string Description { get; }

    public OptionShape Shape { get; }

    /// <summary>False for options that say how to run rather than what (e.g. <c>--store</c>, <c>--format</c>):
    /// they are not recorded with a run and not printed by <c>runs show --config</c>.</summary>
    public bool Recorded { get; init; } = true;

    /// <summary>The default as text for the help, or null when there is none to show.</summary>
    public abstract string? DefaultText { get; }

    /// <summary>Parses the option's text (list items joined by commas); throws <see cref="ArgumentException"/>
    /// naming the option.</summary>
    internal abstract object Parse(IReadOnlyList<string> tokens);

    internal abstract object DefaultValue { get; }

    /// <summary>The value as text a configuration file or the command line reads back.</summary>
    internal abstract string Format(object value);
}

/// <summary>An option whose value is a <typeparamref name="T"/>.</summary>
public sealed class RunOption<T> : RunOption
{
    private readonly Func<IReadOnlyList<string>, T> _parse;
    private readonly Func<T, string> _format;

    public RunOption(string name, string description, OptionShape shape, T defaultValue,
        Func<IReadOnlyList<string>, T> parse, Func<T, string> format)
        : base(name, description, shape)
    {
        Default = defaultValue;
        _parse = parse;
        _format = format;
    }

    public T Default { get; }

    public override string? DefaultText => Default is null ? null : _format(Default);

    internal override object DefaultValue => Default!;

    /// <summary>The same option with another default (e.g. <c>--universe</c> is <c>default</c> for push, <c>benchmark</c> for benchmark).</summary>
    public RunOption<T> WithDefault(T value) => new(Name, Description, Shape, value, _parse, _format) { Recorded = Recorded };

    /// <summary>The same option, not recorded with a run (see <see cref="RunOption.Recorded"/>).</summary>
    public RunOption<T> Unrecorded() => new(Name, Description, Shape, Default, _parse, _format) { Recorded = false };

    internal override object Parse(IReadOnlyList<string> tokens) => _parse(tokens)!;

    internal override string Format(object value) => _format((T)value);
}
