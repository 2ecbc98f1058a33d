namespace RiskGrid.Client.Cli;

/// <summary>The output folder (<c>--out</c>) cannot be created or written; the message names it.</summary>
public sealed class OutputException(string message, Exception? inner = null) : Exception(message, inner);
