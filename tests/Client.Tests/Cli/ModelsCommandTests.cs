using RiskGrid.Client.Cli;
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
}
