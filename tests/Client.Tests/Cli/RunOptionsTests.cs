using RiskGrid.Client.Cli;
using RiskGrid.Client.Cli.Options;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;

namespace RiskGrid.Client.Tests.Cli;

/// <summary>The one options model: the command line, a configuration file and the grid's settings bind to the same definitions.</summary>
public sealed class RunOptionsTests : IDisposable
{
    private readonly TempFolder _dir = new("riskgrid-options-");

    public void Dispose() => _dir.Dispose();

    private static OptionValues Bind(params string[] args)
    {
        var command = new System.CommandLine.Command("benchmark");
        var options = new CommandOptions(command, BenchmarkSettings.Options);
        var parse = command.Parse(args);
        Assert.Empty(parse.Errors);
        return options.Bind(parse);
    }

    private static OptionValues BindPush(params string[] args)
    {
        var command = new System.CommandLine.Command("push");
        var options = new CommandOptions(command, [.. RunOptions.GatewayOptions]);
        var parse = command.Parse(args);
        Assert.Empty(parse.Errors);
        return options.Bind(parse);
    }

    [Fact]
    public void Cluster_commands_read_RiskGrid__Redis_when_no_cluster_is_given_and_never_print_its_password()
    {
        var environment = new Dictionary<string, string>
        {
            ["RiskGrid__Redis"] = "10.0.0.5:6380,password=s3cret",
            ["RiskGrid__ClusterId"] = "prod",
        };
        string? Lookup(string name) => environment.GetValueOrDefault(name);

        var fromEnvironment = RunOptions.Address(BindPush(), RunOptions.Gateway, Lookup)!;
        Assert.Equal("prod", fromEnvironment.ClusterId);
        Assert.Equal("riskgrid", fromEnvironment.ServiceId);
        Assert.NotNull(fromEnvironment.Redis);
        Assert.DoesNotContain("s3cret", fromEnvironment.ToString());

        // --cluster and --cluster-id win over the environment; without either, the default gateway.
        var given = RunOptions.Address(BindPush("--cluster", "127.0.0.1:30000", "--cluster-id", "test"), RunOptions.Gateway, Lookup)!;
        Assert.Null(given.Redis);
        Assert.Equal("test", given.ClusterId);
        Assert.Null(RunOptions.Address(BindPush(), RunOptions.Gateway, _ => null)!.Redis);
        environment["RiskGrid__Redis"] = "rediss://user:pw@10.0.0.6:6390";
        Assert.DoesNotContain("pw@", RunOptions.Address(BindPush(), RunOptions.Gateway, Lookup)!.ToString());
    }

    [Fact]
    public void A_yaml_file_a_json_file_and_the_command_line_give_the_same_settings()
    {
        var yaml = _dir.File("run.yaml");
        File.WriteAllText(yaml, "models: [hs, ewma]\nalpha: 0.975,0.99\nwindow: 300\nrefit: 5\nreturns: log\newma-lambda: 0.97\ninstruments: 4\n");
        var json = _dir.File("run.json");
        File.WriteAllText(json, """{ "models": ["hs", "ewma"], "alpha": [0.975, 0.99], "window": 300, "refit": 5, "returns": "log", "ewma-lambda": 0.97, "instruments": 4 }""");

        var fromCli = BenchmarkSettings.From(Bind("--models", "hs,ewma", "--alpha", "0.975,0.99", "--window", "300", "--refit", "5",
            "--returns", "log", "--ewma-lambda", "0.97", "--instruments", "4"));
        var fromYaml = BenchmarkSettings.From(Bind("--config", yaml));
        var fromJson = BenchmarkSettings.From(Bind("--config", json));

        Assert.Equal(fromCli.Configuration(), fromYaml.Configuration());
        Assert.Equal(fromCli.Configuration(), fromJson.Configuration());
        Assert.Equal(0.97, fromYaml.ModelSettings.EwmaLambda);
        Assert.Equal((300, 5, true), (fromYaml.Rolling.Window, fromYaml.Rolling.RefitEvery, fromYaml.ReturnKind == Core.Data.ReturnKind.Log));
        Assert.Equal([0.975, 0.99], fromJson.Rolling.Alphas);
        Assert.Equal(["hs", "ewma"], fromJson.Models);
    }

