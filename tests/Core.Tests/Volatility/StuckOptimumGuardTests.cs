using RiskGrid.Core.Models;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Tests.Volatility;

/// <summary>
/// The stuck-optimum guard of <see cref="GarchFitter"/> on the S&amp;P 500 windows where, without it, the warm-started
/// rolling EGARCH fit stays in the wrong one of two maxima (α on its bound, or α ≈ 0.02–0.04) and ends below a
/// multi-start search by up to 1.2 in log-likelihood (windows starting 1999 + 572…855 trading days, found by
/// <c>bench/Benchmarks -- stuck</c>). Short rolling stretches from a cold fit: without the guard some window falls
/// more than 0.01 short (so the test sees the failure), with it none does.
/// </summary>
public sealed class StuckOptimumGuardTests
{
    private const int Window = 1000;
    private const double Tolerance = 0.01;

    [SharedDataTheory]
    [InlineData("egarch-n", 660, 666)] // the cold fit and, unguarded, the rolling ones at α ≈ 0.03 while α = 0 is better by up to 0.7
    [InlineData("egarch-t", 662, 666)]
    [InlineData("egarch-n", 829, 834)] // the cold fit and, unguarded, the rolling ones at α = 0 while α ≈ 0.035 is better by up to 1.2
    public void Rolling_fit_stays_within_a_hundredth_of_the_best_maximum(string name, int from, int to)
    {
        var model = VolatilityLikelihoodTests.Model(name);
        ModelFit? guarded = null, unguarded = null;
        var unguardedMisses = new List<string>();
        for (var start = from; start <= to; start++)
        {
            var window = Sp500Returns.Window(start, Window);
            guarded = GarchFitter.Fit(model, window, guarded, guard: true);
            unguarded = GarchFitter.Fit(model, window, unguarded, guard: false);
            Assert.True(guarded.IsUsable && unguarded.IsUsable, $"{name} window {start}: {guarded.Message} / {unguarded.Message}");
            if (start == from)
            {
                continue; // the cold fit, the same with and without the guard
            }

            AssertWithinBest(model, window, $"{name} window {start}", guarded, $"alpha {guarded.Parameters[2]:g3}", unguarded,
                unguardedMisses);
        }

        Assert.NotEmpty(unguardedMisses);
    }

    /// <summary>
    /// APARCH with δ &lt; 1 (here δ ≈ 0.2–0.3, γ on its bound): every return is a cusp of the likelihood in μ, and the warm
    /// fit stays in the stretch between two returns it started in while another becomes better. A stretch of rolling fits
    /// from a cold one where the fit without the search across the cusps (the main path) ends more than 0.01 below a
    /// multi-start search at the end (found by <c>bench/Benchmarks -- stuck --models aparch-n,aparch-t</c>); the fit with it
    /// never answers below the main path, and at the end is within 0.01 of the best maximum.
    /// </summary>
    [SharedDataTheory]
    [InlineData("aparch-n", 562, 567)]
    // μ frozen on a return (the wall of its cusp) and γ on its bound 1, itself a cusp when δ < 1: before the answer's own
    // stretch was searched with μ held, the other parameters stayed where the window of 778 left them, up to 0.07 short.
    [InlineData("aparch-n", 778, 784)]
    [InlineData("aparch-t", 667, 672)]
    // μ on the return 0.0409 while the one at 0.0324, 0.0085 below and with its maximum reached from below, became better by
    // 0.05: found once the stretches reach two returns beyond the radius on either side.
    [InlineData("aparch-n", 1062, 1068)]
    public void Rolling_aparch_fit_leaves_the_stretch_between_two_returns_and_never_below_the_main_path(string name, int from, int to) =>
        AssertAparchPath("sp500", name, from, to, cuspsOnTheWay: true);

