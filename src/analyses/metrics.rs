//! Customer metrics (METHODS.md §8): NPS from the recommend column, CSAT as the
//! top-k box share of overall satisfaction, CES as the mean effort score. Each is
//! computed only when its column exists.

use crate::analyses::columns;
use crate::common::diag::{Text, Undefined};
use crate::model::analysis_options::{AnalysisOptions, EffortDirection};
use crate::model::config::{Role, Scale, SurveyConfig};
use crate::model::survey::Survey;
use crate::stats::moments::Moments;
use crate::stats::undefined::{self, reason};
use crate::stats::Summary;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Metrics {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nps: Option<Nps>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csat: Option<Csat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ces: Option<Ces>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Nps {
    pub column: String,
    /// Valid answers (0–10).
    pub n: usize,
    /// 9–10.
    pub promoters: usize,
    /// Above 6 and below 9 (7–8).
    pub passives: usize,
    /// 0–6.
    pub detractors: usize,
    /// Shares of n (0–1).
    pub promoter_share: Option<f64>,
    pub passive_share: Option<f64>,
    pub detractor_share: Option<f64>,
    /// 100 · (promoter share − detractor share), −100..100.
    pub nps: Option<f64>,
    /// sqrt((p + q − (p − q)²)/n) · 100, in NPS points.
    pub se: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undefined: Option<Undefined>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Csat {
    pub column: String,
    /// The overall-satisfaction scale the boxes are counted on.
    pub scale: Scale,
    pub top_k: usize,
    /// Answers at or above this value count as satisfied (max − k + 1).
    pub threshold: Option<f64>,
    /// Valid answers.
    pub n: usize,
    /// Answers in the top k boxes.
    pub satisfied: usize,
    /// satisfied / n (0–1).
    pub share: Option<f64>,
    /// What "top-k" means on this scale, e.g. "answers 6 or 7 on the 1–7 scale".
    pub definition: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undefined: Option<Undefined>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Ces {
    pub column: String,
    pub scale: Scale,
    /// n, mean and SD of the effort answers.
    pub effort: Summary,
    /// As configured; null when not set (the mean is then not interpreted).
    pub direction: Option<EffortDirection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
}

/// What the three metrics need of their columns, counted: a stream keeps
/// these instead of the answers, and two parts' counts add.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
pub struct MetricCounts {
    /// Recommend answers, those ≥ 9 and those ≤ 6.
    pub recommend: [usize; 3],
    /// Overall-satisfaction answers and those at or above the CSAT threshold.
    pub overall: [usize; 2],
}

impl MetricCounts {
    #[inline]
    pub fn recommend(&mut self, x: f64) {
        if !x.is_nan() {
            self.recommend[0] += 1;
            self.recommend[1] += usize::from(x >= 9.0);
            self.recommend[2] += usize::from(x <= 6.0);
        }
    }

    #[inline]
    pub fn overall(&mut self, x: f64, threshold: Option<f64>) {
        if !x.is_nan() {
            self.overall[0] += 1;
            self.overall[1] += usize::from(threshold.is_some_and(|t| x >= t));
        }
    }

    pub fn add(&mut self, o: &MetricCounts) {
        for (a, b) in self.recommend.iter_mut().zip(o.recommend) {
            *a += b;
        }
        for (a, b) in self.overall.iter_mut().zip(o.overall) {
            *a += b;
        }
    }
}

/// The lowest answer in the top-k box, when k fits the scale.
pub fn csat_threshold(scale: Scale, top_k: usize) -> Option<f64> {
    // Saturating: a nonsense scale (1..1e300) must not overflow.
    let points = ((scale.max - scale.min).floor() as usize).saturating_add(1);
    (top_k != 0 && top_k < points).then_some(scale.max - (top_k as f64 - 1.0))
}

fn nps(counts: [usize; 3], column: String, scale: Scale) -> Nps {
    let [n, promoters, detractors] = counts;
    let mut out = Nps {
        column,
        n,
        promoters,
        passives: n - promoters - detractors,
        detractors,
        promoter_share: None,
        passive_share: None,
        detractor_share: None,
        nps: None,
        se: None,
        undefined: None,
    };
    if scale != Scale::ZERO_TEN {
        out.undefined = Some(reason(
            "nps_scale",
            format!(
                "NPS is defined on the 0–10 scale; this column is configured as {}",
                scale.text()
            ),
            format!("NPS 只适用于 0–10 量表；该列配置为 {}", scale.text()),
        ));
        return out;
    }
    if n == 0 {
        out.undefined = Some(undefined::too_few(0, 1, ("answers", "个回答")));
        return out;
    }
    let nf = n as f64;
    let (p, q) = (promoters as f64 / nf, detractors as f64 / nf);
    out.promoter_share = Some(p);
    out.passive_share = Some(out.passives as f64 / nf);
    out.detractor_share = Some(q);
    out.nps = Some(100.0 * (p - q));
    out.se = Some(((p + q - (p - q) * (p - q)) / nf).max(0.0).sqrt() * 100.0);
    out
}

/// Number formatting for texts: 6 not 6.0, 2.5 stays 2.5.
fn show(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn csat(counts: [usize; 2], column: String, scale: Scale, top_k: usize) -> Csat {
    let [n, satisfied] = counts;
    // Saturating: a nonsense scale (1..1e300) must not overflow.
    let points = ((scale.max - scale.min).floor() as usize).saturating_add(1);
    let mut out = Csat {
        column,
        scale,
        top_k,
        threshold: None,
        n,
        satisfied: 0,
        share: None,
        definition: Text::new(String::new(), String::new()),
        undefined: None,
    };
    if top_k == 0 || top_k >= points {
        out.definition = Text::new(
            format!(
                "top-{top_k} box on the {}–{} scale",
                show(scale.min),
                show(scale.max)
            ),
            format!(
                "{}–{} 量表的前 {top_k} 格",
                show(scale.min),
                show(scale.max)
            ),
        );
        out.undefined = Some(reason(
            "csat_top_k",
            format!(
                "top-{top_k} box is not meaningful on a {points}-point scale: k must be at least 1 and below the number of scale points"
            ),
            format!("{points} 点量表上“前 {top_k} 格”没有意义：k 须至少为 1 且小于量表点数"),
        ));
        return out;
    }
    let Some(threshold) = csat_threshold(scale, top_k) else {
        return out;
    };
    let boxes: Vec<String> = (0..top_k)
        .rev()
        .map(|i| show(scale.max - i as f64))
        .collect();
    let list_en = match boxes.len() {
        1 => boxes[0].clone(),
        _ => format!(
            "{} or {}",
            boxes[..boxes.len() - 1].join(", "),
            boxes[boxes.len() - 1]
        ),
    };
    out.definition = Text::new(
        format!(
            "top-{top_k} box on the {}–{} scale: answers {list_en}",
            show(scale.min),
            show(scale.max)
        ),
        format!(
            "{}–{} 量表的前 {top_k} 格（Top-{top_k} box）：回答为 {}",
            show(scale.min),
            show(scale.max),
            boxes.join("、")
        ),
    );
    out.threshold = Some(threshold);
    out.satisfied = satisfied;
    if n == 0 {
        out.undefined = Some(undefined::too_few(0, 1, ("answers", "个回答")));
    } else {
        out.share = Some(satisfied as f64 / n as f64);
    }
    out
}

fn ces(effort: Summary, column: String, scale: Scale, direction: Option<EffortDirection>) -> Ces {
    let mut notes = Vec::new();
    if direction.is_none() {
        notes.push(Text::new(
            "The direction of the effort scale is not configured (analyses.ces.direction: lower_is_better or higher_is_better), so the mean is not interpreted.",
            "未配置费力度量表的方向（analyses.ces.direction：lower_is_better 或 higher_is_better），因此不对均值作好坏解读。",
        ));
    }
    Ces {
        column,
        scale,
        effort,
        direction,
        notes,
    }
}

/// The metrics section; None when none of the three columns exists.
pub fn analyse(
    survey: &Survey,
    config: &SurveyConfig,
    headers: &[String],
    options: &AnalysisOptions,
) -> Option<Metrics> {
    let overall = columns::single(config, headers, Role::Overall);
    let threshold = csat_threshold(columns::scale_of(overall, config.scale), options.csat.top_k);
    let mut counts = MetricCounts::default();
    for &x in survey.recommend.iter().flatten() {
        counts.recommend(x);
    }
    for &x in survey.overall.iter().flatten() {
        counts.overall(x, threshold);
    }
    let present = Present {
        recommend: survey.recommend.is_some(),
        overall: survey.overall.is_some(),
        effort: survey.effort.as_ref().map(|v| Moments::of(v)),
    };
    from_counts(config, headers, options, counts, present)
}

/// Which of the three columns were read, and the effort answers' moments.
pub struct Present {
    pub recommend: bool,
    pub overall: bool,
    pub effort: Option<Moments>,
}

/// The metrics section from counted answers ([`analyse`], or a stream's).
pub fn from_counts(
    config: &SurveyConfig,
    headers: &[String],
    options: &AnalysisOptions,
    counts: MetricCounts,
    present: Present,
) -> Option<Metrics> {
    let name = |role| {
        columns::single(config, headers, role)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    let scale = |role, default| columns::scale_of(columns::single(config, headers, role), default);
    let out = Metrics {
        nps: present.recommend.then(|| {
            nps(
                counts.recommend,
                name(Role::Recommend),
                scale(Role::Recommend, Scale::ZERO_TEN),
            )
        }),
        csat: present.overall.then(|| {
            csat(
                counts.overall,
                name(Role::Overall),
                scale(Role::Overall, config.scale),
                options.csat.top_k,
            )
        }),
        ces: present.effort.map(|effort| {
            ces(
                effort.summary(),
                name(Role::Effort),
                scale(Role::Effort, config.scale),
                options.ces.direction,
            )
        }),
    };
    (out.nps.is_some() || out.csat.is_some() || out.ces.is_some()).then_some(out)
}
