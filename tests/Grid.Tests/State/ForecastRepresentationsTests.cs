using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grains.State;
using RiskGrid.Grains.Surrogates;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.State;

/// <summary>
/// A forecast has one representation per layer it lives in, and they must not drift apart: the Core
/// <see cref="ForecastRecord"/> (Core knows no Orleans), the message <see cref="ForecastEntry"/> that crosses the
/// grid (Abstractions knows no Core), and its stored forms, <see cref="ForecastRecordSurrogate"/> (the
/// <c>riskgrid.ForecastRecord</c> layout that stored state written before packing holds, and portfolio state still
/// uses) and <see cref="PackedRecords"/> (pair records and chunks). Every member of the Core record must have its
/// counterpart in each, and every trip through them must give the record back bit for bit.
/// </summary>
public sealed class ForecastRepresentationsTests
{
    private static readonly double OddNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_4321);

    private static List<ForecastRecord> Forecasts() =>
    [
        new(new DateOnly(2003, 4, 7), [1.5, 2.5], [2.0, 3.0], -0.0, 1.25, FitStatus.ConvergedAtBound, true)
        {
            TargetDate = new DateOnly(2003, 4, 8), Realized = -3.75, Pit = 0.0125,
        },
        new(new DateOnly(2003, 4, 8), [double.NaN, double.NaN], [double.NaN, OddNaN], double.NaN, double.NaN, FitStatus.Failed, false),
        new(new DateOnly(2003, 4, 9), [0.1, 0.2, 0.3], [0.4, 0.5, 0.6], double.Epsilon, double.MaxValue, FitStatus.NotConverged, false)
        {
            TargetDate = new DateOnly(2003, 4, 10), Realized = double.NegativeInfinity,
        },
        new(new DateOnly(2003, 4, 10), [1.5], [2.0], 0.25, 1.5, FitStatus.Converged, false)
        {
            TargetDate = new DateOnly(2003, 4, 11), Realized = 0.5, Law = PredictiveLaw.Normal(0.25, 1.5),
        },
        new(new DateOnly(2003, 4, 11), [1.5], [2.0], 0.25, 1.5, FitStatus.Converged, false)
        {
            TargetDate = new DateOnly(2003, 4, 12), Realized = -0.5,
            Law = new PredictiveLaw(PredictiveLaw.StudentTKey, -0.0, 1.5, [5.5]).WithProcess("egarch", [0.01, 0.12, -0.08, OddNaN]),
        },
    ];

    [Fact]
    public void Every_member_of_the_Core_record_has_its_counterpart_in_the_message_and_the_stored_form()
    {
        // The record's data: its constructor parameters and settable properties (not computed ones like IsRealized).
        var core = typeof(ForecastRecord).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null).Select(p => p.Name).Order().ToArray();
        Assert.Contains("Pit", core);

        var message = typeof(ForecastEntry).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<IdAttribute>() is not null || p.SetMethod is not null).Select(p => p.Name).ToHashSet();
        var stored = typeof(ForecastRecordSurrogate).GetFields(BindingFlags.Public | BindingFlags.Instance)
            .Where(f => f.GetCustomAttribute<IdAttribute>() is not null).Select(f => f.Name).ToHashSet();
        Assert.All(core, name => Assert.True(Represents(message, name), $"ForecastEntry lacks {name}: add it with a new [Id] and map it in CoreMapping"));
        Assert.All(core, name => Assert.True(Represents(stored, name), $"ForecastRecordSurrogate lacks {name}: add it with a new [Id] (never reuse one)"));
    }

    // A Core member travels as the member of the same name, or, where its type is a Core one, as members named
    // after it (Law as LawDistribution, LawParameters, LawProcess and LawProcessParameters).
    private static bool Represents(HashSet<string> members, string name) =>
        members.Contains(name) || members.Any(m => m.Length > name.Length && m.StartsWith(name, StringComparison.Ordinal) && char.IsUpper(m[name.Length]));

    [Fact]
    public void A_record_survives_the_message_the_surrogate_and_the_packed_layout_bit_for_bit()
    {
        var forecasts = Forecasts();
        Bits.Identical(forecasts, [.. forecasts.Select(f => f.ToMessage().ToCore())], "through ForecastEntry");

        var services = new ServiceCollection();
        services.AddSerializer(b => b.AddAssembly(typeof(PairGrainState).Assembly).AddAssembly(typeof(ForecastEntry).Assembly));
        var serializer = services.BuildServiceProvider().GetRequiredService<Serializer>();
        Bits.Identical(forecasts, serializer.Deserialize<List<ForecastRecord>>(serializer.SerializeToArray(forecasts))!, "through the surrogate");
        var entries = forecasts.Select(f => f.ToMessage()).ToArray();
        Bits.Identical(forecasts, [.. serializer.Deserialize<ForecastEntry[]>(serializer.SerializeToArray(entries))!.Select(e => e.ToCore())],
            "through a serialized ForecastEntry");

        Bits.Identical(forecasts, PackedRecords.UnpackForecasts(PackedRecords.PackForecasts(forecasts)), "packed");
    }

    [Fact]
    public void Every_fit_status_maps_to_an_outcome_and_back()
    {
        Assert.All(Enum.GetValues<FitStatus>(), s => Assert.Equal(s, s.ToMessage().ToCore()));
        Assert.Equal(Enum.GetValues<FitStatus>().Length, Enum.GetValues<FitOutcome>().Length);
    }
}
