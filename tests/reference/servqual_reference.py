"""Reference numbers for tests/servqual_reference.rs, computed independently of
Gapscope with numpy/SciPy from tests/fixtures/servqual_22.csv, following
METHODS.md §2-3 (and §5 for the direct and allocation weights).

Run: python3 tests/reference/servqual_reference.py   (prints the Rust constants
that tests/servqual_reference.rs holds; numpy >= 1.26, scipy >= 1.11).
"""
import csv
import math
import os

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "fixtures", "servqual_22.csv")
DIMS = {  # PZB 1988 item numbers
    "tangibles": range(1, 5),
    "reliability": range(5, 10),
    "responsiveness": range(10, 14),
    "assurance": range(14, 18),
    "empathy": range(18, 23),
}
DIRECT = {"tangibles": 10, "reliability": 30, "responsiveness": 20, "assurance": 25, "empathy": 15}


def num(s):
    s = s.strip()
    return math.nan if s in ("", "NA") else float(s)


def ttest(g):
    """One-sample t on gaps (= ttest_rel on the pairs), CI with t.ppf, d_z."""
    g = np.asarray(g, dtype=float)
    n = len(g)
    mean, sd = g.mean(), g.std(ddof=1)
    se = sd / math.sqrt(n)
    res = stats.ttest_1samp(g, 0.0)
    q = stats.t.ppf(0.975, n - 1)
    return dict(n=n, mean=mean, sd=sd, se=se, t=res.statistic, df=n - 1,
                p=res.pvalue, lo=mean - q * se, hi=mean + q * se, dz=mean / sd)


def load(path=FIXTURE):
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    E = np.array([[num(r[f"E{j}"]) for j in range(1, 23)] for r in rows])
    P = np.array([[num(r[f"P{j}"]) for j in range(1, 23)] for r in rows])
    A = np.array([[num(r[f"points_{d}"]) for d in DIMS] for r in rows])
    return E, P, A


def items(E, P):
    out = []
    for j in range(22):
        e, p = E[:, j], P[:, j]
        both = ~np.isnan(e) & ~np.isnan(p)
        rel = stats.ttest_rel(p[both], e[both])  # same t and p as ttest() on P - E
        t = ttest(p[both] - e[both])
        assert abs(rel.statistic - t["t"]) < 1e-12 and abs(rel.pvalue - t["p"]) < 1e-12
        out.append(dict(
            e=(int((~np.isnan(e)).sum()), np.nanmean(e), np.nanstd(e, ddof=1)),
            p=(int((~np.isnan(p)).sum()), np.nanmean(p), np.nanstd(p, ddof=1)),
            g=t))
    return out


def dimension_scores(E, P, min_items=None):
    """Per respondent and dimension: gap D, E and P over the paired items, and the
    SERVPERF score over all answered P items; NaN when fewer than `need` items."""
    n = E.shape[0]
    D, Es, Ps, Perf = (np.full((n, len(DIMS)), np.nan) for _ in range(4))
    for d, its in enumerate(DIMS.values()):
        cols = [j - 1 for j in its]
        need = min_items if min_items is not None else math.ceil(len(cols) / 2)
        for i in range(n):
            paired = [j for j in cols if not (math.isnan(E[i, j]) or math.isnan(P[i, j]))]
            if len(paired) >= need:
                D[i, d] = np.mean([P[i, j] - E[i, j] for j in paired])
                Es[i, d] = np.mean([E[i, j] for j in paired])
                Ps[i, d] = np.mean([P[i, j] for j in paired])
            answered = [j for j in cols if not math.isnan(P[i, j])]
            if len(answered) >= need:
                Perf[i, d] = np.mean([P[i, j] for j in answered])
    return D, Es, Ps, Perf


def allocation_shares(A):
    """Each respondent's points / their total; NaN row when incomplete or total <= 0."""
    S = np.full(A.shape, np.nan)
    for i, a in enumerate(A):
        if not np.isnan(a).any() and a.sum() > 0:
            S[i] = a / a.sum()
    return S


