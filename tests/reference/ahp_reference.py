"""Reference values for tests/methods_ahp.rs.

Independent of Gapscope: priority vectors, lambda_max and CR come from ahpy
(repeated matrix squaring for the vector, numpy.linalg.eigvals for lambda_max)
and from numpy.linalg.eig directly; the saaty1980 RI table is applied by hand
because ahpy only ships 'saaty' (2005) and 'dd'. Run: python3 ahp_reference.py
"""
import itertools

import ahpy
import numpy as np

np.set_printoptions(precision=17)


def f(x):
    """Plain floats (17 significant digits) for quoting in the Rust tests."""
    if isinstance(x, (list, tuple, np.ndarray)):
        return [float(v) for v in x]
    return float(x)

RI_SAATY1980 = {3: .58, 4: .90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45,
                10: 1.49, 11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59}


def eig(a):
    a = np.array(a, float)
    vals, vecs = np.linalg.eig(a)
    k = int(np.argmax(vals.real))
    w = np.abs(vecs[:, k].real)
    return w / w.sum(), vals[k].real


def via_ahpy(a, names, random_index):
    comps = {(names[i], names[j]): a[i][j]
             for i, j in itertools.combinations(range(len(names)), 2)}
    c = ahpy.Compare('m', comps, precision=15, random_index=random_index)
    return [c.local_weights[x] for x in names], c.consistency_ratio


def report(title, a):
    n = len(a)
    names = [f'e{i}' for i in range(n)]
    w, lam = eig(a)
    ci = (lam - n) / (n - 1)
    print(f'== {title}')
    print('numpy weights     ', f(list(w)))
    print('numpy lambda_max  ', f(lam), ' CI', f(ci))
    print('CR saaty1980      ', f(ci / RI_SAATY1980[n]))
    for ri in ('saaty', 'dd'):
        aw, acr = via_ahpy(a, names, ri)
        print(f'ahpy {ri:5} weights ', f(aw))
        print(f'ahpy {ri:5} CR      ', f(acr))
    return w, lam


# Saaty, T.L. (1990) How to make a decision: the analytic hierarchy process.
# EJOR 48:9-26, Table 2 (house example): published priorities .173 .054 .188
# .018 .031 .036 .167 .333, lambda_max = 9.669, C.I. = 0.238, C.R. = 0.169.
HOUSE = [[1, 5, 3, 7, 6, 6, 1/3, 1/4],
         [1/5, 1, 1/3, 5, 3, 3, 1/5, 1/7],
         [1/3, 3, 1, 6, 3, 4, 6, 1/5],
         [1/7, 1/5, 1/6, 1, 1/3, 1/4, 1/7, 1/8],
         [1/6, 1/3, 1/3, 3, 1, 1/2, 1/5, 1/6],
         [1/6, 1/3, 1/4, 4, 2, 1, 1/5, 1/6],
         [3, 5, 1/6, 7, 5, 5, 1, 1/2],
         [4, 7, 5, 8, 6, 6, 2, 1]]
w, lam = report('house (Saaty 1990)', HOUSE)

# Worst pair (METHODS proposal): eps_ij = a_ij w_j / w_i, t_ij = (eps + 1/eps - 2)/n.
a = np.array(HOUSE, float)
n = len(a)
t = {(i, j): (a[i, j] * w[j] / w[i] + w[i] / (a[i, j] * w[j]) - 2) / n
     for i in range(n) for j in range(i + 1, n)}
(i, j) = max(t, key=t.get)
print('worst pair', (i, j), 'given', a[i, j], 'implied', f(w[i] / w[j]),
      'share', f(t[(i, j)] / sum(t.values())), 'sum t', f(sum(t.values())),
      'lambda-n', f(lam - n))
scale = [1/9, 1/8, 1/7, 1/6, 1/5, 1/4, 1/3, 1/2, 1, 2, 3, 4, 5, 6, 7, 8, 9]
s = min(scale, key=lambda v: (abs(np.log(v) - np.log(w[i] / w[j])), abs(np.log(v))))
b = a.copy(); b[i, j] = s; b[j, i] = 1 / s
wb, lb = eig(b)
print('suggested', s, 'CR after (saaty1980)', f((lb - n) / (n - 1) / RI_SAATY1980[n]))

# Saaty, T.L. (2008) Decision making with the analytic hierarchy process.
# Int. J. Services Sciences 1(1):83-98, Table 3 (drink consumption in the US):
# published eigenvector coffee .177 wine .019 tea .042 beer .116 sodas .190
# milk .129 water .327. Order: coffee, wine, tea, beer, sodas, milk, water.
DRINKS = [[1, 9, 5, 2, 1, 1, 1/2],
          [1/9, 1, 1/3, 1/9, 1/9, 1/9, 1/9],
          [1/5, 3, 1, 1/3, 1/4, 1/3, 1/9],
          [1/2, 9, 3, 1, 1/2, 1, 1/3],
          [1, 9, 4, 2, 1, 2, 1/2],
          [1, 9, 3, 1, 1/2, 1, 1/3],
          [2, 9, 9, 3, 2, 3, 1]]
report('drinks (Saaty 2008)', DRINKS)

# Triantaphyllou & Mann (1995) criteria matrix (as in ahpy's examples).
TM = [[1, 5, 3, 7], [1/5, 1, 1/3, 5], [1/3, 3, 1, 6], [1/7, 1/5, 1/6, 1]]
report('Triantaphyllou-Mann criteria', TM)

# Group AHP (AIJ): element-wise geometric mean of three experts, then as above.
E1 = [[1, 3, 5, 1/2], [1/3, 1, 2, 1/4], [1/5, 1/2, 1, 1/7], [2, 4, 7, 1]]
E2 = [[1, 2, 4, 1], [1/2, 1, 3, 1/3], [1/4, 1/3, 1, 1/5], [1, 3, 5, 1]]
E3 = [[1, 4, 6, 1/3], [1/4, 1, 1, 1/5], [1/6, 1, 1, 1/9], [3, 5, 9, 1]]
g = np.exp(np.mean([np.log(np.array(e, float)) for e in (E1, E2, E3)], axis=0))
print('group matrix a01', f(g[0, 1]))
report('group of three experts (AIJ)', g.tolist())
for k, e in enumerate((E1, E2, E3), 1):
    we, le = eig(e)
    print(f'expert {k} weights', f(list(we)), 'CR saaty1980', f((le - 4) / 3 / .90))

# Two-level hierarchy through ahpy's add_children: global = parent x local.
top = {('D1', 'D2'): 3, ('D1', 'D3'): 1/2, ('D2', 'D3'): 1/4}
d1 = {('i1', 'i2'): 2, ('i1', 'i3'): 4, ('i2', 'i3'): 2}
d2 = {('i4', 'i5'): 1/3}
d3 = {('i6', 'i7'): 5, ('i6', 'i8'): 3, ('i6', 'i9'): 7, ('i7', 'i8'): 1/2,
      ('i7', 'i9'): 2, ('i8', 'i9'): 3}
T = ahpy.Compare('goal', top, precision=15)
C = [ahpy.Compare(name, m, precision=15) for name, m in (('D1', d1), ('D2', d2), ('D3', d3))]
T.add_children(C)
print('hierarchy top weights', f([T.local_weights[x] for x in ('D1', 'D2', 'D3')]))
print('hierarchy global', f([T.target_weights[f'i{k}'] for k in range(1, 10)]))
