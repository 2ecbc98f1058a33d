namespace RiskGrid.Ops.Tests.TestSupport;

/// <summary>One sample line of a Prometheus text exposition.</summary>
public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string this[string label] => Labels.TryGetValue(label, out var v) ? v : "";
}
