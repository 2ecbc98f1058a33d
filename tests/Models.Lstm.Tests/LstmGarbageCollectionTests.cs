using RiskGrid.Core.Models;
using RiskGrid.Models.Lstm;

namespace RiskGrid.Models.Lstm.Tests;

/// <summary>
/// TorchSharp 0.107 passes the native handle of a temporary <c>Scalar</c> (the hidden α of tensor
/// <c>+</c>, softplus's β and threshold, a <c>double</c> operand, its own Adam step's coefficients) to
/// libtorch without keeping the managed object alive, so a garbage collection during the call can free
/// it and libtorch then reads garbage ("Expected false to be true" in Scalar::toFloat). A collector
/// thread that never stops makes that race likely; the LSTM must train and forecast through it with
/// exactly the results it gets without one.
/// </summary>
public sealed class LstmGarbageCollectionTests
{
    private const int Window = 250;

    private static readonly ModelSettings Tiny = new()
    {
        LstmHiddenSize = 4,
        LstmSequenceLength = 5,
        LstmEpochs = 25,
        LstmPatience = 100,
        LstmBatchSize = 8,
        LstmDevice = LstmDevice.Cpu,
    };

    [Fact]
    public void Training_and_forecasting_survive_a_concurrent_garbage_collector_with_identical_results()
    {
        var data = LstmTestData.Make(Tiny, Window, extra: 39, seed: 11);
        var model = data.Model;
        int[] origins = [data.FirstOrigin, data.FirstOrigin + 20, data.FirstOrigin + 39];
        double[] alphas = [0.95, 0.99];

        var quiet = origins.Select(o => Run(model, data.WindowAt(o), alphas)).ToList();

        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }) { IsBackground = true };
        collector.Start();
        List<(ModelFit Fit, RiskForecast[] Forecast)> stressed;
        try
        {
            stressed = origins.Select(o => Run(model, data.WindowAt(o), alphas)).ToList();
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }

        for (var i = 0; i < origins.Length; i++)
        {
            Assert.True(stressed[i].Fit.IsUsable, stressed[i].Fit.Message);
            Assert.Equal(quiet[i].Fit.Blob, stressed[i].Fit.Blob);
            Assert.Equal(quiet[i].Forecast, stressed[i].Forecast);
        }
    }

    private static (ModelFit Fit, RiskForecast[] Forecast) Run(LstmRiskModel model, ModelWindow window, double[] alphas)
    {
        var fit = model.Fit(window, null);
        Assert.True(fit.IsUsable, fit.Message);
        var forecast = new RiskForecast[0];
        // Many forecasts: each runs the network forward (softplus and +) once.
        for (var k = 0; k < 200; k++)
        {
            forecast = model.Forecast(window, fit, alphas);
        }

        return (fit, forecast);
    }
}
