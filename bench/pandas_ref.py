#!/usr/bin/env python3
"""The issue's pandas + pingouin yardstick on the bench file (not a dependency
of the project): read the CSV, each item's P − E mean and SD, the five
SERVQUAL dimensions' gap means, and Cronbach's α of each dimension's E and P
items with pingouin. Prints the time inside Python (after the imports);
`/usr/bin/time` around it gives the wall time and the memory.

    /usr/bin/time -f "%e s %M KB" python3 bench/pandas_ref.py target/bench/survey-1000000.csv
"""
import sys
import time

import pandas as pd
import pingouin as pg

DIMS = [(1, 4), (5, 9), (10, 13), (14, 17), (18, 22)]

t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1])
gaps = {}
for i in range(1, 23):
    g = df[f"P{i}"] - df[f"E{i}"]
    gaps[i] = (g.mean(), g.std())
dims = []
for a, b in DIMS:
    cols = range(a, b + 1)
    g = sum(df[f"P{i}"] - df[f"E{i}"] for i in cols) / len(cols)
    alpha_e = pg.cronbach_alpha(df[[f"E{i}" for i in cols]])[0]
    alpha_p = pg.cronbach_alpha(df[[f"P{i}" for i in cols]])[0]
    dims.append((g.mean(), alpha_e, alpha_p))
print(f"{time.perf_counter() - t0:.2f} s inside; first dimension gap {dims[0][0]:.6f}, alpha E {dims[0][1]:.6f}")
