#!/usr/bin/env python3
"""Writes www/demo/bank-survey.csv: a synthetic bank-branch service survey.

360 respondents of four branches in two survey waves answer the 22 SERVQUAL
items twice (expectation E1..E22, perception P1..P22; 1-7 Likert, item order of
Parasuraman, Zeithaml & Berry 1988: 1-4 tangibles, 5-9 reliability, 10-13
responsiveness, 14-17 assurance, 18-22 empathy), share 100 points among the five
dimensions, and give overall satisfaction (1-7), likelihood to recommend (0-10)
and an optional comment.

The structure is what a consultant expects to see in a real one: expectations
high (5.5-6.5), perceptions lower, the largest shortfalls in reliability and
responsiveness, differences between branches, an improvement in the second wave
(most of all in responsiveness, the area the branches worked on), overall and
recommend following the perceptions, a few unanswered cells and two 'NA'.

Deterministic: every random number comes from random.Random(SEED).random() and
only +, -, *, / are applied to it (no libm), so the file is byte-identical on
every run and every platform. Standard library only.

    python3 scripts/make-demo.py [OUTPUT]
"""

import csv
import io
import os
import random
import sys

SEED = 20260601

BRANCHES = ["城东支行", "城西支行", "高新区支行", "滨江支行"]
WAVES = ["2026H1", "2026H2"]
# Respondents per (branch, wave); 360 in all.
COUNTS = {
    ("城东支行", "2026H1"): 50, ("城东支行", "2026H2"): 48,
    ("城西支行", "2026H1"): 45, ("城西支行", "2026H2"): 47,
    ("高新区支行", "2026H1"): 42, ("高新区支行", "2026H2"): 44,
    ("滨江支行", "2026H1"): 40, ("滨江支行", "2026H2"): 44,
}

DIMENSIONS = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]
# PZB 1988 item order: number of items per dimension.
ITEMS_PER_DIMENSION = [4, 5, 4, 4, 5]

# Mean expectation and (wave 1, average branch) perception per dimension.
E_MEAN = {"tangibles": 5.6, "reliability": 6.5, "responsiveness": 6.2,
          "assurance": 6.1, "empathy": 5.8}
P_MEAN = {"tangibles": 5.4, "reliability": 4.9, "responsiveness": 4.7,
          "assurance": 5.5, "empathy": 5.1}
# Per-item nudges so that items of one dimension are not interchangeable.
E_ITEM_SHIFT = [0.1, -0.2, 0.0, 0.1,  0.2, 0.0, 0.1, -0.1, 0.0,  0.1, -0.1, 0.0, 0.1,
                0.0, 0.1, -0.1, 0.0,  -0.2, 0.0, 0.1, 0.0, 0.1]
P_ITEM_SHIFT = [0.2, -0.1, 0.0, 0.1,  -0.2, 0.1, 0.0, -0.1, 0.1,  -0.3, 0.0, 0.1, 0.1,
                0.1, 0.0, 0.1, -0.1,  0.0, -0.2, 0.1, 0.1, 0.0]
# Branch effects on perception: overall, and extra for responsiveness.
BRANCH_P = {"城东支行": 0.3, "城西支行": 0.0, "高新区支行": -0.35, "滨江支行": 0.1}
BRANCH_RESPONSIVENESS = {"城东支行": 0.0, "城西支行": 0.1, "高新区支行": -0.3, "滨江支行": 0.0}
# Wave 2: a general improvement, larger where the branches worked on it.
WAVE2_P = {"tangibles": 0.15, "reliability": 0.3, "responsiveness": 0.5,
           "assurance": 0.15, "empathy": 0.25}
# Mean share of the 100 importance points; reliability usually gets most.
POINTS_BASE = {"tangibles": 11, "reliability": 32, "responsiveness": 22,
               "assurance": 19, "empathy": 16}

COMMENTS_GOOD = [
    "服务很好",
    "柜员很耐心",
    "大堂经理很热情，主动帮忙填单",
    "办业务很快, 比以前好多了",
    "理财经理讲解清楚",
    "环境干净整洁",
    "整体满意",
    "手机银行和柜台配合得不错, 少跑了一趟",
]
COMMENTS_MIXED = [
    "还可以",
    "停车不方便",
    "自助机经常有故障",
    "周末人太多, 要等很久",
    "希望延长营业时间",
    "叫号系统有时不准",
    "工作人员态度好，但效率一般",
]
COMMENTS_BAD = [
    "排队时间太长",
    "排队太久, 窗口只开了两个",
    "上次说好回电话，一直没人联系",
    "业务办错了, 又跑了一趟",
    "大堂经理说\"马上就好\"，结果等了四十分钟",
    "问题反映了几次都没解决",
    "转账限额的事情解释得不清楚, 很失望",
]


