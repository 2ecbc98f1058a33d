namespace RiskGrid.Ops.Tests.TestSupport;

/// <summary>One query of one dashboard panel.</summary>
public sealed record PanelQuery(string Dashboard, int PanelId, string Panel, string Expr)
{
    public override string ToString() => $"{Dashboard} #{PanelId} '{Panel}': {Expr}";
}
