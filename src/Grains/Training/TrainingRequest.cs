using RiskGrid.Core.Models;
using RiskGrid.Grains.Abstractions;

namespace RiskGrid.Grains.Training;

/// <summary>One estimation a pair needs (the Core <see cref="Core.Engine.FitRequest"/> plus what names the model).</summary>
/// <param name="Model">Catalogue name of the model.</param>
/// <param name="Settings">The pair's settings (the model settings travel in them).</param>
/// <param name="Window">The estimation window.</param>
/// <param name="Previous">The pair's last usable fit (the warm start), or null.</param>
[GenerateSerializer, Immutable, Alias("riskgrid.TrainingRequest")]
public sealed record TrainingRequest(
    [property: Id(0)] string Model,
    [property: Id(1)] RollingSettings Settings,
    [property: Id(2)] ModelWindow Window,
    [property: Id(3)] ModelFit? Previous);
