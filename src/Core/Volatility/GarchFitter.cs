using System.Globalization;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.Optimization;
using RiskGrid.Core.Models;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// Maximum-likelihood estimation of a <see cref="VolatilityModel"/>: a box-bounded quasi-Newton search
/// (<see cref="ProjectedQuasiNewton"/>) over the whole vector [mean | process | distribution] in working
/// coordinates, with analytic gradients; MathNet's <see cref="BfgsBMinimizer"/> takes over from its best point
/// in the rare case that it stalls away from a maximum. Any <see cref="VolatilityProcess"/> and
/// <see cref="InnovationDistribution"/> is fitted this way through their part contracts. Problems come back
/// as a <see cref="FitStatus"/> with a message, never as an exception.
/// <para>
/// Cold start: a small grid of process parameters (mean at the sample mean, distribution parameters
/// from <see cref="InnovationDistribution.StartingValues"/>) scored by the likelihood, and the Hessian
/// measured at the best grid point as the first curvature. Warm start (a usable previous fit of the same
/// model): its parameters and the Hessian it left in <see cref="ModelFit.Blob"/> (see
/// <see cref="WarmStartState"/>), so that the first step is a Newton step with yesterday's curvature and one
/// to three steps reach today's optimum. <see cref="ModelFit.Iterations"/> counts the accepted steps.
/// </para>
/// </summary>
public static class GarchFitter
{
    /// <summary>Fewest returns a fit accepts.</summary>
    public const int MinimumObservations = 100;

    // MathNet's relative gradient max_j |g_j|·max(|y_j|, 1)/max(|f|, 1) with f = −LL/T and y the
    // centred unit-curvature coordinates, in which a standard error is about 1/√T: 1e-6 leaves the
    // estimate within ~10⁻³ standard errors of the optimum (cold and warm fits of S&P 500 windows agree
    // to that).
    private const double GradientTolerance = 1e-6;

    // When the optimiser stops without meeting GradientTolerance (line search stalled on round-off),
    // a best point whose relative gradient is below this still counts as converged.
    private const double AcceptableGradient = 1e-5;

    // The quasi-Newton search also stops only when its Newton decrement predicts the log-likelihood to be
    // within this of the maximum (the objective is −LL/T, so the tolerance on it is this over T).
    private const double DecrementTolerance = 1e-8;

    // A step of the fit's own search from a point whose Newton decrement predicts the log-likelihood within this of the
    // maximum is expected to be its last, and evaluates the Hessian the standard errors need on the way (one pass instead of
    // two). On the S&P 500 such a step was the last in 99% of garch-n fits that took one and 89% of egarch-n's.
    private const double LastStepDecrement = 1e-6;

    // Steps in the optimiser's coordinates below this end the search.
    private const double ParameterTolerance = 1e-10;
    private const int MaximumIterations = 200;
    private const int Restarts = 2;

    // The stuck-optimum guard (see Guard): probe every this many fits at the latest, from this many of the
    // cold-start grid's best points; keep tracking a distinct maximum while its log-likelihood is within this of
    // the best; an estimate moving more than this many standard errors from one fit to the next is a jump. The periodic
    // probe is a safety net for maxima the bound flips do not reach: with none at all, no S&P 500 or NASDAQ window of
    // garch-n, garch-t, gjr-n, egarch-n or egarch-t fell 0.01 short of a multi-start search (`stuck --reference`); every
    // 100 fits it costs 0.2-0.3 likelihood passes a fit, against 1.1-1.5 every 20.
    private const int ProbeEvery = 100;
    private const int ProbeStartCount = 2;
    private const double AlternativeMargin = 3.0;
    private const double JumpInStandardErrors = 2.0;

    // A guard search replaces the warm fit only when its log-likelihood is higher by more than this.
    private const double AcceptGain = 1e-3;

    // While no other maximum is tracked, flips onto a bound run every fit (every 5th missed S&P 500 EGARCH windows of
    // 2002-04 where the boundary maximum is the better one from its first day), flips off a bound every this many
    // fits (a coordinate can sit on its bound for years, as GJR's α does on the S&P 500).
    private const int FlipEvery = 3;

    // Bound flips (see BoundFlips): a coordinate on its bound is moved this fraction of its box width inward; one
    // within this many standard errors of its bound is put on it; at most this many flips per fit.
    private const double FlipStep = 0.01;
    private const double NearBoundInStandardErrors = 3.0;
    private const int MaximumFlips = 2;

    // The held stage of a flip only has to tell whether the bound holds a maximum and give the release its start: it
    // stops when its Newton decrement predicts the log-likelihood within this of the held maximum (gradient test as loose).
    private const double HeldDecrementTolerance = 1e-3;
    private const double HeldGradientTolerance = 1e-4;

    // A flip onto a bound that starts from the last held maximum with its curvature first screens by one pass: where the
    // quadratic model there predicts the held maximum within this of the log-likelihood (Newton decrement), the coordinate
    // pulled inward there by at least this much (log-likelihood per standard error) and the held maximum no better than
    // the warm one, the bound holds no maximum and the held search is skipped. On every S&P 500 and NASDAQ EGARCH window
    // (egarch-n, egarch-t) the screen skipped 2,613 of 3,177 such held searches, none of them one that found a maximum;
    // at twice these tolerances it would have skipped one.
    private const double ScreenDecrement = 0.05;
    private const double ScreenPull = 0.05;

    // The search across the cusps in the mean (see AcrossMeanCusps): the stretches between the returns within this many of
    // μ's scale s/√T of the answer's μ, each searched with μ held this fraction of its width inside it, for at most this
    // many steps.
    private const double StretchRadius = 0.3;
    private const double StretchMargin = 1e-6;
    private const int StretchIterations = 20;

    // A cusp's maximum sits at a return, and a stretch's search climbs from its middle to one end while the answer's own
    // stays at the end it holds: a maximum at the other end of the answer's stretch, or at the far end of the next, is reached
    // by neither (NASDAQ aparch-n window 713: μ on 0.01845 while 0.02285 is 0.07 better). So each return that ends a stretch
    // is scored by one pass with μ on it and the rest as it stands, and μ is held on at most this many that beat the answer by
    // this much (two, or any gain above AcceptGain, cost 14–27% more passes on NASDAQ aparch-n windows 900–960 rolled from
    // cold, and found the same at 713).
    private const int CuspTops = 1;
    private const double CuspTopGain = 0.01;

    // Farther tops: the returns within this many of μ's scale s/√T, each held with μ on it for this many steps of the other
    // parameters from the answer, and the best this many of them that beat the answer there searched on (StretchIterations)
    // and released; that answers only where it beats the stretches' released best by RankedGain. NASDAQ windows where the
    // better maximum has μ 0.1–0.6·s/√T away (713, 977), which the one-pass score of CuspTops does not rank (at 709 the
    // return 0.026 away scores 0.86 worse with the rest held and is 0.37 better once it adapts).
    private const double RankedRadius = 0.6;
    private const int RankSteps = 2;
    private const int RankedTops = 1;
    private const double RankedGain = 0.01;

    // The periodic cold probe beside an APARCH fit (see Fit): a full cold fit whenever the main path's count of fits since its
    // grid probe (ProbeEvery; also reset by an estimate jump) is a multiple of this. On the 58 NASDAQ windows a model with a
    // multi-start reference it took the windows 0.01 short 8 -> 4 (aparch-n) and 4 -> 3 (aparch-t); every 3rd fit with a cold
    // fit that has no mode probe left 4 and 4 (708 and 701, the worst, still short).
    private const int ColdProbeEvery = 10;

    // A working coordinate within this fraction of its box width from a bound is on it.
    private const double BoundTolerance = 1e-6;

    /// <summary>
    /// Fits <paramref name="model"/> to <paramref name="returns"/> (percent, oldest first).
    /// <paramref name="previous"/>: the last fit of the same model (warm start), or null for a cold start;
    /// an unusable fit or one of another shape is ignored. The result's parameters are in the order of
    /// <see cref="VolatilityModel.ParameterNames"/>; its <see cref="ModelFit.Blob"/> is warm-start state.
    /// </summary>
    public static ModelFit Fit(VolatilityModel model, ReadOnlySpan<double> returns, ModelFit? previous = null) =>
        Fit(model, returns, previous, guard: true);

    /// <summary><see cref="Fit(VolatilityModel, ReadOnlySpan{double}, ModelFit?)"/>, with the stuck-optimum guard
    /// switched off when <paramref name="guard"/> is false (for tests that show what it repairs).</summary>
    internal static ModelFit Fit(VolatilityModel model, ReadOnlySpan<double> returns, ModelFit? previous, bool guard) =>
        Fit(model, returns, previous, guard, cusps: guard);

    /// <summary>
    /// <see cref="Fit(VolatilityModel, ReadOnlySpan{double}, ModelFit?, bool)"/>, with the search across the mean's cusps
    /// (<see cref="AcrossMeanCusps"/>) switched off when <paramref name="cusps"/> is false (for tests that show what it repairs).
    /// With it, the fit follows two paths: the main one, the fit as it is without that search (from the main path's
    /// previous fit, which a previous fit that differs from it carries, see <see cref="TrackedPath"/>), and, where the
    /// search made the previous answer better, its own continuation; the answer is the best of the two and of the search
    /// from it, never below the main path's, and the main path's fit goes on in the answer's state while they differ.
    /// </summary>
    internal static ModelFit Fit(VolatilityModel model, ReadOnlySpan<double> returns, ModelFit? previous, bool guard, bool cusps) =>
        Fit(model, returns, previous, guard, cusps, ranked: cusps);

