namespace RiskGrid.Grains.Abstractions;

/// <summary>The key of an <see cref="IInstrumentModelGrain"/>: <c>"{instrument}/{model}"</c>.</summary>
public static class PairKey
{
    public static string Of(string instrument, string model) => $"{instrument}/{model}";

    /// <summary>Splits a key at its last '/' (instrument names may contain '/', model names do not).</summary>
    public static (string Instrument, string Model) Parse(string key)
    {
        var slash = key.LastIndexOf('/');
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new RiskGridException($"'{key}' is not a pair key; expected \"{{instrument}}/{{model}}\"");
        }

        return (key[..slash], key[(slash + 1)..]);
    }
}
