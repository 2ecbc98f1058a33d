using System.Globalization;
using RiskGrid.Client.Store;
using RiskGrid.Core.Data;

namespace RiskGrid.Client.Cli;

/// <summary>A benchmark's settings as the run store keeps them: option name (as on the command line) and value.</summary>
public static class RunParameters
{
    public static IReadOnlyList<RunParameter> From(BenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var o = settings.Rolling;
        var m = settings.ModelSettings;
        var list = new List<RunParameter>
        {
            new("data", settings.DataFiles.Count == 0 ? "synthetic" : string.Join(" ", settings.DataFiles.Select(Path.GetFullPath))),
        };
        if (settings.DataFiles.Count == 0)
        {
            list.Add(new("instruments", N(settings.SyntheticInstruments)));
            list.Add(new("days", N(settings.SyntheticDays ?? SyntheticUniverseOptions.DefaultDays)));
            list.Add(new("seed", N(settings.SyntheticSeed ?? SyntheticUniverseOptions.DefaultSeed)));
        }

        list.Add(new("models", string.Join(",", settings.Models)));
        list.Add(new("alpha", string.Join(",", o.Alphas.Select(N))));
        list.Add(new("window", N(o.Window)));
        list.Add(new("refit", N(o.RefitEvery)));
        list.Add(new("returns", o.ReturnKind.ToString().ToLowerInvariant()));
        list.Add(new("threads", N(settings.Threads)));
        list.Add(new("ewma-lambda", N(m.EwmaLambda)));
        if (settings.Models.Contains("lstm", StringComparer.OrdinalIgnoreCase))
        {
            list.Add(new("retrain", N(m.LstmRetrain)));
            list.Add(new("lstm-layers", N(m.LstmLayers)));
            list.Add(new("lstm-hidden", N(m.LstmHiddenSize)));
            list.Add(new("lstm-sequence", N(m.LstmSequenceLength)));
            list.Add(new("lstm-epochs", N(m.LstmEpochs)));
            list.Add(new("device", m.LstmDevice.ToString().ToLowerInvariant()));
        }

        list.Add(new("out", Path.GetFullPath(settings.OutputDirectory)));
        return list;
    }

    private static string N(int x) => x.ToString(CultureInfo.InvariantCulture);

    private static string N(double x) => x.ToString(CultureInfo.InvariantCulture);
}
