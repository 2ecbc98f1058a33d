namespace RiskGrid.Grains.State;

/// <summary>How far a portfolio has read one member pair, and the member's days not yet joined.</summary>
[GenerateSerializer, Alias("riskgrid.MemberFeed")]
public sealed class MemberFeed
{
    [Id(0)] public string Instrument { get; set; } = "";

    /// <summary>Entries of the pair's price log already read.</summary>
    [Id(1)] public int PricesRead { get; set; }

    /// <summary>Entries of the pair's forecast history already read.</summary>
    [Id(2)] public int ForecastsRead { get; set; }

    /// <summary>The model's forecast mean and volatility made at the last price read (for the next day).</summary>
    [Id(3)] public double NextMean { get; set; } = double.NaN;

    [Id(4)] public double NextVolatility { get; set; } = double.NaN;

    /// <summary>Close on the last joint day: the base of the member's next joint-day return. NaN before the first joint day.</summary>
    [Id(5)] public double LastJointClose { get; set; } = double.NaN;

    [Id(6)] public List<MemberDay> Pending { get; set; } = [];
}
