namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// A request the grid refuses (unknown instrument or model, conflicting configuration, a level the
/// pair does not record). The message says what was wrong; nothing was changed.
/// </summary>
[GenerateSerializer, Alias("riskgrid.RiskGridException")]
public class RiskGridException : Exception
{
    public RiskGridException()
    {
    }

    public RiskGridException(string message)
        : base(message)
    {
    }

    public RiskGridException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
