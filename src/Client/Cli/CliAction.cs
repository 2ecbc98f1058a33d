using Microsoft.Data.Sqlite;
using RiskGrid.Client.Sdk;
using RiskGrid.Client.Store;
using RiskGrid.Core.Data;
using RiskGrid.Grains.Abstractions;

namespace RiskGrid.Client.Cli;

/// <summary>
/// Runs a command's work and turns every error into a one-line message on stderr and its exit code
/// (<see cref="ExitCodes"/>): the one place that mapping is made, so every command answers alike and none
/// prints a stack trace.
/// </summary>
public static class CliAction
{
    /// <summary>Set to 1 to print the stack trace of an unexpected error.</summary>
    public const string DebugVariable = "RISKGRID_DEBUG";

    private static readonly AsyncLocal<TextWriter?> CurrentError = new();

    /// <summary>Where errors go: stderr, unless <see cref="RiskGridCli.RunAsync"/> was given another writer (tests).</summary>
    public static TextWriter Error
    {
        get => CurrentError.Value ?? Console.Error;
        internal set => CurrentError.Value = value;
    }

    public static async Task<int> RunAsync(Func<Task<int>> work, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        error ??= Error;
        try
        {
            return await work();
        }
        catch (Exception ex)
        {
            var (code, message) = Classify(ex);
            await error.WriteLineAsync(message);
            if (code == ExitCodes.Failed && Environment.GetEnvironmentVariable(DebugVariable) == "1")
            {
                await error.WriteLineAsync(ex.ToString());
            }

            return code;
        }
    }

    public static int Run(Func<int> work, TextWriter? error = null) =>
        RunAsync(() => Task.FromResult(work()), error).GetAwaiter().GetResult();

    /// <summary>The exit code and message of an error.</summary>
    public static (int Code, string Message) Classify(Exception ex) => ex switch
    {
        OperationCanceledException => (ExitCodes.Cancelled, "cancelled"),
        DataValidationException or PriceRejectedException => (ExitCodes.BadData, $"error: {ex.Message}"),
        RunStoreException => (ExitCodes.Store, $"error: {ex.Message}"),
        SqliteException => (ExitCodes.Store, $"error: run store: {ex.Message}"),
        OutputException => (ExitCodes.Output, $"error: {ex.Message}"),
        MarketData.MarketDataException => (ExitCodes.Source, $"error: {ex.Message}"),
        StoreResetException => (ExitCodes.StoreReset, $"error: {ex.Message}"),
        RiskGridConnectionException or RiskGridException => (ExitCodes.Grid, $"error: {ex.Message}"),
        ArgumentException => (ExitCodes.BadArguments, $"error: {ex.Message}"),
        _ => (ExitCodes.Failed, $"error: unexpected {ex.GetType().Name}: {ex.Message} (a bug: please report it; {DebugVariable}=1 shows where)"),
    };
}
