"""Writes tests/fixtures/servqual_22.csv: 16 respondents, the 22 PZB items on a 1-7
scale as E1..E22 / P1..P22, with blanks and NA codes placed so that the min_items
rule matters, plus id, branch and 100-point allocation columns.

The fixture is committed; this script only documents how it was made
(python3 tests/reference/make_servqual_fixture.py)."""
import csv
import os

import numpy as np

rng = np.random.default_rng(20240611)
n = 16
E = np.clip(np.round(rng.normal(5.8, 0.9, (n, 22))), 1, 7)
P = np.clip(np.round(E - rng.normal(0.8, 1.1, (n, 22))), 1, 7)
E = E.astype(object)
P = P.astype(object)
# Respondent 3 (row index 2): only item 1 of tangibles (1-4) answered on the P side:
# 1 paired item < ceil(4/2) = 2, so no tangibles score.
for j in (1, 2, 3):
    P[2, j] = ""
# Respondent 5: reliability (5-9) has 3 of 5 paired items: still scored (need 3).
E[4, 4] = "NA"
P[4, 5] = ""
# Respondent 6: reliability with 2 of 5 paired items: not scored (need 3);
# but all 5 P answers are there for SERVPERF.
E[5, 4] = ""
E[5, 6] = ""
E[5, 8] = "NA"
# Respondent 9: empathy (18-22) P side missing entirely.
for j in range(17, 22):
    P[8, j] = ""
# Scattered single blanks.
for (i, j) in [(0, 10), (7, 15), (11, 20), (13, 0), (14, 12)]:
    E[i, j] = ""
for (i, j) in [(1, 13), (10, 3), (12, 19)]:
    P[i, j] = "NA"

alloc = rng.dirichlet(np.ones(5) * 3, n) * 100
alloc = np.round(alloc).astype(object)
alloc[3, :] = [10, 10, 10, 10, 10]  # not 100 in total: normalised
alloc[6, 2] = ""  # incomplete allocation: not usable
dims = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]

path = os.path.join(os.path.dirname(__file__), "..", "fixtures", "servqual_22.csv")
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "branch"] + [f"E{j}" for j in range(1, 23)]
               + [f"P{j}" for j in range(1, 23)] + [f"points_{d}" for d in dims])
    fmt = lambda v: v if isinstance(v, str) else str(int(v))
    for i in range(n):
        w.writerow([f"r{i + 1:02d}", "north" if i % 2 else "south"]
                   + [fmt(v) for v in E[i]] + [fmt(v) for v in P[i]]
                   + [fmt(v) for v in alloc[i]])
