using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using RiskGrid.Grains.State;
using RiskGrid.Grains.Storage;

namespace RiskGrid.Grid.Tests.State;

/// <summary>
/// The embedded silo's in-process storage rewrites a record in its own array when the new bytes fit: what a grain
/// reads back must still be exactly the last write, whether the record grew, shrank or kept its size, and the ETag
/// rules of every Orleans provider hold.
/// </summary>
public sealed class LocalGrainStorageTests
{
    private static readonly GrainId Grain = GrainId.Create("test", "a");

    private static LocalGrainStorage Storage()
    {
        var services = new ServiceCollection();
        services.AddSerializer(b => b.AddAssembly(typeof(PriceLog).Assembly));
        return new LocalGrainStorage(new PooledGrainStorageSerializer(services.BuildServiceProvider().GetRequiredService<Serializer>()));
    }

    private static PriceLog Log(int days) => new() { Days = [.. Enumerable.Range(0, days)], Closes = [.. Enumerable.Range(0, days).Select(d => 100 + d * 0.25)] };

    private static async Task<GrainState<PriceLog>> ReadAsync(IGrainStorage storage)
    {
        var read = new GrainState<PriceLog>();
        await storage.ReadStateAsync("log", Grain, read);
        return read;
    }

    [Fact]
    public async Task A_rewritten_record_reads_back_as_its_last_write_whether_it_grew_shrank_or_kept_its_size()
    {
        var storage = Storage();
        var state = new GrainState<PriceLog>();
        foreach (var days in new[] { 3, 400, 390, 390, 200, 1, 0, 2000, 5 })
        {
            state.State = Log(days);
            await storage.WriteStateAsync("log", Grain, state);
            var read = await ReadAsync(storage);
            Assert.True(read.RecordExists);
            Assert.Equal(state.ETag, read.ETag);
            Assert.Equal(state.State!.Days, read.State!.Days);
            Assert.Equal(state.State!.Closes, read.State!.Closes);
        }

        // What was read is a copy: the next write does not change it.
        var before = await ReadAsync(storage);
        state.State = Log(4);
        await storage.WriteStateAsync("log", Grain, state);
        Assert.Equal(Log(5).Closes, before.State!.Closes);
    }

    [Fact]
    public async Task Writes_with_a_stale_or_missing_ETag_are_refused_and_leave_the_record_as_it_was()
    {
        var storage = Storage();
        var first = new GrainState<PriceLog> { State = Log(10) };
        await storage.WriteStateAsync("log", Grain, first);
        var stale = new GrainState<PriceLog> { State = Log(20), ETag = first.ETag };
        first.State = Log(11);
        await storage.WriteStateAsync("log", Grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("log", Grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("log", Grain, new GrainState<PriceLog> { State = Log(1) }));
        Assert.Equal(Log(11).Closes, (await ReadAsync(storage)).State!.Closes);

        await storage.ClearStateAsync("log", Grain, first);
        Assert.False((await ReadAsync(storage)).RecordExists);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("log", Grain, new GrainState<PriceLog> { State = Log(1), ETag = "1" }));
    }
}
