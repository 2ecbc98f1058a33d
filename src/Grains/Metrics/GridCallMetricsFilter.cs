using System.Diagnostics;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;

namespace RiskGrid.Grains.Metrics;

/// <summary>
/// Times every client call to a RiskGrid grain (<c>riskgrid_api_request_duration_seconds</c> by
/// interface and method), counts the failed ones and the price rows they refused, and feeds accepted
/// prices to the data-quality series. Grain-to-grain calls (the universe's fan-out to pairs) are not
/// client requests and are passed through untouched, so nothing is counted twice.
/// </summary>
public sealed class GridCallMetricsFilter(RiskGridMetrics metrics) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Grain-to-grain calls pass straight through, without looking up the method (a reflection call) or an async
        // state machine: the fan-out of one push is thousands of them.
        if (!IsClientCall(context) || context.InterfaceMethod?.DeclaringType is not { } declaring
            || declaring.Namespace != typeof(IUniverseGrain).Namespace)
        {
            return context.Invoke();
        }

        return InvokeTimedAsync(context, declaring.Name);
    }

    private async Task InvokeTimedAsync(IIncomingGrainCallContext context, string interfaceName)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await context.Invoke();
        }
        catch (Exception ex)
        {
            metrics.ApiErrors.WithLabels(interfaceName, context.MethodName, ex.GetType().Name).Inc();
            if (ex is PriceRejectedException rejected)
            {
                metrics.Rejected(rejected.Instrument, rejected.Problem);
            }

            throw;
        }
        finally
        {
            metrics.ApiDuration.WithLabels(interfaceName, context.MethodName).Observe(clock.Elapsed.TotalSeconds);
        }

        ObserveAcceptedPrices(context);
    }

    // A client call has a client as its source (an external client or one co-hosted in a silo).
    private static bool IsClientCall(IIncomingGrainCallContext context) =>
        context.SourceId is not { } source || GrainTypePrefix.IsClient(source);

    private void ObserveAcceptedPrices(IIncomingGrainCallContext context)
    {
        if (context.Request.GetArgumentCount() != 1)
        {
            return;
        }

        switch (context.Request.GetArgument(0))
        {
            case InstrumentPrices[] batches when context.MethodName == nameof(IUniverseGrain.PushPricesAsync):
                foreach (var batch in batches)
                {
                    metrics.ObservePrices(batch.Instrument, batch.Prices.Select(p => p.ToCore()));
                }

                break;
        }
    }
}
