"""Reference values for the statistics helpers (src/stats/{correlation,groups,ols}.rs).

Run: python3 tests/reference/stats_helpers.py
Versions used: scipy 1.17.1, statsmodels 0.15.0, numpy 2.4.6.
The numbers printed are pasted into tests/stats_helpers.rs.
"""
import numpy as np
from scipy import stats
import statsmodels.api as sm
from statsmodels.stats.outliers_influence import variance_inflation_factor

np.set_printoptions(precision=17)

# --- Pearson (with one missing pair, dropped) -------------------------------
x = [1, 2, 3, 4, 5, 6, 7, 8, 9]
y = [2, 1, 4, 3, 7, 8, 6, 9, np.nan]
r = stats.pearsonr(x[:8], y[:8])
print("pearson r", repr(r.statistic), "p", repr(r.pvalue))

# --- Welch ------------------------------------------------------------------
a = [4.1, 5.3, 6.0, 5.5, 4.8, 6.2]
b = [3.0, 3.9, 5.1, 2.8, 4.4, 3.6, 4.0, 3.3, 2.9]
w = stats.ttest_ind(a, b, equal_var=False)
print("welch t", repr(w.statistic), "p", repr(w.pvalue), "df", repr(w.df))
# one group constant, the other not: still defined
w2 = stats.ttest_ind([3, 3, 3], [1, 2, 4, 6], equal_var=False)
print("welch const-one t", repr(w2.statistic), "p", repr(w2.pvalue), "df", repr(w2.df))

# --- one-way ANOVA ----------------------------------------------------------
g1 = [0.5, -0.2, 0.1, 0.9, 0.3]
g2 = [-0.6, -1.1, -0.4, 0.0, -0.8, -0.3, -0.9]
g3 = [0.2, -0.1, 0.4, -0.5]
f = stats.f_oneway(g1, g2, g3)
print("anova F", repr(f.statistic), "p", repr(f.pvalue))

# --- OLS with intercept -------------------------------------------------------
X = np.array([
    [5.0, 4.2, 3.1], [6.1, 5.0, 4.4], [4.4, 3.8, 4.0], [6.8, 6.1, 5.2],
    [5.5, 4.9, 3.3], [3.9, 3.0, 2.8], [6.2, 5.5, 5.9], [4.8, 4.6, 3.7],
    [5.9, 4.1, 4.8], [6.5, 6.3, 4.1], [4.1, 3.5, 3.9], [5.2, 5.8, 4.5],
])
yy = np.array([5, 6, 4, 7, 5, 3, 7, 5, 6, 6, 4, 6], dtype=float)
Xc = sm.add_constant(X)
m = sm.OLS(yy, Xc).fit()
print("ols params", repr(m.params))
print("ols bse", repr(m.bse))
print("ols tvalues", repr(m.tvalues))
print("ols pvalues", repr(m.pvalues))
print("ols rsquared", repr(m.rsquared), "adj", repr(m.rsquared_adj))
print("ols fvalue", repr(m.fvalue), "f_pvalue", repr(m.f_pvalue))
print("vif", [repr(variance_inflation_factor(Xc, i)) for i in range(1, 4)])
sx = X.std(axis=0, ddof=1); sy = yy.std(ddof=1)
print("beta_std", repr(m.params[1:] * sx / sy))

# Near-collinear design: x3 = x1 + x2 + small noise -> VIF > 10
x1 = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], dtype=float)
x2 = np.array([3, 1, 4, 1, 5, 9, 2, 6, 5, 3], dtype=float)
x3 = x1 + x2 + np.array([0.1, -0.2, 0.05, 0.15, -0.1, 0.0, 0.2, -0.05, -0.15, 0.1])
y2 = np.array([2.0, 3.1, 3.9, 5.2, 5.8, 7.5, 7.0, 8.8, 9.1, 10.4])
Xc2 = sm.add_constant(np.column_stack([x1, x2, x3]))
m2 = sm.OLS(y2, Xc2).fit()
print("collinear params", repr(m2.params))
print("collinear bse", repr(m2.bse))
print("collinear pvalues", repr(m2.pvalues))
print("collinear vif", [repr(variance_inflation_factor(Xc2, i)) for i in range(1, 4)])
