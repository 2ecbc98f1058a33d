using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;

namespace RiskGrid.Client.Cli;

/// <summary>Everything a benchmark run was asked to do (parsed from the command line).</summary>
public sealed record BenchmarkSettings
{
    /// <summary>Price files (Yahoo or wide CSV); empty for the built-in synthetic universe.</summary>
    public IReadOnlyList<string> DataFiles { get; init; } = [];

    public IReadOnlyList<string> Models { get; init; } = [];

    public RollingOptions Rolling { get; init; } = new();

    /// <summary>Model options (EWMA λ, LSTM architecture, retrain period, device).</summary>
    public ModelSettings ModelSettings { get; init; } = ModelSettings.Default;

    /// <summary>Folder for the CSV files and the HTML report.</summary>
    public string OutputDirectory { get; init; } = "out";

    /// <summary>Synthetic universe size and seed (used when no data files are given).</summary>
    public int SyntheticInstruments { get; init; } = 20;

    public int? SyntheticDays { get; init; }

    public int? SyntheticSeed { get; init; }

    /// <summary>Run store file the finished run is recorded in; null records nothing.</summary>
    public string? StorePath { get; init; }

    /// <summary>Worker threads for the Core engine; 0 = all cores.</summary>
    public int Threads { get; init; }

    public ReturnKind ReturnKind => Rolling.ReturnKind;
}
