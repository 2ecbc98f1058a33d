#!/usr/bin/python3
"""Why SkewCorrectedBootstrap needs four values: the size of its one-sided 5% test by the number of values n.

Run: /usr/bin/python3 (Debian python3-numpy) bench/BacktestBench/skew-bootstrap-size.py > bench/BacktestBench/skew-bootstrap-size.txt
(a few minutes). An independent numpy implementation of Hall's (1992) skewness-corrected bootstrap-t as in
src/Core/Backtesting/SkewCorrectedBootstrap.cs (B = 999 resamples about the observed mean, resamples without spread
dropped, p = (1 + #{H* >= H}) / (B' + 1)); its own random stream, so the figures are not the C# code's to the digit.
Lines:
  atoms n K MIN MAX      the resampling law of n distinct values: K distinct resamples with spread, their smallest
                         and largest share of the law
  size LAW n S RATE      rejection rate at 5% over S null samples of n values (uniform: U - 1/2; pareto: generalised
                         Pareto with xi = 1/6 minus its mean, as a t(6) tail; z1-iid: the bench's i.i.d.-hits severities
                         L/ES - 1 = (U - 1/2)/(VaR + 1/2), VaR = 2 + sin(t/20) on uniform days t < 250)
  double LAW n S RATE    the same with Beran's (1988) calibrated (double) bootstrap, 199 x 199 resamples
"""
from collections import Counter
from itertools import product

import numpy as np

np.seterr(divide="ignore", invalid="ignore")  # rows without spread give NaN p-values, never counted as rejections

rng = np.random.default_rng(20261204)


def moments(x):
    n = x.shape[-1]
    m = x.mean(-1)
    d = x - m[..., None]
    m2 = (d ** 2).mean(-1)
    s = np.sqrt((d ** 2).sum(-1) / (n - 1))
    g = np.where(m2 > 0, (d ** 3).mean(-1) / np.where(m2 > 0, m2, 1) ** 1.5, 0)
    return m, s, g


def hall(t, g, n):
    a = g / np.sqrt(n)
    return t + a * t * t / 3 + a * a * t ** 3 / 27 + a / 6


def pvalues(x, B=999):
    """One-sided p-values of E[x] = 0 against a larger mean, one per row of x."""
    S, n = x.shape
    m, s, g = moments(x)
    observed = hall(m / (s / np.sqrt(n)), g, n)
    draw = np.take_along_axis(np.repeat(x[:, None, :], B, 1), rng.integers(0, n, size=(S, B, n)), 2)
    mb, sb, gb = moments(draw)
    ok = sb > 0
    hb = hall(np.where(ok, (mb - m[:, None]) / np.where(ok, sb, 1) * np.sqrt(n), 0), gb, n)
    return (1 + ((hb >= observed[:, None]) & ok).sum(1)) / (ok.sum(1) + 1)


def calibrated(x, B1=199, B2=199):
    """Beran's prepivoted p-value: the share of outer resamples whose own bootstrap p-value is at most the observed one."""
    n = len(x)
    p0 = pvalues(x[None, :])[0]
    outer = x[rng.integers(0, n, size=(B1, n))]
    outer = outer[moments(outer)[1] > 0]
    inner = pvalues(outer - x.mean(), B2)
    return (1 + (inner <= p0).sum()) / (len(inner) + 1)


VaR = 2 + np.sin(np.arange(250) / 20.0)
laws = {
    "uniform": lambda S, n: rng.random((S, n)) - 0.5,
    "pareto": lambda S, n: (np.power(1 - rng.random((S, n)), -1 / 6) - 1) * 6 - 1.2,
    "z1-iid": lambda S, n: (rng.random((S, n)) - 0.5) / (0.5 + VaR[rng.integers(0, 250, size=(S, n))]),
}

for n in (3, 4, 5):
    law = Counter(tuple(sorted(d)) for d in product(range(n), repeat=n))
    spread = [v for k, v in law.items() if len(set(k)) > 1]
    print(f"atoms {n} {len(spread)} {min(spread) / sum(spread):.6f} {max(spread) / sum(spread):.6f}")

for name, draw in laws.items():
    for n in (3, 4, 5, 6, 8):
        S = 4000
        rate = np.mean([(pvalues(draw(500, n)) < 0.05).mean() for _ in range(S // 500)])
        print(f"size {name} {n} {S} {rate:.4f}", flush=True)

for name in ("uniform", "pareto"):
    for n in (3, 4):
        S = 600
        rate = np.mean([calibrated(x) < 0.05 for x in laws[name](S, n)])
        print(f"double {name} {n} {S} {rate:.4f}", flush=True)
