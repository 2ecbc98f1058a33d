namespace RiskGrid.Client.MarketData;

/// <summary>A source's answer as received (or read back from the cache): its text, the SHA-256 of its bytes (the name
/// of its file in the cache, and what a run records), that file, and the address it came from (without secrets).</summary>
public sealed record RawResponse(string Text, string Sha256, string CachePath, string Url, bool FromCache);
