namespace RiskGrid.Core.Models;

/// <summary>Where the LSTM trains and predicts.</summary>
public enum LstmDevice
{
    /// <summary>CUDA when this is a CUDA build (<c>-p:RiskGridCuda=true</c>) and a GPU is visible; else the CPU.</summary>
    Auto,

    /// <summary>Always the CPU (the only bit-for-bit reproducible choice).</summary>
    Cpu,

    /// <summary>CUDA or nothing: a fit fails with a clear message when CUDA is unavailable.</summary>
    Cuda,
}