    [Fact]
    public void The_command_line_overrides_the_file_and_a_bad_key_or_value_names_file_and_line()
    {
        var yaml = _dir.File("run.yaml");
        File.WriteAllText(yaml, "window: 300\nmodels: hs\n");
        Assert.Equal(400, BenchmarkSettings.From(Bind("--config", yaml, "--window", "400")).Rolling.Window);

        File.WriteAllText(yaml, "window: 300\nwindw: 5\n");
        var ex = Assert.Throws<ArgumentException>(() => Bind("--config", yaml));
        Assert.Equal($"{yaml}, line 2: unknown option 'windw'; did you mean 'window'?", ex.Message);

        File.WriteAllText(yaml, "models: hs\nwindow: lots\n");
        ex = Assert.Throws<ArgumentException>(() => Bind("--config", yaml));
        Assert.Equal($"{yaml}, line 2: --window: 'lots' is not a whole number", ex.Message);

        File.WriteAllText(yaml, "window: [1, 2\n");
        ex = Assert.Throws<ArgumentException>(() => Bind("--config", yaml));
        Assert.StartsWith($"{yaml}, line ", ex.Message);
        Assert.Contains("not valid YAML or JSON", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => Bind("--config", _dir.File("missing.yaml")));
        Assert.EndsWith("missing.yaml: file not found", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Bind("--config", _dir.Path));
        Assert.Contains("is a folder", ex.Message);
    }

    [Fact]
    public void Metrics_port_and_linger_bind_from_the_command_line_and_a_file_and_are_checked_as_a_whole()
    {
        var yaml = _dir.File("run.yaml");
        File.WriteAllText(yaml, "models: hs\nmetrics-port: 9470\nlinger: 1h30m\n");
        var fromYaml = BenchmarkSettings.From(Bind("--config", yaml));
        var fromCli = BenchmarkSettings.From(Bind("--models", "hs", "--metrics-port", "9470", "--linger", "5400"));
        Assert.Equal((9470, TimeSpan.FromMinutes(90)), (fromYaml.MetricsPort, fromYaml.Linger));
        Assert.Equal((fromYaml.MetricsPort, fromYaml.Linger), (fromCli.MetricsPort, fromCli.Linger));
        Assert.DoesNotContain(fromYaml.Configuration(), p => p.Key is "metrics-port" or "linger"); // how to run, not what
        Assert.Equal((null, TimeSpan.Zero), (BenchmarkSettings.From(Bind("--models", "hs")).MetricsPort, BenchmarkSettings.From(Bind("--models", "hs")).Linger));

        foreach (var (text, expected) in new[] { ("90s", 90.0), ("10m", 600), ("2h", 7200), ("1d", 86_400), ("250ms", 0.25), ("1m30s", 90), ("00:05:00", 300), ("0", 0) })
        {
            Assert.Equal(expected, BenchmarkSettings.From(Bind("--models", "hs", "--metrics-port", "9470", "--linger", text)).Linger.TotalSeconds, 9);
        }

        foreach (var (args, message) in new (string[], string)[]
                 {
                     (["--metrics-port", "70000"], "--metrics-port: 70000 is outside [1, 65,535]"),
                     (["--metrics-port", "http"], "--metrics-port: 'http' is not a whole number"),
                     (["--metrics-port", "9470", "--linger", "soon"], "--linger: 'soon' is not a duration, e.g. 90s, 10m, 1h30m"),
                     (["--metrics-port", "9470", "--linger", "8d"], "--linger: 8d is outside [0s, 604800s]"),
                     (["--linger", "30s"], "--linger keeps the metrics served after the run: it needs --metrics-port"),
                     (["--metrics-port", "9470", "--engine", "core"], "--metrics-port serves the embedded silo's metrics: it needs --engine grid"),
                     (["--metrics-port", "9470", "--cluster", "127.0.0.1:30000"], "a cluster's silos serve their own"),
                 })
        {
            var ex = Assert.Throws<ArgumentException>(() => BenchmarkSettings.From(Bind(["--models", "hs", .. args])));
            Assert.Contains(message, ex.Message);
        }

        File.WriteAllText(yaml, "models: hs\nmetrics-port: 9470\nlinger: forever\n");
        Assert.Equal($"{yaml}, line 3: --linger: 'forever' is not a duration, e.g. 90s, 10m, 1h30m",
            Assert.Throws<ArgumentException>(() => Bind("--config", yaml)).Message);
    }

