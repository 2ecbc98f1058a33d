using RiskGrid.Core.Models;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Benchmarks;

/// <summary>
/// Where a fit's time goes: one likelihood pass (value only, and with the gradient) against one whole warm
/// and cold fit, on S&amp;P 500 windows. Usage: <c>passes [--models a,b]</c>.
/// </summary>
internal static class EvaluationTiming
{
    public static int Run(string[] args)
    {
        var i = Array.IndexOf(args, "--models");
        var models = i >= 0 && i + 1 < args.Length ? args[i + 1].Split(',') : ["garch-n", "garch-t", "gjr-n", "egarch-n"];
        var returns = Sp500.Returns();
        Console.WriteLine($"per call, fastest of 7 rounds ({ThreadClock.Describe}), S&P 500 windows of 1,000 from day 2,000");
        Console.WriteLine($"{"model",-9} {"value µs",9} {"grad µs",8} {"warm fit µs",12} {"cold fit µs",12}");
        foreach (var name in models)
        {
            var model = ((VolatilityRiskModel)ModelCatalog.Create(name)).Model;
            var yesterday = GarchFitter.Fit(model, returns.AsSpan(2000, 1000));
            var window = returns.AsSpan(2001, 1000).ToArray();
            var likelihood = new VolatilityLikelihood(model, window);
            var parameters = yesterday.Parameters;
            var gradient = new double[parameters.Length];
            var value = Median(() => likelihood.LogLikelihood(parameters), 2000);
            var withGradient = Median(() => likelihood.LogLikelihood(parameters, gradient), 2000);
            var warm = Median(() => GarchFitter.Fit(model, window, yesterday), 200);
            var cold = Median(() => GarchFitter.Fit(model, window), 50);
            Console.WriteLine($"{name,-9} {value,9:F2} {withGradient,8:F2} {warm,12:F1} {cold,12:F1}");
            if (args.Contains("--parts"))
            {
                var residuals = window.Select(r => r - parameters[0]).ToArray();
                var variance = new double[window.Length];
                var vw = new double[window.Length];
                var rw = new double[window.Length];
                var pg = new double[1 + model.Process.ParameterCount];
                var dg = new double[model.Distribution.ParameterCount];
                var process = model.ProcessParameters(parameters).ToArray();
                var shape = model.DistributionParameters(parameters).ToArray();
                var recursion = Median(() => model.Process.Variance(residuals, process, 1.0, variance), 2000);
                var distribution = Median(() => model.Distribution.LogLikelihood(residuals, variance, shape, vw, rw, dg), 2000);
                var chain = Median(() => model.Process.Gradient(residuals, variance, vw, process, 1.0, 0.0, pg), 2000);
                var sum = Median(() => window.Sum(), 2000);
                var construct = Median(() => new VolatilityLikelihood(model, window), 2000);
                var check = Median(() => GarchFitter.CheckData(model, window), 2000);
                var hessian = Median(() => LikelihoodStandardErrors.Hessian(likelihood, parameters), 500);
                var h = LikelihoodStandardErrors.Hessian(likelihood, parameters);
                var se = Median(() => LikelihoodStandardErrors.FromHessian(h), 2000);
                Console.WriteLine($"   new likelihood {construct:F2}, check data {check:F2}, Hessian {hessian:F2}, SE from Hessian {se:F2}; " +
                                  $"warm fit iterations {GarchFitter.Fit(model, window, yesterday).Iterations}");
                if (likelihood.HasAnalyticHessian)
                {
                    var k = 1 + model.Process.ParameterCount;
                    var m = model.Distribution.ParameterCount;
                    var t = window.Length;
                    double[] hh = new double[t], he = new double[t], ee = new double[t], he2 = new double[t * Math.Max(m, 1)],
                        ee2 = new double[t * Math.Max(m, 1)], etaEta = new double[Math.Max(m * m, 1)], dh = new double[t * k],
                        second = new double[k * k];
                    var seconds = Median(() => model.Distribution.SecondDerivatives(residuals, variance, shape, hh, he, ee, he2, ee2, etaEta), 2000);
                    var order = Median(() => model.Process.SecondOrder(residuals, variance, vw, process, 1.0, 0.0, dh, second), 2000);
                    var nParameters = parameters.Length;
                    var analytic = new double[nParameters, nParameters];
                    var g = new double[nParameters];
                    var whole = Median(() => likelihood.TryHessian(parameters, g, analytic, out _), 2000);
                    var differenced = Median(() => LikelihoodStandardErrors.DifferencedHessian(likelihood, parameters, out _), 500);
                    Console.WriteLine($"   analytic Hessian {whole:F2} (distribution second derivatives {seconds:F2}, second-order recursion {order:F2}); " +
                                      $"differenced {differenced:F2}");
                }

                Console.WriteLine($"   recursion {recursion:F2}, distribution with weights {distribution:F2}, gradient recursion {chain:F2}, " +
                                  $"LINQ sum of 1000 (calibration) {sum:F2}");
            }
        }

        return 0;
    }

    private static double Median(Action action, int calls)
    {
        // Past tiered JIT compilation first.
        for (var k = 0; k < Math.Max(calls, 500); k++)
        {
            action();
        }

        var rounds = new double[7];
        for (var round = 0; round < rounds.Length; round++)
        {
            var start = ThreadClock.Now();
            for (var k = 0; k < calls; k++)
            {
                action();
            }

            rounds[round] = (ThreadClock.Now() - start) / calls;
        }

        Array.Sort(rounds);
        return rounds[0];
    }
}
