namespace RiskGrid.Grains;

/// <summary>The grain storage every RiskGrid grain persists to.</summary>
public static class RiskGridStorage
{
    /// <summary>Name of the storage provider (memory when embedded, Redis when scaled out).</summary>
    public const string Name = "riskgrid";
}
