//! The executive summary (the overall scores, the three biggest gaps, a
//! verdict in one paragraph written from the numbers) and the method notes
//! (what was computed and how, citing METHODS.md).

use super::words::{self, num, p_text, percent};
use crate::report::markdown::Lang;
use crate::report::Report;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub label: String,
    pub value: Option<f64>,
    /// The value as printed.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BigGap {
    pub item: String,
    /// "Q5 “Keeps promises”".
    pub name: String,
    pub dimension: String,
    pub gap: Option<f64>,
    pub p_holm: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExecutiveSummary {
    pub scores: Vec<Score>,
    /// The three most negative item gaps.
    pub biggest_gaps: Vec<BigGap>,
    pub verdict: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MethodNote {
    /// "§2" …: the METHODS.md section.
    pub section: String,
    pub title: String,
    pub text: String,
}

fn score(label: &str, value: Option<f64>, digits: usize) -> Score {
    Score {
        label: label.to_string(),
        value,
        text: num(value, digits),
    }
}

pub fn executive(report: &Report, lang: Lang) -> ExecutiveSummary {
    let l = |en: &'static str, zh: &'static str| lang.s(en, zh);
    let o = &report.overall;
    let mut scores = vec![
        score(
            l("SERVQUAL (P − E), unweighted", "SERVQUAL（P − E），未加权"),
            o.servqual,
            2,
        ),
        score(
            l("SERVQUAL, weighted", "SERVQUAL，加权"),
            o.weighted_servqual,
            2,
        ),
        score(l("SERVPERF (P)", "SERVPERF（P）"), o.servperf, 2),
    ];
    if let Some(m) = &report.analyses.metrics {
        if let Some(n) = &m.nps {
            scores.push(score("NPS", n.nps, 1));
        }
        if let Some(c) = &m.csat {
            scores.push(Score {
                label: "CSAT".into(),
                value: c.share,
                text: percent(c.share),
            });
        }
    }
    scores.retain(|s| s.value.is_some());
    let biggest_gaps: Vec<BigGap> = report
        .items
        .iter()
        .filter(|i| i.gap.mean.is_some_and(|g| g < 0.0))
        .take(3)
        .map(|i| BigGap {
            item: i.id.clone(),
            name: words::item(report, &i.id, lang),
            dimension: words::dimension(report, &i.dimension, lang),
            gap: i.gap.mean,
            p_holm: i.p_holm,
        })
        .collect();
    ExecutiveSummary {
        scores,
        biggest_gaps,
        verdict: verdict(report, lang),
    }
}

/// One paragraph from the numbers: how many dimensions fall short, the
/// overall score on its scale, the largest and the best dimension, NPS.
fn verdict(report: &Report, lang: Lang) -> String {
    let dims = &report.dimensions;
    let n = report.respondents.analysed;
    let alpha = report.config.alpha;
    let has_e = dims.iter().any(|d| d.expectation.n > 0);
    let mut s = String::new();
    if !has_e {
        // SERVPERF only: no expectations, so no gaps.
        let rated: Vec<(&crate::report::DimensionResult, f64)> = dims
            .iter()
            .filter_map(|d| d.perception.mean.map(|m| (d, m)))
            .collect();
        let best = rated.iter().max_by(|a, b| a.1.total_cmp(&b.1)).map(|x| x.0);
        let worst = rated.iter().min_by(|a, b| a.1.total_cmp(&b.1)).map(|x| x.0);
        s += &match lang {
            Lang::En => format!(
                "{n} respondents rated performance only (no expectations), so the result is a SERVPERF score: {} on the {} scale.",
                num(report.overall.servperf, 2),
                words::scale(report)
            ),
            Lang::Zh => format!(
                "{n} 位受访者只评价了感知表现（没有期望），因此结果为 SERVPERF 得分：{}（{} 量表）。",
                num(report.overall.servperf, 2),
                words::scale(report)
            ),
        };
        if let (Some(b), Some(w)) = (best, worst) {
            if b.id != w.id {
                s += &match lang {
                    Lang::En => format!(
                        " The strongest dimension is {} ({}), the weakest {} ({}).",
                        words::dimension(report, &b.id, lang),
                        num(b.perception.mean, 2),
                        words::dimension(report, &w.id, lang),
                        num(w.perception.mean, 2)
                    ),
                    Lang::Zh => format!(
                        "表现最好的维度是{}（{}），最弱的是{}（{}）。",
                        words::dimension(report, &b.id, lang),
                        num(b.perception.mean, 2),
                        words::dimension(report, &w.id, lang),
                        num(w.perception.mean, 2)
                    ),
                };
            }
        }
        return s;
    }
    let short: Vec<&crate::report::DimensionResult> = dims
        .iter()
        .filter(|d| d.significant && d.gap.mean.is_some_and(|g| g < 0.0))
        .collect();
    let above: Vec<String> = dims
        .iter()
        .filter(|d| d.significant && d.gap.mean.is_some_and(|g| g > 0.0))
        .map(|d| words::dimension(report, &d.id, lang))
        .collect();
    let with_gap = dims.iter().filter(|d| d.gap.mean.is_some()).count();
    s += &match lang {
        Lang::En => format!(
            "Across {n} respondents, perception fell significantly short of expectation on {} of {with_gap} dimensions (p < {alpha}); the overall SERVQUAL score is {} on the {} scale (weighted {}).",
            short.len(),
            num(report.overall.servqual, 2),
            words::scale(report),
            num(report.overall.weighted_servqual, 2)
        ),
        Lang::Zh => format!(
            "在 {n} 位受访者中，{with_gap} 个维度里有 {} 个的感知显著低于期望（p < {alpha}）；SERVQUAL 总体得分为 {}（{} 量表，加权 {}）。",
            short.len(),
            num(report.overall.servqual, 2),
            words::scale(report),
            num(report.overall.weighted_servqual, 2)
        ),
    };
    // Dimensions come worst gap first.
    if let Some(w) = short.first() {
        let ci = w.gap.ci95.map_or(String::new(), |c| {
            format!(
                ", {} {} {} {}",
                lang.s("95% CI", "95% 置信区间"),
                num(Some(c[0]), 2),
                lang.s("to", "至"),
                num(Some(c[1]), 2)
            )
        });
        s += &match lang {
            Lang::En => format!(
                " The largest gap is {}, {}{ci}, {}.",
                words::dimension(report, &w.id, lang),
                num(w.gap.mean, 2),
                p_text(w.gap.p)
            ),
            Lang::Zh => format!(
                "差距最大的是{}，{}（{}{ci}）。",
                words::dimension(report, &w.id, lang),
                num(w.gap.mean, 2),
                p_text(w.gap.p)
            ),
        };
        if let Some(second) = short.get(1) {
            s += &match lang {
                Lang::En => format!(
                    " It is followed by {} ({}).",
                    words::dimension(report, &second.id, lang),
                    num(second.gap.mean, 2)
                ),
                Lang::Zh => format!(
                    "其次是{}（{}）。",
                    words::dimension(report, &second.id, lang),
                    num(second.gap.mean, 2)
                ),
            };
        }
    }
    if !above.is_empty() {
        s += &match lang {
            Lang::En => format!(
                " Expectations were exceeded on {}.",
                words::list(&above, lang)
            ),
            Lang::Zh => format!("{}超出了顾客期望。", words::list(&above, lang)),
        };
    }
    let met: Vec<String> = dims
        .iter()
        .filter(|d| !d.significant && d.gap.mean.is_some())
        .map(|d| words::dimension(report, &d.id, lang))
        .collect();
    if !met.is_empty() {
        s += &match lang {
            Lang::En => format!(
                " On {} the gap is not significant: perception met expectation within sampling error.",
                words::list(&met, lang)
            ),
            Lang::Zh => format!(
                "{}的差距不显著：在抽样误差范围内，感知达到了期望。",
                words::list(&met, lang)
            ),
        };
    }
    if let Some(nps) = report
        .analyses
        .metrics
        .as_ref()
        .and_then(|m| m.nps.as_ref())
    {
        if let Some(v) = nps.nps {
            s += &match lang {
                Lang::En => format!(
                    " Net Promoter Score: {} ({} promoters, {} detractors).",
                    num(Some(v), 1),
                    percent(nps.promoter_share),
                    percent(nps.detractor_share)
                ),
                Lang::Zh => format!(
                    "净推荐值 NPS 为 {}（推荐者 {}，贬损者 {}）。",
                    num(Some(v), 1),
                    percent(nps.promoter_share),
                    percent(nps.detractor_share)
                ),
            };
        }
    }
    s
}

pub fn method_notes(report: &Report, lang: Lang) -> Vec<MethodNote> {
    let l = |en: &'static str, zh: &'static str| lang.s(en, zh);
    let note = |section: &str, title: &str, text: String| MethodNote {
        section: section.into(),
        title: title.into(),
        text,
    };
    let mut out = vec![
        note(
            "§2",
            l("SERVQUAL gap", "SERVQUAL 差距"),
            match lang {
                Lang::En => format!(
                    "Gap = perception − expectation per respondent and item on the {} scale; a dimension's gap is the mean of its respondents' item-gap means; the overall score is the mean of the dimension gaps, and the weighted score uses the weights below. SERVPERF is the same on perception alone.",
                    words::scale(report)
                ),
                Lang::Zh => format!(
                    "差距 = 每位受访者每个题项的感知 − 期望（{} 量表）；维度差距为受访者题项差距均值的平均；总体得分为各维度差距的均值，加权得分使用下述权重。SERVPERF 为仅基于感知的同样计算。",
                    words::scale(report)
                ),
            },
        ),
        note(
            "§3",
            l("Significance", "显著性"),
            match lang {
                Lang::En => format!(
                    "Paired t-test of each gap against zero with its 95% confidence interval; α = {}; item p-values Holm-adjusted, comparisons between groups by Welch's t-test or one-way ANOVA with Benjamini–Hochberg adjustment across dimensions.",
                    report.config.alpha
                ),
                Lang::Zh => format!(
                    "对每个差距做配对 t 检验（H0：差距 = 0）并给出 95% 置信区间；α = {}；题项 p 值经 Holm 校正；组间比较采用 Welch t 检验或单因素方差分析，并在维度间做 Benjamini–Hochberg 校正。",
                    report.config.alpha
                ),
            },
        ),
        note(
            "§5",
            l("Weights", "权重"),
            match lang {
                Lang::En => format!(
                    "Dimension weights by {}: {}.",
                    method_name(&report.overall.weighting.method, lang),
                    weights_text(report, lang)
                ),
                Lang::Zh => format!(
                    "维度权重方法：{}；{}。",
                    method_name(&report.overall.weighting.method, lang),
                    weights_text(report, lang)
                ),
            },
        ),
    ];
    if report.analyses.reliability.is_some() {
        out.push(note(
            "§4",
            l("Reliability", "信度"),
            l(
                "Cronbach's α per dimension and side (listwise within the items), with α if an item is deleted and the corrected item–total correlation; below .7 the scale is flagged.",
                "按维度和期望/感知分别计算 Cronbach's α（题项内成列删除），并给出删除该题项后的 α 与校正后的题项–总分相关；低于 .7 时提示。",
            )
            .into(),
        ));
    }
    if report.fuzzy.is_some() {
        out.push(note(
            "§6",
            l("Fuzzy comprehensive evaluation", "模糊综合评价"),
            l(
                "Memberships of the perception answers in the scale's grades, combined with the weights by the operator shown; the grade follows the maximum-membership principle and the score is the weighted mean of the grades.",
                "以感知回答在各等级上的隶属度构成评价矩阵，按所示算子与权重合成；等级按最大隶属度原则确定，得分为各等级的加权平均。",
            )
            .into(),
        ));
    }
    if report.analyses.ipa.is_some() {
        out.push(note(
            "§7",
            l("Importance–performance analysis", "重要性–表现分析（IPA）"),
            l(
                "Each item placed by its importance and its mean perception, with cross-hairs at the means; high importance with low performance is “Concentrate here”.",
                "按重要性与感知均值放置各题项，十字线取均值；重要性高而表现低的题项属“重点改进区”。",
            )
            .into(),
        ));
    }
    if report.analyses.metrics.is_some() {
        out.push(note(
            "§8",
            l("Customer metrics", "顾客指标"),
            l(
                "NPS = % promoters (9–10) − % detractors (0–6); CSAT = share in the top boxes; CES = mean effort.",
                "NPS = 推荐者（9–10 分）占比 − 贬损者（0–6 分）占比；CSAT 为最高几格的占比；CES 为平均费力度。",
            )
            .into(),
        ));
    }
    if report.analyses.drivers.is_some() {
        out.push(note(
            "§10",
            l("Drivers", "驱动因素"),
            l(
                "Pearson r of each dimension score with overall satisfaction, and OLS of overall satisfaction on the dimension scores with standardised betas.",
                "各维度得分与总体满意度的 Pearson 相关，以及总体满意度对各维度得分的 OLS 回归（含标准化系数）。",
            )
            .into(),
        ));
    }
    out.push(note(
        "§12",
        l("Data quality", "数据质量"),
        l(
            "Missing and out-of-scale answers per column, straight-lining, duplicates, speeders and outliers; every exclusion is counted by reason in the appendix.",
            "逐列统计缺失与超出量表的回答，识别直线作答、重复答卷、作答过快与异常值；每一项排除都在附录中按原因计数。",
        )
        .into(),
    ));
    out.push(note(
        "§13",
        l("Findings and recommendations", "发现与建议"),
        l(
            "Priorities: significant negative dimension gaps (Holm across dimensions) ranked by |gap| × weight, IPA “Concentrate here” items, groups below the others (Welch), scales with α below .7 and data-quality caveats; each mapped to actions from the catalogue by dimension and by gap of the five-gap model.",
            "优先事项：显著为负的维度差距（维度间 Holm 校正）按 |差距| × 权重排序，IPA“重点改进区”题项，显著低于其他组的分组（Welch 检验），α 低于 .7 的量表，以及数据质量提示；每项按维度和五差距模型中的差距类型对应措施库中的改进措施。",
        )
        .into(),
    ));
    out
}

fn weights_text(report: &Report, lang: Lang) -> String {
    let parts: Vec<String> = report
        .overall
        .weighting
        .weights
        .iter()
        .map(|w| {
            format!(
                "{} {}",
                words::dimension(report, &w.dimension, lang),
                percent(Some(w.weight))
            )
        })
        .collect();
    parts.join(lang.s(", ", "，"))
}

/// The weighting method as a reader knows it.
pub fn method_name(method: &str, lang: Lang) -> String {
    let (en, zh) = match method {
        "equal" => ("equal weights", "等权重"),
        "direct" => ("weights given directly", "直接赋权"),
        "allocation" => (
            "the respondents' 100-point allocation",
            "受访者 100 分分配法",
        ),
        "importance" => ("the stated importance of the items", "题项的重要性评分"),
        "ahp" => ("AHP (analytic hierarchy process)", "层次分析法（AHP）"),
        "entropy" => ("the entropy method", "熵权法"),
        "critic" => ("CRITIC", "CRITIC 法"),
        "combined" => (
            "combined subjective and objective weights",
            "主客观组合赋权",
        ),
        other => (other, other),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
    .to_string()
}

/// "Q5 (Reliability): −1.74" / "Q5（可靠性）：−1.74".
pub fn big_gap_line(g: &BigGap, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} ({}): {}", g.name, g.dimension, num(g.gap, 2)),
        Lang::Zh => format!("{}（{}）：{}", g.name, g.dimension, num(g.gap, 2)),
    }
}
