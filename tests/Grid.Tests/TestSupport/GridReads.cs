using RiskGrid.Core.Engine;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;

namespace RiskGrid.Grid.Tests.TestSupport;

/// <summary>Reads whole histories out of grains, as Core records.</summary>
public static class GridReads
{
    public static async Task<List<ForecastRecord>> ForecastsAsync(IInstrumentModelGrain pair, int pageSize = 97)
    {
        var all = new List<ForecastRecord>();
        while (true)
        {
            var page = await pair.GetForecastsAsync(all.Count, pageSize);
            all.AddRange(page.Entries.Select(e => e.ToCore()));
            if (all.Count >= page.Total)
            {
                return all;
            }
        }
    }
}
