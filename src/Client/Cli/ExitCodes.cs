namespace RiskGrid.Client.Cli;

/// <summary>
/// Process exit codes, the same for every command (the README's table lists them). <see cref="CliAction"/>
/// is the one place an error becomes one of these.
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>An unexpected error (a bug): a one-line message, no stack trace (set RISKGRID_DEBUG=1 for it).</summary>
    public const int Failed = 1;

    /// <summary>Bad options or configuration file: unknown option, bad value, options that do not go together.</summary>
    public const int BadArguments = 2;

    /// <summary>Bad input data: a file that cannot be read or parsed, a price refused, a series too short.</summary>
    public const int BadData = 3;

    /// <summary>The run store cannot be opened, read or written, or has no such run.</summary>
    public const int Store = 4;

    /// <summary>The grid: no cluster reachable, or the cluster refused the request (e.g. a universe with other settings).</summary>
    public const int Grid = 5;

    /// <summary>The output folder cannot be written.</summary>
    public const int Output = 6;

    /// <summary>A market-data source (<c>--source</c>) could not be reached, or answered with something that is not the data
    /// (an HTML page, an error, bad JSON, days without a price under <c>--missing error</c>).</summary>
    public const int Source = 7;

    /// <summary>The cluster's store (Redis) was reset during the run (restarted without persistence, flushed): the grid's
    /// state is gone. Re-run with <c>--reset</c> once the silos are back.</summary>
    public const int StoreReset = 8;

    public const int Cancelled = 130;

    /// <summary>The old name of <see cref="Store"/>.</summary>
    public const int NotFound = Store;
}
