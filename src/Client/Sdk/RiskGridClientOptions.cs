namespace RiskGrid.Client.Sdk;

/// <summary>How the SDK sends work: push size, and how long it keeps retrying after failures.</summary>
public sealed record RiskGridClientOptions
{
    public static RiskGridClientOptions Default { get; } = new();

    /// <summary>Trading days per push when uploading series (a push is one call to the universe; keep it
    /// to seconds of work so a failed one is cheap to resend).</summary>
    public int DaysPerPush { get; init; } = 20;

    /// <summary>How long a call keeps being resent after transient failures (silo loss, connection loss).</summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Pause between attempts.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a call in flight checks that no silo has left the cluster.</summary>
    public TimeSpan SiloCheckInterval { get; init; } = TimeSpan.FromSeconds(1);
}
