#!/usr/bin/env python3
"""The warehouse path, for real: `gapscope sql` → DuckDB → `gapscope analyze --summaries`
must give the report `gapscope analyze` gives from the raw file (docs/scale.md).

DuckDB is the independent engine here: it reads the CSV with its own parser and
computes COUNT/AVG/VAR_SAMP with its own algorithms. The table has what real
exports have: blanks, "n/a", a missing code (99), answers outside the scale,
a reverse-coded item, answer labels, a dimension some respondents skip, and a
constant item. Run by `make test` (tests/scale/run.sh); exits non-zero on any
difference beyond 1e-9 relative.

    python3 tests/scale/duckdb_summaries.py target/debug/gapscope
"""
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/debug/gapscope"
TOL = 1e-9
# The sections the summaries give; everything else needs the answers.
SECTIONS = ["respondents", "items", "dimensions", "overall", "reliability", "comparisons",
            "fuzzy", "ipa", "drivers", "metrics"]

DIMS = {"tangibles": 4, "reliability": 5, "responsiveness": 3, "own_dim": 2}
IMPORTANCE = ["TAN1", "REL1", "RES1"]
LABELS = [("strongly disagree", 1), ("disagree", 2), ("neutral", 4), ("agree", 6), ("strongly agree", 7)]


def make_table(path: Path, n: int, seed: int) -> list[str]:
    r = random.Random(seed)
    items = [(d, f"{d[:3].upper()}{k + 1}") for d, m in DIMS.items() for k in range(m)]
    header = (["id", "branch", "wave"] + [f"E_{i}" for _, i in items] + [f"P_{i}" for _, i in items]
              + ["OS", "NPS", "CES"] + [f"I_{i}" for i in IMPORTANCE] + [f"A_{d}" for d in DIMS])
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\n")
        for k in range(n):
            level = r.randint(3, 6)
            # Groups first appear in their natural order (a warehouse keeps no
            # other), and some rows belong to no branch.
            branch = ["North", "South"][k % 2] if k < 2 or r.random() > 0.02 else r.choice(["", "n/a"])
            wave = ["2026-Q1", "2026-Q2", "2026-Q3"][k % 3]
            # A branch that is better: the comparison has something to find.
            level += branch == "South"
            row = [str(k + 1), branch, wave]
            for side in "EP":
                for d, i in items:
                    x = min(7, max(1, level + r.randint(-2, 2) - (side == "P") * r.randint(0, 2)))
                    cell = str(x)
                    u = r.random()
                    if i == "OWN2" and side == "E":
                        cell = "5"  # constant: zero variance
                    elif d == "own_dim" and k % 3 == 0:
                        cell = ""  # a dimension a third of respondents skip
                    elif u < 0.03:
                        cell = ""
                    elif u < 0.04:
                        cell = "n/a"
                    elif u < 0.05:
                        cell = "99"
                    elif u < 0.055:
                        cell = "8"  # outside 1–7
                    elif u < 0.06:
                        cell = "4.5"
                    elif i == "TAN2" and u < 0.5:
                        cell = r.choice(LABELS)[0].title()  # labels, in any case
                    row.append(cell)
            # Overall satisfaction (1–10, with blanks and n/a), recommendation
            # (0–10, one answer beyond it), effort, importance, 100 points.
            u = r.random()
            row.append("" if u < 0.03 else "n/a" if u < 0.04 else str(min(10, max(1, level + r.randint(-1, 4)))))
            row.append("11" if u > 0.99 else "" if u > 0.97 else str(min(10, max(0, level + r.randint(-2, 4)))))
            row.append("" if u > 0.95 else str(r.randint(1, 7)))
            for _ in IMPORTANCE:
                row.append("" if r.random() < 0.05 else str(r.randint(4, 7)))
            pts = [r.randint(0, 40) for _ in DIMS]
            if r.random() < 0.02:
                pts = [0] * len(DIMS)  # unusable: total 0
            row += ["" if r.random() < 0.02 else str(p) for p in pts]
            f.write(",".join(row) + "\n")
    return [i for _, i in items]


