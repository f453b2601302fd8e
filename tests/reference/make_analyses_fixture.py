"""Generates tests/fixtures/analyses.csv (deterministic; run once, output committed).

Three dimensions (tangibles T1–T3, reliability R1–R3, empathy M1–M2), expectation
(E_), perception (P_) and importance (I_) columns on 1–7, overall satisfaction
OS (1–7), recommend NPS (0–10), effort CES (1–5), branch (A/B/C, one blank) and
wave (2023/2024). A few cells are blank or "N/A" so that listwise and pairwise
deletion differ.
"""
import numpy as np

rng = np.random.default_rng(20240611)
n = 36
dims = {"T": 3, "R": 3, "M": 2}
rows = []
for i in range(n):
    branch = "ABC"[i % 3]
    wave = "2023" if i < 18 else "2024"
    row = {"id": f"r{i+1:02d}", "branch": branch, "wave": wave}
    shift = {"A": 0.4, "B": -0.3, "C": 0.0}[branch] + (0.3 if wave == "2024" else 0.0)
    lat_p = {}
    for d, k in dims.items():
        e_level = rng.normal(5.8, 0.6)
        p_level = rng.normal(4.8 + shift, 0.9)
        lat_p[d] = p_level
        for j in range(1, k + 1):
            e = int(np.clip(round(e_level + rng.normal(0, 0.6)), 1, 7))
            p = int(np.clip(round(p_level + rng.normal(0, 0.7)), 1, 7))
            imp = int(np.clip(round(rng.normal({"T": 4.5, "R": 6.2, "M": 5.4}[d] + 0.2 * j, 0.8)), 1, 7))
            row[f"E_{d}{j}"] = e
            row[f"P_{d}{j}"] = p
            row[f"I_{d}{j}"] = imp
    os_ = 0.5 * lat_p["R"] + 0.3 * lat_p["T"] + 0.2 * lat_p["M"] + rng.normal(0, 0.5)
    row["OS"] = int(np.clip(round(os_), 1, 7))
    row["NPS"] = int(np.clip(round(2 * os_ - 4 + rng.normal(0, 1.2)), 0, 10))
    row["CES"] = int(np.clip(round(6 - 0.6 * os_ + rng.normal(0, 0.6)), 1, 5))
    rows.append(row)

# Holes: blank / N/A cells in chosen places.
holes = [(2, "P_T2"), (5, "E_R1"), (5, "P_R3"), (9, "P_M1"), (11, "OS"), (14, "E_T1"),
         (14, "E_T3"), (20, "NPS"), (23, "P_R1"), (23, "P_R2"), (27, "I_M2"), (30, "CES"),
         (31, "branch"), (33, "E_M2")]
for r, c in holes:
    rows[r][c] = "N/A" if r % 2 else ""

cols = ["id", "branch", "wave"]
for prefix in ["E_", "P_", "I_"]:
    for d, k in dims.items():
        cols += [f"{prefix}{d}{j}" for j in range(1, k + 1)]
cols += ["OS", "NPS", "CES"]
with open("tests/fixtures/analyses.csv", "w") as f:
    f.write(",".join(cols) + "\n")
    for row in rows:
        f.write(",".join(str(row[c]) for c in cols) + "\n")
