#!/usr/bin/python3
"""Reference bootstrap p-values for the intercept ESR backtest (EsrInterceptBacktest, EsrBacktestTests).

Run: /usr/bin/python3 tests/Core.Tests/Reference/esr-intercept-bootstrap.py > tests/Core.Tests/Reference/esr-intercept-bootstrap.txt

Independent of the C# code but for the definition of the resampling stream: the stationary bootstrap (Politis and Romano
1994) of the days (y_t, e_t), y = r - e, mean block length b = max(floor(sqrt(T)), ceil(b_PW(y))) (b_PW: the
Politis-White length of politis-white-block.py beside this script; since 2026-12-07, floor(sqrt(T)) before), B = 999
resamples drawn from SplitMix64
seeded with FNV-1a of "esr-intercept" (first day uniform; then per day a uniform u and, when u < 1/b, a new uniform day,
else the next day circularly). Each resample is refitted: the quantile line of y on (1, e) at tau = p by linear
programming (scipy's HiGHS), polished to the exact line through its two basis points (the two points of distinct e
nearest the LP's line; the polished line's check loss must not exceed the LP's), the ES constant
g0 = mean(q) + mean((y - q) 1{y - q <= 0}) / p, esreg's "ind" variance of g0,
(1/T^2) sum(cv/p + (1 - p)/p (q_t - g0)^2), cv the sample variance of the residuals at or below 1e-12 (1 + max|y|), and
t*_b = -(g0*_b - g0)/se*_b; p = (1 + #{t* >= t})/(B' + 1), B' the resamples with a positive variance. The script
stops if a t* lies within 1e-7 of t (the count would hang on rounding).
Lines:  esrb NAME ALPHA STATISTIC PVALUE AT_LEAST DEFINED BLOCK   then lines r, e (the return and the ES forecast in returns).
"""
import importlib.util
import math
import os
import sys

import numpy as np
from scipy.optimize import linprog
from scipy.stats import norm

MASK = (1 << 64) - 1

_spec = importlib.util.spec_from_file_location(
    "politis_white_block", os.path.join(os.path.dirname(os.path.abspath(__file__)), "politis-white-block.py"))
politis_white = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(politis_white)


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def double(self):
        return (self.next() >> 11) * (1.0 / (1 << 53))

    def index(self, n):
        return ((self.next() >> 32) * n) >> 32


def fnv1a(text):
    h = 14695981039346656037
    for c in text:
        h = ((h ^ ord(c)) * 1099511628211) & MASK
    return h


def resample(rng, n, block):
    days = [rng.index(n)]
    for _ in range(1, n):
        days.append(rng.index(n) if rng.double() < 1.0 / block else (days[-1] + 1) % n)
    return np.array(days)


def check_loss(y, q, p):
    u = y - q
    return float(np.sum(u * (p - (u < 0))))


def quantile_line(y, e, p):
    n = len(y)
    # min sum p u+ + (1 - p) u-  s.t.  b0 + b1 e + u+ - u- = y
    c = np.concatenate([[0, 0], np.full(n, p), np.full(n, 1 - p)])
    a = np.hstack([np.ones((n, 1)), e[:, None], np.eye(n), -np.eye(n)])
    bounds = [(None, None), (None, None)] + [(0, None)] * (2 * n)
    res = linprog(c, A_eq=a, b_eq=y, bounds=bounds, method="highs-ds")
    b0, b1 = res.x[0], res.x[1]
    lp = check_loss(y, b0 + b1 * e, p)
    order = np.argsort(np.abs(y - b0 - b1 * e))
    i = order[0]
    j = next(k for k in order[1:] if abs(e[k] - e[i]) > 1e-9 * (1 + abs(e[i])))
    s1 = (y[j] - y[i]) / (e[j] - e[i])
    s0 = y[i] - s1 * e[i]
    if check_loss(y, s0 + s1 * e, p) > lp + 1e-9 * (1 + abs(lp)):
        sys.exit("polished line is worse than the LP's")
    return s0, s1


def fit(y, e, p):
    n = len(y)
    b0, b1 = quantile_line(y, e, p)
    q = b0 + b1 * e
    u = y - q
    g0 = float(np.mean(q) + np.sum(np.where(u <= 0, u, 0.0)) / p / n)
    tail = u[u <= 1e-12 * (1 + np.max(np.abs(y)))]
    if len(tail) < 2 or not g0 < np.max(y):
        return None
    cv = float(np.var(tail, ddof=1))
    v = float(np.sum(cv / p + (1 - p) / p * (q - g0) ** 2)) / n**2
    return g0, v


def emit(name, r, e, alpha, replications=999):
    p = 1 - alpha
    y, n = r - e, len(r)
    g0, v = fit(y, e, p)
    t = -g0 / math.sqrt(v)
    rng = SplitMix64(fnv1a("esr-intercept"))
    block = max(1, int(math.floor(math.sqrt(n))), math.ceil(politis_white.block_length(y)[0]))
    at_least = defined = 0
    closest = math.inf
    for _ in range(replications):
        d = resample(rng, n, block)
        f = fit(y[d], e[d], p)
        if f is None or not f[1] > 0:
            continue
        defined += 1
        ts = -(f[0] - g0) / math.sqrt(f[1])
        closest = min(closest, abs(ts - t))
        at_least += ts >= t
    if closest < 1e-7:
        sys.exit(f"{name}: a resample's t* is within {closest} of t")
    print("esrb", name, repr(alpha), repr(t), repr((1 + at_least) / (defined + 1)), at_least, defined, block)
    print(" ".join(repr(float(x)) for x in r))
    print(" ".join(repr(float(x)) for x in e))


def garch_series(rng, n, alpha, es_factor):
    # Normal GARCH(1,1) returns whose volatility the forecaster knows (tomorrow's forecast depends on today's return);
    # e = -ES of the normal law at level alpha, scaled by es_factor (1: correct; below 1: ES too low).
    z = norm.ppf(1 - alpha)
    es = norm.pdf(z) / (1 - alpha)
    var, r, e = 1.0, [], []
    for _ in range(n):
        s = math.sqrt(var)
        x = s * rng.standard_normal()
        r.append(x)
        e.append(-es_factor * s * es)
        var = 0.05 + 0.10 * x * x + 0.85 * var
    return np.array(r), np.array(e)


rng = np.random.default_rng(20261203)
# Lengths with T p not an integer, so that each fit's quantile line is unique.
for name, n, alpha, factor in [("garch-null", 301, 0.975, 1.0), ("garch-low", 401, 0.975, 0.85), ("garch-99", 523, 0.99, 1.0)]:
    r, e = garch_series(rng, n, alpha, factor)
    emit(name, r, e, alpha)