def config(items: list[str]) -> dict:
    dim_of = {i: d for d, m in DIMS.items() for i in [f"{d[:3].upper()}{k + 1}" for k in range(m)]}
    columns = [{"name": "id", "role": "id"}, {"name": "branch", "role": "segment"}, {"name": "wave", "role": "wave"}]
    for side, role in (("E", "expectation"), ("P", "perception")):
        for i in items:
            c = {"name": f"{side}_{i}", "role": role, "item": i}
            if i == "REL3":
                c["reverse"] = True
            if i == "TAN2":
                c["labels"] = [{"label": l, "value": v} for l, v in LABELS]
            columns.append(c)
    columns += [{"name": "OS", "role": "overall", "scale": {"min": 1, "max": 10}},
                {"name": "NPS", "role": "recommend"}, {"name": "CES", "role": "effort"}]
    columns += [{"name": f"I_{i}", "role": "importance", "item": i} for i in IMPORTANCE]
    columns += [{"name": f"A_{d}", "role": "allocation", "dimension": d} for d in DIMS]
    return {
        "version": 1,
        "scale": {"min": 1, "max": 7},
        "analyses": {"csat": {"top_k": 3}, "ces": {"direction": "lower_is_better"}},
        "dimensions": [{"id": d} for d in DIMS],
        "items": [{"id": i, "dimension": dim_of[i]} for i in items],
        "columns": columns,
        "missing_codes": ["99"],
        "weighting": {"method": "direct", "weights": {"tangibles": 1, "reliability": 3, "responsiveness": 2, "own_dim": 1}},
    }


def gapscope(*args: str) -> dict:
    out = subprocess.run([BIN, *args], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"gapscope {' '.join(args)}: exit {out.returncode}\n{out.stderr}")
    return json.loads(out.stdout)


WORST = [0.0]  # the largest relative difference seen


def differences(a, b, path: str, out: list) -> None:
    if isinstance(a, dict):
        if not isinstance(b, dict):
            out.append(f"{path}: summaries {b!r}")
            return
        for k, v in a.items():
            if k not in b:
                out.append(f"{path}.{k}: absent from the summaries report")
            else:
                differences(v, b[k], f"{path}.{k}", out)
    elif isinstance(a, list):
        if not isinstance(b, list) or len(a) != len(b):
            out.append(f"{path}: {len(a)} entries, summaries {len(b) if isinstance(b, list) else b!r}")
            return
        for k, (x, y) in enumerate(zip(a, b)):
            differences(x, y, f"{path}[{k}]", out)
    elif isinstance(a, float) and isinstance(b, (int, float)) and not isinstance(b, bool):
        rel = abs(a - b) / max(1.0, abs(a))
        WORST[0] = max(WORST[0], rel)
        if rel > TOL:
            out.append(f"{path}: raw {a!r}, summaries {b!r}")
    elif a != b:
        out.append(f"{path}: raw {a!r}, summaries {b!r}")


def through_duckdb(tag: str, raw: dict, cfg: Path, table: str, out_dir: Path, *sql_args: str):
    """`gapscope sql` → DuckDB → `analyze --summaries`: the differences from `raw`, and the query."""
    query = subprocess.run(
        [BIN, "sql", "--config", str(cfg), "--table", table, *sql_args],
        capture_output=True, text=True, check=True,
    ).stdout
    sums = out_dir / f"summaries-{tag}.csv"
    duckdb.connect().execute(f"COPY ({query.strip().rstrip(';')}) TO '{sums}' (HEADER)")
    from_sums = gapscope("analyze", "--summaries", str(sums), "--config", str(cfg))
    failures = []
    messages = from_sums["diagnostics"]["messages"]
    codes = [m["code"] for m in messages]
    if "summaries_mode" not in codes or any(m["severity"] == "error" for m in messages):
        failures.append(f"{tag}: diagnostics {codes}")
    for s in SECTIONS:
        out: list[str] = []
        differences(raw.get(s), from_sums.get(s), s, out)
        failures += [f"{tag}: {d}" for d in out]
    print(f"{tag}: {sum(1 for s in SECTIONS if raw.get(s) is not None)} sections compared, "
          f"largest relative difference so far {WORST[0]:.1e}")
    return failures, query


