using System.Text.Json;
using RiskGrid.Client.Cli;
using RiskGrid.Client.Output;
using Spectre.Console.Testing;

namespace RiskGrid.Client.Tests.Cli;

public sealed class ModelsCommandTests
{
    [Fact]
    public void Lists_composed_and_original_models_with_their_parameters_and_the_lstm()
    {
        var console = new TestConsole { Profile = { Width = 250 } };
        var root = RiskGridCli.Build(); // registers the LSTM, as the CLI does
        Assert.NotNull(root);
        ModelsCommand.Write(console);
        var lines = console.Output.Split('\n');

        string Row(string name) => lines.Single(l => l.Contains($" {name} ", StringComparison.Ordinal));
        Assert.Contains("mu, omega, alpha, gamma, beta, delta, eta, lambda", Row("aparch-skewt"));
        Assert.Contains("mu, omega, alpha, gamma, beta, nu", Row("gjr-ged"));
        Assert.Contains("mu, omega, alpha, beta, nu", Row("garch-t"));
        Assert.Contains("yes", Row("garch-t"));
        Assert.Contains("named", Row("egarch-ged"));
        Assert.Contains("named (trains)", Row("lstm"));
    }

    [Fact]
    public void Json_lists_every_model_and_a_narrow_terminal_gets_a_table_that_fits()
    {
        RiskGridCli.Build();
        var json = new TestConsole();
        ModelsCommand.Write(json, OutputFormat.Json);
        using var document = JsonDocument.Parse(json.Output);
        var models = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(Core.Models.ModelCatalog.Names.Count, models.Count);
        Assert.Contains(models, m => m.GetProperty("model").GetString() == "garch-t" && m.GetProperty("parameters").GetString() == "mu, omega, alpha, beta, nu");

        var narrow = new TestConsole().Width(80);
        ModelsCommand.Write(narrow);
        Assert.All(narrow.Output.Split('\n'), l => Assert.True(l.TrimEnd().Length <= 80, l));
        Assert.Contains("lstm", narrow.Output);
        Assert.Contains("historical simulation", narrow.Output);
    }
}