    /// <summary>
    /// APARCH with δ estimated has a second maximum with δ &lt; 1 where the fit has δ ≈ 2.4 (S&amp;P 500 window 1,057: δ ≈ 0.29,
    /// 0.97 better; no cusps in the mean at the fit, so the search across them does not run): the probe from δ = 0.5
    /// (<see cref="VolatilityProcess.ModeProbe"/>) finds it, never answering below the main path. And the other way round
    /// (NASDAQ): where the fit has δ on its bound 0.2, one with δ ≈ 2.2 (window 555, 1.07 better) or δ on its bound 4 (window
    /// 1,051, 4.58 better) is found by the probe from δ = 2.
    /// </summary>
    [SharedDataTheory]
    [InlineData("sp500", "aparch-n", 1054, 1057)]
    [InlineData("nasdaq", "aparch-n", 1035, 1051)]
    public void Rolling_aparch_fit_finds_the_maximum_with_the_other_power(string series, string name, int from, int to) =>
        AssertAparchPath(series, name, from, to, cuspsOnTheWay: false);

    /// <summary>
    /// The probe from δ = 0.5 where the fit has ω on its lower bound (persistence ≈ 1, δ ≈ 1.6 and ≈ 3.1, the cold fit there
    /// too): with ω kept the probe went back to the fit's maximum, 1.52 (NASDAQ aparch-n window 713) and 0.77 (aparch-t 571)
    /// below the one with δ = 0.2; with ω re-set (<see cref="VolatilityProcess.ModeProbeStart"/>) it reaches it. At 713 the
    /// best of δ = 0.2 has μ on the far end of the answer's stretch, the cusp top that its own search does not reach: there
    /// μ is held on the better cusp tops too.
    /// </summary>
    [SharedDataTheory]
    [InlineData("nasdaq", "aparch-n", 705, 713)]
    [InlineData("nasdaq", "aparch-t", 565, 571)]
    public void Rolling_aparch_fit_probes_the_other_power_with_omega_off_its_bound(string series, string name, int from, int to) =>
        AssertAparchPath(series, name, from, to, cuspsOnTheWay: false);

    /// <summary>
    /// Where the probe from δ = 2 falls back below 1 (NASDAQ window 939: δ ≈ 0.7, from δ = 2 or 3 back there), the farther
    /// probe from δ on its upper bound 4 (<see cref="VolatilityProcess.FartherModeProbe"/>) reaches the maximum with δ on that
    /// bound, 0.36 (aparch-n) and 0.45 (aparch-t) better.
    /// </summary>
    [SharedDataTheory]
    [InlineData("nasdaq", "aparch-n", 935, 939)]
    [InlineData("nasdaq", "aparch-t", 935, 939)]
    public void Rolling_aparch_fit_probes_farther_where_the_probe_falls_back(string series, string name, int from, int to) =>
        AssertAparchPath(series, name, from, to, cuspsOnTheWay: false);

    /// <summary>
    /// The better maximum with μ on a return that the search across the cusps held μ on neither as a stretch's end nor as the
    /// one cusp top its one-pass score picks (NASDAQ windows short of the multi-start search on the rolling path from window 0,
    /// the better μ 0.1–0.6·s/√T away): each return within <c>RankedRadius</c>·s/√T is held while the other parameters take a
    /// few steps, and the best searched on. Short paths from a cold fit (at 644 a cold fit alone) on which the fit without it
    /// ends 0.017–0.16 below the best maximum at the end.
    /// </summary>
    [SharedDataTheory]
    [InlineData("nasdaq", "aparch-n", 644, 644)]
    [InlineData("nasdaq", "aparch-n", 711, 713)]
    [InlineData("nasdaq", "aparch-t", 643, 647)]
    [InlineData("nasdaq", "aparch-t", 709, 713)]
    public void Rolling_aparch_fit_holds_mu_on_the_farther_returns_ranked_after_a_few_steps(string series, string name, int from,
        int to)
    {
        var model = VolatilityParts.Compose(name);
        ModelFit? ranked = null, unranked = null;
        var misses = new List<string>();
        for (var start = from; start <= to; start++)
        {
            var window = Sp500Returns.Window(series, start, Window);
            ranked = GarchFitter.Fit(model, window, ranked, guard: true, cusps: true, ranked: true);
            unranked = GarchFitter.Fit(model, window, unranked, guard: true, cusps: true, ranked: false);
            Assert.True(ranked.IsUsable && unranked.IsUsable, $"{name} window {start}: {ranked.Message} / {unranked.Message}");
        }

        AssertWithinBest(model, Sp500Returns.Window(series, to, Window), $"{name} window {to}", ranked!, $"mu {ranked!.Parameters[0]:g6}",
            unranked!, misses);
        Assert.NotEmpty(misses);
    }