    /// <summary><see cref="Fit(VolatilityModel, ReadOnlySpan{double}, ModelFit?, bool, bool)"/>, with the search across the cusps
    /// holding μ on the farther returns ranked after a few steps (see <see cref="RankedRadius"/>) only when
    /// <paramref name="ranked"/> (for tests that show what it repairs).</summary>
    internal static ModelFit Fit(VolatilityModel model, ReadOnlySpan<double> returns, ModelFit? previous, bool guard, bool cusps,
        bool ranked) =>
        Fit(model, returns, previous, guard, cusps, ranked, coldProbe: ranked);

    /// <summary><see cref="Fit(VolatilityModel, ReadOnlySpan{double}, ModelFit?, bool, bool, bool)"/>, with the periodic cold probe
    /// beside an APARCH fit (see <see cref="ColdProbeEvery"/>) only when <paramref name="coldProbe"/> (for tests that show what it
    /// repairs).</summary>
    internal static ModelFit Fit(VolatilityModel model, ReadOnlySpan<double> returns, ModelFit? previous, bool guard, bool cusps,
        bool ranked, bool coldProbe)
    {
        var (fit, passes, guardPasses, fallback, probed, tracked, changed, scanned) =
            FitAndCount(model, returns, previous, guard, cusps, ranked, coldProbe);
        FitCounters.Record(model.Name, passes, guardPasses, fallback, probed, tracked, changed, scanned);
        return fit;
    }

    // The fit of Fit(..., coldProbe) with what it cost and what the guard did, for FitCounters.
    private static (ModelFit Fit, int Passes, int GuardPasses, bool Fallback, bool Probed, bool Tracked, bool Changed, bool Scanned)
        FitAndCount(VolatilityModel model, ReadOnlySpan<double> returns, ModelFit? previous, bool guard, bool cusps, bool ranked,
            bool coldProbe)
    {
        var n = model.ParameterCount;
        var (rest, left) = TrackedPath.SplitLeft(previous, n);
        var (own, path) = TrackedPath.Split(rest, n);
        var main = FitPath(model, returns, path ?? own, guard);
        var best = main;
        var passes = main.Passes;
        var guardPasses = main.GuardPasses;
        var tracked = main.Tracked;
        if (path is not null && own is not null)
        {
            // The answer's own path, apart from the main one since a search across the cusps beat it.
            var other = FitPath(model, returns, own, guard);
            (passes, guardPasses, tracked) = (passes + other.Passes, guardPasses + other.Passes, true);
            best = Better(other.Fit, best.Fit) ? other : best;
        }

        var scanned = false;
        var answer = best.Fit;
        if (guard && cusps && answer.IsUsable && BetterAcrossCusps(model, returns, answer, ranked) is var (across, scanPasses))
        {
            scanned = true;
            (passes, guardPasses, answer) = (passes + scanPasses, guardPasses + scanPasses, across);
        }

        // The process's probe for a maximum far along one coordinate (APARCH: δ = 0.5 where the fit has δ ≥ 1, δ = 2 where
        // it has δ below 1), with the search across the cusps from it; it answers only where it beats the answer by AcceptGain.
        var modeProbed = false;
        ModelFit? kept = null;
        if (guard && cusps && answer.IsUsable && model.Process.ModeProbe(model.ProcessParameters(answer.Parameters)) is var (_, value))
        {
            var (probe, probePasses) = ProbeMode(model, returns, answer, value);
            (passes, guardPasses, modeProbed) = (passes + probePasses, guardPasses + probePasses, true);
            // Where it fell back into the answer's mode, the farther probe (APARCH: from δ = 4 where the fit has δ < 1), taken
            // where it ends in the other mode and beats the answer; no search across the cusps from it (it is there for the
            // other mode, which has none).
            if ((probe is null || !OtherMode(model, probe, answer))
                && model.Process.FartherModeProbe(model.ProcessParameters(answer.Parameters)) is { } farther)
            {
                var (far, farPasses) = ProbeMode(model, returns, answer, farther, FallenBack(model, returns, answer, value));
                (passes, guardPasses) = (passes + farPasses, guardPasses + farPasses);
                if (far is not null && OtherMode(model, far, answer) && Better(far, answer))
                {
                    (kept, answer, probe) = (answer, far, null);
                }
            }

            // The search across the cusps runs from a probe that ends below δ = 1 even where it started above (δ = 2): from
            // the probe's μ and curvature it finds a better stretch than the answer's own search on some NASDAQ windows
            // (skipping it there saved 17% of the passes and left 9 and 8 more of 430 sampled windows 0.01 short).
            if (probe is not null && BetterAcrossCusps(model, returns, probe, ranked) is var (probeAcross, probeScan))
            {
                (passes, guardPasses, probe) = (passes + probeScan, guardPasses + probeScan, probeAcross);
            }

            if (probe is not null && Better(probe, answer))
            {
                (kept, answer) = (answer, probe);
            }
        }

        // The maximum a mode probe left when it switched the answer to the other mode (APARCH: the other side of δ = 1), refitted
        // warm from itself with the search across the cusps from it: the answer when it overtakes, kept while it stays in
        // the other mode within AlternativeMargin, so that a switch is undone where the left maximum is better again. After
        // the probe: a probe back from the switched answer finds the left mode's best stretch on some windows where the
        // left maximum's own search does not (NASDAQ aparch-n 1,065–1,071, 0.03 better).
        if (guard && cusps && answer.IsUsable && left is not null)
        {
            var refit = FitPath(model, returns, left, guard: false);
            (passes, guardPasses) = (passes + refit.Passes, guardPasses + refit.Passes);
            var candidate = refit.Fit;
            if (candidate.IsUsable && BetterAcrossCusps(model, returns, candidate, ranked) is var (leftAcross, leftScan))
            {
                (passes, guardPasses, candidate) = (passes + leftScan, guardPasses + leftScan, leftAcross);
            }

            if (Better(candidate, answer))
            {
                (kept, answer) = (PreferLeft(model, kept, answer, candidate), candidate);
            }
            else if (candidate.IsUsable)
            {
                kept = PreferLeft(model, kept, candidate, answer);
            }
        }

        // The periodic cold probe (APARCH, where the process has a mode probe): every ColdProbeEvery fits of the main path's
        // count since its grid probe (so also on the fit after that probe or an estimate jump), the cold fit with all of this
        // (search across the cusps, mode probes; no cold probe of its own), its own path's fit taken; it answers where it beats
        // the answer by AcceptGain, and the answer's path carries it on (NASDAQ aparch-n 708: the cold fit 0.13 better than
        // the rolling one and the multi-start search, with μ on another return).
        var coldProbed = false;
        if (guard && cusps && coldProbe && answer.IsUsable && previous is not null
            && model.Process.ModeProbe(model.ProcessParameters(answer.Parameters)) is not null
            && WarmStartState.Unpack(main.Fit.Blob, n) is { } mainState && mainState.FitsSinceProbe % ColdProbeEvery == 0)
        {
            var (cold, coldPasses, _, _, _, _, _, _) = FitAndCount(model, returns, null, guard, cusps, ranked, coldProbe: false);
            (passes, guardPasses, coldProbed) = (passes + coldPasses, guardPasses + coldPasses, true);
            var candidate = TrackedPath.Split(TrackedPath.SplitLeft(cold, n).Answer, n).Own ?? cold;
            if (Better(candidate, answer))
            {
                (kept, answer) = (PreferLeft(model, kept, answer, candidate), candidate);
            }
        }

        var changed = main.Changed || !ReferenceEquals(answer, main.Fit);
        var packed = ReferenceEquals(answer, main.Fit) || !main.Fit.IsUsable ? answer : TrackedPath.Pack(answer, main.Fit, n);
        var result = kept is not null && OtherMode(model, kept, answer) && kept.LogLikelihood >= answer.LogLikelihood - AlternativeMargin
            ? TrackedPath.PackLeft(packed, TrackedPath.Split(kept, n).Own!, n)
            : packed;
        return (result, passes, guardPasses, best.Fallback, main.Probed || scanned || modeProbed || coldProbed, tracked || kept is not null,
            changed, scanned);
    }

    // The better of fit and the search across the cusps from it (AcrossMeanCusps), with the search's passes; null where the
    // process has no cusps at fit's estimate (no search ran).
    private static (ModelFit Fit, int Passes)? BetterAcrossCusps(VolatilityModel model, ReadOnlySpan<double> returns, ModelFit fit,
        bool ranked) =>
        AcrossMeanCusps(model, returns, fit, ranked) is (var across, var passes)
            ? (across is not null && Better(across, fit) ? across : fit, passes)
            : null;

