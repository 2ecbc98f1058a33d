using RiskGrid.Client.Cli;
using RiskGrid.Client.Output;
using RiskGrid.Client.Store;
using RiskGrid.Core.Engine;
using Spectre.Console.Testing;

namespace RiskGrid.Client.Tests.Store;

public sealed class RunArtifactsTests : IDisposable
{
    private readonly TempFolder _dir = new("riskgrid-artifacts-");

    public void Dispose() => _dir.Dispose();

    private string StorePath => _dir.File("runs.db");

    private string Out => _dir.File("out");

    private async Task<long> RunAsync(params string[] models)
    {
        var settings = new BenchmarkSettings
        {
            Models = models,
            Rolling = new RollingOptions { Window = 250, Alphas = [0.99] },
            SyntheticInstruments = 2,
            SyntheticDays = 300,
            OutputDirectory = Out,
            StorePath = StorePath,
        };
        Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(settings, new CoreEngineExecutor(), CancellationToken.None, new TestConsole()));
        using var store = RunStore.Open(StorePath);
        return store.List(1).Single().Id;
    }

    [Fact]
    public async Task A_run_keeps_its_own_files_after_another_run_writes_the_same_folder_and_stale_files_are_removed()
    {
        var first = await RunAsync("hs", "ewma");
        var second = await RunAsync("normal");

        using var store = RunStore.Open(StorePath);
        var a = store.Get(first);
        var b = store.Get(second);
        Assert.All(a.Artifacts, x => Assert.True(File.Exists(x.Path) && x.Path.StartsWith(store.ArtifactFolder, StringComparison.Ordinal), x.Path));
        var keyResults = a.Artifacts.Single(x => x.Name == CsvResultsWriter.KeyResultsFile);
        Assert.Contains("ewma", File.ReadAllText(keyResults.Path));
        Assert.DoesNotContain("normal", File.ReadAllText(keyResults.Path));
        Assert.Contains("normal", File.ReadAllText(b.Artifacts.Single(x => x.Name == CsvResultsWriter.KeyResultsFile).Path));
        Assert.All(a.Artifacts, x => Assert.Equal(Path.GetFileName(x.Path), x.Sha256));

        // The folder holds the second run's files only: the first run's plots of hs and ewma are gone.
        var names = b.Artifacts.Select(x => x.Name).ToHashSet();
        var present = Directory.GetFiles(Out, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Out, f).Replace('\\', '/'))
            .Where(f => f != OutputFolder.ManifestFile).ToList();
        Assert.All(present, f => Assert.Contains(f, names));
    }

    [Fact]
    public async Task Identical_files_are_kept_once_and_delete_removes_only_files_no_other_run_uses()
    {
        var first = await RunAsync("hs");
        var second = await RunAsync("hs");
        using var store = RunStore.Open(StorePath);
        var a = store.Get(first);
        var b = store.Get(second);
        var shared = a.Artifacts.Select(x => x.Sha256).Intersect(b.Artifacts.Select(x => x.Sha256)).ToList();
        Assert.NotEmpty(shared); // e.g. forecasts.csv: same data, same models
        Assert.Equal(a.Artifacts.Concat(b.Artifacts).Select(x => x.Sha256).Distinct().Count(), Directory.GetFiles(store.ArtifactFolder).Length);

        store.Delete(first);

        Assert.Null(store.Find(first));
        Assert.All(b.Artifacts, x => Assert.True(File.Exists(x.Path)));
        Assert.All(a.Artifacts.Where(x => !shared.Contains(x.Sha256)), x => Assert.False(File.Exists(x.Path)));
        Assert.Throws<RunStoreException>(() => store.Delete(first));
    }

    [Fact]
    public async Task Tags_show_in_the_list_and_export_writes_the_files_under_their_names_with_the_configuration()
    {
        var id = await RunAsync("hs");
        var error = new StringWriter();

        Assert.Equal(ExitCodes.Ok, await RiskGridCli.RunAsync(["runs", "tag", $"{id}", "baseline", "q4", "--store", StorePath], error));
        Assert.Equal(ExitCodes.Ok, await RiskGridCli.RunAsync(["runs", "export", $"{id}", "--out", _dir.File("export"), "--store", StorePath], error));
        Assert.Equal(ExitCodes.Store, await RiskGridCli.RunAsync(["runs", "delete", "999", "--store", StorePath], error));

        using var store = RunStore.Open(StorePath);
        Assert.Equal(["baseline", "q4"], store.Get(id).Tags);
        Assert.Equal("baseline,q4", store.List().Single().Tags);
        var run = store.Get(id);
        foreach (var a in run.Artifacts)
        {
            Assert.Equal(File.ReadAllBytes(a.Path), File.ReadAllBytes(Path.Combine(_dir.File("export"), a.Name!)));
        }

        Assert.Matches("models: \\[?hs\\]?", File.ReadAllText(Path.Combine(_dir.File("export"), "run.yaml")));
        Assert.True(File.Exists(Path.Combine(_dir.File("export"), "report.html")));
    }
}
