"""Reference values for tests/methods_objective.rs (entropy and CRITIC).

A plain numpy implementation written from METHODS.md §5, independent of
Gapscope's code: listwise deletion of rows with a missing value, min-max
normalisation by direction, constant indicators get weight 0 (and are left out
of CRITIC's correlation sums). Run: python3 objective_reference.py
"""
import numpy as np


def f(x):
    return [float(v) for v in np.ravel(x)] if np.ndim(x) else float(x)


def prepare(X, cost=()):
    X = np.asarray(X, float)
    X = X[~np.isnan(X).any(axis=1)]            # listwise deletion
    mn, mx = X.min(0), X.max(0)
    const = mx - mn == 0
    rng = np.where(const, 1.0, mx - mn)
    N = (X - mn) / rng
    for j in cost:
        N[:, j] = (mx[j] - X[:, j]) / rng[j]
    N[:, const] = 0.0
    return N, const


def entropy_stage(N, const):
    m = N.shape[0]
    P = N / np.where(const, 1.0, N.sum(0))
    with np.errstate(divide='ignore', invalid='ignore'):
        L = np.where(P > 0, P * np.log(P), 0.0)    # 0 ln 0 = 0
    e = -L.sum(0) / np.log(m)
    d = np.where(const, 0.0, 1 - e)
    return P, e, d, d / d.sum()


def entropy(X, cost=()):
    N, const = prepare(X, cost)
    return (N,) + entropy_stage(N, const)


def critic(X, cost=()):
    N, const = prepare(X, cost)
    keep = ~const
    s = N.std(0, ddof=1)
    R = np.full((N.shape[1],) * 2, np.nan)
    R[np.ix_(keep, keep)] = np.corrcoef(N[:, keep], rowvar=False)
    conflict = np.where(keep, np.nansum(1 - R, axis=1), 0.0)
    C = s * conflict
    return N, s, R, conflict, C, C / C.sum()


def main():
    # Tuş, A. & Aytaç Adalı, E. (2019) The new combination with CRITIC and WASPAS
    # methods for the time and attendance software selection problem. OPSEARCH
    # 56(2):528-538. Published CRITIC weights 0.157 0.249 0.168 0.121 0.154 0.151.
    TUS = [[5000, 3, 3, 4, 3, 2],
           [680, 5, 3, 2, 2, 1],
           [2000, 3, 2, 3, 4, 3],
           [600, 4, 3, 1, 2, 2],
           [800, 2, 4, 3, 3, 4]]
    print('== Tus & Adali, all benefit')
    N, s, R, conf, C, w = critic(TUS)
    print('critic sd', f(s)); print('critic conflict', f(conf)); print('critic C', f(C))
    print('critic weights', f(w)); print('critic r[0]', f(R[0]))
    print('entropy weights', f(entropy(TUS)[4]))
    print('== Tus & Adali, first indicator cost')
    N, s, R, conf, C, w = critic(TUS, cost=[0])
    print('critic weights', f(w)); print('critic r[0]', f(R[0]))
    N, P, e, d, we = entropy(TUS, cost=[0])
    print('normalised row 1', f(N[0])); print('p row 1', f(P[0]))
    print('entropy e', f(e)); print('entropy d', f(d)); print('entropy weights', f(we))

    # Entropy stage on raw (sum-normalised) data — published worked examples:
    # Xu, X. (2004) EJOR 156(2):530-532: 0.4630 0.3992 0.1378 0.0000.
    XU = np.array([[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]], float)
    print('== Xu 2004 stage weights', f(entropy_stage(XU, np.zeros(4, bool))[3]))
    # Zavadskas, E.K. & Podvezko, V. (2016) IJITDM 15(2):267-283: 0.1146 0.1981 0.4185 0.2689.
    ZP = np.array([[3.0, 100, 10, 7], [2.5, 80, 8, 5], [1.8, 50, 20, 11], [2.2, 70, 12, 9]])
    print('== Zavadskas-Podvezko 2016 stage weights', f(entropy_stage(ZP, np.zeros(4, bool))[3]))

    # Missing values and a constant indicator.
    MISS = [[3, 7, 5, 1], [4, np.nan, 5, 2], [1, 2, 5, 9], [5, 3, 5, 4], [2, 8, 5, 6], [np.nan, 1, 5, 1]]
    print('== missing + constant (rows 2 and 6 dropped; column 3 constant; column 4 cost)')
    N, P, e, d, we = entropy(MISS, cost=[3])
    print('entropy e', f(e)); print('entropy weights', f(we))
    N, s, R, conf, C, w = critic(MISS, cost=[3])
    print('critic sd', f(s)); print('critic weights', f(w)); print('critic r row 1', f(R[0]))

    # 150 generated alternatives (truncation of the shown matrices):
    # x_ij = ((i * (j + 3) * 37 + 11 * j) % 101) / 10, i = 0..149, j = 0..3
    G = np.array([[((i * (j + 3) * 37 + 11 * j) % 101) / 10 for j in range(4)] for i in range(150)])
    print('== generated 150x4, column 2 cost')
    print('entropy weights', f(entropy(G, cost=[1])[4]))
    print('critic weights', f(critic(G, cost=[1])[5]))


if __name__ == '__main__':
    main()
