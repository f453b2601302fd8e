"""Reference values for tests/browser/weights-methods.test.mjs (the page's AHP
editor, group AHP, entropy on a pasted table, AHP-weighted SERVQUAL of the demo).

numpy and ahpy only, written from METHODS.md §2 and §5 — not from Gapscope.
Run: cd tests/reference && python3 page_weights_reference.py
"""
import csv
import math

import ahpy
import numpy as np

RI = {3: .58, 4: .90, 5: 1.12}  # saaty1980
SCALE = [1 / k for k in range(9, 1, -1)] + list(range(1, 10))


def eig(a):
    a = np.array(a, float)
    vals, vecs = np.linalg.eig(a)
    k = int(np.argmax(vals.real))
    w = np.abs(vecs[:, k].real)
    w = w / w.sum()
    lam = float(vals[k].real)
    n = len(a)
    cr = (lam - n) / (n - 1) / RI[n]
    return w, lam, cr


def ahpy_weights(names, a):
    comps = {(names[i], names[j]): a[i][j] for i in range(len(names)) for j in range(i + 1, len(names))}
    c = ahpy.Compare('c', comps, precision=15, random_index='saaty')
    return [c.target_weights[n] for n in names]


DIMS4 = ['tangibles', 'reliability', 'responsiveness', 'assurance']

# 1. Typed with the keyboard on four dimensions.
A = [[1, 1/3, 1/2, 2], [3, 1, 2, 5], [2, 1/2, 1, 3], [1/2, 1/5, 1/3, 1]]
w, lam, cr = eig(A)
print('A weights', [float(x) for x in w], 'lambda', lam, 'CR', cr)
print('  ahpy', ahpy_weights(DIMS4, A))

# SMALL4: one item per dimension (E1/P1 tangibles, E5/P5 reliability,
# E10/P10 responsiveness, E14/P14 assurance), four respondents.
E = np.array([[6, 7, 5, 6], [5, 6, 6, 7], [7, 7, 6, 5], [4, 5, 6, 6]], float)
P = np.array([[5, 6, 5, 4], [5, 5, 4, 6], [6, 5, 6, 5], [5, 5, 5, 4]], float)
gaps4 = (P - E).mean(axis=0)
print('SMALL4 gaps', [float(x) for x in gaps4], 'servqual', float(gaps4.mean()), 'AHP-weighted', float(w @ gaps4))

# 2. Inconsistent judgments, the worst pair (largest |ln(a_ij w_j / w_i)|), the
# suggestion (nearest Saaty value to w_i/w_j on the log scale) and CR after it.
B = [[1, 5, 1/3, 1], [1/5, 1, 5, 1], [3, 1/5, 1, 1], [1, 1, 1, 1]]
wb, lb, crb = eig(B)
best = max(((i, j) for i in range(4) for j in range(i + 1, 4)), key=lambda p: abs(math.log(B[p[0]][p[1]] * wb[p[1]] / wb[p[0]])))
i, j = best
implied = wb[i] / wb[j]
sug = min(SCALE, key=lambda s: (abs(math.log(s) - math.log(implied)), abs(math.log(s))))
B2 = [row[:] for row in B]
B2[i][j], B2[j][i] = sug, 1 / sug
w2, l2, cr2 = eig(B2)
print('B CR', crb, 'worst', best, 'implied', implied, 'suggested', sug, 'CR after', cr2, 'weights after', [float(x) for x in w2])
print('  accepted anyway: weighted servqual', float(w2 @ gaps4))

# 3. Group AHP: experts A and C, element-wise geometric mean (AIJ).
C = [[1, 1, 1/2, 3], [1, 1, 3, 3], [2, 1/3, 1, 2], [1/3, 1/3, 1/2, 1]]
G = np.sqrt(np.array(A, float) * np.array(C, float))
wg, lg, crg = eig(G)
print('group weights', [float(x) for x in wg], 'CR', crg, 'weighted servqual', float(wg @ gaps4))
print('  ahpy', ahpy_weights(DIMS4, G.tolist()))
wc, _, crc = eig(C)
print('expert 2 weights', [float(x) for x in wc], 'CR', crc)

