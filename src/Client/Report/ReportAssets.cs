namespace RiskGrid.Client.Report;

/// <summary>The page's scripts, embedded in the assembly: the vendored plotly.js (Vendor/README.md) and report.js.</summary>
internal static class ReportAssets
{
    public const string PlotlyResource = "RiskGrid.Client.Report.plotly-basic.min.js";
    public const string ScriptResource = "RiskGrid.Client.Report.report.js";

    public static string Plotly => LazyPlotly.Value;

    public static string Script => LazyScript.Value;

    private static readonly Lazy<string> LazyPlotly = new(() => Read(PlotlyResource));
    private static readonly Lazy<string> LazyScript = new(() => Read(ScriptResource));

    // A "</script" inside would end the inline element early; neither file has one (checked), and a changed file fails here.
    private static string Read(string name)
    {
        using var stream = typeof(ReportAssets).Assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"the report asset {name} is not embedded in {typeof(ReportAssets).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        if (text.Contains("</script", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"the report asset {name} contains \"</script\" and cannot be inlined");
        }

        return text;
    }
}