    // Of the maximum kept so far and another that the answer displaced, the one in the answer's other mode, the better where both are.
    private static ModelFit? PreferLeft(VolatilityModel model, ModelFit? kept, ModelFit other, ModelFit answer) =>
        kept is null || !OtherMode(model, kept, answer) ? other
        : !OtherMode(model, other, answer) || kept.LogLikelihood >= other.LogLikelihood ? kept : other;

    // Whether two fits lie in different modes of the process's mode probe (APARCH: on different sides of δ = 1).
    private static bool OtherMode(VolatilityModel model, ModelFit a, ModelFit b) =>
        model.Process.ModeProbe(model.ProcessParameters(a.Parameters)) != model.Process.ModeProbe(model.ProcessParameters(b.Parameters));

    /// <summary>The probe of <see cref="VolatilityProcess.ModeProbe"/> from <paramref name="value"/>: a local search from
    /// <paramref name="from"/>'s estimate with the process's part put at <see cref="VolatilityProcess.ModeProbeStart"/>, curvature measured there; its fit (null
    /// where unusable) and the passes spent.</summary>
    private static (ModelFit? Fit, int Passes) ProbeMode(VolatilityModel model, ReadOnlySpan<double> returns, ModelFit from,
        double value, ProjectedQuasiNewton.Basin? basin = null)
    {
        var start = (double[])from.Parameters.Clone();
        model.Process.ModeProbeStart(model.ProcessParameters(from.Parameters), value, DataScale.Of(returns),
            start.AsSpan(model.ProcessOffset, model.Process.ParameterCount));
        var fit = LocalFit(model, returns, start, out var passes, basin);
        return (fit is { IsUsable: true } ? fit : null, passes);
    }

    /// <summary>Where the farther probe stops (see <see cref="VolatilityProcess.FartherModeProbe"/>): back on the answer's side of
    /// where the probe from <paramref name="value"/> started and fell back from, the other coordinates anywhere, without beating
    /// <paramref name="answer"/> by <see cref="AcceptGain"/> (APARCH: δ below 2 again, the way that probe went).</summary>
    private static ProjectedQuasiNewton.Basin FallenBack(VolatilityModel model, ReadOnlySpan<double> returns, ModelFit answer,
        double value)
    {
        var n = model.ParameterCount;
        var scale = DataScale.Of(returns);
        var (index, _) = model.Process.ModeProbe(model.ProcessParameters(answer.Parameters))!.Value;
        var coordinate = model.ProcessOffset + index;
        var at = (double[])answer.Parameters.Clone();
        var working = new double[n];
        model.ToWorking(at, scale, working);
        var from = working[coordinate];
        at[coordinate] = value;
        model.ToWorking(at, scale, working);
        var radius = new double[n];
        Array.Fill(radius, double.PositiveInfinity);
        // The stretch of the coordinate from the probe's start to its bound on the answer's side.
        var bound = from < working[coordinate] ? model.WorkingLower[coordinate] : model.WorkingUpper[coordinate];
        radius[coordinate] = 0.5 * Math.Abs(working[coordinate] - bound);
        working[coordinate] = 0.5 * (working[coordinate] + bound);
        return new ProjectedQuasiNewton.Basin(working, radius, -answer.LogLikelihood / returns.Length - AcceptGain / returns.Length);
    }

    /// <summary>A local search from <paramref name="start"/> (natural parameters), curvature measured there, as
    /// <see cref="FitFrom"/> runs it; null where the likelihood is not finite at the start. <paramref name="passes"/>: the
    /// likelihood passes it spent.</summary>
    private static ModelFit? LocalFit(VolatilityModel model, ReadOnlySpan<double> returns, ReadOnlySpan<double> start, out int passes,
        ProjectedQuasiNewton.Basin? basin = null)
    {
        var scale = DataScale.Of(returns);
        var likelihood = VolatilityLikelihood.ForThread(model, returns);
        var working = new double[model.ParameterCount];
        model.ToWorking(start, scale, working);
        var objective = new LikelihoodObjective(likelihood, scale);
        var fit = objective.Value(working) < LikelihoodObjective.Penalty
            && Optimise(model, likelihood, objective, working, null, basin, lastStep: true) is { } search
            ? Finish(model, likelihood, search.Objective, scale, search.Iterations, search.Trouble, warm: false)
            : null;
        passes = likelihood.Passes;
        return fit;
    }

    // Whether a fit is better than another by more than AcceptGain (a usable one than a failure).
    private static bool Better(ModelFit candidate, ModelFit than) =>
        candidate.IsUsable && (!than.IsUsable || candidate.LogLikelihood > than.LogLikelihood + AcceptGain);

    /// <summary>One fit of a path and what it cost: likelihood passes in all and the guard's share, and what the guard did.</summary>
    private sealed record PathFit(ModelFit Fit, int Passes, int GuardPasses, bool Fallback, bool Probed, bool Tracked, bool Changed);

    /// <summary>The fit from <paramref name="previous"/> (or cold) with the stuck-optimum guard (<see cref="Guard"/>) when
    /// <paramref name="guard"/>, but not the search across the mean's cusps.</summary>
    private static PathFit FitPath(VolatilityModel model, ReadOnlySpan<double> returns, ModelFit? previous, bool guard)
    {
        if (CheckData(model, returns, out var scale) is { } problem)
        {
            return new PathFit(ModelFit.Failure(problem), 0, 0, false, false, false, false);
        }

        var likelihood = VolatilityLikelihood.ForThread(model, returns);
        var n = model.ParameterCount;
        var start = new double[n];
        var curvature = new double[n * n];
        var warm = TryWarmStart(model, previous, scale, start, curvature, out var carried);
        Search? search = null;
        if (warm)
        {
            search = Optimise(model, likelihood, new LikelihoodObjective(likelihood, scale), start, carried ? curvature : null,
                lastStep: true);
            if (search is null)
            {
                // The previous estimate is no start for this window: a cold start instead.
                warm = false;
            }
        }

        if (search is null)
        {
            var objective = new LikelihoodObjective(likelihood, scale);
            ColdStart(model, returns, scale, objective, start);
            search = objective.BestValue < LikelihoodObjective.Penalty ? Optimise(model, likelihood, objective, start, null, lastStep: true) : null;
        }

        if (search is null)
        {
            return new PathFit(ModelFit.Failure($"{model.Name}: the likelihood is not finite at any starting value"), likelihood.Passes,
                0, false, false, false, false);
        }

        var searchPasses = likelihood.Passes;
        var kept = guard ? Guard(model, returns, likelihood, scale, search, warm ? previous : null)
            : new GuardResult(search, search.Iterations, new GuardMemory(0, 0, null, null), false, false, false);
        var guardPasses = likelihood.Passes - searchPasses;
        var fit = Finish(model, likelihood, kept.Best.Objective, scale, kept.Iterations, kept.Best.Trouble, warm, kept.Memory);
        return new PathFit(fit, likelihood.Passes, guardPasses, kept.Best.Fallback, kept.Probed, kept.Tracked, kept.Changed);
    }

    /// <summary>What the stuck-optimum guard kept: the best search and its steps (the fit's
    /// <see cref="ModelFit.Iterations"/>; the guard's own work shows in <see cref="FitCounters"/>), its memory for the
    /// next fit (fits since its last probe, the other maximum it tracks), and what it did.</summary>
    private sealed record GuardResult(Search Best, int Iterations, GuardMemory Memory, bool Probed, bool Tracked, bool Changed);

    /// <summary>The guard's part of <see cref="WarmStartState"/>: fits since the last probe and the other local maximum
    /// (natural parameters and curvature in working coordinates), if one is tracked.</summary>
    private sealed record GuardMemory(int FitsSinceProbe, int FitsSinceFlip, double[]? Alternative, double[]? AlternativeHessian,
        int BoundCoordinate = -1, double[]? BoundPoint = null, double[]? BoundHessian = null);

