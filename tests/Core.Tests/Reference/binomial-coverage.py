#!/usr/bin/python3
"""Reference exact two-sided binomial and mid-p coverage p-values (scipy), for KupiecTestTests.

Run: /usr/bin/python3 (Debian python3-scipy) tests/Core.Tests/Reference/binomial-coverage.py > tests/Core.Tests/Reference/binomial-coverage.txt
exact = scipy.stats.binomtest(x, T, p).pvalue (two-sided, outcomes at most as likely as x);
mid-p = exact - 1/2 * sum of P(X = k) over the k exactly as likely as x (relative 1e-7).
"""
from scipy.stats import binom, binomtest

cases = [(250, 0, 0.01), (250, 1, 0.01), (250, 2, 0.01), (250, 4, 0.01), (250, 6, 0.01), (250, 10, 0.01),
         (250, 12, 0.05), (250, 20, 0.05), (500, 3, 0.025), (500, 22, 0.025), (1000, 10, 0.01), (1000, 17, 0.01),
         (1000, 50, 0.05), (1000, 38, 0.05), (100, 50, 0.5), (20, 0, 0.05), (3, 3, 0.01), (1, 1, 0.05)]
print("# T x p exact mid_p  (scipy %s)" % __import__("scipy").__version__)
for T, x, p in cases:
    exact = binomtest(x, T, p).pvalue
    d = binom.pmf(x, T, p)
    same = sum(binom.pmf(k, T, p) for k in range(T + 1) if abs(binom.pmf(k, T, p) - d) <= 1e-7 * d)
    print(f"{T} {x} {p!r} {exact!r} {min(1.0, exact - 0.5 * same)!r}")
