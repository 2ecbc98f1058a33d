#!/usr/bin/python3
"""Reference Politis-White block lengths for the stationary bootstrap (StationaryBootstrap.PolitisWhiteBlockLength,
StationaryBootstrapTests).

Run: /usr/bin/python3 tests/Core.Tests/Reference/politis-white-block.py > tests/Core.Tests/Reference/politis-white-block.txt

Politis and White (2004) with the correction of Patton, Politis and White (2009), written here in numpy apart from the
C# code (the choices of Patton's MATLAB code and of arch's optimal_block_length, column "stationary"):
  gamma(k) = (1/n) sum_{t>k} (x_t - mean)(x_{t-k} - mean),  rho(k) = gamma(k)/gamma(0);
  K_N = max(5, ceil(sqrt(log10 n))),  m_max = min(ceil(sqrt n) + K_N, n - 1),  band = 2 sqrt(log10(n)/n);
  m = the first lag m >= 1 with |rho(m)|, ..., |rho(m + K_N - 1)| all below the band (lags up to m_max);
  M = min(2 m, m_max), or m_max where no lag qualifies;
  lambda(u) = 1 for |u| <= 1/2, 2(1 - |u|) to 1, 0 beyond (flat top);
  G = sum_{|k|<=M} lambda(k/M) |k| gamma(k),  g0 = sum_{|k|<=M} lambda(k/M) gamma(k),  D = 2 g0^2;
  b = (2 G^2 / D)^(1/3) n^(1/3), at most ceil(min(3 sqrt n, n/3)), at least 1 (1 with fewer than two values or all equal).
The sums over |k| <= M are taken over the whole symmetric range k = -M..M as written (numpy arrays), not folded.
Lines:  pwb NAME N BLOCK M   then the series (repr of each value).
"""
import math

import numpy as np


def autocovariances(x, max_lag):
    d = x - x.mean()
    n = len(x)
    return np.array([np.dot(d[k:], d[: n - k]) / n for k in range(max_lag + 1)])


def block_length(x):
    x = np.asarray(x, dtype=float)
    n = len(x)
    kn = max(5, math.ceil(math.sqrt(math.log10(max(n, 1)))))
    m_max = min(math.ceil(math.sqrt(n)) + kn, n - 1)
    if m_max < 1 or np.ptp(x) == 0:
        return 1.0, 0
    gamma = autocovariances(x, m_max)
    rho = gamma / gamma[0]
    band = 2 * math.sqrt(math.log10(n) / n)
    inside = np.abs(rho) < band
    starts = [m for m in range(1, m_max - kn + 2) if inside[m : m + kn].all()]
    big_m = min(2 * starts[0], m_max) if starts else m_max
    k = np.arange(-big_m, big_m + 1)
    u = np.abs(k) / big_m
    lam = np.where(u <= 0.5, 1.0, np.where(u <= 1.0, 2 * (1 - u), 0.0))
    gam = gamma[np.abs(k)]
    g = np.sum(lam * np.abs(k) * gam)
    g0 = np.sum(lam * gam)
    d = 2 * g0**2
    cap = math.ceil(min(3 * math.sqrt(n), n / 3))
    with np.errstate(divide="ignore", invalid="ignore"):
        b = (2 * g**2 / d) ** (1 / 3) * n ** (1 / 3)
    if math.isnan(b):
        return 1.0, big_m
    return float(max(1.0, min(b, cap))), big_m


def ar1(rng, n, phi, burn=200):
    e = rng.standard_normal(n + burn)
    x = np.zeros(n + burn)
    for t in range(1, n + burn):
        x[t] = phi * x[t - 1] + e[t]
    return x[burn:]


def emit(name, x):
    b, big_m = block_length(x)
    print("pwb", name, len(x), repr(b), big_m)
    print(" ".join(repr(float(v)) for v in x))


if __name__ == "__main__":
    rng = np.random.default_rng(20261207)
    for phi in (0.0, 0.3, 0.5, 0.8, 0.95, -0.5):
        emit(f"ar1-{phi}", ar1(rng, 500, phi))
    emit("iid-1000", rng.standard_normal(1000))
    emit("ar1-0.9-long", ar1(rng, 2000, 0.9))
    emit("ar1-0.7-short", ar1(rng, 40, 0.7))
    emit("iid-short", rng.standard_normal(12))
    emit("ma1-strong", (lambda e: e[1:] + 0.9 * e[:-1])(rng.standard_normal(301)))
    # A persistent, positive, heavy-tailed series (a volatility's level).
    emit("volatility", np.abs(ar1(rng, 400, 0.97)) + 0.1 * rng.standard_normal(400) ** 2)
    # Deterministic edges: a trend; alternating signs (at the cap, 43 at n = 200); five values (m_max = 4, no run of five).
    emit("ramp-100", np.arange(100.0))
    emit("alternating-200", np.array([1.0 if t % 2 == 0 else -1.0 for t in range(200)]))
    emit("tiny-5", np.array([0.0, 1.0, 0.0, 1.0, 5.0]))
