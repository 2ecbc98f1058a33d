#!/usr/bin/python3
"""Reference Engle-Manganelli DQ statistics (statsmodels OLS), for DqBacktestTests.

Run: /usr/bin/python3 (Debian python3-statsmodels) tests/Core.Tests/Reference/dq-test.py > tests/Core.Tests/Reference/dq-test.txt
Hit_t = 1[exception] - p regressed on [1, Hit_{t-1..t-4}, VaR_t] over t = 5..T;
DQ = fitted' fitted / (p (1 - p)) = Hit'X(X'X)^-1 X'Hit / (p(1-p)); p-value from chi2(6).
Each case: a line "case NAME ALPHA DQ P", a line of hits (0/1), a line of VaR values.
"""
import numpy as np
import statsmodels.api as sm
from scipy.stats import chi2


def dq(hits, var, p, lags=4):
    h = hits.astype(float) - p
    rows = range(lags, len(h))
    X = np.array([[1.0] + [h[t - j] for j in range(1, lags + 1)] + [var[t]] for t in rows])
    y = h[lags:]
    fit = sm.OLS(y, X).fit()
    stat = fit.fittedvalues @ fit.fittedvalues / (p * (1 - p))
    return stat, chi2.sf(stat, X.shape[1])


def case(name, alpha, hits, var):
    stat, pv = dq(hits, var, 1 - alpha)
    print(f"case {name} {alpha!r} {stat!r} {pv!r}")
    print("".join("1" if x else "0" for x in hits))
    print(" ".join(repr(float(v)) for v in var))


rng = np.random.RandomState(20041)
T = 500
sigma = 1 + 0.5 * np.sin(np.arange(T) / 30.0)
case("iid-95", 0.95, rng.rand(T) < 0.05, 1.645 * sigma)
# Hits more likely when VaR is high (VaR too low in volatile times): the VaR regressor matters.
case("var-dependent-99", 0.99, rng.rand(T) < 0.004 + 0.02 * (sigma - 0.5), 2.326 * sigma)
# Clustered hits (Markov, p11 = 0.3).
hits = np.zeros(400, dtype=bool)
for t in range(400):
    hits[t] = rng.rand() < (0.3 if t > 0 and hits[t - 1] else 0.02)
case("clustered-975", 0.975, hits, 1.96 * (1 + 0.2 * rng.rand(400)))
case("short-99", 0.99, rng.rand(60) < 0.05, 2.3 + 0.1 * rng.rand(60))