def overall(D, Perf, A):
    gaps = np.nanmean(D, axis=0)
    perf = np.nanmean(Perf, axis=0)
    S = allocation_shares(A)
    usable = ~np.isnan(S).any(axis=1)
    w_alloc = S[usable].mean(axis=0)
    # Per-respondent weighted score S_i = sum_d a_id D_id, respondents with every
    # D_id and an allocation; score = mean S_i (PZB 1991).
    si = [(S[i] * D[i]).sum() for i in range(len(D)) if usable[i] and not np.isnan(D[i]).any()]
    pi = [(S[i] * Perf[i]).sum() for i in range(len(D)) if usable[i] and not np.isnan(Perf[i]).any()]
    w = np.array([DIRECT[d] for d in DIMS], dtype=float)
    w /= w.sum()
    return dict(
        gaps=gaps, perf=perf,
        servqual=gaps.mean(), servperf=perf.mean(),
        alloc_weights=w_alloc, alloc_n=int(usable.sum()),
        alloc_servqual=np.mean(si), alloc_servperf=np.mean(pi), alloc_si_n=len(si),
        direct_weights=w, direct_servqual=(w * gaps).sum(), direct_servperf=(w * perf).sum())


def rust(name, xs):
    return f"const {name}: [f64; {len(xs)}] = [{', '.join(repr(float(x)) for x in xs)}];"


def main():
    E, P, A = load()
    it = items(E, P)
    print("// Items Q1..Q22 in survey order.")
    print(f"const ITEM_E_N: [usize; 22] = {[x['e'][0] for x in it]};")
    print(rust("ITEM_E_MEAN", [x["e"][1] for x in it]))
    print(rust("ITEM_E_SD", [x["e"][2] for x in it]))
    print(f"const ITEM_P_N: [usize; 22] = {[x['p'][0] for x in it]};")
    print(rust("ITEM_P_MEAN", [x["p"][1] for x in it]))
    print(rust("ITEM_P_SD", [x["p"][2] for x in it]))
    print(f"const ITEM_G_N: [usize; 22] = {[x['g']['n'] for x in it]};")
    for k in ["mean", "sd", "t", "p", "lo", "hi", "dz"]:
        print(rust(f"ITEM_G_{k.upper()}", [x["g"][k] for x in it]))
    for label, mi in [("", None), ("MIN1_", 1)]:
        D, Es, Ps, Perf = dimension_scores(E, P, mi)
        print(f"// Dimensions in PZB order; min_items = {mi or 'default (half, rounded up)'}.")
        dt = [ttest(D[~np.isnan(D[:, d]), d]) for d in range(5)]
        print(f"const {label}DIM_G_N: [usize; 5] = {[x['n'] for x in dt]};")
        for k in ["mean", "sd", "t", "p", "lo", "hi"]:
            print(rust(f"{label}DIM_G_{k.upper()}", [x[k] for x in dt]))
        print(rust(f"{label}DIM_E_MEAN", np.nanmean(Es, axis=0)))
        print(rust(f"{label}DIM_P_MEAN", np.nanmean(Ps, axis=0)))
        print(rust(f"{label}DIM_PERF_MEAN", np.nanmean(Perf, axis=0)))
        o = overall(D, Perf, A)
        print(f"const {label}SERVQUAL: f64 = {float(o['servqual'])!r};")
        print(f"const {label}SERVPERF: f64 = {float(o['servperf'])!r};")
        print(f"const {label}ALLOC_SERVQUAL: f64 = {float(o['alloc_servqual'])!r}; // mean of {o['alloc_si_n']} S_i")
        print(f"const {label}ALLOC_SERVPERF: f64 = {float(o['alloc_servperf'])!r};")
        print(f"const {label}DIRECT_SERVQUAL: f64 = {float(o['direct_servqual'])!r};")
        print(f"const {label}DIRECT_SERVPERF: f64 = {float(o['direct_servperf'])!r};")
        if not label:
            print(rust("ALLOC_WEIGHTS", o["alloc_weights"]) + f" // {o['alloc_n']} respondents")
            print(rust("DIRECT_WEIGHTS", o["direct_weights"]))
            analysed = int((~np.isnan(D)).any(axis=1).sum())
            print(f"const ANALYSED: usize = {analysed};")


if __name__ == "__main__":
    main()
