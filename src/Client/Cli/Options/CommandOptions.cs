using System.CommandLine;
using System.CommandLine.Parsing;

namespace RiskGrid.Client.Cli.Options;

/// <summary>
/// A command's options: each <see cref="RunOption"/> declared on the System.CommandLine command (as text, so
/// that every value is checked by its own parser with one kind of message), plus <c>--config FILE</c>.
/// <see cref="Bind"/> reads the configuration file first and lets the command line override it.
/// </summary>
public sealed class CommandOptions
{
    private readonly List<(RunOption Run, Option Cli)> _options = [];
    private readonly Option<string?>? _config;

    /// <param name="command">The command to add the options to.</param>
    /// <param name="options">Its options, in help order.</param>
    /// <param name="configFile">Whether the command takes <c>--config FILE</c>.</param>
    public CommandOptions(Command command, IEnumerable<RunOption> options, bool configFile = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in options)
        {
            var description = option.DefaultText is { Length: > 0 } d && option.Shape != OptionShape.Flag
                ? $"{option.Description} Default: {d}."
                : option.Description;
            Option cli = option.Shape switch
            {
                OptionShape.Flag => new Option<bool>("--" + option.Name) { Description = description },
                OptionShape.List => new Option<string[]>("--" + option.Name) { Description = description, AllowMultipleArgumentsPerToken = true },
                _ => new Option<string>("--" + option.Name) { Description = description },
            };
            command.Options.Add(cli);
            _options.Add((option, cli));
        }

        if (configFile)
        {
            _config = new Option<string?>("--config")
            {
                Description = "Run configuration file (YAML or JSON): option names as keys, e.g. `window: 500`; options given here override it.",
            };
            command.Options.Add(_config);
        }
    }

    public IEnumerable<RunOption> Options => _options.Select(o => o.Run);

    /// <summary>The options' values: configuration file, then command line; throws <see cref="ArgumentException"/>
    /// naming the option (and the file and line) for a bad value.</summary>
    public OptionValues Bind(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var values = new OptionValues(Options);
        if (_config is not null && parse.GetValue(_config) is { } path)
        {
            foreach (var entry in RunConfigFile.Read(path))
            {
                var option = _options.FirstOrDefault(o => o.Run.Name.Equals(entry.Key, StringComparison.OrdinalIgnoreCase)).Run
                             ?? throw new ArgumentException($"{path}, line {entry.Line}: unknown option '{OptionParsers.Printable(entry.Key)}'" +
                                                            (OptionParsers.Closest(entry.Key, Options.Select(o => o.Name)) is { } closest
                                                                ? $"; did you mean '{closest}'?" : " (--help lists the options)"));
                try
                {
                    values.Set(option, option.Parse(entry.Values));
                }
                catch (ArgumentException ex)
                {
                    throw new ArgumentException($"{path}, line {entry.Line}: {ex.Message}");
                }
            }
        }

        foreach (var (run, cli) in _options)
        {
            if (parse.GetResult(cli) is not { Implicit: false } result)
            {
                continue;
            }

            if (run.Shape == OptionShape.Flag)
            {
                values.Set(run, parse.GetValue((Option<bool>)cli));
            }
            else
            {
                values.Set(run, run.Parse([.. result.Tokens.Select(t => t.Value)]));
            }
        }

        return values;
    }
}
