"""Reference values for tests/analyses_fixture.rs, computed on
tests/fixtures/analyses.csv with independent libraries:

  reliability  pingouin.cronbach_alpha(nan_policy='listwise'), scipy.stats.pearsonr
  IPA          pandas means, scipy.stats.pearsonr (derived importance)
  metrics      NPS / SE by hand from METHODS.md §8, CSAT top-2 share, CES mean
  drivers      scipy.stats.pearsonr, statsmodels OLS + variance_inflation_factor
  comparisons  scipy.stats.ttest_ind(equal_var=False), scipy.stats.f_oneway,
               statsmodels multipletests(method='fdr_bh')

Run: python3 tests/reference/analyses_fixture.py
(pingouin 0.7.0, statsmodels 0.15.0, scipy 1.17.1, numpy 2.4.6, pandas 3.1.1)

Dimension scores follow METHODS.md §2, written here from the definition:
a respondent's gap score in a dimension is the mean of P − E over the items answered
on both sides, when at least ceil(k/2) such items exist; the perception (SERVPERF)
score is the mean of the answered P items with the same minimum.
"""
import math
import numpy as np
import pandas as pd
import pingouin as pg
from scipy import stats
import statsmodels.api as sm
from statsmodels.stats.outliers_influence import variance_inflation_factor
from statsmodels.stats.multitest import multipletests

df = pd.read_csv("tests/fixtures/analyses.csv", na_values=["N/A", ""], keep_default_na=False,
                 dtype={"wave": str, "branch": str})
dims = {"tangibles": ["T1", "T2", "T3"], "reliability": ["R1", "R2", "R3"], "empathy": ["M1", "M2"]}
items = [i for v in dims.values() for i in v]


def r(x):
    return repr(float(x))


print("== reliability")
def alpha_block(name, cols):
    a, _ = pg.cronbach_alpha(data=df[cols], nan_policy="listwise")
    complete = df[cols].dropna()
    print(name, "alpha", r(a), "n", len(complete))
    for c in cols:
        rest = [x for x in cols if x != c]
        aid = pg.cronbach_alpha(data=complete[rest])[0] if len(rest) >= 2 else float("nan")
        itr = stats.pearsonr(complete[c], complete[rest].sum(axis=1)).statistic
        print("   ", c, "alpha_if_deleted", r(aid), "item_total_r", r(itr))

for d, its in dims.items():
    alpha_block(f"{d} E", [f"E_{i}" for i in its])
    alpha_block(f"{d} P", [f"P_{i}" for i in its])
alpha_block("all E", [f"E_{i}" for i in items])
alpha_block("all P", [f"P_{i}" for i in items])

print("== IPA stated (importance columns), performance = mean P, cross-hairs at means")
x = {i: df[f"I_{i}"].mean() for i in items}
y = {i: df[f"P_{i}"].mean() for i in items}
cx, cy = np.mean(list(x.values())), np.mean(list(y.values()))
print("crosshairs", r(cx), r(cy))
for i in items:
    q = ("concentrate_here" if y[i] < cy else "keep_up_the_good_work") if x[i] >= cx else \
        ("low_priority" if y[i] < cy else "possible_overkill")
    print("  ", i, r(x[i]), r(y[i]), q)
print("== IPA derived (r of P with OS, pairwise), performance = mean gap")
for i in items:
    sub = df[[f"P_{i}", "OS"]].dropna()
    c = stats.pearsonr(sub[f"P_{i}"], sub["OS"])
    g = (df[f"P_{i}"] - df[f"E_{i}"]).mean()
    print("  ", i, "r", r(c.statistic), "p", r(c.pvalue), "n", len(sub), "gap", r(g))

print("== metrics")
nps = df["NPS"].dropna()
n = len(nps)
p = (nps >= 9).sum() / n
q = (nps <= 6).sum() / n
print("NPS n", n, "promoters", (nps >= 9).sum(), "detractors", (nps <= 6).sum(),
      "nps", r(100 * (p - q)), "se", r(math.sqrt((p + q - (p - q) ** 2) / n) * 100))
