namespace RiskGrid.Client.Sdk;

/// <summary>How far a multi-push upload has come.</summary>
/// <param name="PricesSent">Prices sent so far, over all instruments.</param>
/// <param name="PricesTotal">Prices to send.</param>
/// <param name="Pushes">Pushes completed.</param>
/// <param name="PairUpdates">Pair updates the grid made so far (prices appended × models).</param>
/// <param name="Retries">Pushes sent again after a failure (e.g. a silo died under them).</param>
public readonly record struct PushProgress(long PricesSent, long PricesTotal, int Pushes, long PairUpdates, int Retries);
