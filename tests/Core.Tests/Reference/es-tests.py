#!/usr/bin/python3
"""Reference values for the McNeil-Frey and Acerbi-Szekely Z3 tests (scipy), for EsBatteryTests.

Run: /usr/bin/python3 (Debian python3-scipy) tests/Core.Tests/Reference/es-tests.py > tests/Core.Tests/Reference/es-tests.txt
Lines:
  z3-null T K E        E_V[ES_hat(V)] = -(T/K) int_0^1 I_{1-p}(T-K, K) Phi^-1(p) dp  (scipy quad in p, not z)
  z3 NAME ALPHA Z3     then a line of PITs; Z3 = 1 - ES_hat(U)/E_V, ES_hat = -mean of the K lowest Phi^-1(U)
  mf NAME T P          then a line of residuals; t = scipy.stats.ttest_1samp statistic, P its one-sided
                       ('greater') Student-t p-value
"""
import numpy as np
from scipy import integrate, special, stats


def ev(T, k):
    f = lambda p: special.betainc(T - k, k, 1 - p) * stats.norm.ppf(p)
    edges = [0, 1e-12, 1e-8, 1e-5, 1e-3, 0.01, 0.05, 0.2, 0.5, 1]
    total = sum(integrate.quad(f, a, b, limit=500, epsabs=1e-14, epsrel=1e-13)[0] for a, b in zip(edges, edges[1:]))
    return -T / k * total


for T, k in [(250, 2), (250, 6), (500, 12), (1000, 10), (1000, 25), (40, 2)]:
    print(f"z3-null {T} {k} {ev(T, k)!r}")

rng = np.random.RandomState(2017)


def z3(name, alpha, pits):
    T = len(pits)
    k = int(np.floor(T * (1 - alpha) + 1e-9))
    es = -np.mean(np.sort(stats.norm.ppf(pits))[:k])
    print(f"z3 {name} {alpha!r} {1 - es / ev(T, k)!r}")
    print(" ".join(repr(float(u)) for u in pits))


z3("uniform-975", 0.975, rng.rand(250))
z3("t3-under-normal-99", 0.99, stats.norm.cdf(rng.standard_t(3, 1000) / np.sqrt(3.0)))


def mf(name, x):
    res = stats.ttest_1samp(x, 0.0, alternative="greater")
    print(f"mf {name} {res.statistic!r} {res.pvalue!r}")
    print(" ".join(repr(float(v)) for v in x))


mf("centred", rng.randn(12))
mf("es-too-low", 0.8 + 0.6 * rng.standard_exponential(25))
