using RiskGrid.Client.Cli;
using Spectre.Console;

// Redirected output (logs, CI) has no terminal width; Spectre would wrap the results table at 80.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 200;
}

return await RiskGridCli.RunAsync(args);
