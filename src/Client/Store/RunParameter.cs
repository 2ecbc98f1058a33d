namespace RiskGrid.Client.Store;

/// <summary>One option of a recorded run, by its command-line name (e.g. <c>window</c> = <c>1000</c>).</summary>
public sealed record RunParameter(string Name, string Value);
