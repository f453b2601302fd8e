//! The PDCA action plan: rows the user edits in the page (action, owner,
//! deadline, indicator, baseline, target, status, notes), prefilled from the
//! priorities; and the Check stage, which compares the latest wave with the
//! first by Welch's test per dimension when the data has waves (METHODS.md §13).

use super::findings::{moments, Priority};
use super::words::{self, num, p_text, signed};
use crate::analyses::compare::GroupingKind;
use crate::report::markdown::Lang;
use crate::report::Report;
use crate::stats::groups::welch_from;
use serde::{Deserialize, Serialize};

/// Plan → Do → Check → Act.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlanStage {
    #[default]
    Plan,
    Do,
    Check,
    Act,
}

impl PlanStage {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            PlanStage::Plan => lang.s("Plan", "计划"),
            PlanStage::Do => lang.s("Do", "执行"),
            PlanStage::Check => lang.s("Check", "检查"),
            PlanStage::Act => lang.s("Act", "处理"),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanRow {
    pub action: String,
    pub owner: String,
    pub deadline: String,
    pub indicator: String,
    pub baseline: String,
    pub target: String,
    pub status: PlanStage,
    pub notes: String,
    /// The survey dimension the row works on (its id), for the Check stage.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub dimension: String,
}

impl PlanRow {
    /// The free-text cells, for clipping.
    pub fn cells_mut(&mut self) -> [&mut String; 8] {
        [
            &mut self.action,
            &mut self.owner,
            &mut self.deadline,
            &mut self.indicator,
            &mut self.baseline,
            &mut self.target,
            &mut self.notes,
            &mut self.dimension,
        ]
    }
}

/// One row per priority, with its first action (the others stay in the
/// recommendations, to be added as rows).
/// The survey target is half the gap (rounded to 0.05): a step a wave can show.
pub fn prefill(report: &Report, priorities: &[Priority], lang: Lang) -> Vec<PlanRow> {
    let mut rows = Vec::new();
    for p in priorities {
        for a in p.actions.iter().take(1) {
            let (baseline, target) = match (p.kind, p.value) {
                (super::catalogue::FindingKind::Gap, Some(g)) => {
                    let name = p
                        .dimension
                        .as_deref()
                        .map(|d| words::dimension(report, d, lang));
                    let name = name.unwrap_or_default();
                    let half = (g / 2.0 / 0.05).round() * 0.05;
                    (
                        format!("{name} {} {}", lang.s("gap", "差距"), num(Some(g), 2)),
                        format!(
                            "{name} {} ≥ {}; {}",
                            lang.s("gap", "差距"),
                            num(Some(half), 2),
                            a.target
                        ),
                    )
                }
                _ => (String::new(), a.target.clone()),
            };
            rows.push(PlanRow {
                action: format!("{} — {}", a.title, a.action),
                indicator: a.indicator.clone(),
                baseline,
                target,
                dimension: p.dimension.clone().unwrap_or_default(),
                ..PlanRow::default()
            });
        }
    }
    rows
}

/// The Check stage: every dimension's gap in the latest wave against the first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanCheck {
    /// The wave column.
    pub column: String,
    pub baseline_wave: String,
    pub latest_wave: String,
    pub dimensions: Vec<CheckedDimension>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckedDimension {
    pub dimension: String,
    pub baseline: Option<f64>,
    pub latest: Option<f64>,
    /// latest − baseline (positive = the gap narrowed).
    pub change: Option<f64>,
    pub n: [usize; 2],
    pub t: Option<f64>,
    pub df: Option<f64>,
    pub p: Option<f64>,
    /// "improved", "declined" or "no_change" (not significant at the survey's α).
    pub verdict: &'static str,
}

pub use crate::common::order::natural_cmp;

/// The indices of a wave grouping's groups, earliest first (natural order of
/// their labels, not the order they first appear in the data).
pub fn chronological(groups: &[crate::analyses::compare::GroupResult]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..groups.len()).collect();
    crate::common::order::sort_by(&mut idx, |&a, &b| {
        natural_cmp(&groups[a].value, &groups[b].value)
    });
    idx
}

pub fn check(report: &Report) -> Option<PlanCheck> {
    let cmp = report.analyses.comparisons.as_ref()?;
    let g = cmp
        .groupings
        .iter()
        .find(|g| g.kind == GroupingKind::Wave)?;
    if g.groups.len() < 2 {
        return None;
    }
    let order = chronological(&g.groups);
    let (first, last) = (&g.groups[*order.first()?], &g.groups[*order.last()?]);
    let dimensions = report
        .dimensions
        .iter()
        .map(|d| {
            let (a, b) = (moments(first, &d.id), moments(last, &d.id));
            let w = match (b, a) {
                (Some(b), Some(a)) => Some(welch_from(b, a)),
                _ => None,
            };
            let p = w.as_ref().and_then(|w| w.p);
            let change = w.as_ref().and_then(|w| w.mean_difference);
            let verdict = match (p, change) {
                (Some(p), Some(c)) if p < report.config.alpha && c > 0.0 => "improved",
                (Some(p), Some(c)) if p < report.config.alpha && c < 0.0 => "declined",
                _ => "no_change",
            };
            CheckedDimension {
                dimension: d.id.clone(),
                baseline: a.map(|m| m.1),
                latest: b.map(|m| m.1),
                change,
                n: [a.map_or(0, |m| m.0), b.map_or(0, |m| m.0)],
                t: w.as_ref().and_then(|w| w.t),
                df: w.as_ref().and_then(|w| w.df),
                p,
                verdict,
            }
        })
        .collect();
    Some(PlanCheck {
        column: g.column.clone(),
        baseline_wave: first.value.clone(),
        latest_wave: last.value.clone(),
        dimensions,
    })
}

/// The Check cell of a plan row: its dimension's change between the waves.
pub fn check_text(check: Option<&PlanCheck>, dimension: &str, lang: Lang) -> String {
    let Some(c) = check else {
        return String::new();
    };
    let Some(d) = c.dimensions.iter().find(|d| d.dimension == dimension) else {
        return String::new();
    };
    let verdict = match d.verdict {
        "improved" => lang.s("improved", "改善"),
        "declined" => lang.s("declined", "下降"),
        _ => lang.s("no significant change", "无显著变化"),
    };
    format!(
        "{} → {}: {} → {} ({}, {}); {verdict}",
        c.baseline_wave,
        c.latest_wave,
        num(d.baseline, 2),
        num(d.latest, 2),
        signed(d.change, 2),
        p_text(d.p)
    )
}