# 4. Entropy on a 4 x 3 indicator table, 'price' is a cost (METHODS §5).
X = np.array([[120, 7, 0.91], [95, 6, 0.85], [150, 9, 0.97], [110, 8, 0.88]], float)
cost = [True, False, False]
mn, mx = X.min(0), X.max(0)
Xn = np.where(cost, (mx - X) / (mx - mn), (X - mn) / (mx - mn))
p = Xn / Xn.sum(0)
with np.errstate(divide='ignore', invalid='ignore'):
    plogp = np.where(p > 0, p * np.log(p), 0.0)
e = -plogp.sum(0) / math.log(len(X))
d = 1 - e
we = d / d.sum()
print('entropy e', [float(x) for x in e], 'd', [float(x) for x in d], 'w', [float(x) for x in we])

# 5. The demo (www/demo/bank-survey.csv): dimension gaps with the min_items rule
# (a respondent's dimension gap needs ceil(items/2) paired items), then the
# AHP-weighted SERVQUAL sum_d w_d gap_d for the matrix D over the five dimensions.
DIMS = {'tangibles': range(1, 5), 'reliability': range(5, 10), 'responsiveness': range(10, 14),
        'assurance': range(14, 18), 'empathy': range(18, 23)}
rows = list(csv.DictReader(open('../../www/demo/bank-survey.csv', encoding='utf-8')))


def num(s):
    try:
        return float(s)
    except ValueError:
        return math.nan


gaps = []
for items in DIMS.values():
    need = math.ceil(len(items) / 2)
    per = []
    for r in rows:
        g = [num(r[f'P{k}']) - num(r[f'E{k}']) for k in items]
        g = [x for x in g if not math.isnan(x)]
        if len(g) >= need:
            per.append(sum(g) / len(g))
    gaps.append(sum(per) / len(per))
gaps = np.array(gaps)
D = [[1, 1/3, 1/2, 1, 2], [3, 1, 2, 3, 4], [2, 1/2, 1, 2, 3], [1, 1/3, 1/2, 1, 2], [1/2, 1/4, 1/3, 1/2, 1]]
wd, ld, crd = eig(D)
print('demo gaps', [float(x) for x in gaps], 'servqual', float(gaps.mean()))
print('demo AHP weights', [float(x) for x in wd], 'CR', crd, 'weighted servqual', float(wd @ gaps))

# 6. Entropy on the demo's respondent x dimension perception scores (a score
# needs ceil(items/2) answered P items; listwise deletion), and the combined
# AHP x entropy weights w = a*b / sum(a*b).
S = []
for items in DIMS.values():
    need = math.ceil(len(items) / 2)
    col = []
    for r in rows:
        v = [num(r[f'P{k}']) for k in items]
        v = [x for x in v if not math.isnan(x)]
        col.append(sum(v) / len(v) if len(v) >= need else math.nan)
    S.append(col)
S = np.array(S).T
S = S[~np.isnan(S).any(axis=1)]
mn, mx = S.min(0), S.max(0)
Sn = (S - mn) / (mx - mn)
p = Sn / Sn.sum(0)
with np.errstate(divide='ignore', invalid='ignore'):
    plogp = np.where(p > 0, p * np.log(p), 0.0)
e = -plogp.sum(0) / math.log(len(S))
went = (1 - e) / (1 - e).sum()
wab = wd * went / (wd * went).sum()
print('demo entropy weights', [float(x) for x in went], 'respondents', len(S), 'weighted servqual', float(went @ gaps))
print('demo combined AHP x entropy', [float(x) for x in wab], 'weighted servqual', float(wab @ gaps))
