namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// The key of an <see cref="IInstrumentModelGrain"/>: <c>"{universe}/{instrument}/{model}"</c>. A pair belongs to
/// one universe, so two universes holding the same instrument never share (or reset) each other's pairs.
/// </summary>
public static class PairKey
{
    public static string Of(string universe, string instrument, string model) => $"{universe}/{instrument}/{model}";

    /// <summary>Splits a key at its first '/' (universe names have none) and its last '/' (model names have
    /// none); instrument names may contain '/'.</summary>
    public static (string Universe, string Instrument, string Model) Parse(string key)
    {
        var first = key.IndexOf('/');
        var last = key.LastIndexOf('/');
        if (first <= 0 || last <= first + 1 || last == key.Length - 1)
        {
            throw new RiskGridException($"'{key}' is not a pair key; expected \"{{universe}}/{{instrument}}/{{model}}\"");
        }

        return (key[..first], key[(first + 1)..last], key[(last + 1)..]);
    }
}

/// <summary>
/// The key of a grain that belongs to one universe (an <see cref="IInstrumentPricesGrain"/>, an
/// <see cref="IPortfolioGrain"/>): <c>"{universe}/{name}"</c>.
/// </summary>
public static class UniverseKey
{
    public static string Of(string universe, string name) => $"{universe}/{name}";

    /// <summary>Splits a key at its first '/' (universe names have none).</summary>
    public static (string Universe, string Name) Parse(string key)
    {
        var first = key.IndexOf('/');
        if (first <= 0 || first == key.Length - 1)
        {
            throw new RiskGridException($"'{key}' is not a universe member's key; expected \"{{universe}}/{{name}}\"");
        }

        return (key[..first], key[(first + 1)..]);
    }

    /// <summary>Throws unless <paramref name="universe"/> can be the first part of a key.</summary>
    public static void CheckName(string universe)
    {
        if (string.IsNullOrWhiteSpace(universe) || universe.Contains('/') || universe.Trim() != universe)
        {
            throw new RiskGridException($"universe name '{universe}' is empty, has surrounding spaces or contains '/'");
        }
    }
}
