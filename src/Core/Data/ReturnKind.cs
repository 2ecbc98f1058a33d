namespace RiskGrid.Core.Data;

/// <summary>
/// How returns are computed from adjusted closes. Both are in percent, the scale GARCH
/// estimation expects (and the scale of the fGarch reference fits).
/// </summary>
public enum ReturnKind
{
    /// <summary>r_t = 100 · (P_t / P_{t-1} − 1).</summary>
    Simple,

    /// <summary>r_t = 100 · ln(P_t / P_{t-1}).</summary>
    Log,
}
