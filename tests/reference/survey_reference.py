"""Reference values for tests/methods_survey.rs: survey_weights.csv with the
structure of survey_weights_ahp.json (3 dimensions, 7 items, scale 1-5).

Plain numpy/csv, written from METHODS.md §2, §5, §6 — not from Gapscope:
dimension scores need ceil(items/2) answered items; dimension gap = mean over
respondents of their mean item gap; weighted SERVQUAL = sum_d w_d gap_d;
entropy/CRITIC on respondents x dimensions of SERVPERF (P) scores with listwise
deletion; fuzzy membership from P answers. Run: python3 survey_reference.py
"""
import csv
import math

import numpy as np

from objective_reference import critic, entropy

DIMS = {'tangibles': ['T1', 'T2'], 'reliability': ['R1', 'R2', 'R3'], 'empathy': ['M1', 'M2']}
rows = list(csv.DictReader(open('survey_weights.csv')))


def val(s):
    try:
        return float(s)
    except ValueError:
        return np.nan


E = {it: np.array([val(r[f'E_{it}']) for r in rows]) for its in DIMS.values() for it in its}
P = {it: np.array([val(r[f'P_{it}']) for r in rows]) for its in DIMS.values() for it in its}
n = len(rows)


def scores(its):
    need = math.ceil(len(its) / 2)
    gap, perf = np.full(n, np.nan), np.full(n, np.nan)
    for i in range(n):
        paired = [P[t][i] - E[t][i] for t in its if not np.isnan(P[t][i]) and not np.isnan(E[t][i])]
        ps = [P[t][i] for t in its if not np.isnan(P[t][i])]
        if len(paired) >= need:
            gap[i] = np.mean(paired)
        if len(ps) >= need:
            perf[i] = np.mean(ps)
    return gap, perf


G = {d: scores(its)[0] for d, its in DIMS.items()}
S = {d: scores(its)[1] for d, its in DIMS.items()}
gaps = np.array([np.nanmean(G[d]) for d in DIMS])
perfs = np.array([np.nanmean(S[d]) for d in DIMS])
print('dimension gaps', [float(x) for x in gaps], 'servqual', float(gaps.mean()))
print('dimension servperf', [float(x) for x in perfs])


def eig(a):
    vals, vecs = np.linalg.eig(np.array(a, float))
    k = int(np.argmax(vals.real))
    w = np.abs(vecs[:, k].real)
    return w / w.sum(), float(vals[k].real)


A = [[1, 1/3, 2], [3, 1, 5], [1/2, 1/5, 1]]
w_ahp, lam = eig(A)
print('ahp weights', [float(x) for x in w_ahp], 'CR', (lam - 3) / 2 / .58)
print('weighted servqual (ahp)', float(w_ahp @ gaps), 'weighted servperf', float(w_ahp @ perfs))
R_ITEMS = [[1, 2, 3], [1/2, 1, 2], [1/3, 1/2, 1]]
w_rel, _ = eig(R_ITEMS)
print('reliability item weights', [float(x) for x in w_rel],
      'global', [float(x) for x in w_ahp[1] * w_rel])

X = np.column_stack([S[d] for d in DIMS])
print('complete respondents', int((~np.isnan(X).any(axis=1)).sum()))
we = entropy(X)[4]
wc = critic(X)[5]
print('entropy weights', [float(x) for x in we], 'weighted servqual', float(we @ gaps))
print('critic weights', [float(x) for x in wc], 'weighted servqual', float(wc @ gaps))

BAD = [[1, 5, 1/3], [1/5, 1, 7], [3, 1/7, 1]]
wb, lb = eig(BAD)
print('inconsistent CR', (lb - 3) / 2 / .58, 'weights', [float(x) for x in wb])

# Fuzzy, M(.,+): grades 1..5, equal item weights except reliability (AHP).
grades = np.arange(1, 6)


def membership(col):
    col = col[~np.isnan(col)]
    return np.array([(col == g).mean() for g in grades])


R = {d: np.array([membership(P[t]) for t in its]) for d, its in DIMS.items()}
within = {'tangibles': np.array([.5, .5]), 'reliability': w_rel, 'empathy': np.array([.5, .5])}
B = {d: within[d] @ R[d] for d in DIMS}
for d in DIMS:
    print('fuzzy', d, [float(x) for x in B[d]])
two = w_ahp @ np.array([B[d] for d in DIMS])
print('fuzzy two-level b', [float(x) for x in two], 'score', float(two @ grades),
      'percent', float(two @ (100 * (grades - 1) / 4)), 'grade', int(np.argmax(two)))
glob = np.concatenate([w_ahp[k] * within[d] for k, d in enumerate(DIMS)])
one = glob @ np.vstack([R[d] for d in DIMS])
print('fuzzy one-level b', [float(x) for x in one], 'score', float(one @ grades))

# Combined subjective x objective (METHODS §5): w = a*b / sum(a*b).
wab = w_ahp * we / (w_ahp * we).sum()
print('combined ahp x entropy', [float(x) for x in wab], 'weighted servqual', float(wab @ gaps),
      'weighted servperf', float(wab @ perfs))
direct = np.array([20, 50, 30]) / 100
wdc = direct * wc / (direct * wc).sum()
print('combined direct 20/50/30 x critic', [float(x) for x in wdc], 'weighted servqual', float(wdc @ gaps))