    /// <summary>
    /// The periodic cold probe beside an APARCH fit: a cold fit (with its search across the cusps and its mode probe) every
    /// few fits, which answers where it beats the warm one. Short paths from a cold fit on which the fit without it ends more
    /// than 0.01 below the best of the multi-start search and a cold fit at the end, and the fit with it does not.
    /// </summary>
    [SharedDataTheory]
    [InlineData("nasdaq", "aparch-n", 707, 708)]
    [InlineData("nasdaq", "aparch-n", 992, 1003)]
    public void Rolling_aparch_fit_takes_a_periodic_cold_probe_that_beats_it(string series, string name, int from, int to)
    {
        var model = VolatilityParts.Compose(name);
        ModelFit? probed = null, unprobed = null;
        for (var start = from; start <= to; start++)
        {
            var window = Sp500Returns.Window(series, start, Window);
            probed = GarchFitter.Fit(model, window, probed, guard: true, cusps: true, ranked: true, coldProbe: true);
            unprobed = GarchFitter.Fit(model, window, unprobed, guard: true, cusps: true, ranked: true, coldProbe: false);
            Assert.True(probed.IsUsable && unprobed.IsUsable, $"{name} window {start}: {probed.Message} / {unprobed.Message}");
        }

        var end = Sp500Returns.Window(series, to, Window);
        var best = Math.Max(Math.Max(GarchFitter.FitMultiStart(model, end).LogLikelihood, GarchFitter.Fit(model, end).LogLikelihood),
            unprobed!.LogLikelihood);
        Assert.True(probed!.LogLikelihood >= best - Tolerance,
            $"{name} window {to}: rolling fit {probed.LogLikelihood:R} (mu {probed.Parameters[0]:g6}) below the best maximum {best:R}");
        Assert.True(unprobed.LogLikelihood < best - Tolerance,
            $"{name} window {to}: without the cold probe {unprobed.LogLikelihood:R}, not short of {best:R}");
    }

    /// <summary>
    /// The way back after the probe from δ = 2 switched the answer to the other side of δ = 1 (NASDAQ window 1,130: δ ≈ 1.22
    /// against 0.2, μ on another return): three windows later the maximum it left, δ = 0.2, is better again by 0.06, and the
    /// probe back down from δ ≈ 1.17 does not reach it, nor does the multi-start search. The left maximum, refitted from
    /// itself each window, does.
    /// </summary>
    [SharedDataTheory]
    [InlineData("nasdaq", "aparch-t", 1125, 1133)]
    public void Rolling_aparch_fit_goes_back_to_the_maximum_a_mode_probe_left(string series, string name, int from, int to)
    {
        var model = VolatilityParts.Compose(name);
        var delta = model.ParameterNames.ToList().IndexOf("delta");
        ModelFit? fit = null;
        var sides = new HashSet<bool>();
        for (var start = from; start <= to; start++)
        {
            fit = GarchFitter.Fit(model, Sp500Returns.Window(series, start, Window), fit);
            Assert.True(fit.IsUsable, $"{name} window {start}: {fit.Message}");
            sides.Add(fit.Parameters[delta] < 1);
        }

        Assert.Equal(2, sides.Count); // the probe switched on the way
        // The multi-start search ends at δ ≈ 1.17 here (as the cold fit does); the δ = 0.2 maximum shows in the multi-start
        // search of the model with δ held there, a lower bound of the full model's best (its lower bound on δ).
        var end = Sp500Returns.Window(series, to, Window);
        var best = Math.Max(GarchFitter.FitMultiStart(model, end).LogLikelihood,
            GarchFitter.FitMultiStart(new VolatilityModel(new Aparch(fixedDelta: Aparch.MinDelta), model.Distribution), end).LogLikelihood);
        Assert.True(fit!.LogLikelihood >= best - Tolerance,
            $"{name} window {to}: rolling fit {fit.LogLikelihood:R} (delta {fit.Parameters[delta]:g3}) below the best maximum {best:R}");
    }

