using RiskGrid.Core.Backtesting;

namespace RiskGrid.Client.Report;

/// <summary>
/// Where the Basel zones start for a window of a given length: the smallest exception counts that
/// are yellow and red by <see cref="TrafficLight.ZoneOf"/> (so the plot's bands are the zones the
/// backtests report, not a second definition).
/// </summary>
internal readonly record struct TrafficLightBands(int YellowFrom, int RedFrom)
{
    public static TrafficLightBands For(int days, double alpha)
    {
        var yellow = days + 1;
        var red = days + 1;
        for (var x = 1; x <= days; x++)
        {
            var zone = TrafficLight.ZoneOf(x, days, alpha);
            if (zone != TrafficLightZone.Green && yellow > days)
            {
                yellow = x;
            }

            if (zone == TrafficLightZone.Red)
            {
                red = x;
                break;
            }
        }

        return new TrafficLightBands(Math.Min(yellow, red), red);
    }
}
