//! Priorities derived from the results, each with the evidence that put it
//! there, and the catalogue's actions for it (METHODS.md §13):
//! 1. dimensions whose gap is negative and significant after Holm's
//!    adjustment across the dimensions, ranked by |gap| × weight (the weights
//!    in use; equal weights when there are none);
//! 2. the IPA "concentrate here" items (added to their dimension's priority,
//!    or a priority of their own when the dimension has none);
//! 3. a segment or wave whose dimension gap is below the other groups' by
//!    Welch's test (and the grouping's ANOVA/Welch, BH-adjusted, significant);
//!    a wave only when it is the latest one, i.e. a decline;
//! 4. scales with Cronbach's α below .7;
//! 5. data-quality caveats.

use super::catalogue::{Catalogue, FindingKind};
use super::words::{self, num, p_text, percent, signed};
use crate::analyses::compare::{GroupResult, GroupingKind};
use crate::analyses::ipa::Quadrant;
use crate::model::config::Role;
use crate::report::markdown::Lang;
use crate::report::Report;
use crate::stats::groups::{welch_from, WelchTest};
use serde::Serialize;

/// Most priorities of each kind shown.
const MAX_GAP_PRIORITIES: usize = 5;
const MAX_SEGMENT_PRIORITIES: usize = 3;
/// Actions per priority.
const ACTIONS_PER_GAP: usize = 3;
const ACTIONS_PER_OTHER: usize = 2;
/// Cronbach's α under which a scale is a caveat (METHODS.md §4: "acceptable").
const ALPHA_ACCEPTABLE: f64 = 0.7;
/// Shares of the data above which a quality finding is a caveat.
const EXCLUDED_SHARE: f64 = 0.05;
const FLAGGED_SHARE: f64 = 0.05;
const MISSING_SHARE: f64 = 0.2;

/// One improvement action recommended for a priority, in the document's language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    /// The catalogue action's id.
    pub id: String,
    pub title: String,
    pub action: String,
    pub indicator: String,
    pub target: String,
    /// Gaps 1–4 of the five-gap model the action closes.
    pub gaps: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Priority {
    /// 1 = highest.
    pub rank: usize,
    pub kind: FindingKind,
    /// The survey dimension concerned (its id), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    /// What the priority is about, e.g. "Reliability" or "branch 城东支行 · Reliability".
    pub subject: String,
    /// The gap (or the difference to the other groups) that put it here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The weight of its dimension in use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// |value| × weight, the ranking key of gap and segment priorities.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The evidence, one sentence each.
    pub evidence: Vec<String>,
    /// Items concerned (the worst items, the IPA items).
    pub items: Vec<String>,
    pub actions: Vec<Recommendation>,
}

