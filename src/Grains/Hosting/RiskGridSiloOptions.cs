namespace RiskGrid.Grains.Hosting;

/// <summary>
/// How a RiskGrid silo joins its cluster and where grains keep their state, bound from the
/// <c>RiskGrid</c> configuration section (command line: <c>--redis</c>, <c>--silo-port</c>, …).
/// </summary>
public sealed class RiskGridSiloOptions
{
    public const string Section = "RiskGrid";

    /// <summary>Command-line switches of the silo host and the CLI, mapped onto this section.</summary>
    public static IDictionary<string, string> CommandLineSwitches { get; } = new Dictionary<string, string>
    {
        ["--redis"] = $"{Section}:{nameof(Redis)}",
        ["--cluster-id"] = $"{Section}:{nameof(ClusterId)}",
        ["--service-id"] = $"{Section}:{nameof(ServiceId)}",
        ["--silo-port"] = $"{Section}:{nameof(SiloPort)}",
        ["--gateway-port"] = $"{Section}:{nameof(GatewayPort)}",
        ["--advertise"] = $"{Section}:{nameof(AdvertisedAddress)}",
        ["--fit-threads"] = $"{Section}:{nameof(FitThreads)}",
        ["--gpu"] = $"{Section}:{nameof(Gpu)}",
    };

    /// <summary>The arguments with the flags <c>--gpu</c> and <c>--no-gpu</c> spelled <c>--gpu true</c> and
    /// <c>--gpu false</c> (configuration's command-line provider wants a value after every switch).</summary>
    public static string[] Normalize(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new List<string>(args.Length + 1);
        for (var i = 0; i < args.Length; i++)
        {
            result.Add(args[i] == "--no-gpu" ? "--gpu" : args[i]);
            if (args[i] == "--no-gpu")
            {
                result.Add("false");
            }
            else if (args[i] == "--gpu" && !(i + 1 < args.Length && bool.TryParse(args[i + 1], out _)))
            {
                result.Add("true");
            }
        }

        return [.. result];
    }

    /// <summary>Redis <c>HOST:PORT</c> (any StackExchange.Redis configuration string). When set, silos
    /// cluster and persist through Redis; when empty, a single localhost silo keeps state in memory.</summary>
    public string? Redis { get; set; }

    public string ClusterId { get; set; } = "riskgrid";

    public string ServiceId { get; set; } = "riskgrid";

    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients connect to; 0 for none (an embedded silo's co-hosted client needs none).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address other silos and clients reach this silo at (Redis clustering); default: loopback,
    /// right for several silos on one machine. Set it to the host's address across machines.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Threads for fits (default: processor count).</summary>
    public int FitThreads { get; set; }

    /// <summary>Days per append-only history chunk of pairs and instruments created on this silo
    /// (<c>RiskGrid:ChunkDays</c>, default 50); existing state keeps its own size.</summary>
    public int ChunkDays { get; set; } = State.StateVersions.DefaultChunkDays;

    /// <summary>Without Redis: keep state in this process (<see cref="Storage.LocalGrainStorage"/>), right for the
    /// single embedded silo of the CLI; off (the default), Orleans's memory provider, which several silos of one
    /// test cluster share.</summary>
    public bool LocalStorage { get; set; }

    /// <summary>
    /// Whether this silo offers a GPU for training (<c>--gpu</c>/<c>--no-gpu</c>): published as silo metadata,
    /// so that the LSTM's training grains are placed on GPU silos when any are in the cluster. Null (the
    /// default) detects one: true only in a CUDA build where <c>torch.cuda.is_available()</c>. See <see cref="GpuDeclaration"/>.
    /// </summary>
    public bool? Gpu { get; set; }

    /// <summary>
    /// Declare an unresponsive silo dead within seconds (probe every 2 s, two misses) instead of
    /// Orleans's conservative defaults. On by default with Redis; its grains then reactivate elsewhere
    /// from their persisted state.
    /// </summary>
    public bool? FastFailureDetection { get; set; }

    /// <summary>How long a grain call may take (a push of many days through slow models can take minutes).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
