namespace RiskGrid.Client.Store;

/// <summary>A file a run wrote: its kind (<c>csv</c>, <c>report</c>, <c>plot</c>) and full path.</summary>
public sealed record RunArtifact(string Kind, string Path);
