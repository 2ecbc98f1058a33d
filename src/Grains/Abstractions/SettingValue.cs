namespace RiskGrid.Grains.Abstractions;

/// <summary>One model setting as it travels to the grid: its catalogue name (e.g. <c>ewma-lambda</c>) and its
/// value as invariant text. The models' catalogue declarations parse and check it, on the client and the silo alike.</summary>
[GenerateSerializer, Immutable, Alias("riskgrid.SettingValue")]
public sealed record SettingValue([property: Id(0)] string Name, [property: Id(1)] string Value)
{
    public override string ToString() => $"{Name}={Value}";
}