    /// <summary>Rolls <paramref name="name"/> on <paramref name="series"/> from a cold fit at <paramref name="from"/> to <paramref name="to"/> with and
    /// without the search across the mean's cusps (the main path): never below it, δ &lt; 1 throughout where
    /// <paramref name="cuspsOnTheWay"/>, and at the end within <see cref="Tolerance"/> of the best maximum while the main
    /// path is not.</summary>
    private static void AssertAparchPath(string series, string name, int from, int to, bool cuspsOnTheWay)
    {
        var model = VolatilityParts.Compose(name);
        ModelFit? guarded = null, main = null;
        var mainMisses = new List<string>();
        var delta = model.ParameterNames.ToList().IndexOf("delta");
        for (var start = from; start <= to; start++)
        {
            var window = Sp500Returns.Window(series, start, Window);
            guarded = GarchFitter.Fit(model, window, guarded, guard: true, cusps: true);
            main = GarchFitter.Fit(model, window, main, guard: true, cusps: false);
            Assert.True(guarded.IsUsable && main.IsUsable, $"{name} window {start}: {guarded.Message} / {main.Message}");
            Assert.True(!cuspsOnTheWay || guarded.Parameters[delta] < 1,
                $"{name} window {start}: delta {guarded.Parameters[delta]:g3}, no cusps in the mean");
            Assert.True(guarded.LogLikelihood >= main.LogLikelihood - 1e-6,
                $"{name} window {start}: {guarded.LogLikelihood:R} below the main path's {main.LogLikelihood:R}");
            if (start < to)
            {
                continue; // the way there: the multi-start search costs about a hundred fits
            }

            AssertWithinBest(model, window, $"{name} window {start}", guarded,
                $"mu {guarded.Parameters[0]:g6}, delta {guarded.Parameters[delta]:g3}", main, mainMisses);
        }

        Assert.NotEmpty(mainMisses);
    }

    /// <summary>Asserts <paramref name="guarded"/> within <see cref="Tolerance"/> of the best of a multi-start search and
    /// <paramref name="baseline"/> (the fit without the guard under test), and notes where the baseline is not.</summary>
    private static void AssertWithinBest(VolatilityModel model, ReadOnlySpan<double> window, string where, ModelFit guarded,
        string estimate, ModelFit baseline, List<string> baselineMisses)
    {
        var best = Math.Max(GarchFitter.FitMultiStart(model, window).LogLikelihood, baseline.LogLikelihood);
        Assert.True(guarded.LogLikelihood >= best - Tolerance,
            $"{where}: guarded rolling fit {guarded.LogLikelihood:R} ({estimate}) below the best maximum {best:R}");
        if (baseline.LogLikelihood < best - Tolerance)
        {
            baselineMisses.Add($"{where}: {best - baseline.LogLikelihood:g3}");
        }
    }

    [Fact]
    public void Only_aparch_with_a_power_below_one_has_cusps_in_the_mean()
    {
        Assert.True(new Aparch().HasMeanCusps([0.01, 0.05, 0.5, 0.9, 0.8]));
        Assert.False(new Aparch().HasMeanCusps([0.01, 0.05, 0.5, 0.9, 1.2]));
        Assert.False(new Aparch(fixedDelta: 1).HasMeanCusps([0.01, 0.05, 0.5, 0.9]));
        Assert.True(new Aparch(fixedDelta: 0.5).HasMeanCusps([0.01, 0.05, 0.5, 0.9]));
        Assert.False(new Garch().HasMeanCusps([0.01, 0.05, 0.9]));
        Assert.False(new Egarch().HasMeanCusps([0.0, 0.1, -0.05, 0.95]));
    }

