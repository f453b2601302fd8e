"""SciPy check of the published paired t-test on Student's sleep data
(Cushny & Peebles 1905, analysed by Student 1908; R's `datasets::sleep`), used by
tests/published_examples.rs. R's documented output for
t.test(extra ~ group, data = sleep, paired = TRUE) (group 1 - group 2) is
t = -4.0621, df = 9, p-value = 0.002833, 95% CI -2.4598858 -0.7001142,
mean difference -1.58.

Run: python3 tests/reference/sleep_reference.py
"""
import numpy as np
from scipy import stats

drug1 = np.array([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0])
drug2 = np.array([1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4])
res = stats.ttest_rel(drug1, drug2)
g = drug1 - drug2
n = len(g)
se = g.std(ddof=1) / np.sqrt(n)
q = stats.t.ppf(0.975, n - 1)
print("t", repr(float(res.statistic)))
print("p", repr(float(res.pvalue)))
print("mean", repr(float(g.mean())), "sd", repr(float(g.std(ddof=1))))
print("ci", repr(float(g.mean() - q * se)), repr(float(g.mean() + q * se)))
print("t.ppf(0.975, 9)", repr(float(q)))
print("d_z", repr(float(g.mean() / g.std(ddof=1))))
