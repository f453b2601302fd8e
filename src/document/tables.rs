//! The document's tables, once, for every rendering: HTML and Markdown show
//! them rounded, CSV and XLSX hold the numbers at full precision (equal to
//! the report JSON), one file or sheet per table.

use super::plan::check_text;
use super::words::{self, num};
use super::Document;
use crate::report::markdown::Lang;
use crate::report::Report;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Text(String),
    /// A number and the decimals it is shown with.
    Num {
        value: f64,
        digits: u8,
    },
    /// A p-value: three decimals, "<0.001" below that.
    P(f64),
    Empty,
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
    fn num(x: Option<f64>, digits: u8) -> Cell {
        match x {
            Some(value) if value.is_finite() => Cell::Num { value, digits },
            _ => Cell::Empty,
        }
    }
    fn int(n: usize) -> Cell {
        Cell::Num {
            value: n as f64,
            digits: 0,
        }
    }
    /// As shown in HTML and Markdown.
    pub fn shown(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Num { value, digits } => num(Some(*value), *digits as usize),
            Cell::P(p) if *p < 0.001 => "<0.001".into(),
            Cell::P(p) => num(Some(*p), 3),
            Cell::Empty => "—".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// File and sheet name: "dimensions", "items" …
    pub id: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

fn p_cell(p: Option<f64>) -> Cell {
    p.filter(|p| p.is_finite()).map_or(Cell::Empty, Cell::P)
}

pub fn all(report: &Report, doc: &Document, lang: Lang) -> Vec<Table> {
    let l = |en: &'static str, zh: &'static str| lang.s(en, zh).to_string();
    let mut out = Vec::new();
    let gap_cols = || {
        vec![
            l("E mean", "期望均值"),
            l("P mean", "感知均值"),
            l("Gap P − E", "差距 P − E"),
            l("SD of gap", "差距标准差"),
            "n".into(),
            l("95% CI low", "95% 置信下限"),
            l("95% CI high", "95% 置信上限"),
            "t".into(),
            "df".into(),
        ]
    };
    let gap_cells = |e: Option<f64>, p: Option<f64>, g: &crate::stats::TTest| {
        vec![
            Cell::num(e, 2),
            Cell::num(p, 2),
            Cell::num(g.mean, 2),
            Cell::num(g.sd, 2),
            Cell::int(g.n),
            Cell::num(g.ci95.map(|c| c[0]), 2),
            Cell::num(g.ci95.map(|c| c[1]), 2),
            Cell::num(g.t, 2),
            Cell::num(g.df.map(|x| x as f64), 0),
        ]
    };

    let mut cols = vec![l("Dimension", "维度"), l("Weight", "权重")];
    cols.extend(gap_cols());
    cols.push("p".into());
    out.push(Table {
        id: "dimensions".into(),
        title: l("Gaps by dimension", "各维度差距"),
        columns: cols,
        rows: report
            .dimensions
            .iter()
            .map(|d| {
                let mut r = vec![
                    Cell::text(words::dimension(report, &d.id, lang)),
                    Cell::num(d.weight, 3),
                ];
                r.extend(gap_cells(d.expectation.mean, d.perception.mean, &d.gap));
                r.push(p_cell(d.gap.p));
                r
            })
            .collect(),
    });

    let mut cols = vec![
        l("Item", "题项"),
        l("Wording", "题目"),
        l("Dimension", "维度"),
    ];
    cols.extend(gap_cols());
    cols.push(l("p (Holm)", "p（Holm）"));
    out.push(Table {
        id: "items".into(),
        title: l("Gaps by item, largest first", "各题项差距（由大到小）"),
        columns: cols,
        rows: report
            .items
            .iter()
            .map(|i| {
                let mut r = vec![
                    Cell::text(&i.id),
                    i.label
                        .as_ref()
                        .map_or(Cell::Empty, |t| Cell::text(lang.pick(t))),
                    Cell::text(words::dimension(report, &i.dimension, lang)),
                ];
                r.extend(gap_cells(i.expectation.mean, i.perception.mean, &i.gap));
                r.push(p_cell(i.p_holm));
                r
            })
            .collect(),
    });

    let o = &report.overall;
    out.push(Table {
        id: "overall".into(),
        title: l("Overall scores", "总体得分"),
        columns: vec![l("Score", "得分"), l("Value", "数值")],
        rows: [
            (
                l("SERVQUAL (P − E), unweighted", "SERVQUAL（P − E），未加权"),
                o.servqual,
            ),
            (
                l("SERVQUAL, weighted", "SERVQUAL，加权"),
                o.weighted_servqual,
            ),
            (
                l("SERVPERF (P), unweighted", "SERVPERF（P），未加权"),
                o.servperf,
            ),
            (
                l("SERVPERF, weighted", "SERVPERF，加权"),
                o.weighted_servperf,
            ),
        ]
        .into_iter()
        .map(|(k, v)| vec![Cell::Text(k), Cell::num(v, 3)])
        .collect(),
    });

    if let Some(rel) = &report.analyses.reliability {
        out.push(Table {
            id: "reliability".into(),
            title: l("Reliability (Cronbach's α)", "信度（Cronbach's α）"),
            columns: vec![
                l("Scale", "量表"),
                l("Side", "方面"),
                l("Items", "题项数"),
                "n".into(),
                "α".into(),
                l("Rating", "评价"),
            ],
            rows: rel
                .scales
                .iter()
                .map(|s| {
                    vec![
                        Cell::text(s.dimension.as_deref().map_or_else(
                            || l("All items", "全部题项"),
                            |d| words::dimension(report, d, lang),
                        )),
                        Cell::text(match s.side {
                            crate::analyses::reliability::Side::Expectation => {
                                l("expectation", "期望")
                            }
                            crate::analyses::reliability::Side::Perception => {
                                l("perception", "感知")
                            }
                        }),
                        Cell::int(s.k),
                        Cell::int(s.n),
                        Cell::num(s.alpha, 3),
                        s.label.as_ref().map_or_else(
                            || {
                                s.undefined
                                    .as_ref()
                                    .map_or(Cell::Empty, |u| Cell::text(lang.pick(&u.message)))
                            },
                            |x| Cell::text(lang.pick(&x.text)),
                        ),
                    ]
                })
                .collect(),
        });
    }

    if let Some(ipa) = &report.analyses.ipa {
        let quadrant = |q: Option<crate::analyses::ipa::Quadrant>| {
            q.and_then(|q| ipa.quadrants.iter().find(|x| x.id == q))
                .map_or(Cell::Empty, |x| Cell::text(lang.pick(&x.name)))
        };
        out.push(Table {
            id: "ipa".into(),
            title: l("Importance–performance", "重要性–表现"),
            columns: vec![
                l("Item", "题项"),
                l("Dimension", "维度"),
                l("Importance", "重要性"),
                l("Performance", "表现"),
                l("Quadrant", "象限"),
            ],
            rows: ipa
                .points
                .iter()
                .map(|p| {
                    vec![
                        Cell::text(&p.item),
                        Cell::text(words::dimension(report, &p.dimension, lang)),
                        Cell::num(p.x, 2),
                        Cell::num(p.y, 2),
                        quadrant(p.quadrant),
                    ]
                })
                .collect(),
        });
    }

    if let Some(m) = &report.analyses.metrics {
        let mut rows = Vec::new();
        if let Some(n) = &m.nps {
            rows.push(vec![Cell::text("NPS"), Cell::num(n.nps, 1), Cell::int(n.n)]);
            rows.push(vec![
                Cell::text(l("Promoters (share)", "推荐者（占比）")),
                Cell::num(n.promoter_share, 3),
                Cell::int(n.promoters),
            ]);
            rows.push(vec![
                Cell::text(l("Detractors (share)", "贬损者（占比）")),
                Cell::num(n.detractor_share, 3),
                Cell::int(n.detractors),
            ]);
        }
        if let Some(c) = &m.csat {
            rows.push(vec![
                Cell::text("CSAT"),
                Cell::num(c.share, 3),
                Cell::int(c.n),
            ]);
        }
        if let Some(c) = &m.ces {
            rows.push(vec![
                Cell::text("CES"),
                Cell::num(c.effort.mean, 2),
                Cell::int(c.effort.n),
            ]);
        }
        if !rows.is_empty() {
            out.push(Table {
                id: "metrics".into(),
                title: l("Customer metrics", "顾客指标"),
                columns: vec![l("Metric", "指标"), l("Value", "数值"), "n".into()],
                rows,
            });
        }
    }

    if let Some(cmp) = &report.analyses.comparisons {
        for (gi, g) in cmp.groupings.iter().enumerate() {
            let mut columns = vec![g.column.clone(), "n".into(), "SERVQUAL".into()];
            columns.extend(
                report
                    .dimensions
                    .iter()
                    .map(|d| words::dimension(report, &d.id, lang)),
            );
            let rows = g
                .groups
                .iter()
                .map(|grp| {
                    let mut r = vec![
                        Cell::text(&grp.value),
                        Cell::int(grp.n),
                        Cell::num(grp.servqual, 2),
                    ];
                    r.extend(report.dimensions.iter().map(|d| {
                        Cell::num(
                            grp.dimensions
                                .iter()
                                .find(|x| x.dimension == d.id)
                                .and_then(|x| x.gap.mean),
                            2,
                        )
                    }));
                    r
                })
                .collect();
            out.push(Table {
                id: format!("groups-{}", gi + 1),
                title: format!("{}: {}", l("Gaps by group", "分组差距"), g.column),
                columns,
                rows,
            });
        }
    }

    if !doc.priorities.is_empty() {
        out.push(Table {
            id: "recommendations".into(),
            title: l("Recommendations", "改进建议"),
            columns: vec![
                l("Priority", "优先级"),
                l("Subject", "对象"),
                l("Action", "措施"),
                l("What to do", "具体做法"),
                l("Indicator", "监测指标"),
                l("Target", "目标"),
            ],
            rows: doc
                .priorities
                .iter()
                .flat_map(|p| {
                    p.actions.iter().map(move |a| {
                        vec![
                            Cell::int(p.rank),
                            Cell::text(&p.subject),
                            Cell::text(&a.title),
                            Cell::text(&a.action),
                            Cell::text(&a.indicator),
                            Cell::text(&a.target),
                        ]
                    })
                })
                .collect(),
        });
    }

    out.push(Table {
        id: "plan".into(),
        title: l("PDCA action plan", "PDCA 行动计划"),
        columns: vec![
            "#".into(),
            l("Action", "措施"),
            l("Owner", "负责人"),
            l("Deadline", "期限"),
            l("Indicator", "指标"),
            l("Baseline", "基线"),
            l("Target", "目标"),
            l("Stage", "阶段"),
            l("Check", "检查"),
            l("Notes", "备注"),
        ],
        rows: doc
            .plan
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    Cell::int(i + 1),
                    Cell::text(&r.action),
                    Cell::text(&r.owner),
                    Cell::text(&r.deadline),
                    Cell::text(&r.indicator),
                    Cell::text(&r.baseline),
                    Cell::text(&r.target),
                    Cell::text(r.status.name(lang)),
                    Cell::text(check_text(doc.check.as_ref(), &r.dimension, lang)),
                    Cell::text(&r.notes),
                ]
            })
            .collect(),
    });

    let q = &report.quality;
    out.push(Table {
        id: "quality".into(),
        title: l("Data quality by column", "逐列数据质量"),
        columns: vec![
            l("Column", "列"),
            l("Role", "角色"),
            l("Answered", "有效回答"),
            l("Missing", "缺失"),
            l("Missing share", "缺失率"),
            l("Non-numeric", "非数值"),
            l("Out of scale", "超出量表"),
        ],
        rows: q
            .columns
            .iter()
            .map(|c| {
                vec![
                    Cell::text(&c.name),
                    Cell::text(
                        serde_json::to_string(&c.role)
                            .unwrap_or_default()
                            .trim_matches('"'),
                    ),
                    Cell::int(c.answered),
                    Cell::int(c.missing),
                    Cell::num(c.missing_share, 3),
                    Cell::int(c.non_numeric),
                    Cell::int(c.out_of_scale),
                ]
            })
            .collect(),
    });

    let r = &report.respondents;
    let mut rows = vec![
        vec![
            Cell::text(l("Respondents in the data", "数据中的受访者")),
            Cell::int(r.total),
        ],
        vec![Cell::text(l("Analysed", "纳入分析")), Cell::int(r.analysed)],
    ];
    rows.extend(
        r.excluded
            .iter()
            .map(|e| vec![Cell::text(lang.pick(&e.reason)), Cell::int(e.count)]),
    );
    rows.push(vec![
        Cell::text(l("Straight-liners flagged", "标记的直线作答")),
        Cell::int(q.straightliners.count),
    ]);
    rows.push(vec![
        Cell::text(l("Duplicates flagged", "标记的重复答卷")),
        Cell::int(q.duplicates.count),
    ]);
    if let Some(s) = &q.speeders {
        rows.push(vec![
            Cell::text(l("Speeders flagged", "标记的作答过快")),
            Cell::int(s.flagged.count),
        ]);
    }
    out.push(Table {
        id: "respondents".into(),
        title: l("Respondents and exclusions", "受访者与排除"),
        columns: vec![l("What", "项目"), l("Count", "人数")],
        rows,
    });
    out
}