    /// <summary>
    /// The stuck-optimum guard. A warm start follows yesterday's maximum; where the likelihood has two (EGARCH with
    /// α on its bound or small and positive, seen on S&amp;P 500 windows of 2005–06), the other can overtake it while
    /// the rolling fit stays put. So: (1) a probe, local searches from the best points of the cold-start grid, runs
    /// on a cold fit's successor, every <see cref="ProbeEvery"/> fits, and when the warm fit ends on a bound or its
    /// estimates jump; (2) a distinct maximum a probe finds within <see cref="AlternativeMargin"/> of the best is
    /// remembered and refitted warm on every later window (about the cost of the warm fit itself) for as long as it
    /// stays distinct and within the margin, so the rolling fit switches when it overtakes; (3) while none is tracked,
    /// bound flips (<see cref="BoundFlips"/>) on the bounds the model declares bimodal
    /// (<see cref="VolatilityModel.BimodalLowerBounds"/>: EGARCH's α); (4) the best of all searches is the answer.
    /// Searches that enter the warm maximum's basin stop there (<see cref="BasinOf(Search, int)"/>), and a flip whose held stage shows
    /// no maximum on the bound is not released, so that the guard costs little where it finds nothing. Every decision depends only on the window and the previous fit, so a grain that
    /// persists its fits decides as the batch engine does.
    /// </summary>
    private static GuardResult Guard(VolatilityModel model, ReadOnlySpan<double> returns, VolatilityLikelihood likelihood,
        DataScale scale, Search primary, ModelFit? previous)
    {
        var n = model.ParameterCount;
        var memory = previous is null ? null : WarmStartState.Unpack(previous.Blob, n);
        var searches = new List<Search>(4) { primary };
        var tracked = false;
        // A guard search that comes within half a standard error of the warm fit's maximum would only find it again
        // (Distinct's measure; it could replace it only by gaining AcceptGain): it stops there.
        var basin = BasinOf(primary, likelihood.Count);
        if (memory?.Alternative is { } alternative)
        {
            var start = new double[n];
            model.ToWorking(alternative, scale, start);
            if (Optimise(model, likelihood, new LikelihoodObjective(likelihood, scale), start,
                    (double[])memory.AlternativeHessian!.Clone(), basin) is { } other)
            {
                searches.Add(other);
            }

            tracked = true;
        }

        // A cold fit (no previous) does not probe itself (a cold fit's cost is the cold start's), but its successor does.
        var since = previous is null || memory is null ? ProbeEvery : Math.Min(memory.FitsSinceProbe, ProbeEvery);
        var sinceFlip = previous is null || memory is null ? FlipEvery : Math.Min(memory.FitsSinceFlip, FlipEvery);
        var probed = false;
        var flips = previous is not null && !tracked ? BoundFlips(model, primary, likelihood.Count, sinceFlip + 1 >= FlipEvery) : [];
        var inward = false;
        var boundCoordinate = -1;
        double[]? boundPoint = null, boundHessian = null;
        foreach (var (coordinate, value) in flips)
        {
            inward |= value > primary.Objective.BestWorking[coordinate];
            // The other mode of a bound: from the warm estimate with a coordinate on its bound moved inward, or with one
            // within a few standard errors of its bound put on it, from the warm fit's curvature. (A one-pass screen by
            // the warm maximum's quadratic model does not work: the two EGARCH maxima are far apart in β and γ too.)
            probed = true;
            // A flip onto a bound starts from the last such flip's held maximum, if any, with the held search's curvature
            // there: it has moved little since, and the warm maximum's curvature, far off in β and γ, cost the held
            // search twice the steps.
            var fromHeld = memory is { BoundPoint: not null } && memory.BoundCoordinate == coordinate
                && value == model.WorkingLower[coordinate];
            var heldStart = fromHeld ? memory!.BoundPoint : null;
            var heldCurvature = fromHeld ? memory!.BoundHessian : null;
            if (OptimiseFrom(model, likelihood, scale, primary, coordinate, value, basin, heldStart, heldCurvature,
                    out var heldMaximum, out var heldEnd) is { } flip)
            {
                searches.Add(flip);
            }

            if (heldMaximum is not null && value == model.WorkingLower[coordinate])
            {
                (boundCoordinate, boundPoint, boundHessian) = (coordinate, heldMaximum, heldEnd);
            }
        }

        sinceFlip = inward ? 0 : sinceFlip + 1;
        if (previous is not null && (since + 1 >= ProbeEvery || Jumped(model, scale, primary, previous)))
        {
            probed = true;
            since = 0;
            foreach (var start in ProbeStarts(model, returns, scale, likelihood))
            {
                if (Optimise(model, likelihood, new LikelihoodObjective(likelihood, scale), start, (double[])primary.Curvature.Clone(), basin) is { } probe)
                {
                    searches.Add(probe);
                }
            }
        }
        else
        {
            since++;
        }

        // Another search replaces the warm fit only if it gains more than AcceptGain: a maximum found again from
        // elsewhere (to round-off) leaves the answer as the warm fit gave it.
        var best = primary;
        var gain = AcceptGain / likelihood.Count;
        foreach (var candidate in searches)
        {
            if (candidate.Objective.BestValue < (best == primary ? primary.Objective.BestValue - gain : best.Objective.BestValue))
            {
                best = candidate;
            }
        }

        // The runner-up: the best distinct maximum within the margin.
        Search? runnerUp = null;
        var margin = AlternativeMargin / likelihood.Count;
        foreach (var candidate in searches)
        {
            if (candidate != best && candidate.Objective.BestValue <= best.Objective.BestValue + margin
                && Distinct(best, candidate, likelihood.Count)
                && (runnerUp is null || candidate.Objective.BestValue < runnerUp.Objective.BestValue))
            {
                runnerUp = candidate;
            }
        }

        double[]? alternativeNatural = null;
        if (runnerUp is not null)
        {
            alternativeNatural = new double[n];
            model.ToNatural(runnerUp.Objective.BestWorking, scale, alternativeNatural, new double[n * n]);
        }

        var next = new GuardMemory(since, sinceFlip, alternativeNatural, runnerUp?.Curvature, boundCoordinate, boundPoint, boundHessian);
        var changed = best != primary;
        return new GuardResult(best, best.Iterations, next, probed, tracked, changed);
    }

    /// <summary>
    /// The best of a multi-start search: a full local search from every point of the process's starting grid
    /// (<see cref="VolatilityProcess.StartingGrid"/>, with the mean and distribution starts of a cold fit), each
    /// with its own measured curvature. Many times the cost of <see cref="Fit(VolatilityModel, ReadOnlySpan{double}, ModelFit?)"/>; the reference the rolling
    /// fits and their stuck-optimum guard are checked against.
    /// </summary>
    public static ModelFit FitMultiStart(VolatilityModel model, ReadOnlySpan<double> returns)
    {
        if (CheckData(model, returns) is { } problem)
        {
            return ModelFit.Failure(problem);
        }

        var scale = DataScale.Of(returns);
        var likelihood = VolatilityLikelihood.ForThread(model, returns);
        Search? best = null;
        var iterations = 0;
        foreach (var start in StartingPoints(model, returns, scale))
        {
            var objective = new LikelihoodObjective(likelihood, scale);
            if (!(objective.Value(start) < LikelihoodObjective.Penalty) || Optimise(model, likelihood, objective, start, null) is not { } search)
            {
                continue;
            }

            iterations += search.Iterations;
            if (best is null || search.Objective.BestValue < best.Objective.BestValue)
            {
                best = search;
            }
        }

        return best is null
            ? ModelFit.Failure($"{model.Name}: the likelihood is not finite at any starting value")
            : Finish(model, likelihood, best.Objective, scale, iterations, best.Trouble, warm: false);
    }

    /// <summary>
    /// A local search from <paramref name="start"/> (natural parameters in the order of
    /// <see cref="VolatilityModel.ParameterNames"/>, clamped into the box), with curvature measured there.
    /// </summary>
    public static ModelFit FitFrom(VolatilityModel model, ReadOnlySpan<double> returns, ReadOnlySpan<double> start)
    {
        if (CheckData(model, returns) is { } problem)
        {
            return ModelFit.Failure(problem);
        }

        if (start.Length != model.ParameterCount)
        {
            throw new ArgumentException($"{model.Name}: {start.Length} starting values for {model.ParameterCount} parameters", nameof(start));
        }

        return LocalFit(model, returns, start, out _) ?? ModelFit.Failure($"{model.Name}: the likelihood is not finite at the starting values");
    }

    /// <summary>The cold start's candidates in natural parameters: each point of the process's starting grid, with
    /// the mean at the sample mean and the distribution's own starting values.</summary>
    public static IReadOnlyList<double[]> StartingValues(VolatilityModel model, ReadOnlySpan<double> returns) =>
        NaturalStartingPoints(model, returns, DataScale.Of(returns));

    private static List<double[]> NaturalStartingPoints(VolatilityModel model, ReadOnlySpan<double> returns, DataScale scale)
    {
        var natural = new double[model.ParameterCount];
        natural[0] = ConstantMean.StartingValue(scale);
        model.Distribution.StartingValues(returns).CopyTo(natural, model.DistributionOffset);
        var points = new List<double[]>();
        foreach (var processStart in model.Process.StartingGrid(scale))
        {
            processStart.CopyTo(natural, model.ProcessOffset);
            points.Add((double[])natural.Clone());
        }

        return points;
    }

    /// <summary>One local search: its objective (holding the best point), accepted steps, whether BFGS-B took over,
    /// and what went wrong, if anything.</summary>
    /// <param name="Curvature">The search's last curvature matrix (n × n, working coordinates): the Hessian it measured
    /// or carried, after its BFGS updates.</param>
    private sealed record Search(LikelihoodObjective Objective, int Iterations, bool Fallback, string? Trouble, double[] Curvature);

