namespace RiskGrid.Client.MarketData;

/// <summary>A market-data source could not be reached, or answered with something that is not the data asked for
/// (an HTML page, an error document, bad JSON, missing values under <see cref="MissingValues.Error"/>). The message
/// names the source, the symbol and the problem; the CLI's exit code for it is <c>ExitCodes.Source</c>.</summary>
public sealed class MarketDataException : Exception
{
    public MarketDataException(string message)
        : base(message)
    {
    }

    public MarketDataException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