def main() -> None:
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        data = t / "survey.csv"
        items = make_table(data, 3000, seed=11)
        cfg = t / "survey.json"
        cfg.write_text(json.dumps(config(items)), encoding="utf-8")
        raw = gapscope("analyze", str(data), "--config", str(cfg))
        assert raw["respondents"]["analysed"] > 2500, raw["respondents"]
        # Both kinds of comparison are exercised: Welch (two branches, some rows
        # in none) and ANOVA (three waves).
        g = {x["column"]: x for x in raw["comparisons"]["groupings"]}
        assert "welch" in g["branch"] and g["branch"]["unassigned"] > 0, g["branch"].keys()
        assert "anova" in g["wave"] and len(g["wave"]["groups"]) == 3
        for dialect in ("duckdb", "postgres"):
            # DuckDB parses PostgreSQL's casts, TEXT and its `~` regex match, so the
            # postgres query runs here too (the quoting and the number pattern).
            found, _ = through_duckdb(dialect, raw, cfg, f"read_csv('{data}', all_varchar = true)", t,
                                      "--dialect", dialect)
            failures += found
        # The raw file must exercise what the query reads: reverse coding, labels,
        # missing codes, out-of-scale answers, an undefined test.
        assert any(i["gap"].get("undefined") for i in raw["items"]) or any(
            s.get("undefined") for s in raw["reliability"]["scales"]
        ) or any(st.get("item_total_r_undefined") for s in raw["reliability"]["scales"] for st in s["item_stats"]), \
            "the table should have something undefined (a constant item)"
        # --numeric: the same table without text cells or labels, read by
        # DuckDB with numeric column types; answers are cast, not parsed.
        numeric = t / "numeric.csv"
        lines = data.read_text(encoding="utf-8").splitlines()
        keep = []
        for line in lines[1:]:
            cells = line.split(",")
            cells[3:] = [c if c.replace(".", "", 1).isdigit() or c == "" else "" for c in cells[3:]]
            keep.append(",".join(cells))
        numeric.write_text("\n".join([lines[0], *keep]) + "\n", encoding="utf-8")
        plain = config(items)
        for c in plain["columns"]:
            c.pop("labels", None)
        ncfg = t / "numeric.json"
        ncfg.write_text(json.dumps(plain), encoding="utf-8")
        raw_n = gapscope("analyze", str(numeric), "--config", str(ncfg))
        found, query = through_duckdb("numeric", raw_n, ncfg, f"read_csv('{numeric}')", t, "--numeric")
        assert "TRY_CAST" not in query, "--numeric casts directly"
        failures += found
        # The sections beyond the gaps are there to compare (the test could not
        # pass by their absence), with stated importance from the columns.
        for s in ("fuzzy", "ipa", "drivers", "metrics"):
            assert raw.get(s), f"the raw report should have {s}"
        assert raw["ipa"]["importance"] == "stated" and raw["drivers"]["regression"]["r2"] is not None
        assert any(i["rounded"] for i in raw["fuzzy"]["items"]), "answers between grades"
        assert raw["metrics"]["nps"]["n"] > 0 and raw["metrics"]["csat"]["share"] is not None
        # Point allocation: the weights, the scores they weight and IPA's
        # importance from each respondent's 100 points; drivers on the gaps.
        alloc = config(items)
        alloc["weighting"] = {"method": "allocation"}
        alloc["analyses"]["ipa"] = {"importance": "allocation"}
        alloc["analyses"]["drivers"] = {"score": "gap"}
        acfg = t / "alloc.json"
        acfg.write_text(json.dumps(alloc), encoding="utf-8")
        raw_a = gapscope("analyze", str(data), "--config", str(acfg))
        assert raw_a["overall"]["weighting"]["method"] == "allocation", raw_a["overall"]["weighting"]
        assert raw_a["ipa"]["importance"] == "allocation"
        found, _ = through_duckdb("allocation", raw_a, acfg, f"read_csv('{data}', all_varchar = true)", t)
        failures += found
    if failures:
        print("\n".join(failures[:40]))
        sys.exit(f"{len(failures)} differences between the raw and the summaries report")
    print("duckdb summaries: the reports agree")


if __name__ == "__main__":
    main()