    [Fact]
    public void Aparch_probes_the_power_on_the_other_side_of_one()
    {
        Assert.Equal((4, 0.5), new Aparch().ModeProbe([0.01, 0.05, 0.5, 0.9, 1.2]));
        Assert.Equal((4, 0.5), new Aparch().ModeProbe([0.01, 0.05, 0.5, 0.9, 1]));
        Assert.Equal((4, 2.0), new Aparch().ModeProbe([0.01, 0.05, 0.5, 0.9, 0.2]));
        Assert.Null(new Aparch(fixedDelta: 0.5).ModeProbe([0.01, 0.05, 0.5, 0.9]));
        Assert.Null(new Garch().ModeProbe([0.01, 0.05, 0.9]));
        Assert.Equal(Aparch.MaxDelta, new Aparch().FartherModeProbe([0.01, 0.05, 0.5, 0.9, 0.7]));
        Assert.Null(new Aparch().FartherModeProbe([0.01, 0.05, 0.5, 0.9, 1.2]));
        Assert.Null(new Aparch(fixedDelta: 0.5).FartherModeProbe([0.01, 0.05, 0.5, 0.9]));
        Assert.Null(new Garch().FartherModeProbe([0.01, 0.05, 0.9]));
    }

    [Fact]
    public void Aparch_probe_starts_with_omega_off_its_lower_bound_only_where_it_is_on_it()
    {
        var scale = new DataScale(0.05, 2.25);
        var start = new double[5];
        // ω on its bound (10⁻⁷·s^δ): the starting grid's share of s^δ at the probe's δ, max(1 − β − ακ(γ, δ), 0.01).
        new Aparch().ModeProbeStart([1e-7 * Math.Pow(2.25, 0.8), 0.02, 0.8, 0.99, 1.6], 0.5, scale, start);
        Assert.Equal([0.01 * Math.Pow(2.25, 0.25), 0.02, 0.8, 0.99, 0.5], start); // 1 − β − ακ below 1%
        new Aparch().ModeProbeStart([1e-7 * Math.Pow(2.25, 0.1), 0.005, 0.8, 0.9, 0.2], 2, scale, start);
        Assert.Equal([(1 - 0.9 - 0.005 * Aparch.NormalKappa(0.8, 2)) * 2.25, 0.005, 0.8, 0.9, 2.0], start);
        // ω off it: only δ moves.
        new Aparch().ModeProbeStart([0.004, 0.02, 0.8, 0.97, 1.6], 0.5, scale, start);
        Assert.Equal([0.004, 0.02, 0.8, 0.97, 0.5], start);
    }

    [Fact]
    public void Tracked_main_path_round_trips_beside_the_answers_own_state()
    {
        var main = new ModelFit(FitStatus.ConvergedAtBound, [0.1, -0.2, 0.3], [0.01, 0.02, 0.03], -1234.5, 7, "on a bound", [1, 2, 3]);
        var answer = new ModelFit(FitStatus.Converged, [0.4, 0.5, 0.6], null, -1230.25, 9, null, [9, 8]);
        var packed = TrackedPath.Pack(answer, main, 3);
        Assert.Equal(answer.Parameters, packed.Parameters);
        var (own, path) = TrackedPath.Split(packed, 3);
        Assert.Equal(new byte[] { 9, 8 }, own!.Blob);
        Assert.Equal(answer.Parameters, own.Parameters);
        Assert.NotNull(path);
        Assert.Equal(main.Status, path.Status);
        Assert.Equal(main.Parameters, path.Parameters);
        Assert.Equal(main.StandardErrors, path.StandardErrors);
        Assert.Equal(main.LogLikelihood, path.LogLikelihood);
        Assert.Equal(main.Iterations, path.Iterations);
        Assert.Equal(main.Blob, path.Blob);

        var bare = TrackedPath.Split(TrackedPath.Pack(answer with { Blob = null }, main with { StandardErrors = null, Blob = null }, 3), 3);
        Assert.Null(bare.Own!.Blob);
        Assert.Null(bare.Main!.StandardErrors);
        Assert.Null(bare.Main.Blob);
        // A fit of another format is its own path; a wrapper cut short is read as no state and no main path.
        Assert.Same(answer, TrackedPath.Split(answer, 3).Own);
        Assert.Null(TrackedPath.Split(answer, 3).Main);
        var cut = TrackedPath.Split(packed with { Blob = packed.Blob![..^3] }, 3);
        Assert.Null(cut.Own!.Blob);
        Assert.Null(cut.Main);
        Assert.Null(TrackedPath.Split(packed, 4).Main);
    }

