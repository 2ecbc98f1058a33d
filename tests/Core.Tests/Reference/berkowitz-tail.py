#!/usr/bin/python3
"""Reference Berkowitz (2001) tail LR statistics (scipy), for BerkowitzBacktestTests.

Run: /usr/bin/python3 (Debian python3-scipy) tests/Core.Tests/Reference/berkowitz-tail.py > tests/Core.Tests/Reference/berkowitz-tail.txt
z = Phi^-1(PIT); tail z < c = Phi^-1(1 - alpha) observed, the rest censored at c:
l(mu, sigma) = sum_tail log(phi((z - mu)/sigma)/sigma) + n0 log(1 - Phi((c - mu)/sigma));
LR = 2 (max l - l(0, 1)), p-value chi2(2). Maximised with scipy.optimize (BFGS on (mu, log sigma),
then Nelder-Mead from there), a different parametrisation and optimiser from RiskGrid's Newton in
Olsen's (gamma, delta).
Each case: a line "case NAME ALPHA LR P MU SIGMA", then a line of PITs.
"""
import numpy as np
from scipy import optimize, stats


def berkowitz(pits, alpha):
    c = stats.norm.ppf(1 - alpha)
    z = stats.norm.ppf(np.maximum(pits, 1e-300))
    tail = z[pits < 1 - alpha]
    n0 = np.sum(pits >= 1 - alpha)

    def loglik(theta):
        mu, sigma = theta[0], np.exp(theta[1])
        return np.sum(stats.norm.logpdf(tail, mu, sigma)) + n0 * stats.norm.logsf(c, mu, sigma)

    best = optimize.minimize(lambda th: -loglik(th), [0.0, 0.0], method="BFGS", options={"gtol": 1e-12})
    polish = optimize.minimize(lambda th: -loglik(th), best.x, method="Nelder-Mead",
                               options={"xatol": 1e-13, "fatol": 1e-15, "maxiter": 20000})
    theta = polish.x if polish.fun < best.fun else best.x
    lr = 2 * (loglik(theta) - loglik([0.0, 0.0]))
    return lr, stats.chi2.sf(lr, 2), theta[0], np.exp(theta[1])


def case(name, alpha, pits):
    lr, p, mu, sigma = berkowitz(pits, alpha)
    print(f"case {name} {alpha!r} {lr!r} {p!r} {mu!r} {sigma!r}")
    print(" ".join(repr(float(u)) for u in pits))


rng = np.random.RandomState(2001)
# Correct model: uniform PITs.
case("uniform-975", 0.975, rng.rand(500))
# Student-t(4) returns (unit variance) judged by a normal model: tails too thin.
r = rng.standard_t(4, 1000) / np.sqrt(2.0)
case("t4-under-normal-99", 0.99, stats.norm.cdf(r))
# Volatility 30% higher than forecast, 95%.
case("vol-too-low-95", 0.95, stats.norm.cdf(1.3 * rng.randn(250)))
# Volatility 25% lower than forecast (too conservative), 97.5%, with one PIT of exactly 0 (read as 1e-300).
u = stats.norm.cdf(0.75 * rng.randn(800))
u[17] = 0.0
case("vol-too-high-975", 0.975, u)
# Few tail points: three PITs below 1% in 250 days.
u = 0.01 + 0.99 * rng.rand(250)
u[[40, 120, 200]] = [0.004, 0.0007, 0.0091]
case("three-tail-99", 0.99, u)
