namespace RiskGrid.Core.Data;

/// <summary>
/// What <see cref="SyntheticUniverse.Generate"/> builds. The defaults are the embedded dataset of
/// <c>riskgrid benchmark</c>: 20 instruments × 1,500 business days, so that the default 1,000-return
/// window leaves 499 backtested forecasts per pair.
/// </summary>
public sealed record SyntheticUniverseOptions
{
    public const int DefaultSeed = 42;

    public const int DefaultDays = 1500;

    public static SyntheticUniverseOptions Default { get; } = new();

    /// <summary>Number of instruments, named SYN01, SYN02, … (wider numbers past 99).</summary>
    public int Instruments { get; init; } = 20;

    /// <summary>Prices per instrument (business days); the series hold Days − 1 returns.</summary>
    public int Days { get; init; } = DefaultDays;

    /// <summary>Seed of the xoshiro256** stream; the only source of randomness.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>Days simulated and discarded before the first price, so volatility starts from its
    /// stationary distribution rather than from its unconditional level.</summary>
    public int BurnIn { get; init; } = 500;

    /// <summary>First date (moved to the next Monday when it falls on a weekend).</summary>
    public DateOnly StartDate { get; init; } = new(2019, 1, 2);

    /// <summary>Correlation between any two instruments' standardised shocks (one common factor).</summary>
    public double ShockCorrelation { get; init; } = 0.5;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public SyntheticUniverseOptions Validated()
    {
        if (Instruments < 1)
        {
            throw new ArgumentException($"synthetic universe needs at least 1 instrument, got {Instruments}");
        }

        if (Days < 2)
        {
            throw new ArgumentException($"synthetic universe needs at least 2 days, got {Days}");
        }

        if (BurnIn < 0)
        {
            throw new ArgumentException($"burn-in must not be negative, got {BurnIn}");
        }

        // Above 0.8 the factor loading of a ν = 5 instrument would exceed 1 (see SyntheticUniverse).
        if (!(ShockCorrelation >= 0 && ShockCorrelation <= 0.8))
        {
            throw new ArgumentException($"shock correlation must be in [0, 0.8], got {ShockCorrelation}");
        }

        return this;
    }
}
