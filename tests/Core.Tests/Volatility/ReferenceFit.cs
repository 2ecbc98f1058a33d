using System.Globalization;

namespace RiskGrid.Core.Tests.Volatility;

/// <summary>
/// One model's block of a reference-fit file (sp500-fgarch.txt from fGarch, sp500-egarch.txt from
/// base R): "model: NAME" then lines "  name  value  (se s)" and "  loglik  value".
/// </summary>
internal sealed record ReferenceFit(string Model, IReadOnlyDictionary<string, (double Value, double Se)> Parameters, double LogLikelihood)
{
    public double this[string name] => Parameters[name].Value;

    public double Se(string name) => Parameters[name].Se;

    /// <summary>Every model block in <paramref name="path"/>, keyed by the text after "model: ".</summary>
    public static IReadOnlyDictionary<string, ReferenceFit> ReadAll(string path)
    {
        var fits = new Dictionary<string, ReferenceFit>();
        string? model = null;
        var parameters = new Dictionary<string, (double, double)>();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.StartsWith("model:", StringComparison.Ordinal))
            {
                model = line["model:".Length..].Trim();
                parameters = [];
                continue;
            }

            var parts = line.Split([' ', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
            if (model is null || parts.Length < 2)
            {
                continue;
            }

            var value = double.Parse(parts[1], CultureInfo.InvariantCulture);
            if (parts[0] == "loglik")
            {
                fits[model] = new ReferenceFit(model, parameters, value);
            }
            else if (parts.Length >= 4 && parts[2] == "se")
            {
                parameters[parts[0]] = (value, double.Parse(parts[3], CultureInfo.InvariantCulture));
            }
        }

        return fits;
    }
}
