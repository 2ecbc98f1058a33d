using RiskGrid.Core.Models;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Tests.Volatility;

/// <summary>
/// Maximum-likelihood fits on the S&amp;P 500 (5,030 returns) against reference fits made outside .NET:
/// R's fGarch (../shared/reference/sp500-fgarch.txt) for GARCH and GJR, and base R's nlminb on the same
/// EGARCH likelihood (Reference/sp500-egarch.txt, from Reference/sp500-egarch.R).
/// <para>
/// Start-up, as fGarch's <c>init.rec = "mci"</c>: backcast = mean of the squared residuals of the whole
/// series, and σ²_1 one recursion step from it with the shocks at their expectations — for GARCH
/// σ²_1 = ω + (α + β)·backcast (fGarch's rule exactly); for GJR σ²_1 = ω + (α + γ/2 + β)·backcast (fGarch's
/// R "filter" likelihood; its default Fortran likelihood leaves the leverage term out, hence a
/// log-likelihood 0.09 above the reference's); for EGARCH ln σ²_1 = ω + β·ln(backcast), the same in R.
/// </para>
/// </summary>
public sealed class Sp500ReferenceFitTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, ReferenceFit>> FGarch =
        new(() => ReferenceFit.ReadAll(SharedData.Path(Path.Combine("reference", "sp500-fgarch.txt"))));

    private static readonly Lazy<ReferenceFit> EgarchReference = new(() =>
        ReferenceFit.ReadAll(Path.Combine(AppContext.BaseDirectory, "Reference", "sp500-egarch.txt"))
            ["EGARCH(1,1), constant mean, normal"]);

    [SharedDataFact]
    public void Garch_normal_matches_fgarch()
    {
        var reference = FGarch.Value["GARCH(1,1), constant mean, normal"];
        var fit = GarchFitter.Fit(VolatilityModel.GarchNormal(), Sp500Returns.All);

        Assert.Equal(FitStatus.Converged, fit.Status);
        AssertParameters(fit, reference, [("mu", "mu"), ("omega", "omega"), ("alpha", "alpha1"), ("beta", "beta1")]);
        Assert.InRange(fit.LogLikelihood, reference.LogLikelihood - 0.5, reference.LogLikelihood + 0.5);
        AssertStandardErrorsNear(fit, reference, [("mu", "mu"), ("omega", "omega"), ("alpha", "alpha1"), ("beta", "beta1")]);
    }

    [SharedDataFact]
    public void Garch_student_t_matches_fgarch()
    {
        var reference = FGarch.Value["GARCH(1,1), constant mean, standardised Student-t"];
        var fit = GarchFitter.Fit(VolatilityModel.GarchStudentT(), Sp500Returns.All);

        Assert.Equal(FitStatus.Converged, fit.Status);
        (string, string)[] names = [("mu", "mu"), ("omega", "omega"), ("alpha", "alpha1"), ("beta", "beta1"), ("nu", "shape")];
        AssertParameters(fit, reference, names);
        Assert.InRange(fit.LogLikelihood, reference.LogLikelihood - 0.5, reference.LogLikelihood + 0.5);
        AssertStandardErrorsNear(fit, reference, names);
    }

    [SharedDataFact]
    public void Gjr_normal_matches_fgarch_in_the_usual_form_with_alpha_on_its_bound()
    {
        // fGarch fits GJR as APARCH(δ = 2): s2 = ω + α1(|e| − γ1·e)² + β1·s2, i.e. the usual form with
        // a = α1(1 − γ1)², g = 4·α1·γ1, b = β1 (as the reference file derives).
        var reference = FGarch.Value["GJR-GARCH(1,1,1), constant mean, normal"];
        var a = reference["alpha1"] * Math.Pow(1 - reference["gamma1"], 2);
        var g = 4 * reference["alpha1"] * reference["gamma1"];
        var model = VolatilityModel.GjrNormal();
        var fit = GarchFitter.Fit(model, Sp500Returns.All);

        Assert.Equal(FitStatus.ConvergedAtBound, fit.Status);
        Assert.Contains("alpha = 0", fit.Message);
        Agreement.SignificantDigits(reference["mu"], Estimate(fit, model, "mu"), 2, "mu");
        Agreement.SignificantDigits(reference["omega"], Estimate(fit, model, "omega"), 2, "omega");
        Assert.InRange(a, 0, 1e-5);
        Assert.InRange(Estimate(fit, model, "alpha"), 0, 1e-3);
        Agreement.SignificantDigits(g, Estimate(fit, model, "gamma"), 2, "gamma");
        Agreement.SignificantDigits(reference["beta1"], Estimate(fit, model, "beta"), 2, "beta");
        Assert.InRange(fit.LogLikelihood, reference.LogLikelihood - 0.5, reference.LogLikelihood + 0.5);
    }

    [SharedDataFact]
    public void Egarch_normal_matches_the_independent_r_fit_and_beats_garch()
    {
        var reference = EgarchReference.Value;
        var model = VolatilityModel.EgarchNormal();
        var fit = GarchFitter.Fit(model, Sp500Returns.All);

        Assert.Equal(FitStatus.Converged, fit.Status);
        foreach (var name in model.ParameterNames)
        {
            Agreement.SignificantDigits(reference[name], Estimate(fit, model, name), 2, name);
        }

        Assert.InRange(fit.LogLikelihood, reference.LogLikelihood - 0.5, reference.LogLikelihood + 0.5);

        // Asymmetry matters on equity returns: EGARCH's log-likelihood is far above GARCH(1,1)'s.
        Assert.True(fit.LogLikelihood > FGarch.Value["GARCH(1,1), constant mean, normal"].LogLikelihood + 100);
    }

    [SharedDataFact]
    public void Every_model_gives_positive_finite_standard_errors_on_the_sp500()
    {
        foreach (var name in new[] { "garch-n", "garch-t", "gjr-n", "gjr-t", "egarch-n", "egarch-t" })
        {
            var model = VolatilityLikelihoodTests.Model(name);
            var fit = GarchFitter.Fit(model, Sp500Returns.All);
            Assert.True(fit.Status is FitStatus.Converged or FitStatus.ConvergedAtBound, $"{name}: {fit.Status} {fit.Message}");
            Assert.NotNull(fit.StandardErrors);
            Assert.All(fit.StandardErrors, se => Assert.True(se > 0 && double.IsFinite(se), $"{name}: standard error {se}"));
        }
    }

    private static double Estimate(ModelFit fit, VolatilityModel model, string name) =>
        fit.Parameters[model.ParameterNames.ToList().IndexOf(name)];

    private static void AssertParameters(ModelFit fit, ReferenceFit reference, (string Ours, string Theirs)[] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            Agreement.SignificantDigits(reference[names[i].Theirs], fit.Parameters[i], 2, names[i].Ours);
        }
    }

    // fGarch's standard errors come from a numerical Hessian too (optimHess); ours agree within 5%.
    private static void AssertStandardErrorsNear(ModelFit fit, ReferenceFit reference, (string Ours, string Theirs)[] names)
    {
        Assert.NotNull(fit.StandardErrors);
        for (var i = 0; i < names.Length; i++)
        {
            var expected = reference.Se(names[i].Theirs);
            Assert.True(Math.Abs(fit.StandardErrors[i] - expected) <= 0.05 * expected,
                $"se({names[i].Ours}) = {fit.StandardErrors[i]:G4}, fGarch {expected:G4}");
        }
    }
}
