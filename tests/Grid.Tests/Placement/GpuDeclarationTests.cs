using RiskGrid.Models.Lstm;
using RiskGrid.Grains.Hosting;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.Placement;

/// <summary>How a silo declares a GPU: <c>--gpu</c>/<c>--no-gpu</c>/<c>RiskGrid:Gpu</c>, else detection, and its ready line says which.</summary>
public sealed class GpuDeclarationTests
{
    [Theory]
    [InlineData("--gpu", "--gpu true")]
    [InlineData("--gpu false", "--gpu false")]
    [InlineData("--gpu True", "--gpu True")]
    [InlineData("--no-gpu", "--gpu false")]
    [InlineData("--gpu --redis 127.0.0.1:6379", "--gpu true --redis 127.0.0.1:6379")]
    [InlineData("--redis h:1 --gpu", "--redis h:1 --gpu true")]
    public void The_gpu_flags_become_switches_with_a_value(string args, string expected) =>
        Assert.Equal(expected.Split(' '), RiskGridSiloOptions.Normalize(args.Split(' ')));

    [Fact]
    public void A_silo_declares_a_gpu_when_told_and_detects_none_in_a_cpu_build()
    {
        Assert.Equal(new GpuDeclaration(true, "gpu: declared (RiskGrid:Gpu)"), GpuDeclaration.Of(new RiskGridSiloOptions { Gpu = true }));
        Assert.False(GpuDeclaration.Of(new RiskGridSiloOptions { Gpu = false }).Declared);
        Assert.False(LstmDevices.IsCudaBuild);
        var detected = GpuDeclaration.Of(new RiskGridSiloOptions());
        Assert.False(detected.Declared);
        Assert.Equal("gpu: none (CPU libtorch build; --gpu declares one)", detected.Reason);
    }

    [RedisFact]
    public async Task The_silo_host_says_in_its_ready_line_whether_it_declared_a_gpu()
    {
        var redis = RedisEnvironment.Address ?? throw new InvalidOperationException(
            $"CI=true but the silo host test cannot run: {RedisEnvironment.Problem}");
        var clusterId = $"riskgrid-gpu-{Guid.NewGuid():N}"[..25];
        try
        {
            await using var silo = await SiloProcess.StartAsync(redis, clusterId, TimeSpan.FromSeconds(90), "--gpu", "--no-dashboard");
            Assert.Contains("; gpu: declared (RiskGrid:Gpu);", silo.Output);
        }
        finally
        {
            await RedisKeys.DeleteAsync(redis, clusterId);
        }
    }
}