    [Fact]
    public void Weights_bind_from_the_command_line_and_a_file_read_back_and_are_checked()
    {
        var yaml = _dir.File("portfolio.yaml");
        File.WriteAllText(yaml, "models: normal\nengine: core\nweights: SYN01=0.6,SYN02=-0.4\n");
        var fromYaml = BenchmarkSettings.From(Bind("--config", yaml));
        var fromCli = BenchmarkSettings.From(Bind("--models", "normal", "--engine", "core", "--weights", "SYN01=0.6,SYN02=-0.4"));
        Assert.Equal([new PortfolioWeight("SYN01", 0.6), new PortfolioWeight("SYN02", -0.4)], fromYaml.Weights);
        Assert.Equal(fromYaml.Weights, fromCli.Weights);
        var again = _dir.File("again.yaml");
        File.WriteAllText(again, RunConfigFile.Write(fromCli.Configuration(), "a comment"));
        Assert.Equal(fromCli.Weights, BenchmarkSettings.From(Bind("--config", again)).Weights);
        Assert.Empty(BenchmarkSettings.From(Bind("--models", "normal")).Weights);

        foreach (var (args, message) in new (string[], string)[]
                 {
                     (["--engine", "core", "--weights", "SYN01"], "--weights: 'SYN01' is not INSTRUMENT=WEIGHT"),
                     (["--engine", "core", "--weights", "SYN01=lots"], "--weights: 'SYN01=lots' is not INSTRUMENT=WEIGHT"),
                     (["--engine", "core", "--weights", "SYN01=NaN"], "--weights: the weight of 'SYN01' must be a finite number"),
                     (["--engine", "core", "--weights", "SYN01=0.5,syn01=0.4"], "--weights: 'syn01' is given twice"),
                     (["--engine", "core", "--weights", "SYN01=0,SYN02=0"], "--weights: the weights are all zero"),
                     (["--weights", "SYN01=1"], "--weights backtests the portfolio on the Core engine path only: add --engine core"),
                 })
        {
            var ex = Assert.Throws<ArgumentException>(() => BenchmarkSettings.From(Bind(["--models", "normal", .. args])));
            Assert.Contains(message, ex.Message);
        }
    }