    [Fact]
    public void Left_maximum_round_trips_around_a_tracked_main_path()
    {
        var main = new ModelFit(FitStatus.Converged, [0.1, -0.2, 0.3], null, -1234.5, 7, null, [1, 2, 3]);
        var left = new ModelFit(FitStatus.ConvergedAtBound, [0.7, 0.8, 0.9], [0.04, 0.05, 0.06], -1231.0, 5, null, [4, 5]);
        var answer = new ModelFit(FitStatus.Converged, [0.4, 0.5, 0.6], null, -1230.25, 9, null, [9, 8]);
        var packed = TrackedPath.PackLeft(TrackedPath.Pack(answer, main, 3), left, 3);
        Assert.Equal(answer.Parameters, packed.Parameters);
        var (rest, back) = TrackedPath.SplitLeft(packed, 3);
        Assert.Equal(left.Parameters, back!.Parameters);
        Assert.Equal(left.StandardErrors, back.StandardErrors);
        Assert.Equal(left.LogLikelihood, back.LogLikelihood);
        Assert.Equal(left.Blob, back.Blob);
        var (own, path) = TrackedPath.Split(rest, 3);
        Assert.Equal(answer.Blob, own!.Blob);
        Assert.Equal(main.Parameters, path!.Parameters);
        // State written before the left maximum (a GP1 wrapper or a bare state) reads as it did, with none left; the two
        // wrappers are not read for each other.
        var tracked = TrackedPath.Pack(answer, main, 3);
        Assert.Same(tracked, TrackedPath.SplitLeft(tracked, 3).Answer);
        Assert.Null(TrackedPath.SplitLeft(tracked, 3).Left);
        Assert.Null(TrackedPath.SplitLeft(answer, 3).Left);
        Assert.Null(TrackedPath.Split(packed, 3).Main);
    }

    [SharedDataFact]
    public void Guard_is_a_function_of_the_window_and_the_previous_fit()
    {
        var model = VolatilityModel.EgarchNormal();
        var previous = GarchFitter.Fit(model, Sp500Returns.Window(829, Window));
        var first = GarchFitter.Fit(model, Sp500Returns.Window(830, Window), previous);
        var again = GarchFitter.Fit(model, Sp500Returns.Window(830, Window), previous);
        Assert.Equal(first.Parameters, again.Parameters);
        Assert.Equal(first.LogLikelihood, again.LogLikelihood);
        Assert.Equal(first.Blob, again.Blob);
    }

    [Theory]
    [InlineData("garch-n", new int[0])]
    [InlineData("gjr-t", new int[0])]
    [InlineData("egarch-n", new[] { 2 })] // [mu | c, alpha, gamma, beta]
    [InlineData("egarch-t", new[] { 2 })]
    [InlineData("aparch-skewt", new[] { 2 })]
    public void Flips_only_the_bounds_a_part_declares_bimodal(string name, int[] expected)
    {
        var model = VolatilityParts.Compose(name);
        Assert.Equal(expected, model.BimodalLowerBounds);
        foreach (var j in model.BimodalLowerBounds)
        {
            Assert.Equal("alpha", model.ParameterNames[j]);
        }
    }

