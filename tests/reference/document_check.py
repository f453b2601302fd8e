"""Reference for tests/document.rs (the PDCA Check stage, METHODS.md §13):
Welch's t-test of the demo's per-respondent reliability gap, wave 2026H2
against 2026H1, with scipy.stats.ttest_ind(equal_var=False). Independent of
Gapscope: the respondent score is computed here from METHODS.md §2 (mean of
the available item gaps P5−E5 … P9−E9, needing 3 of the 5). Writes
document_check.txt (t, df, p). Run: python3 document_check.py
"""
import math
import pathlib

import numpy as np
import pandas as pd
from scipy import stats

here = pathlib.Path(__file__).parent
df = pd.read_csv(here / "../../www/demo/bank-survey.csv")
items = range(5, 10)
gaps = pd.DataFrame({j: df[f"P{j}"] - df[f"E{j}"] for j in items})
need = math.ceil(len(items) / 2)
score = gaps.mean(axis=1, skipna=True).where(gaps.notna().sum(axis=1) >= need)
h1 = score[df["wave"] == "2026H1"].dropna().to_numpy()
h2 = score[df["wave"] == "2026H2"].dropna().to_numpy()
res = stats.ttest_ind(h2, h1, equal_var=False)
v1, v2 = h1.var(ddof=1) / len(h1), h2.var(ddof=1) / len(h2)
dof = (v1 + v2) ** 2 / (v1**2 / (len(h1) - 1) + v2**2 / (len(h2) - 1))
line = f"{float(res.statistic)!r} {float(dof)!r} {float(res.pvalue)!r}\n"
(here / "document_check.txt").write_text(line)
print(len(h1), len(h2), h1.mean(), h2.mean(), line)
