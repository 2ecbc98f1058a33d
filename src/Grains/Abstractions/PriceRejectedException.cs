namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// A batch of prices was refused because of one bad price: the message names the instrument, the
/// date and the problem. The whole batch was refused, so the pair's state is unchanged.
/// </summary>
[GenerateSerializer, Alias("riskgrid.PriceRejectedException")]
public sealed class PriceRejectedException : RiskGridException
{
    public PriceRejectedException()
    {
    }

    public PriceRejectedException(string message)
        : base(message)
    {
    }

    public PriceRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PriceRejectedException(string instrument, DateOnly date, string problem)
        : base($"{instrument} {date:yyyy-MM-dd}: {problem}; the batch was not applied")
    {
        Instrument = instrument;
        Date = date;
        Problem = problem;
    }

    [Id(0)]
    public string Instrument { get; private set; } = "";

    [Id(1)]
    public DateOnly Date { get; private set; }

    [Id(2)]
    public string Problem { get; private set; } = "";
}
