using System.Globalization;
using RiskGrid.Client.Cli;
using RiskGrid.Client.Output;
using RiskGrid.Client.Sdk;
using RiskGrid.Grains.Mapping;
using RiskGrid.Ops.Tests.TestSupport;

namespace RiskGrid.Ops.Tests.Dashboards;

/// <summary><c>riskgrid query history</c>: what was pushed to a cluster, exported for the historical view like
/// <c>benchmark --openmetrics</c>, every pair's realised forecasts at their own days.</summary>
[Collection(MeteredSiloCollection.Name)]
public sealed class ClusterHistoryExportTests(MeteredSiloFixture fixture) : IDisposable
{
    private readonly TempFolder _dir = new("riskgrid-history-export-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Query_history_writes_every_pairs_realised_forecasts_at_their_days()
    {
        var file = _dir.File("ops.om");
        var gateway = $"127.0.0.1:{fixture.Silo.GatewayPort}";
        var error = new StringWriter();
        var code = await RiskGridCli.RunAsync(["query", "history", "--cluster", gateway, "--cluster-id", fixture.Silo.ClusterId,
            "--universe", "ops", "--out", file], error);
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {error}");
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal("# EOF", lines[^1]);

        await using var connection = await RiskGridConnection.ConnectAsync(ClusterAddress.Parse(gateway, clusterId: fixture.Silo.ClusterId));
        var universe = await connection.Client.GetUniverseAsync("ops");
        Assert.Equal(MeteredSiloFixture.Instruments * MeteredSiloFixture.Models.Length, universe.Instruments.Length * universe.Models.Length);
        foreach (var instrument in universe.Instruments)
        {
            foreach (var model in universe.Models)
            {
                var history = (await connection.Client.GetForecastHistoryAsync("ops", instrument, model)).Select(e => e.ToCore())
                    .Where(f => f.IsRealized && f.HasForecast).ToList();
                Assert.NotEmpty(history);
                for (var k = 0; k < MeteredSiloFixture.Levels.Length; k++)
                {
                    var prefix = $"riskgrid_history_var_percent{{universe=\"ops\",instrument=\"{instrument}\",model=\"{model}\"," +
                                 $"level=\"{MeteredSiloFixture.Levels[k].ToString(CultureInfo.InvariantCulture)}\"}} ";
                    var expected = history.Select(f => prefix + $"{f.VaR[k].ToString("R", CultureInfo.InvariantCulture)} " +
                                                       $"{OpenMetricsHistoryWriter.Timestamp(f.TargetDate!.Value).ToString(CultureInfo.InvariantCulture)}");
                    Assert.Equal(expected, lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)));
                }
            }
        }

        // A universe the cluster does not know is a usage error naming it; an unwritable file an output error.
        code = await RiskGridCli.RunAsync(["query", "history", "--cluster", gateway, "--cluster-id", fixture.Silo.ClusterId, "--universe", "nope", "--out", file], error);
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("'nope' is not defined", error.ToString());
        code = await RiskGridCli.RunAsync(["query", "history", "--cluster", gateway, "--cluster-id", fixture.Silo.ClusterId, "--universe", "ops",
            "--out", _dir.File("missing/folder/ops.om")], error);
        Assert.Equal(ExitCodes.Output, code);
    }
}
