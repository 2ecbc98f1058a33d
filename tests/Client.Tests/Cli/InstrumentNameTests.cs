using RiskGrid.Client.Cli;
using RiskGrid.Client.Cli.Options;

namespace RiskGrid.Client.Tests.Cli;

public sealed class InstrumentNameTests : IDisposable
{
    private readonly TempFolder _dir = new("riskgrid-names-");

    public void Dispose() => _dir.Dispose();

    private static OptionValues Bind(params string[] args)
    {
        var command = new System.CommandLine.Command("benchmark");
        var options = new CommandOptions(command, BenchmarkSettings.Options);
        return options.Bind(command.Parse(args));
    }

    private string File(string name)
    {
        var path = _dir.File(name);
        System.IO.File.WriteAllText(path, "Date,Close\n2024-01-02,10\n2024-01-03,11\n");
        return path;
    }

    [Fact]
    public void Files_are_named_after_their_file_upper_cased_unless_name_says_otherwise()
    {
        var sp = File("sp500.csv");
        var nq = File("nasdaq.csv");

        Assert.Equal(["SP500", "NASDAQ"], DataSources.Load(BenchmarkSettings.From(Bind("--data", sp, nq, "--window", "20", "--models", "hs"))).Select(s => s.Instrument));
        var named = BenchmarkSettings.From(Bind("--data", sp, nq, "--name", "sp,NQ", "--window", "20", "--models", "hs"));
        Assert.Equal(["SP", "NQ"], DataSources.Load(named).Select(s => s.Instrument));
        Assert.Contains(named.Configuration(), p => p is { Key: "name", Value: "sp,NQ" });

        var ex = Assert.Throws<ArgumentException>(() => BenchmarkSettings.From(Bind("--data", sp, nq, "--name", "SP", "--window", "20", "--models", "hs")));
        Assert.StartsWith("--name: 1 name(s) for 2 --data file(s)", ex.Message);
    }
}