class Rng:
    """Only uniform draws from the Mersenne Twister, so results are portable."""

    def __init__(self, seed):
        self._r = random.Random(seed)

    def uniform(self):
        return self._r.random()

    def normal(self, mean=0.0, sd=1.0):
        # Irwin-Hall: the sum of 12 uniforms minus 6 is close to N(0, 1) and
        # needs no log/cos, whose last bits may differ between C libraries.
        return mean + sd * (sum(self.uniform() for _ in range(12)) - 6.0)

    def below(self, n):
        return min(int(self.uniform() * n), n - 1)

    def choice(self, seq):
        return seq[self.below(len(seq))]

    def shuffle(self, seq):
        for i in range(len(seq) - 1, 0, -1):
            j = self.below(i + 1)
            seq[i], seq[j] = seq[j], seq[i]


def round_half_up(x):
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)


def likert(x, lo=1, hi=7):
    return max(lo, min(hi, round_half_up(x)))


def item_dimensions():
    dims = []
    for dim, n in zip(DIMENSIONS, ITEMS_PER_DIMENSION):
        dims += [dim] * n
    return dims


def allocate_points(rng):
    """100 points over the five dimensions; most people use multiples of 5."""
    raw = {d: POINTS_BASE[d] * max(0.25, 1.0 + rng.normal(0.0, 0.35)) for d in DIMENSIONS}
    total = sum(raw.values())
    unit = 5 if rng.uniform() < 0.8 else 1
    units = 100 // unit
    exact = {d: raw[d] / total * units for d in DIMENSIONS}
    alloc = {d: int(exact[d]) for d in DIMENSIONS}
    # Largest remainder, ties in dimension order: sums to exactly 100.
    by_remainder = sorted(DIMENSIONS, key=lambda d: -(exact[d] - alloc[d]))
    for d in by_remainder[: units - sum(alloc.values())]:
        alloc[d] += 1
    return {d: alloc[d] * unit for d in DIMENSIONS}


def respondent(rng, branch, wave, dims):
    e_level = rng.normal(0.0, 0.45)   # some people expect more of everyone
    p_level = rng.normal(0.0, 0.55)   # overall impression of this branch
    p_dim = {d: rng.normal(0.0, 0.35) for d in DIMENSIONS}
    wave2 = wave == WAVES[1]
    e, p = [], []
    for i, dim in enumerate(dims):
        e.append(likert(rng.normal(E_MEAN[dim] + E_ITEM_SHIFT[i] + e_level, 0.55)))
        mean = P_MEAN[dim] + P_ITEM_SHIFT[i] + BRANCH_P[branch] + p_level + p_dim[dim]
        if dim == "responsiveness":
            mean += BRANCH_RESPONSIVENESS[branch]
        if wave2:
            mean += WAVE2_P[dim]
        p.append(likert(rng.normal(mean, 0.6)))
    points = allocate_points(rng)
    weighted_p = sum(
        points[dim] / 100.0 * sum(v for v, d in zip(p, dims) if d == dim) / dims.count(dim)
        for dim in DIMENSIONS
    )
    overall = likert(rng.normal(0.2 + 0.97 * weighted_p, 0.55))
    recommend = likert(rng.normal(-3.4 + 2.05 * weighted_p, 1.1), 0, 10)
    comment = ""
    if rng.uniform() < 0.32:
        pool = COMMENTS_GOOD if overall >= 6 else COMMENTS_BAD if overall <= 4 else COMMENTS_MIXED
        comment = rng.choice(pool)
    return e, p, points, overall, recommend, comment


def build_rows(rng):
    dims = item_dimensions()
    rows = []
    for wave in WAVES:
        order = [b for b in BRANCHES for _ in range(COUNTS[(b, wave)])]
        rng.shuffle(order)  # survey exports are in order of response, not branch
        for branch in order:
            e, p, points, overall, recommend, comment = respondent(rng, branch, wave, dims)
            row = [str(len(rows) + 1), branch, wave]
            row += [str(v) for v in e] + [str(v) for v in p]
            row += [str(points[d]) for d in DIMENSIONS]
            row += [str(overall), str(recommend), comment]
            rows.append(row)
    # A few unanswered items and two 'NA' (respondent ticked "not applicable").
    first_item, n_items = 3, 44
    for k in range(9):
        r, c = rng.below(len(rows)), first_item + rng.below(n_items)
        rows[r][c] = "NA" if k < 2 else ""
    rows[rng.below(len(rows))][first_item + n_items + 5] = ""  # one overall left blank
    return rows


def render():
    header = ["id", "branch", "wave"]
    header += ["E%d" % i for i in range(1, 23)] + ["P%d" % i for i in range(1, 23)]
    header += ["points_" + d for d in DIMENSIONS]
    header += ["overall", "recommend", "comment"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(build_rows(Rng(SEED)))
    return out.getvalue()


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "www", "demo", "bank-survey.csv")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(render())
    print("make-demo: wrote %s" % os.path.relpath(path))


if __name__ == "__main__":
    main()