/// Highest score first; priorities without a score after.
fn by_score(a: &Priority, b: &Priority) -> std::cmp::Ordering {
    match (a.score, b.score) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

fn weight_of(report: &Report, dim: &str) -> f64 {
    let d = &report.dimensions;
    d.iter()
        .find(|x| x.id == dim)
        .and_then(|x| x.weight)
        .filter(|w| w.is_finite() && *w >= 0.0)
        .unwrap_or(if d.is_empty() {
            0.0
        } else {
            1.0 / d.len() as f64
        })
}

fn t_text(t: Option<f64>, df: Option<f64>) -> String {
    match (t, df) {
        (Some(t), Some(df)) if (df - df.round()).abs() < 1e-9 => {
            format!("t({df:.0}) = {}", num(Some(t), 2))
        }
        (Some(t), Some(df)) => format!("t({df:.1}) = {}", num(Some(t), 2)),
        _ => "t —".into(),
    }
}

/// All priorities, ranked, each with its actions.
pub fn select(report: &Report, cat: &Catalogue, lang: Lang) -> Vec<Priority> {
    let l = |en: &'static str, zh: &'static str| lang.s(en, zh);
    let alpha = report.config.alpha;
    let mut out: Vec<Priority> = Vec::new();

    // 1. Significant negative dimension gaps, Holm across the dimensions.
    let ps: Vec<Option<f64>> = report.dimensions.iter().map(|d| d.gap.p).collect();
    let holm = crate::stats::holm(&ps);
    let mut gaps: Vec<Priority> = Vec::new();
    for (d, p_adj) in report.dimensions.iter().zip(&holm) {
        let Some(g) = d.gap.mean.filter(|g| *g < 0.0) else {
            continue;
        };
        if !p_adj.is_some_and(|p| p < alpha) {
            continue;
        }
        let w = weight_of(report, &d.id);
        let ci = d.gap.ci95.map_or(String::new(), |c| {
            format!(
                " ({} {} {} {})",
                l("95% CI", "95% 置信区间"),
                num(Some(c[0]), 2),
                l("to", "至"),
                num(Some(c[1]), 2)
            )
        });
        let mut evidence = vec![format!(
            "{} {}{ci}, {}, {} ({}); {} {}.",
            l("Gap P − E", "差距 P − E"),
            num(Some(g), 2),
            t_text(d.gap.t, d.gap.df.map(|x| x as f64)),
            p_text(*p_adj),
            l("Holm-adjusted", "Holm 校正"),
            l("weight", "权重"),
            percent(Some(w)),
        )];
        let worst: Vec<&crate::report::ItemResult> = report
            .items
            .iter()
            .filter(|i| {
                i.dimension == d.id
                    && i.significant
                    && i.gap.mean.is_some_and(|m| m < 0.0)
                    && i.p_holm.is_some_and(|p| p < alpha)
            })
            .take(2)
            .collect();
        if !worst.is_empty() {
            let parts: Vec<String> = worst
                .iter()
                .map(|i| {
                    format!(
                        "{} {}",
                        words::item(report, &i.id, lang),
                        num(i.gap.mean, 2)
                    )
                })
                .collect();
            evidence.push(format!(
                "{}: {}.",
                l("Largest item gaps", "差距最大的题项"),
                words::list(&parts, lang)
            ));
        }
        gaps.push(Priority {
            rank: 0,
            kind: FindingKind::Gap,
            dimension: Some(d.id.clone()),
            subject: words::dimension(report, &d.id, lang),
            value: Some(g),
            weight: Some(w),
            score: Some(g.abs() * w),
            evidence,
            items: worst.iter().map(|i| i.id.clone()).collect(),
            actions: Vec::new(),
        });
    }
    crate::common::order::sort_by(&mut gaps, by_score);
    gaps.truncate(MAX_GAP_PRIORITIES);
    out.extend(gaps);

    // 2. IPA "concentrate here": onto the dimension's priority, or one of their own.
    if let Some(ipa) = &report.analyses.ipa {
        let mut by_dim: Vec<(String, Vec<String>)> = Vec::new();
        for p in &ipa.points {
            if p.quadrant == Some(Quadrant::ConcentrateHere) {
                match by_dim.iter_mut().find(|(d, _)| *d == p.dimension) {
                    Some((_, v)) => v.push(p.item.clone()),
                    None => by_dim.push((p.dimension.clone(), vec![p.item.clone()])),
                }
            }
        }
        for (dim, items) in by_dim {
            let names: Vec<String> = items.iter().map(|i| words::item(report, i, lang)).collect();
            let sentence = format!(
                "{}: {}.",
                l(
                    "Importance–performance analysis puts these items in “Concentrate here” (importance above, performance below the cross-hairs)",
                    "重要性–表现分析（IPA）将这些题项列入“重点改进区”（重要性高于、表现低于十字线）"
                ),
                words::list(&names, lang)
            );
            if let Some(pr) = out
                .iter_mut()
                .find(|p| p.dimension.as_deref() == Some(&dim))
            {
                pr.evidence.push(sentence);
                for i in items {
                    if !pr.items.contains(&i) {
                        pr.items.push(i);
                    }
                }
            } else {
                let gap = report
                    .dimensions
                    .iter()
                    .find(|d| d.id == dim)
                    .and_then(|d| d.gap.mean);
                out.push(Priority {
                    rank: 0,
                    kind: FindingKind::Gap,
                    dimension: Some(dim.clone()),
                    subject: words::dimension(report, &dim, lang),
                    value: gap,
                    weight: Some(weight_of(report, &dim)),
                    score: None,
                    evidence: vec![sentence],
                    items,
                    actions: Vec::new(),
                });
            }
        }
    }

    // 3. Segments and waves.
    out.extend(segment_priorities(report, lang));

    // 4. Reliability.
    if let Some(rel) = &report.analyses.reliability {
        let low: Vec<String> = rel
            .scales
            .iter()
            .filter(|s| s.alpha.is_some_and(|a| a < ALPHA_ACCEPTABLE))
            .map(|s| {
                let side = match s.side {
                    crate::analyses::reliability::Side::Expectation => l("expectation", "期望"),
                    crate::analyses::reliability::Side::Perception => l("perception", "感知"),
                };
                let what = s.dimension.as_deref().map_or_else(
                    || l("all items", "全部题项").to_string(),
                    |d| words::dimension(report, d, lang),
                );
                format!(
                    "{what} ({side}) α = {}",
                    num(s.alpha, 2).trim_start_matches('0')
                )
            })
            .collect();
        if !low.is_empty() {
            out.push(Priority {
                rank: 0,
                kind: FindingKind::Reliability,
                dimension: None,
                subject: l("Questionnaire reliability", "问卷信度").into(),
                value: None,
                weight: None,
                score: None,
                evidence: vec![format!(
                    "{}: {}. {}",
                    l("Cronbach's α below .7", "Cronbach's α 低于 .7"),
                    words::list(&low, lang),
                    l(
                        "The scores of these scales are less certain than their confidence intervals suggest.",
                        "这些量表的得分不如其置信区间所显示的那样确定。"
                    )
                )],
                items: Vec::new(),
                actions: Vec::new(),
            });
        }
    }

    // 5. Data quality.
    let caveats = quality_caveats(report, lang);
    if !caveats.is_empty() {
        out.push(Priority {
            rank: 0,
            kind: FindingKind::Quality,
            dimension: None,
            subject: l("Data quality", "数据质量").into(),
            value: None,
            weight: None,
            score: None,
            evidence: caveats,
            items: Vec::new(),
            actions: Vec::new(),
        });
    }

    // Actions, preferring ones not recommended for a higher priority.
    let mut used: Vec<String> = Vec::new();
    for (i, p) in out.iter_mut().enumerate() {
        p.rank = i + 1;
        let key = p.dimension.as_deref().and_then(|d| {
            let label = report
                .config
                .dimensions
                .iter()
                .find(|x| x.id == d)
                .and_then(|x| x.label.as_ref());
            cat.dimension_key(d, label)
        });
        let picked = match p.kind {
            FindingKind::Gap => cat.pick(FindingKind::Gap, key, &used, ACTIONS_PER_GAP),
            FindingKind::Segment => {
                let mut v = cat.pick(FindingKind::Segment, None, &used, 1);
                let ids: Vec<String> = used
                    .iter()
                    .chain(v.iter().map(|a| &a.id))
                    .cloned()
                    .collect();
                v.extend(cat.pick(
                    FindingKind::Gap,
                    key,
                    &ids,
                    ACTIONS_PER_OTHER - v.len().min(1),
                ));
                v
            }
            k => cat.pick(k, None, &used, ACTIONS_PER_OTHER),
        };
        for a in picked {
            used.push(a.id.clone());
            p.actions.push(Recommendation {
                id: a.id.clone(),
                title: lang.pick(&a.title).to_string(),
                action: lang.pick(&a.action).to_string(),
                indicator: lang.pick(&a.indicator).to_string(),
                target: lang.pick(&a.target).to_string(),
                gaps: a.gaps.clone(),
            });
        }
    }
    out
}

/// (n, mean, variance) of a group's gap on a dimension.
pub(super) fn moments(g: &GroupResult, dim: &str) -> Option<(usize, f64, f64)> {
    let s = &g.dimensions.iter().find(|d| d.dimension == dim)?.gap;
    Some((s.n, s.mean?, s.sd.map_or(0.0, |sd| sd * sd)))
}

/// The union of groups' moments (exact pooling of n, mean and variance).
fn pooled(parts: &[(usize, f64, f64)]) -> Option<(usize, f64, f64)> {
    let n: usize = parts.iter().map(|p| p.0).sum();
    if n == 0 {
        return None;
    }
    let mean = parts.iter().map(|p| p.0 as f64 * p.1).sum::<f64>() / n as f64;
    let ss: f64 = parts
        .iter()
        .map(|&(k, m, v)| (k.saturating_sub(1)) as f64 * v + k as f64 * (m - mean) * (m - mean))
        .sum();
    Some((n, mean, if n > 1 { ss / (n - 1) as f64 } else { 0.0 }))
}

fn segment_priorities(report: &Report, lang: Lang) -> Vec<Priority> {
    let l = |en: &'static str, zh: &'static str| lang.s(en, zh);
    let alpha = report.config.alpha;
    let mut out: Vec<Priority> = Vec::new();
    let Some(cmp) = &report.analyses.comparisons else {
        return out;
    };
    for g in &cmp.groupings {
        for test in &g.dimension_tests {
            let p_group = test.p_bh.or(test.p);
            if !p_group.is_some_and(|p| p < alpha) {
                continue;
            }
            let dim = &test.dimension;
            // The weakest group with a mean, among groups of two or more.
            let Some((wi, weakest)) = g
                .groups
                .iter()
                .enumerate()
                .filter_map(|(i, x)| moments(x, dim).filter(|m| m.0 >= 2).map(|m| (i, m)))
                .min_by(|a, b| a.1 .1.total_cmp(&b.1 .1))
            else {
                continue;
            };
            if g.kind == GroupingKind::Wave
                && super::plan::chronological(&g.groups).last() != Some(&wi)
            {
                continue; // an earlier wave was the weakest: no decline.
            }
            let rest: Vec<(usize, f64, f64)> = g
                .groups
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != wi)
                .filter_map(|(_, x)| moments(x, dim))
                .collect();
            let Some(other) = pooled(&rest) else { continue };
            let w: WelchTest = welch_from(weakest, other);
            if !w.p.is_some_and(|p| p < alpha) {
                continue;
            }
            let weight = weight_of(report, dim);
            let diff = weakest.1 - other.1;
            let group = &g.groups[wi].value;
            let dim_name = words::dimension(report, dim, lang);
            let (subject, first) = if g.kind == GroupingKind::Wave {
                (
                    format!("{} {group} · {dim_name}", g.column),
                    format!(
                        "{} {group}: {} {} {} {} ({} {}).",
                        l("Latest wave", "最近一期"),
                        dim_name,
                        l("gap", "差距"),
                        num(Some(weakest.1), 2),
                        l("against", "，此前各期为"),
                        num(Some(other.1), 2),
                        l("in the earlier waves", "")
                    ),
                )
            } else {
                (
                    format!("{} {group} · {dim_name}", g.column),
                    format!(
                        "{} {} {}: {} {} {} {}.",
                        g.column,
                        group,
                        dim_name,
                        num(Some(weakest.1), 2),
                        l("against", "，其他组为"),
                        num(Some(other.1), 2),
                        l("in the other groups", "")
                    ),
                )
            };
            out.push(Priority {
                rank: 0,
                kind: FindingKind::Segment,
                dimension: Some(dim.clone()),
                subject,
                value: Some(diff),
                weight: Some(weight),
                score: Some(diff.abs() * weight),
                evidence: vec![
                    first,
                    format!(
                        "Welch {}, {} (n = {} {} {}); {} {} ({}).",
                        t_text(w.t, w.df),
                        p_text(w.p),
                        weakest.0,
                        l("vs", "对"),
                        other.0,
                        l("across the groups", "组间检验"),
                        p_text(p_group),
                        l("BH-adjusted", "BH 校正")
                    ),
                    format!("{} {}.", l("Difference", "差值"), signed(Some(diff), 2)),
                ],
                items: Vec::new(),
                actions: Vec::new(),
            });
        }
    }
    crate::common::order::sort_by(&mut out, by_score);
    out.truncate(MAX_SEGMENT_PRIORITIES);
    out
}

