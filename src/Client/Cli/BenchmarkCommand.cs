using System.CommandLine;
using RiskGrid.Client.Cli.Options;
using RiskGrid.Client.Sdk;

namespace RiskGrid.Client.Cli;

/// <summary><c>riskgrid benchmark</c>: rolling VaR/ES forecasts for every instrument × model, backtested.</summary>
public static class BenchmarkCommand
{
    public static Command Create()
    {
        var command = new Command("benchmark", "Rolling one-day VaR/ES for every instrument × model, backtested; prints Key Results, writes CSV and an HTML report, records the run.");
        var options = new CommandOptions(command, BenchmarkSettings.Options);
        command.SetAction((parse, cancellationToken) => CliAction.RunAsync(async () =>
        {
            var settings = BenchmarkSettings.From(options.Bind(parse));
            var executor = Executor(settings);
            var code = await BenchmarkRunner.RunAsync(settings, executor, cancellationToken);
            if (executor is GridEngineExecutor grid)
            {
                // The metrics stay up for --linger once the run is reported; a failed run stops at once.
                await grid.LingerAsync(code == ExitCodes.Ok ? cancellationToken : new CancellationToken(canceled: true));
            }

            return code;
        }));
        return command;
    }

    /// <summary>Where the settings say the forecasts run.</summary>
    public static IBenchmarkExecutor Executor(BenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Engine == "core")
        {
            return new CoreEngineExecutor();
        }

        var cluster = settings.Cluster is { Length: > 0 } spec ? ClusterAddress.Parse(spec, settings.ClusterId, settings.ServiceId) : null;
        return new GridEngineExecutor(cluster, settings.Universe, settings.DaysPerPush, settings.Reset, settings.MetricsPort, settings.Linger);
    }
}