    /// <summary>
    /// The projected quasi-Newton search from <paramref name="start"/> (working coordinates; overwritten) with
    /// initial curvature <paramref name="curvature"/> (null: measured at the start), and MathNet's BFGS-B from its
    /// best point when it stalls away from a maximum. Null when the likelihood is not finite at the start, or when the
    /// search enters <paramref name="basin"/> (it is on its way to that known maximum). <paramref name="lastStep"/>: the fit's
    /// own search, whose expected last step evaluates the Hessian (see <see cref="LastStepDecrement"/>).
    /// </summary>
    private static Search? Optimise(VolatilityModel model, VolatilityLikelihood likelihood, LikelihoodObjective objective,
        double[] start, double[]? curvature, ProjectedQuasiNewton.Basin? basin = null, bool lastStep = false)
    {
        var n = model.ParameterCount;
        if (curvature is null)
        {
            curvature = new double[n * n];
            objective.Hessian(start, model.WorkingLower, model.WorkingUpper, curvature);
        }

        objective.SetScaling(start, Diagonal(curvature, n));
        var x = (double[])start.Clone();
        var outcome = ProjectedQuasiNewton.Minimize(objective, model.WorkingLower, model.WorkingUpper, x, curvature,
            GradientTolerance, DecrementTolerance / likelihood.Count, BoundTolerance, MaximumIterations, out var iterations, basin,
            lastStep ? LastStepDecrement / likelihood.Count : -1);
        if (outcome is ProjectedQuasiNewton.Outcome.NotFinite or ProjectedQuasiNewton.Outcome.Merged
            || !(objective.BestValue < LikelihoodObjective.Penalty))
        {
            return null;
        }

        string? trouble = null;
        var fallback = false;
        if (outcome != ProjectedQuasiNewton.Outcome.Converged && !Judge(model, objective).Converged)
        {
            // The quasi-Newton search stalled away from a maximum: MathNet's BFGS-B from its best point.
            objective.BestWorking.CopyTo(start, 0);
            (var more, trouble) = MinimizeWithBfgsB(model, objective, start);
            iterations += more;
            fallback = true;
        }

        return new Search(objective, iterations, fallback, trouble, curvature);
    }

    /// <summary>
    /// A cold-start fit by MathNet's BFGS-B alone (the fitter before the quasi-Newton search, and its fallback
    /// now): the independent reference the tests hold the quasi-Newton fits to.
    /// </summary>
    internal static ModelFit FitWithBfgsB(VolatilityModel model, ReadOnlySpan<double> returns)
    {
        if (CheckData(model, returns) is { } problem)
        {
            return ModelFit.Failure(problem);
        }

        var scale = DataScale.Of(returns);
        var likelihood = VolatilityLikelihood.ForThread(model, returns);
        var objective = new LikelihoodObjective(likelihood, scale);
        var start = new double[model.ParameterCount];
        ColdStart(model, returns, scale, objective, start);
        if (!(objective.BestValue < LikelihoodObjective.Penalty))
        {
            return ModelFit.Failure($"{model.Name}: the likelihood is not finite at any starting value");
        }

        var (iterations, trouble) = MinimizeWithBfgsB(model, objective, start);
        return Finish(model, likelihood, objective, scale, iterations, trouble, warm: false);
    }

    /// <summary>
    /// The fallback search: MathNet's box-bounded BFGS from <paramref name="start"/>, with coordinates scaled by
    /// curvature measured there, restarted from its best point when its line search fails. Returns the
    /// iterations spent and what went wrong, if anything.
    /// </summary>
    private static (int Iterations, string? Trouble) MinimizeWithBfgsB(VolatilityModel model, LikelihoodObjective objective,
        double[] start)
    {
        objective.SetScaling(start, model.WorkingLower, model.WorkingUpper);
        var minimizer = new BfgsBMinimizer(GradientTolerance, ParameterTolerance, 0, MaximumIterations);
        var function = ObjectiveFunction.Gradient(objective.Evaluate);
        var iterations = 0;
        for (var attempt = 0; ; attempt++)
        {
            var lower = objective.ToScaled(model.WorkingLower);
            var upper = objective.ToScaled(model.WorkingUpper);
            var initial = Clamp(objective.ToScaled(start), lower, upper);

            var evaluationsBefore = objective.Evaluations;
            try
            {
                var result = minimizer.FindMinimum(function, lower, upper, initial);
                return (iterations + result.Iterations, null);
            }
            catch (MaximumIterationsException)
            {
                // Also thrown by the line search; either way the budget is spent.
                return (iterations + MaximumIterations, $"iteration limit ({MaximumIterations}) reached");
            }
            catch (Exception ex) when (ex is OptimizationException or OptimizerStalledException or ArgumentException
                                           or ArithmeticException)
            {
                // A line search that fails or stalls: on round-off near the optimum (then the best point is
                // as good as it gets), or where MathNet's quasi-Newton direction went bad (then restart from
                // the best point with freshly measured curvature). The iteration count of an aborted run is
                // unknown; its gradient evaluations bound it.
                iterations += objective.Evaluations - evaluationsBefore;
                var trouble = $"optimiser stopped: {Describe(ex)}";
                if (attempt == Restarts || Judge(model, objective).Converged)
                {
                    return (iterations, trouble);
                }

                objective.BestWorking.CopyTo(start, 0);
                objective.SetScaling(start, model.WorkingLower, model.WorkingUpper);
            }
        }
    }

    /// <summary>A reason the data cannot be fitted, or null.</summary>
    public static string? CheckData(VolatilityModel model, ReadOnlySpan<double> returns) => CheckData(model, returns, out _);

    /// <summary><see cref="CheckData(VolatilityModel, ReadOnlySpan{double})"/>, and the returns' scale it measures on the way.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static string? CheckData(VolatilityModel model, ReadOnlySpan<double> returns, out DataScale scale)
    {
        scale = default;
        if (returns.Length < MinimumObservations)
        {
            return $"{model.Name}: {returns.Length} returns, a fit needs at least {MinimumObservations}";
        }

        for (var t = 0; t < returns.Length; t++)
        {
            if (!double.IsFinite(returns[t]))
            {
                return $"{model.Name}: return {t + 1} of {returns.Length} is {returns[t].ToString(CultureInfo.InvariantCulture)}";
            }
        }

        scale = DataScale.Of(returns);
        // Relative to the squared mean, so that constant data with round-off in the mean fail too.
        if (!(scale.Variance > 1e-14 * scale.Mean * scale.Mean) || scale.Variance == 0)
        {
            return $"{model.Name}: the returns have zero variance";
        }

        return null;
    }

    /// <summary>
    /// Warm start from a usable previous fit of the same shape: its parameters as the start, and, in
    /// <paramref name="carried"/>, whether its blob held the Hessian at that estimate (then in
    /// <paramref name="curvature"/>): the previous window's curvature, which moves little from one window to
    /// the next, so the first quasi-Newton step is a Newton step. Returns false for no warm start.
    /// </summary>
    private static bool TryWarmStart(VolatilityModel model, ModelFit? previous, DataScale scale, double[] start,
        double[] curvature, out bool carried)
    {
        carried = false;
        var n = model.ParameterCount;
        if (previous is not { IsUsable: true } || previous.Parameters.Length != n || previous.Parameters.Any(p => !double.IsFinite(p)))
        {
            return false;
        }

        model.ToWorking(previous.Parameters, scale, start);

        if (WarmStartState.Unpack(previous.Blob, n) is { } state)
        {
            state.Hessian.CopyTo(curvature, 0);
            carried = true;
        }

        return true;
    }

