namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// The cluster's store (Redis) was reset under a running cluster or a client's run (restarted without
/// persistence, flushed): the grid's state is gone, so nothing the client sent before can be trusted to be
/// there. The remedy is to run again from the start with <c>--reset</c> once the silos are back.
/// </summary>
[GenerateSerializer, Alias("riskgrid.StoreResetException")]
public sealed class StoreResetException : RiskGridException
{
    /// <summary>The first words of every such error, what the CLI prints and the README quotes.</summary>
    public const string Summary = "the cluster's store was reset; re-run with --reset";

    public StoreResetException()
        : base(Summary)
    {
    }

    /// <param name="detail">What showed it (the silo, the marker it expected and found).</param>
    public StoreResetException(string detail)
        : base($"{Summary} ({detail})")
    {
    }

    public StoreResetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
