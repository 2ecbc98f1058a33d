using System.Text;

namespace RiskGrid.Client.MarketData;

/// <summary>The market-data sources, registered once: <c>--source</c> takes their names.</summary>
public static class MarketDataSources
{
    public static IReadOnlyList<IMarketDataSource> All { get; } = [new YahooChartSource(), new FredGraphSource(), new StooqSource()];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(s => s.Name)];

    /// <summary>The source named <paramref name="name"/> (any case); throws <see cref="ArgumentException"/> naming the known ones.</summary>
    public static IMarketDataSource Find(string name) =>
        All.FirstOrDefault(s => s.Name.Equals(name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"--source: '{Cli.Options.OptionParsers.Printable(name ?? "")}' is not one of {string.Join(", ", Names)}");

    /// <summary>
    /// The instrument a symbol becomes, which is also the name of the file <c>riskgrid fetch</c> writes (<c>NAME.csv</c>,
    /// read back as <c>NAME</c>): upper case, a leading <c>^</c> (Yahoo's index prefix) dropped, and any character other
    /// than a letter, digit, <c>.</c> or <c>-</c> as <c>_</c>. <c>JPM</c> → <c>JPM</c>, <c>^GSPC</c> → <c>GSPC</c>,
    /// <c>EURUSD=X</c> → <c>EURUSD_X</c>, <c>spy.us</c> → <c>SPY.US</c>.
    /// </summary>
    public static string InstrumentName(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        var text = symbol.Trim().TrimStart('^');
        var name = new StringBuilder(text.Length);
        foreach (var c in text.ToUpperInvariant())
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_');
        }

        return name.Length > 0 && name.ToString().Trim('.').Length > 0
            ? name.ToString()
            : throw new ArgumentException($"--symbols: '{Cli.Options.OptionParsers.Printable(symbol)}' is not a symbol");
    }
}
