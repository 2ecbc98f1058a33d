namespace RiskGrid.Grains.Abstractions;

/// <summary>How a pair turns closes into percent returns (mirrors the Core engine's return kind).</summary>
[GenerateSerializer, Alias("riskgrid.ReturnCalculation")]
public enum ReturnCalculation
{
    /// <summary>100 · (P_t / P_{t−1} − 1).</summary>
    Simple = 0,

    /// <summary>100 · ln(P_t / P_{t−1}).</summary>
    Log = 1,
}
