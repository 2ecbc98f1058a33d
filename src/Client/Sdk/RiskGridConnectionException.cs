namespace RiskGrid.Client.Sdk;

/// <summary>No cluster could be reached where the client was told to look.</summary>
public sealed class RiskGridConnectionException : Exception
{
    public RiskGridConnectionException()
    {
    }

    public RiskGridConnectionException(string message)
        : base(message)
    {
    }

    public RiskGridConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