fn quality_caveats(report: &Report, lang: Lang) -> Vec<String> {
    let l = |en: &'static str, zh: &'static str| lang.s(en, zh);
    let q = &report.quality;
    let r = &report.respondents;
    let mut out = Vec::new();
    let share = |k: usize, n: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    let excluded = r.total.saturating_sub(r.analysed);
    if share(excluded, r.total) >= EXCLUDED_SHARE {
        out.push(format!(
            "{} {excluded} / {} ({}).",
            l(
                "Respondents excluded from the analysis:",
                "未纳入分析的受访者："
            ),
            r.total,
            percent(Some(share(excluded, r.total)))
        ));
    }
    for (count, en, zh) in [
        (
            q.straightliners.count,
            "Straight-liners (the same answer to every item on a side):",
            "直线作答者（一侧全部题项回答相同）：",
        ),
        (q.duplicates.count, "Duplicate responses:", "重复答卷："),
        (
            q.speeders.as_ref().map_or(0, |s| s.flagged.count),
            "Speeders (answered too fast):",
            "作答过快者：",
        ),
    ] {
        if share(count, q.rows) >= FLAGGED_SHARE {
            out.push(format!(
                "{} {count} / {} ({}).",
                l(en, zh),
                q.rows,
                percent(Some(share(count, q.rows)))
            ));
        }
    }
    let missing: Vec<String> = q
        .columns
        .iter()
        .filter(|c| {
            c.missing_share.is_some_and(|m| m >= MISSING_SHARE)
                && matches!(c.role, Role::Expectation | Role::Perception)
        })
        .map(|c| format!("{} {}", c.name, percent(c.missing_share)))
        .collect();
    if !missing.is_empty() {
        out.push(format!(
            "{}: {}.",
            l(
                "Columns with 20 % or more missing answers",
                "缺失率达 20% 及以上的列"
            ),
            words::list(&missing, lang)
        ));
    }
    out
}