    [Fact]
    public void A_search_is_in_a_basin_only_close_to_its_centre_and_not_better_than_it()
    {
        var basin = new ProjectedQuasiNewton.Basin([1.0, 2.0], [0.1, 0.5], Value: -3);
        Assert.True(basin.Holds([1.05, 1.6], -3));
        Assert.True(basin.Holds([0.9, 2.5], -2));
        Assert.False(basin.Holds([1.05, 1.4], -3)); // outside in the second coordinate
        Assert.False(basin.Holds([1.2, 2.0], -3)); // outside in the first
        Assert.False(basin.Holds([1.0, 2.0], -3.1)); // better than the known maximum: not merely on its way there
    }

    [Fact]
    public void Warm_start_state_round_trips_and_reads_the_format_before_the_guard()
    {
        double[] hessian = [2, 0.5, 0.5, 3];
        var state = new WarmStartState(hessian, 7, 3, [0.1, 0.2], [1, 0, 0, 1]);
        var back = WarmStartState.Unpack(state.Pack(), 2)!;
        Assert.Equal(hessian, back.Hessian);
        Assert.Equal(7, back.FitsSinceProbe);
        Assert.Equal(3, back.FitsSinceFlip);
        Assert.Equal([0.1, 0.2], back.Alternative!);
        Assert.Equal([1.0, 0, 0, 1], back.AlternativeHessian!);

        var alone = WarmStartState.Unpack(new WarmStartState(hessian, 0, 0, null, null).Pack(), 2)!;
        Assert.Null(alone.Alternative);

        var bound = new WarmStartState(hessian, 1, 2, null, null, BoundCoordinate: 1, BoundPoint: [0.3, 0], BoundHessian: [4, 1, 1, 5]);
        var boundBack = WarmStartState.Unpack(bound.Pack(), 2)!;
        Assert.Equal(1, boundBack.BoundCoordinate);
        Assert.Equal([0.3, 0.0], boundBack.BoundPoint!);
        Assert.Equal([4.0, 1, 1, 5], boundBack.BoundHessian!);
        var both = WarmStartState.Unpack((state with { BoundCoordinate = 0, BoundPoint = [0, 0.2], BoundHessian = hessian }).Pack(), 2)!;
        Assert.Equal([0.1, 0.2], both.Alternative!);
        Assert.Equal([0.0, 0.2], both.BoundPoint!);
        Assert.Equal(hessian, both.BoundHessian!);
        Assert.Null(WarmStartState.Unpack(bound.Pack()[..^1], 2));
        // A held point without its curvature is not kept (the held search would start from the warm maximum's).
        Assert.Null(WarmStartState.Unpack((bound with { BoundHessian = null }).Pack(), 2)!.BoundPoint);

        // GH3, written before the held search's curvature was kept: the held point reads, without it.
        var version3 = WarmStartState.Unpack(bound.PackVersion3(), 2)!;
        Assert.Equal([0.3, 0.0], version3.BoundPoint!);
        Assert.Null(version3.BoundHessian);
        Assert.Null(WarmStartState.Unpack(bound.PackVersion3()[..^1], 2));

        // GH2, written before the held bound point was kept: everything else reads.
        var version2 = WarmStartState.Unpack((state with { BoundCoordinate = 1, BoundPoint = [0.3, 0] }).PackVersion2(), 2)!;
        Assert.Equal([0.1, 0.2], version2.Alternative!);
        Assert.Equal(7, version2.FitsSinceProbe);
        Assert.Null(version2.BoundPoint);

        var old = WarmStartState.Unpack(WarmStartState.PackVersion1(hessian, 2), 2)!;
        Assert.Equal(hessian, old.Hessian);
        Assert.Null(old.Alternative);
        Assert.Null(WarmStartState.Unpack(state.Pack(), 3));
        Assert.Null(WarmStartState.Unpack(state.Pack()[..^1], 2));
    }
}
