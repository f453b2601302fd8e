#!/usr/bin/env python3
"""The warehouse path at the issue's scale (issue 11): a CSV of N respondents × 46
columns (id, segment, E1..E22, P1..P22 on 1–7), analysed natively by `gapscope
analyze` and through `gapscope sql` → DuckDB → `gapscope analyze --summaries`.
Reports; never fails. bench/README.md has the figures.

    cargo build --release
    python3 bench/warehouse.py [N=1000000]
"""
import json
import random
import subprocess
import sys
import time
from pathlib import Path

import duckdb

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
BIN = "target/release/gapscope"
OUT = Path("target/bench")


def make(path: Path, n: int) -> None:
    if path.exists():
        return
    r = random.Random(7)
    segs = ["North", "South", "East", "West"]
    with path.open("w") as f:
        f.write("id,segment," + ",".join(f"E{i}" for i in range(1, 23)) + ","
                + ",".join(f"P{i}" for i in range(1, 23)) + "\n")
        for k in range(n):
            e = [r.randint(4, 7) for _ in range(22)]
            p = [max(1, min(7, x - r.randint(-1, 2))) for x in e]
            f.write(f"{k + 1},{segs[k % 4]}," + ",".join(map(str, e)) + "," + ",".join(map(str, p)) + "\n")


def timed(f, runs=3):
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t)
    return sorted(ts)[len(ts) // 2]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    data = OUT / f"survey-{N}.csv"
    make(data, N)
    cfg = OUT / f"survey-{N}.json"
    cfg.write_text(subprocess.run([BIN, "detect", str(data)], capture_output=True, text=True, check=True).stdout)
    query = subprocess.run([BIN, "sql", "-c", str(cfg), "--table", f"read_csv('{data}')"],
                           capture_output=True, text=True, check=True).stdout.strip().rstrip(";")
    sums = OUT / f"summaries-{N}.csv"
    # Held (--in-memory), and streamed (the default for a UTF-8 file from 32 MB).
    native = timed(lambda: subprocess.run([BIN, "analyze", "--in-memory", str(data)], capture_output=True, check=True))
    streamed = timed(lambda: subprocess.run([BIN, "analyze", str(data)], capture_output=True, check=True))
    duck = timed(lambda: duckdb.connect().execute(f"COPY ({query}) TO '{sums}' (HEADER)"))
    report = timed(lambda: subprocess.run([BIN, "analyze", "--summaries", str(sums), "-c", str(cfg)],
                                          capture_output=True, check=True))
    load = Path("/proc/loadavg").read_text().split()[0]
    print(json.dumps({
        "rows": N, "file_mb": round(data.stat().st_size / 1e6, 1), "load_average": float(load),
        "native_analyze_s": round(native, 2), "native_streamed_s": round(streamed, 2),
        "duckdb_query_on_csv_s": round(duck, 2),
        "analyze_summaries_s": round(report, 3),
    }, indent=2))


if __name__ == "__main__":
    main()
