"""Reference values for tests/methods_fuzzy.rs (METHODS.md §6), plain numpy.

Membership r_jk = share of item j's valid answers at grade k (an off-grade
answer counts at the nearest grade); B = W o R with M(.,+), M(min,max), M(.,max);
B normalised to sum 1; score = sum_k b_k s_k with s = grade values, or the
0-100 banding s_k = 100 (k-1)/(K-1). Run: python3 fuzzy_reference.py
"""
import numpy as np

nan = np.nan
GRADES = np.array([1, 2, 3, 4, 5], float)
ITEMS = [
    [5, 4, 4, 3, nan, 5, 2, 4],        # item 1
    [3, 3, 4, 2, 1, nan, 3, 4.6],      # item 2 (4.6 counts at grade 5)
    [1, 2, 2, 3, 3, 3, nan, nan],      # item 3
    [4, 5, 5, 5, 4, 3, 4, 5],          # item 4
]


def f(x):
    return [float(v) for v in np.ravel(x)]


def membership(col):
    col = np.array(col, float)
    col = col[~np.isnan(col)]
    idx = np.abs(col[:, None] - GRADES[None, :]).argmin(axis=1)
    return np.bincount(idx, minlength=len(GRADES)) / len(col)


def compose(w, R, op):
    w = np.asarray(w, float) / np.sum(w)
    R = np.asarray(R, float)
    if op == 'weighted_average':
        raw = w @ R
    elif op == 'zadeh':
        raw = np.minimum(w[:, None], R).max(axis=0)
    else:
        raw = (w[:, None] * R).max(axis=0)
    return raw, raw / raw.sum()


R = np.array([membership(c) for c in ITEMS])
for j, row in enumerate(R, 1):
    print(f'r item {j}', f(row))
W = [0.1, 0.2, 0.3, 0.4]
PCT = 100 * np.arange(5) / 4
for op in ('weighted_average', 'zadeh', 'product_max'):
    raw, b = compose(W, R, op)
    print(f'== one level {op}: raw', f(raw))
    print('   b', f(b), 'grade', int(np.argmax(b)), 'score', float(b @ GRADES),
          'percent score', float(b @ PCT))

# Two levels: items 1,2 -> D1 (0.6, 0.4); items 3,4 -> D2 (0.5, 0.5); D = (0.3, 0.7).
for op in ('weighted_average', 'zadeh'):
    _, b1 = compose([0.6, 0.4], R[:2], op)
    _, b2 = compose([0.5, 0.5], R[2:], op)
    raw, b = compose([0.3, 0.7], [b1, b2], op)
    print(f'== two level {op}: D1', f(b1), 'D2', f(b2))
    print('   overall b', f(b), 'grade', int(np.argmax(b)), 'score', float(b @ GRADES))