    private static void ColdStart(VolatilityModel model, ReadOnlySpan<double> returns, DataScale scale,
        LikelihoodObjective objective, double[] start)
    {
        var best = double.PositiveInfinity;
        var candidates = StartingPoints(model, returns, scale);
        Span<double> values = stackalloc double[candidates.Count];
        objective.Values(candidates, values);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (values[i] < best)
            {
                best = values[i];
                candidates[i].CopyTo(start, 0);
            }
        }
    }

    /// <summary>The cold start's candidates in working coordinates: each point of the process's starting grid,
    /// with the mean at the sample mean and the distribution's own starting values.</summary>
    private static List<double[]> StartingPoints(VolatilityModel model, ReadOnlySpan<double> returns, DataScale scale)
    {
        var points = new List<double[]>();
        foreach (var natural in NaturalStartingPoints(model, returns, scale))
        {
            var candidate = new double[model.ParameterCount];
            model.ToWorking(natural, scale, candidate);
            points.Add(candidate);
        }

        return points;
    }

    /// <summary>
    /// Starts for the other mode of a bound (at most <see cref="MaximumFlips"/>): the search's estimate with a coordinate
    /// that sits on its lower bound moved inward (when <paramref name="inward"/>) by <see cref="FlipStep"/> of its box width, or with one that lies within
    /// <see cref="NearBoundInStandardErrors"/> standard errors (by the search's curvature) of it put on it. Only the
    /// model's <see cref="VolatilityModel.BimodalLowerBounds"/>: lower bounds where the working coordinates put an effect
    /// to zero and a boundary maximum beside an interior one is possible (what the rolling EGARCH fits met); the upper
    /// bounds are limits (unit persistence, ν → ∞) where the likelihood flattens rather than peaks again.
    /// </summary>
    private static List<(int Coordinate, double Value)> BoundFlips(VolatilityModel model, Search search, int count, bool inward)
    {
        var n = model.ParameterCount;
        var x = search.Objective.BestWorking;
        var flips = new List<(int, double)>();
        foreach (var j in model.BimodalLowerBounds)
        {
            if (flips.Count == MaximumFlips)
            {
                break;
            }

            var lower = model.WorkingLower[j];
            var upper = model.WorkingUpper[j];
            var width = upper - lower;
            var curvature = search.Curvature[j * n + j];
            var near = curvature > 0 ? NearBoundInStandardErrors / Math.Sqrt(curvature * count) : 0;
            if (x[j] - lower <= BoundTolerance * width)
            {
                if (inward)
                {
                    flips.Add((j, lower + FlipStep * width));
                }
            }
            else if (x[j] - lower < near)
            {
                flips.Add((j, lower));
            }
        }

        return flips;
    }

    /// <summary>
    /// A search for the other mode of a bound: from <paramref name="from"/>'s estimate with working coordinate
    /// <paramref name="coordinate"/> held at <paramref name="value"/> while the others adapt to it (the other mode's
    /// other parameters differ too, so released at once the search would fall back), then released; both stages
    /// start from <paramref name="from"/>'s curvature. <paramref name="heldStart"/> (natural parameters), when given, is the
    /// held stage's start instead of <paramref name="from"/>'s estimate, and <paramref name="heldCurvature"/>, when given, its
    /// curvature; <paramref name="heldMaximum"/> is where the held stage ended and <paramref name="heldEnd"/> its curvature
    /// there (the next such flip's). Null when the likelihood is not finite there, when the release enters <paramref name="basin"/>, or when
    /// a coordinate put on its bound holds no maximum there.
    /// </summary>
    private static Search? OptimiseFrom(VolatilityModel model, VolatilityLikelihood likelihood, DataScale scale, Search from,
        int coordinate, double value, ProjectedQuasiNewton.Basin basin, double[]? heldStart, double[]? heldCurvature,
        out double[]? heldMaximum, out double[]? heldEnd)
    {
        heldMaximum = heldEnd = null;
        var n = model.ParameterCount;
        var lower = model.WorkingLower.ToArray();
        var upper = model.WorkingUpper.ToArray();
        lower[coordinate] = upper[coordinate] = value;
        var curvature = (double[])(heldCurvature ?? from.Curvature).Clone();
        var held = new LikelihoodObjective(likelihood, scale);
        var x = (double[])from.Objective.BestWorking.Clone();
        if (heldStart is not null)
        {
            model.ToWorking(heldStart, scale, x);
        }

        x[coordinate] = value;
        if (heldCurvature is not null && value == model.WorkingLower[coordinate]
            && ScreenedOut(likelihood, held, from, coordinate, x, curvature, lower, upper) is { } newton)
        {
            heldMaximum = new double[n];
            model.ToNatural(newton, scale, heldMaximum, new double[n * n]);
            heldEnd = curvature;
            return null;
        }

        held.SetScaling(x, Diagonal(curvature, n));
        var outcome = ProjectedQuasiNewton.Minimize(held, lower, upper, x, curvature, HeldGradientTolerance,
            HeldDecrementTolerance / likelihood.Count, BoundTolerance, MaximumIterations, out var heldIterations);
        if (outcome == ProjectedQuasiNewton.Outcome.NotFinite || !(held.BestValue < LikelihoodObjective.Penalty))
        {
            return null;
        }

        heldMaximum = new double[n];
        model.ToNatural(held.BestWorking, scale, heldMaximum, new double[n * n]);
        heldEnd = (double[])curvature.Clone();

        // Put on its bound, a coordinate still pulled inward once the others have adapted holds no maximum there: the
        // release would climb back to the maximum it came from (every such S&P 500 EGARCH flip did).
        if (value == model.WorkingLower[coordinate] && held.BestHasGradient && held.BestGradient[coordinate] < 0
            && held.BestValue >= from.Objective.BestValue)
        {
            return null;
        }

        var start = (double[])held.BestWorking.Clone();
        return Optimise(model, likelihood, new LikelihoodObjective(likelihood, scale), start, curvature, basin) is { } released
            ? released with { Iterations = released.Iterations + heldIterations }
            : null;
    }

    /// <summary>
    /// The search across the cusps in the mean (<see cref="VolatilityProcess.HasMeanCusps"/>: APARCH with δ &lt; 1). There the
    /// likelihood is smooth in μ only between neighbouring returns, each return a cusp: a downward one is a wall no gradient
    /// search crosses, an upward one a maximum at the return itself, so a warm fit keeps the stretch it started in while the
    /// window's shift makes another one better (on S&amp;P 500 windows of 2001–02 by up to 0.15 in log-likelihood, γ on its
    /// bound and δ ≈ 0.2–0.5). From <paramref name="from"/>'s estimate, μ is put in the middle of each stretch between the
    /// returns within <see cref="StretchRadius"/> of its μ (and the stretches just beyond) and held inside it while all
    /// parameters adapt (a few quasi-Newton steps from <paramref name="from"/>'s curvature, loose tolerances); the best, when
    /// it beats <paramref name="from"/> by <see cref="AcceptGain"/>, is released and polished (and beside it the best of the
    /// farther tops, see <see cref="RankedRadius"/>, taken where it beats that by <see cref="RankedGain"/>), and its fit (with
    /// <paramref name="from"/>'s guard memory) comes back with the passes spent. Null when the process has no cusps at
    /// <paramref name="from"/>'s estimate; a null fit when no stretch beat it.
    /// </summary>
    private static (ModelFit? Fit, int Passes)? AcrossMeanCusps(VolatilityModel model, ReadOnlySpan<double> returns, ModelFit from,
        bool ranked)
    {
        var n = model.ParameterCount;
        if (!model.Process.HasMeanCusps(model.ProcessParameters(from.Parameters)))
        {
            return null;
        }

        // The fit's curvature, or, where its state holds none (at a return the Hessian in μ is not finite), the curvature
        // measured at the first stretch's start.
        var state = WarmStartState.Unpack(from.Blob, n);
        var carried = state?.Hessian;

        var scale = DataScale.Of(returns);
        var likelihood = VolatilityLikelihood.ForThread(model, returns);
        var count = likelihood.Count;
        var origin = new double[n];
        model.ToWorking(from.Parameters, scale, origin);
        var fromValue = new LikelihoodObjective(likelihood, scale).Value(origin);
        if (!(fromValue < LikelihoodObjective.Penalty))
        {
            return (null, likelihood.Passes);
        }

        // The returns that feed the recursion (the last feeds only the forecast) within the radius of μ, and the two nearest
        // on either side beyond it: the stretch between those two reaches the nearer one from outside, the side a cusp's
        // maximum at a return is approached from when γ points that way (with one, S&P 500 windows of 2003 kept μ 0.009
        // from the better return: 20 windows 0.01 short of the multi-start, with two 10, at 3% more passes).
        var s = scale.StandardDeviation;
        var mu = from.Parameters[0];
        var radius = StretchRadius * s / Math.Sqrt(count);
        var ends = new List<double>();
        // The two nearest below μ are the two largest there; those above, the two largest of the negated returns.
        Span<double> below = [double.NegativeInfinity, double.NegativeInfinity];
        Span<double> aboveNegated = [double.NegativeInfinity, double.NegativeInfinity];
        for (var t = 0; t < returns.Length - 1; t++)
        {
            var r = returns[t];
            if (Math.Abs(r - mu) <= radius)
            {
                ends.Add(r);
            }
            else
            {
                KeepTwoLargest(r < mu ? below : aboveNegated, r < mu ? r : -r);
            }
        }

        for (var k = 0; k < below.Length; k++)
        {
            if (double.IsFinite(below[k]))
            {
                ends.Add(below[k]);
            }

            if (double.IsFinite(aboveNegated[k]))
            {
                ends.Add(-aboveNegated[k]);
            }
        }

        ends.Sort();
        // The stretches between neighbouring ends, then the better cusp tops with μ held on them (a == b).
        var stretches = new List<(double A, double B)>(ends.Count + CuspTops);
        for (var i = 0; i + 1 < ends.Count; i++)
        {
            if (ends[i + 1] > ends[i])
            {
                stretches.Add((ends[i], ends[i + 1]));
            }
        }

        foreach (var top in BetterCuspTops(new LikelihoodObjective(likelihood, scale), origin, fromValue, ends, s, count))
        {
            stretches.Add((top, top));
        }

        var lower = model.WorkingLower.ToArray();
        var upper = model.WorkingUpper.ToArray();
        Search? best = null, bestRanked = null;
        foreach (var (a, b) in stretches)
        {
            // The answer's own stretch is searched from the answer itself, μ held inside it: where the fit froze against a
            // cusp at the stretch's end (its gradient in μ unbounded there), the other parameters adapt with μ held (on a
            // return, both of its neighbours are searched).
            var own = a != b && a <= mu && mu <= b;
            Keep(Held(a, b, own, null, own ? MaximumIterations : StretchIterations));
        }

        // The farther cusp tops (see RankedRadius): each return there held after a few steps of the rest, the best searched on.
        if (ranked && carried is not null)
        {
            var candidates = new List<(double Value, double Top, double[] At)>();
            var far = RankedRadius * s / Math.Sqrt(count);
            var held = new HashSet<double>(stretches.Where(t => t.A == t.B).Select(t => t.A));
            for (var t = 0; t < returns.Length - 1; t++)
            {
                var r = returns[t];
                if (Math.Abs(r - mu) <= far && held.Add(r) && Held(r, r, false, null, RankSteps) is { } probe)
                {
                    candidates.Add((probe.Objective.BestValue, r, (double[])probe.Objective.BestWorking.Clone()));
                }
            }

            foreach (var (value, top, at) in candidates.OrderBy(c => c.Value).Take(RankedTops))
            {
                if (value < fromValue && Held(top, top, false, at, StretchIterations) is { } search
                    && (bestRanked is null || search.Objective.BestValue < bestRanked.Objective.BestValue))
                {
                    bestRanked = search;
                }
            }
        }

        void Keep(Search? search)
        {
            if (search is not null && (best is null || search.Objective.BestValue < best.Objective.BestValue))
            {
                best = search;
            }
        }

        // The search with μ held in the stretch [a, b] (on the return a where a == b) from origin, or from start, for at most
        // steps steps (tight tolerances for the answer's own stretch); null where it is empty or the likelihood not finite.
        Search? Held(double a, double b, bool own, double[]? start, int steps)
        {
            var top = a == b;
            var margin = StretchMargin * (b - a);
            lower[0] = Math.Max((a + margin) / s, model.WorkingLower[0]);
            upper[0] = Math.Min((b - margin) / s, model.WorkingUpper[0]);
            if (!(upper[0] > lower[0]) && !(top && upper[0] == lower[0]))
            {
                return null;
            }

            var x = (double[])(start ?? origin).Clone();
            x[0] = own ? Math.Clamp(origin[0], lower[0], upper[0]) : 0.5 * (lower[0] + upper[0]);
            var objective = new LikelihoodObjective(likelihood, scale);
            if (carried is null)
            {
                carried = new double[n * n];
                objective.Hessian(x, model.WorkingLower, model.WorkingUpper, carried);
            }

            // A coordinate the answer holds on a bound goes onto it: γ at ±1 is a cusp too when δ < 1 ((1 ∓ γ)^δ has an
            // unbounded slope there), so a γ left within the bound tolerance of it costs up to 0.05 in log-likelihood.
            for (var j = 1; j < n; j++)
            {
                var width = upper[j] - lower[j];
                x[j] = x[j] - lower[j] <= BoundTolerance * width ? lower[j] : upper[j] - x[j] <= BoundTolerance * width ? upper[j] : x[j];
            }

            var curvature = (double[])carried.Clone();
            objective.SetScaling(x, Diagonal(curvature, n));
            var outcome = own
                ? ProjectedQuasiNewton.Minimize(objective, lower, upper, x, curvature, GradientTolerance, DecrementTolerance / count,
                    BoundTolerance, steps, out var iterations)
                : ProjectedQuasiNewton.Minimize(objective, lower, upper, x, curvature, HeldGradientTolerance,
                    HeldDecrementTolerance / count, BoundTolerance, steps, out iterations);
            return outcome != ProjectedQuasiNewton.Outcome.NotFinite && objective.BestValue < LikelihoodObjective.Penalty
                ? new Search(objective, iterations, false, null, curvature)
                : null;
        }

        // Each released and polished where it beats the answer by AcceptGain; a farther top's answers only where it beats the
        // stretches' by RankedGain (its held maximum can fall back into the answer's basin once released, and then the
        // stretches' stands as it was).
        var released = Release(best);
        if (Release(bestRanked) is { } farther
            && farther.Objective.BestValue < (released?.Objective.BestValue ?? fromValue) - RankedGain / count)
        {
            released = farther;
        }

        if (released is null)
        {
            return (null, likelihood.Passes);
        }

        Search? Release(Search? held)
        {
            if (held is null || carried is null || !(held.Objective.BestValue < fromValue - AcceptGain / count))
            {
                return null;
            }

            var start = (double[])held.Objective.BestWorking.Clone();
            return Optimise(model, likelihood, new LikelihoodObjective(likelihood, scale), start, (double[])held.Curvature.Clone(),
                BasinOf(origin, carried, fromValue, count)) is { } polished
                ? polished with { Iterations = polished.Iterations + held.Iterations }
                : null;
        }

        var memory = state is null ? null : new GuardMemory(state.FitsSinceProbe, state.FitsSinceFlip, state.Alternative,
            state.AlternativeHessian, state.BoundCoordinate, state.BoundPoint, state.BoundHessian);
        var fit = Finish(model, likelihood, released.Objective, scale, released.Iterations, released.Trouble, warm: true, memory);
        return (fit, likelihood.Passes);
    }

    /// <summary>
    /// The cusp tops the search across the cusps also holds μ on (see <see cref="CuspTops"/>): of the returns in
    /// <paramref name="ends"/> (sorted), each scored by one pass from <paramref name="origin"/> (working coordinates) with μ put
    /// on it and the other parameters as they are, the <see cref="CuspTops"/> best of those that beat
    /// <paramref name="fromValue"/> (the answer's objective) by <see cref="CuspTopGain"/>, best first.
    /// </summary>
    private static List<double> BetterCuspTops(LikelihoodObjective scorer, double[] origin, double fromValue, List<double> ends,
        double s, int count)
    {
        var candidates = new List<double>(ends.Count);
        var points = new List<double[]>(ends.Count);
        foreach (var r in ends)
        {
            if (candidates.Count == 0 || r != candidates[^1])
            {
                candidates.Add(r);
                var x = (double[])origin.Clone();
                x[0] = r / s;
                points.Add(x);
            }
        }

        Span<double> values = candidates.Count <= 128 ? stackalloc double[candidates.Count] : new double[candidates.Count];
        scorer.Values(points, values);
        var tops = new List<double>(CuspTops);
        var threshold = fromValue - CuspTopGain / count;
        while (tops.Count < CuspTops)
        {
            var pick = -1;
            for (var i = 0; i < candidates.Count; i++)
            {
                if (values[i] < threshold && (pick < 0 || values[i] < values[pick]))
                {
                    pick = i;
                }
            }

            if (pick < 0)
            {
                break;
            }

            tops.Add(candidates[pick]);
            values[pick] = double.PositiveInfinity;
        }

        return tops;
    }

    /// <summary>
    /// The screen of a flip onto a bound (see <see cref="ScreenDecrement"/>): one pass at the held start
    /// <paramref name="x"/>, the Newton step there over the other coordinates by the carried held curvature, and from it
    /// the predicted held maximum. Returns the Newton point (working coordinates; the next such flip's start) when the
    /// bound clearly holds no maximum, else null.
    /// </summary>
    private static double[]? ScreenedOut(VolatilityLikelihood likelihood, LikelihoodObjective held, Search from, int coordinate,
        double[] x, double[] curvature, double[] lower, double[] upper)
    {
        var n = x.Length;
        Span<double> g = stackalloc double[n];
        var f = held.ValueAndGradient(x, g);
        if (!(f < LikelihoodObjective.Penalty))
        {
            return null;
        }

        // B_oo·d = −g_o over the other coordinates (d = 0 on the held one).
        Span<bool> free = stackalloc bool[n];
        free.Fill(true);
        free[coordinate] = false;
        Span<double> factor = stackalloc double[n * n];
        Span<double> d = stackalloc double[n];
        if (!ProjectedQuasiNewton.SolveFree(curvature, free, g, factor, d, n))
        {
            return null;
        }

        double decrement = 0, pull = g[coordinate];
        for (var j = 0; j < n; j++)
        {
            decrement -= 0.5 * g[j] * d[j];
            pull += curvature[coordinate * n + j] * d[j];
        }

        // In log-likelihood units: the decrement, and the pull per standard error of the coordinate (g is of −LL/T).
        var count = likelihood.Count;
        var diagonal = curvature[coordinate * n + coordinate];
        if (!(diagonal > 0) || !(decrement * count <= ScreenDecrement) || !(pull * count / Math.Sqrt(count * diagonal) <= -ScreenPull)
            || !(f - decrement >= from.Objective.BestValue))
        {
            return null;
        }

        var newton = (double[])x.Clone();
        for (var j = 0; j < n; j++)
        {
            newton[j] = Math.Clamp(x[j] + d[j], lower[j], upper[j]);
        }

        return newton;
    }

    /// <summary>Whether the search's estimate moved more than <see cref="JumpInStandardErrors"/> of the previous fit's
    /// standard errors in any parameter.</summary>
    private static bool Jumped(VolatilityModel model, DataScale scale, Search search, ModelFit previous)
    {
        if (previous.StandardErrors is not { } errors || errors.Length != model.ParameterCount)
        {
            return false;
        }

        var n = model.ParameterCount;
        Span<double> natural = stackalloc double[n];
        Span<double> jacobian = stackalloc double[n * n];
        model.ToNatural(search.Objective.BestWorking, scale, natural, jacobian);
        for (var j = 0; j < n; j++)
        {
            if (Math.Abs(natural[j] - previous.Parameters[j]) > JumpInStandardErrors * errors[j])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The probe's starts: the <see cref="ProbeStartCount"/> best points of the cold-start grid by likelihood.</summary>
    private static List<double[]> ProbeStarts(VolatilityModel model, ReadOnlySpan<double> returns, DataScale scale,
        VolatilityLikelihood likelihood)
    {
        var scorer = new LikelihoodObjective(likelihood, scale);
        var points = StartingPoints(model, returns, scale);
        var values = new double[points.Count];
        scorer.Values(points, values);

        var order = Enumerable.Range(0, points.Count).OrderBy(i => values[i]).ThenBy(i => i);
        return order.Where(i => values[i] < LikelihoodObjective.Penalty).Take(ProbeStartCount).Select(i => points[i]).ToList();
    }

    /// <summary>The basin of <paramref name="search"/>'s maximum: within half a standard error of it in every coordinate, by its
    /// curvature (the complement of <see cref="Distinct"/>), and not better than it by <see cref="AcceptGain"/>.</summary>
    private static ProjectedQuasiNewton.Basin BasinOf(Search search, int count) =>
        BasinOf(search.Objective.BestWorking, search.Curvature, search.Objective.BestValue, count);

    /// <summary>The basin of the maximum at <paramref name="working"/> with objective <paramref name="value"/> and curvature
    /// <paramref name="curvature"/> there (see <see cref="BasinOf(Search, int)"/>).</summary>
    private static ProjectedQuasiNewton.Basin BasinOf(double[] working, double[] curvature, double value, int count)
    {
        var n = working.Length;
        var radius = new double[n];
        for (var j = 0; j < n; j++)
        {
            var diagonal = Math.Max(curvature[j * n + j], 0);
            radius[j] = diagonal > 0 ? 0.5 / Math.Sqrt(diagonal * count) : 0;
        }

        return new ProjectedQuasiNewton.Basin((double[])working.Clone(), radius, value - AcceptGain / count);
    }

    /// <summary>Whether two searches ended at different maxima: more than half a standard error apart in some
    /// coordinate, by the curvature of <paramref name="best"/>.</summary>
    private static bool Distinct(Search best, Search other, int count)
    {
        var n = best.Objective.BestWorking.Length;
        for (var j = 0; j < n; j++)
        {
            var curvature = Math.Max(best.Curvature[j * n + j], 0);
            if (Math.Abs(best.Objective.BestWorking[j] - other.Objective.BestWorking[j]) * Math.Sqrt(curvature * count) > 0.5)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Judges the objective's best point: the projected gradient in the optimiser's
    /// unit-curvature units, the bounds it sits on, and, when the gradient test fails, the probe for a
    /// maximum where the gradient test cannot pass (round-off, or a non-smooth point).</summary>
    private static FitVerdict Judge(VolatilityModel model, LikelihoodObjective objective)
    {
        var n = model.ParameterCount;
        var working = (double[])objective.BestWorking.Clone();
        var gradient = new double[n];
        double value;
        if (objective.BestHasGradient)
        {
            objective.BestGradient.CopyTo(gradient, 0);
            value = objective.BestValue;
        }
        else
        {
            value = objective.ValueAndGradient(working, gradient);
        }

        var lower = model.WorkingLower;
        var upper = model.WorkingUpper;
        var relativeGradient = 0.0;
        var atBound = new List<string>();
        for (var j = 0; j < n; j++)
        {
            var width = upper[j] - lower[j];
            var onLower = working[j] - lower[j] <= BoundTolerance * width;
            var onUpper = upper[j] - working[j] <= BoundTolerance * width;
            // On a bound only an inward pull counts.
            var g = gradient[j] * objective.Scale[j];
            var projected = onLower ? Math.Min(g, 0) : onUpper ? Math.Max(g, 0) : g;
            relativeGradient = Math.Max(relativeGradient, Math.Abs(projected) / Math.Max(Math.Abs(value), 1));

            if (onLower || onUpper)
            {
                atBound.Add(model.DescribeBound(j, onUpper));
            }
        }

        var smooth = relativeGradient <= AcceptableGradient;
        var converged = smooth || IsCoordinateMinimum(objective, working, value, lower, upper);
        return new FitVerdict(converged, smooth, relativeGradient, atBound);
    }

    private static ModelFit Finish(VolatilityModel model, VolatilityLikelihood likelihood, LikelihoodObjective objective,
        DataScale scale, int iterations, string? trouble, bool warm, GuardMemory? memory = null)
    {
        var n = model.ParameterCount;
        var verdict = Judge(model, objective);
        var natural = new double[n];
        var jacobian = new double[n * n];
        model.ToNatural(objective.BestWorking, scale, natural, jacobian);
        double logLikelihood;
        double[,] hessian;
        if (objective.BestHasHessian)
        {
            // The search's last step evaluated it.
            logLikelihood = objective.BestLogLikelihood;
            hessian = (double[,])objective.BestNaturalHessian.Clone();
        }
        else if (objective.BestHasGradient && !likelihood.HasAnalyticHessian)
        {
            // The best point's own evaluation is the differenced Hessian's base point: n more gradient passes, not n + 1.
            logLikelihood = objective.BestLogLikelihood;
            hessian = LikelihoodStandardErrors.DifferencedHessian(likelihood, natural, objective.BestNaturalGradient);
        }
        else
        {
            hessian = LikelihoodStandardErrors.Hessian(likelihood, natural, out logLikelihood);
        }

        if (!double.IsFinite(logLikelihood))
        {
            return ModelFit.Failure($"{model.Name}: the likelihood is not finite at the estimate");
        }

        var standardErrors = LikelihoodStandardErrors.FromHessian(hessian);
        var working = WorkingHessian(hessian, jacobian, n, likelihood.Count);
        var blob = working is null ? null
            : new WarmStartState(working, memory?.FitsSinceProbe ?? ProbeEvery, memory?.FitsSinceFlip ?? FlipEvery,
                memory?.Alternative, memory?.AlternativeHessian, memory?.BoundCoordinate ?? -1, memory?.BoundPoint,
                memory?.BoundHessian).Pack();
        var gradientText = verdict.RelativeGradient.ToString("g3", CultureInfo.InvariantCulture);

        FitStatus status;
        string? message = null;
        if (verdict.Converged)
        {
            status = verdict.AtBound.Count > 0 ? FitStatus.ConvergedAtBound : FitStatus.Converged;
            if (verdict.AtBound.Count > 0)
            {
                message = $"on a bound: {string.Join("; ", verdict.AtBound)}";
            }

            if (!verdict.Smooth)
            {
                message = Append(message, $"gradient test not met (relative gradient {gradientText}), but no small step " +
                                          "in any parameter improves the likelihood");
            }
        }
        else
        {
            status = FitStatus.NotConverged;
            message = $"{model.Name} ({(warm ? "warm" : "cold")} start): {trouble ?? "stopped"}; " +
                      $"relative gradient {gradientText} at the best point";
        }

        if (standardErrors is null)
        {
            message = Append(message, "the log-likelihood Hessian is not negative definite: no standard errors");
        }

        return new ModelFit(status, natural, standardErrors, logLikelihood, iterations, message, blob);
    }

    /// <summary>Hessian of −LL/T in working coordinates, Jᵀ(−H)J/T (the gradient term of the chain rule
    /// is dropped: it vanishes at an interior optimum), for the next warm start.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double[]? WorkingHessian(double[,] hessian, double[] jacobian, int n, int count)
    {
        var working = new double[n * n];
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                double sum = 0;
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        sum += jacobian[i * n + a] * hessian[i, j] * jacobian[j * n + b];
                    }
                }

                working[a * n + b] = -sum / count;
                if (!double.IsFinite(working[a * n + b]))
                {
                    return null;
                }
            }
        }

        return working;
    }

    /// <summary>
    /// True when no small step (in the optimiser's unit-curvature coordinates) along any coordinate,
    /// inside the box, lowers the objective: the test for a maximum where the gradient test cannot pass.
    /// A smooth point with a scaled gradient above ~1e-6 fails it.
    /// </summary>
    private static bool IsCoordinateMinimum(LikelihoodObjective objective, double[] working, double value,
        IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        const double step = 1e-6;
        var probe = (double[])working.Clone();
        var tolerance = 1e-14 * Math.Max(Math.Abs(value), 1);
        for (var j = 0; j < working.Length; j++)
        {
            foreach (var sign in (ReadOnlySpan<double>)[-1.0, 1.0])
            {
                probe[j] = Math.Clamp(working[j] + sign * step * objective.Scale[j], lower[j], upper[j]);
                if (probe[j] != working[j] && objective.Value(probe) < value - tolerance)
                {
                    return false;
                }
            }

            probe[j] = working[j];
        }

        return true;
    }

    // Keeps in two[0] > two[1] the two largest distinct values offered (−∞ until there are two).
    private static void KeepTwoLargest(Span<double> two, double value)
    {
        if (value > two[0])
        {
            (two[1], two[0]) = (two[0], value);
        }
        else if (value > two[1] && value != two[0])
        {
            two[1] = value;
        }
    }

    private static double[] Diagonal(double[] matrix, int n)
    {
        var diagonal = new double[n];
        for (var j = 0; j < n; j++)
        {
            diagonal[j] = matrix[j * n + j];
        }

        return diagonal;
    }

    // Scaling can move a start on a bound off it by round-off; MathNet rejects starts outside the box.
    private static DenseVector Clamp(DenseVector y, DenseVector lower, DenseVector upper)
    {
        for (var j = 0; j < y.Count; j++)
        {
            y[j] = Math.Clamp(y[j], lower[j], upper[j]);
        }

        return y;
    }

    private static string Append(string? message, string more) => message is null ? more : $"{message}; {more}";

    private static string Describe(Exception ex) =>
        ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
}

