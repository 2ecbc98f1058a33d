using System.Diagnostics;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Hosting;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grains.Metrics;
using RiskGrid.Grains.Placement;

namespace RiskGrid.Grains.Training;

/// <summary>
/// Runs a pair's estimations on a GPU silo when there is one (see <see cref="IModelTrainingGrain"/>). Holds no
/// state: the pair sends the window and warm start and keeps the fit. The fit runs on this silo's
/// <see cref="FitScheduler"/>, never on the grain scheduler. An idle activation is collected after a few
/// minutes, so that the next fit is placed afresh (e.g. on a GPU silo that joined since).
/// </summary>
[PreferGpuPlacementFilter]
[CollectionAgeLimit(Minutes = 2)]
public sealed class ModelTrainingGrain(FitScheduler fits, GpuDeclaration gpu, ILocalSiloDetails silo, RiskGridMetrics metrics) : Grain, IModelTrainingGrain
{
    public async Task<TrainingResult> FitAsync(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        IRiskModel model;
        try
        {
            model = ModelCatalog.Create(request.Model, request.Settings.ToModelSettings());
        }
        catch (ArgumentException ex)
        {
            throw new RiskGridException($"training {this.GetPrimaryKeyString()}: {ex.Message}");
        }

        var (fit, duration) = await fits.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            var fit = model.FitSafely(request.Window, request.Previous);
            return (fit, clock.Elapsed);
        });
        metrics.ObserveTraining(model.Name, gpu.Declared);
        return new TrainingResult(fit, duration, silo.SiloAddress, gpu.Declared);
    }
}
