#!/usr/bin/python3
"""Exact size of Kupiec's p-values at a nominal 5% under i.i.d. Bernoulli(p) hits, the bench's T and levels: the sum of
Binomial(T, p) probabilities of the counts whose p-value is below 5% (chi2: LR_pof against chi2(1); exact: the two-sided
binomial p-value, outcomes at most as likely as the observed, scipy's binomtest rule with relative tolerance 1e-7; mid-p: that
less half the probability of the outcomes as likely as the observed), as KupiecTest defines them. Every correct-VaR null of
BacktestBench (i.i.d. hits, GJR-t with the true VaR) has these hits, so these are the sizes the bench's kupiec rows estimate.

Run: /usr/bin/python3 bench/BacktestBench/kupiec-exact-size.py > bench/BacktestBench/kupiec-exact-size.txt
"""
import numpy as np
from scipy.stats import binom, chi2
for T in (250, 500, 1000):
    for a in (0.99, 0.975, 0.95):
        p = 1 - a
        k = np.arange(T + 1)
        pmf = binom.pmf(k, T, p)
        with np.errstate(divide='ignore', invalid='ignore'):
            r = k / T
            ll1 = np.where(k > 0, k * np.log(np.where(r > 0, r, 1)), 0) + np.where(k < T, (T - k) * np.log(np.where(r < 1, 1 - r, 1)), 0)
        ll0 = k * np.log(p) + (T - k) * np.log(1 - p)
        lr = 2 * (ll1 - ll0)
        pc = chi2.sf(lr, 1)
        ex = np.array([pmf[pmf <= pmf[x] * (1 + 1e-7)].sum() for x in k])
        same = np.array([pmf[(pmf <= pmf[x] * (1 + 1e-7)) & (pmf >= pmf[x] * (1 - 1e-7))].sum() for x in k])
        mid = ex - 0.5 * same
        print(T, a, "chi2 %.2f  exact %.2f  mid-p %.2f" % tuple(100 * pmf[v < 0.05].sum() for v in (pc, ex, mid)))