os_ = df["OS"].dropna()
print("CSAT top2 n", len(os_), "satisfied", (os_ >= 6).sum(), "share", r((os_ >= 6).mean()))
print("CSAT top3 share", r((os_ >= 5).mean()))
ces = df["CES"].dropna()
print("CES n", len(ces), "mean", r(ces.mean()), "sd", r(ces.std(ddof=1)))

print("== dimension scores")
def scores(kind):
    out = {}
    for d, its in dims.items():
        need = math.ceil(len(its) / 2)
        vals = []
        for _, row in df.iterrows():
            if kind == "gap":
                g = [row[f"P_{i}"] - row[f"E_{i}"] for i in its
                     if not (pd.isna(row[f"P_{i}"]) or pd.isna(row[f"E_{i}"]))]
            else:
                g = [row[f"P_{i}"] for i in its if not pd.isna(row[f"P_{i}"])]
            vals.append(np.mean(g) if len(g) >= need else np.nan)
        out[d] = np.array(vals)
    return pd.DataFrame(out)

for kind in ["perception", "gap"]:
    S = scores(kind)
    print("== drivers on", kind)
    for d in dims:
        sub = pd.concat([S[d], df["OS"]], axis=1).dropna()
        c = stats.pearsonr(sub[d], sub["OS"])
        print("  r", d, r(c.statistic), "p", r(c.pvalue), "n", len(sub))
    data = pd.concat([S, df["OS"]], axis=1).dropna()
    X = sm.add_constant(data[list(dims)])
    m = sm.OLS(data["OS"], X).fit()
    print("  n", len(data), "missing OS", int(df["OS"].isna().sum()))
    print("  params", [r(v) for v in m.params])
    print("  bse", [r(v) for v in m.bse])
    print("  tvalues", [r(v) for v in m.tvalues])
    print("  pvalues", [r(v) for v in m.pvalues])
    print("  rsquared", r(m.rsquared), "adj", r(m.rsquared_adj), "F", r(m.fvalue), "F p", r(m.f_pvalue))
    vif = [variance_inflation_factor(X.values, i) for i in range(1, 4)]
    print("  vif", [r(v) for v in vif])
    beta = m.params.values[1:] * data[list(dims)].std(ddof=1).values / data["OS"].std(ddof=1)
    print("  beta", [r(v) for v in beta], "rel", [r(v) for v in np.abs(beta) / np.abs(beta).sum()])

print("== comparisons (overall gap score = mean of available dimension gap scores)")
G = scores("gap")
overall = G.mean(axis=1, skipna=True)
for col in ["branch", "wave"]:
    groups = [g for g in pd.unique(df[col]) if isinstance(g, str) and g.strip() != ""]
    print(col, "groups", groups, "unassigned", int(df[col].isna().sum()))
    samples = [overall[df[col] == g].dropna().values for g in groups]
    for g, s in zip(groups, samples):
        dgaps = [G[d][df[col] == g].mean() for d in dims]
        print("  ", g, "n", int((df[col] == g).sum()), "score n", len(s), "mean", r(s.mean()),
              "sd", r(s.std(ddof=1)), "servqual", r(np.nanmean(dgaps)))
    if len(groups) == 2:
        t = stats.ttest_ind(samples[0], samples[1], equal_var=False)
        print("   welch t", r(t.statistic), "df", r(t.df), "p", r(t.pvalue))
    else:
        f = stats.f_oneway(*samples)
        print("   anova F", r(f.statistic), "p", r(f.pvalue))
    ps = []
    for d in dims:
        ds = [G[d][df[col] == g].dropna().values for g in groups]
        if len(groups) == 2:
            ps.append(stats.ttest_ind(ds[0], ds[1], equal_var=False).pvalue)
        else:
            ps.append(stats.f_oneway(*ds).pvalue)
    print("   dimension p", [r(v) for v in ps], "BH", [r(v) for v in multipletests(ps, method="fdr_bh")[1]])
