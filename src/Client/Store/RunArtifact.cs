namespace RiskGrid.Client.Store;

/// <summary>A file a run wrote: its kind (<c>csv</c>, <c>report</c>, <c>plot</c>, <c>raw</c>) and path. Once the run store has
/// kept it (<see cref="RunStore.Keep"/>), <see cref="Path"/> is the store's own content-addressed copy, <see cref="Name"/> the
/// file's name relative to the output folder (e.g. <c>plots/var-hs.png</c>) and <see cref="Sha256"/> its hash; runs recorded
/// before the store kept copies have only the path they were written to.</summary>
public sealed record RunArtifact(string Kind, string Path, string? Name = null, string? Sha256 = null);