    [Theory]
    [InlineData("--window", "1e9", "--window: '1e9' is not a whole number")]
    [InlineData("--window", "5", "model hs needs a window of at least")]
    [InlineData("--threads", "-3", "--threads: -3 is outside [0, 1,024]")]
    [InlineData("--instruments", "0", "--instruments: 0 is outside")]
    [InlineData("--days", "0", "--days: 0 is outside")]
    [InlineData("--ewma-lambda", "1.5", "--ewma-lambda: 1.5 is not between 0 and 1")]
    [InlineData("--lstm-hidden", "0", "--lstm-hidden: 0 is outside")]
    [InlineData("--device", "tpu", "--device: 'tpu' is not one of auto, cpu, cuda")]
    [InlineData("--models", "hs,\u001b[31mevil", "'\\u001b[31mevil'")]
    public void Bad_values_are_refused_by_their_option_before_any_work(string option, string value, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => BenchmarkSettings.From(Bind("--models", "hs", option, value)));
        Assert.Contains(message, ex.Message);
        Assert.DoesNotContain("\u001b", ex.Message);
    }

    [Fact]
    public async Task Every_command_answers_a_bad_option_with_exit_code_2_and_no_stack_trace()
    {
        foreach (var args in new[]
                 {
                     new[] { "benchmark", "--window", "1e9" }, ["benchmark", "--threads", "-3"], ["benchmark", "--no-such-option"],
                     ["benchmark", "--engine", "core", "--cluster", "127.0.0.1:1"], ["benchmark", "--linger", "10s"],
                     ["benchmark", "--metrics-port", "9470", "--linger", "soon"],
                     ["benchmark", "--engine", "core", "--weights", "SYN01=x"], ["benchmark", "--weights", "SYN01=1"],
                     ["benchmark", "--engine", "core", "--window", "250", "--days", "400", "--models", "normal", "--no-store", "--out", _dir.File("nope"), "--weights", "NOPE=1"], ["push", "--window", "x"], ["push"],
                     ["portfolio", "--name", "p"], ["query", "pair", "--alpha", "2"], ["runs", "show", "x"], ["nonsense"],
                 })
        {
            var error = new StringWriter();
            var code = await RiskGridCli.RunAsync(args, error);
            Assert.True(code == ExitCodes.BadArguments, $"{string.Join(' ', args)}: exit {code}, {error}");
            Assert.True(error.ToString().StartsWith("error: ", StringComparison.Ordinal), $"{string.Join(' ', args)}: {error}");
            Assert.DoesNotContain("   at ", error.ToString());
        }
    }

    [Fact]
    public void Each_model_declares_its_settings_and_they_reach_the_grid_by_name_and_back_exactly()
    {
        Assert.Equal(["ewma-lambda"], ModelCatalog.SettingsOf("ewma").Select(s => s.Name));
        Assert.Contains("lstm-hidden", ModelCatalog.SettingsOf("lstm").Select(s => s.Name));
        Assert.Empty(ModelCatalog.SettingsOf("garch-t"));
        Assert.All(ModelCatalog.Settings, s => Assert.Contains(RunOptions.ModelSettings, o => o.Name == s.Name));

        var settings = BenchmarkSettings.From(Bind("--models", "lstm,ewma", "--alpha", "0.9", "--window", "300",
            "--lstm-hidden", "16", "--lstm-learning-rate", "0.0025", "--device", "CPU", "--ewma-lambda", "0.9"));
        Assert.Equal([0.9, 0.95, 0.975, 0.99], settings.ModelSettings.LstmLevels); // trained for the asked level too
        var message = CoreMapping.ToSettings(settings.Rolling, settings.ModelSettings);
        Assert.Equal(new[] { "device=cpu", "ewma-lambda=0.9", "lstm-hidden=16", "lstm-learning-rate=0.0025", "lstm-levels=0.9,0.95,0.975,0.99" },
            message.ModelSettings!.Select(v => v.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(ModelCatalog.NonDefault(settings.ModelSettings), ModelCatalog.NonDefault(message.ToModelSettings()));
        Assert.Null(CoreMapping.ToSettings(settings.Rolling, ModelSettings.Default).ModelSettings);

        var bad = message with { ModelSettings = [new("lstm-hidden", "-1")] };
        Assert.Contains("--lstm-hidden: -1 is outside", Assert.Throws<Grains.Abstractions.RiskGridException>(() => bad.ToModelSettings()).Message);
    }

    [Fact]
    public void The_recorded_configuration_reads_back_as_the_same_settings()
    {
        var data = _dir.File("prices.csv");
        File.WriteAllText(data, "Date,Close\n2020-01-01,1\n");
        var original = BenchmarkSettings.From(Bind("--data", data, "--models", "hs,lstm", "--window", "300", "--lstm-epochs", "3",
            "--engine", "core", "--out", _dir.File("out")));
        var file = _dir.File("again.yaml");
        File.WriteAllText(file, RunConfigFile.Write(original.Configuration(), "a comment"));

        var again = BenchmarkSettings.From(Bind("--config", file));

        Assert.Equal(original.Configuration(), again.Configuration());
        Assert.Equal(ModelCatalog.NonDefault(original.ModelSettings), ModelCatalog.NonDefault(again.ModelSettings));
        Assert.Equal(3, again.ModelSettings.LstmEpochs);
        var keys = original.Configuration().Select(p => p.Key).ToList();
        Assert.Contains("lstm-epochs", keys);
        Assert.DoesNotContain("ewma-lambda", keys); // not a chosen model's setting
        Assert.DoesNotContain("instruments", keys); // files, not the synthetic universe
        Assert.DoesNotContain("universe", keys); // the Core engine
        Assert.Equal(Path.GetFullPath(data), original.Configuration().Single(p => p.Key == "data").Value);
    }
}
