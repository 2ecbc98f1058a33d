using RiskGrid.Core.Models;
using static TorchSharp.torch;

namespace RiskGrid.Models.Lstm;

/// <summary>
/// Chooses the LSTM's device and says why. The default build references the CPU libtorch only;
/// a CUDA build (<c>dotnet build -p:RiskGridCuda=true</c>, TorchSharp-cuda-linux) defines
/// <c>RISKGRID_CUDA</c> and then uses CUDA when <c>torch.cuda.is_available()</c>.
/// </summary>
public static class LstmDevices
{
    /// <summary>True in a CUDA build.</summary>
    public static bool IsCudaBuild { get; } =
#if RISKGRID_CUDA
        true;
#else
        false;
#endif

    /// <summary>True in a CUDA build when <c>torch.cuda.is_available()</c> (a GPU and driver are visible).
    /// Never loads libtorch's CUDA probe in a CPU build.</summary>
    public static bool CudaAvailable => IsCudaBuild && cuda.is_available();

    /// <summary>One line naming the device a request resolves to and why, for logs and the CLI.</summary>
    public static string Describe(LstmDevice requested) => Select(requested).Description;

    /// <summary>The device (null when a CUDA request cannot be met) and a description of the choice.</summary>
    internal static (Device? Device, string Description) Select(LstmDevice requested)
    {
        const string cpuBuild = "CPU libtorch build; build with -p:RiskGridCuda=true for CUDA";
        switch (requested)
        {
            case LstmDevice.Cpu:
                return (CPU, "lstm device: cpu (requested)");
            case LstmDevice.Cuda when !IsCudaBuild:
                return (null, $"lstm device: cuda requested but unavailable ({cpuBuild})");
            case LstmDevice.Cuda:
                return cuda.is_available()
                    ? (CUDA, "lstm device: cuda (requested)")
                    : (null, "lstm device: cuda requested but torch.cuda.is_available() is false (no GPU or driver visible)");
            case LstmDevice.Auto when !IsCudaBuild:
                return (CPU, $"lstm device: cpu (auto: {cpuBuild})");
            case LstmDevice.Auto:
                return cuda.is_available()
                    ? (CUDA, "lstm device: cuda (auto: CUDA build, GPU available)")
                    : (CPU, "lstm device: cpu (auto: CUDA build but torch.cuda.is_available() is false)");
            default:
                throw new ArgumentOutOfRangeException(nameof(requested), requested, "unknown lstm device");
        }
    }
}
