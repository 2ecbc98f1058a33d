namespace RiskGrid.Client.Cli;

/// <summary>Process exit codes of the CLI.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;
    public const int BadData = 3;
    public const int NotFound = 4;
    public const int Cancelled = 130;
}
