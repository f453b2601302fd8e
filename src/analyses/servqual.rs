//! SERVQUAL gap analysis and SERVPERF (METHODS.md §2–3).

use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::methods::weights;
use crate::methods::weights::{DimensionWeight, WeightingResult};
use crate::model::config::{SurveyConfig, Weighting};
use crate::model::scores::{at, dimension_scores, DimensionScores};
use crate::model::survey::Survey;
use crate::quality::Exclusion;
use crate::stats;
use crate::stats::moments::Moments;
use crate::stats::{Summary, TTest};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// How many rows were read and analysed.
pub struct Respondents {
    /// Data rows read.
    pub total: usize,
    /// Respondents with at least one dimension gap score (in a perception-only
    /// survey: at least one SERVPERF dimension score).
    pub analysed: usize,
    /// Why the others were not analysed, one entry per reason.
    pub excluded: Vec<Exclusion>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// Results of one item.
pub struct ItemResult {
    pub id: String,
    /// The item's dimension id, as configured.
    pub dimension: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    /// Position of the item in the survey structure (0-based).
    pub order: usize,
    /// All expectation answers of the item.
    pub expectation: Summary,
    /// All perception answers of the item.
    pub perception: Summary,
    /// Paired P − E: n, mean, sd, ci95, t, df, p (METHODS.md §2–3).
    pub gap: TTest,
    /// Holm-adjusted p over all items; null when `gap.p` is null.
    pub p_holm: Option<f64>,
    /// p < alpha (unadjusted).
    pub significant: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// Results of one dimension.
pub struct DimensionResult {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    pub order: usize,
    /// Item ids in this dimension.
    pub items: Vec<String>,
    /// Means over respondents of their dimension E and P scores (paired items only).
    pub expectation: Summary,
    pub perception: Summary,
    /// Dimension gap: mean over respondents of their dimension gap scores.
    pub gap: TTest,
    /// SERVPERF dimension score: mean of respondents' P scores over all answered P items.
    pub servperf: Summary,
    /// Weight in the weighted scores (Σ = 1 over dimensions).
    pub weight: Option<f64>,
    /// `gap.p` < alpha.
    pub significant: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// Survey-level scores (METHODS.md §2).
pub struct Overall {
    /// Unweighted SERVQUAL: mean of the dimension gaps.
    pub servqual: Option<f64>,
    /// Σ w_d · gap_d with global weights; with point allocation, the mean over
    /// respondents of Σ_d a_id · D_id.
    pub weighted_servqual: Option<f64>,
    /// SERVPERF: mean of the dimension P scores.
    pub servperf: Option<f64>,
    /// SERVPERF weighted as `weighted_servqual`.
    pub weighted_servperf: Option<f64>,
    pub weighting: WeightingResult,
    /// Why a score above is null.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
}

fn mean_of(xs: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let v: Vec<f64> = xs.flatten().collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// Weighted mean over the dimensions that have a value, renormalising the weights.
fn weighted(values: &[Option<f64>], w: &[f64]) -> Option<f64> {
    let (mut s, mut tw) = (0.0, 0.0);
    for (v, w) in values.iter().zip(w) {
        if let Some(v) = v {
            s += v * w;
            tw += w;
        }
    }
    (tw > 0.0).then(|| s / tw)
}

/// Mean over respondents of Σ_d a_id · score_id with each respondent's own
/// normalised allocation a_i (PZB 1991); respondents lacking a score or an
/// allocation are skipped.
fn allocation_weighted(survey: &Survey, scores: &[Vec<f64>]) -> Option<f64> {
    let (mut s, mut n) = (0.0, 0usize);
    for r in 0..survey.n {
        let Some(a) = weights::respondent_allocation(survey, r) else {
            continue;
        };
        let v: f64 = a.iter().zip(scores).map(|(a, sc)| a * at(sc, r)).sum();
        if !v.is_nan() {
            s += v;
            n += 1;
        }
    }
    (n > 0).then(|| s / n as f64)
}

pub struct Analysis {
    pub respondents: Respondents,
    pub items: Vec<ItemResult>,
    pub dimensions: Vec<DimensionResult>,
    pub overall: Overall,
}

/// The moments the gap analysis is computed from: per item E, P and P − E,
/// per dimension the respondents' E, P, gap and SERVPERF scores (§2). From
/// the answers ([`analyse`]) or from a warehouse's sums
/// (src/analyses/sufficient/), which then give the same report.
pub struct GapMoments {
    /// Rows analysed.
    pub n: usize,
    /// Respondents with at least one dimension score (see [`Respondents`]).
    pub analysed: usize,
    /// A perception-only (SERVPERF) survey: no item has an E column.
    pub perception_only: bool,
    /// Survey order.
    pub items: Vec<[Moments; 3]>,
    /// Survey order: E, P, gap, SERVPERF.
    pub dims: Vec<[Moments; 4]>,
}

/// A dimension as the report lists it: id and its items' positions.
pub struct DimensionShape {
    pub id: String,
    pub items: Vec<usize>,
}

pub fn analyse(survey: &Survey, config: &SurveyConfig, diags: &mut Diagnostics) -> Analysis {
    let nan = |v: &Option<Vec<f64>>, r: usize| v.as_ref().map_or(f64::NAN, |v| at(v, r));
    let items = survey
        .items
        .iter()
        .map(|it| {
            let side = |v: &Option<Vec<f64>>| v.as_deref().map(Moments::of).unwrap_or_default();
            let gaps = (0..survey.n).map(|r| nan(&it.p, r) - nan(&it.e, r));
            [side(&it.e), side(&it.p), Moments::of_iter(gaps)]
        })
        .collect();
    let resolved = weights::resolve_with(survey, &config.weighting, config.min_items, diags);
    let scores: Vec<DimensionScores> = (0..survey.dimensions.len())
        .map(|d| dimension_scores(survey, d, config.min_items))
        .collect();
    // A perception-only (SERVPERF) survey has no gaps at all: there a respondent
    // counts as analysed with a SERVPERF score, otherwise with a gap score.
    let perception_only =
        survey.items.iter().all(|i| i.e.is_none()) && survey.items.iter().any(|i| i.p.is_some());
    let analysed = (0..survey.n)
        .filter(|&r| {
            scores.iter().any(|s| {
                let v = at(if perception_only { &s.perf } else { &s.g }, r);
                !v.is_nan()
            })
        })
        .count();
    let moments = GapMoments {
        n: survey.n,
        analysed,
        perception_only,
        items,
        dims: scores
            .iter()
            .map(|s| {
                [
                    Moments::of(&s.e),
                    Moments::of(&s.p),
                    Moments::of(&s.g),
                    Moments::of(&s.perf),
                ]
            })
            .collect(),
    };
    let allocation = (resolved.weights.method == "allocation").then(|| {
        let g: Vec<Vec<f64>> = scores.iter().map(|s| s.g.clone()).collect();
        let p: Vec<Vec<f64>> = scores.iter().map(|s| s.perf.clone()).collect();
        (
            allocation_weighted(survey, &g),
            allocation_weighted(survey, &p),
        )
    });
    let shape: Vec<DimensionShape> = survey
        .dimensions
        .iter()
        .map(|d| DimensionShape {
            id: d.id.clone(),
            items: d.items.clone(),
        })
        .collect();
    assemble(&moments, config, &shape, resolved, allocation, diags)
}

/// The gap analysis from its moments. `allocation`: the point-allocation
/// weighted SERVQUAL and SERVPERF, when `resolved` says allocation (they need
/// each respondent's own weights, so they come computed).
pub fn assemble(
    m: &GapMoments,
    config: &SurveyConfig,
    shape: &[DimensionShape],
    resolved: weights::Resolved,
    allocation: Option<(Option<f64>, Option<f64>)>,
    diags: &mut Diagnostics,
) -> Analysis {
    let mut items: Vec<ItemResult> = config
        .items
        .iter()
        .zip(&m.items)
        .enumerate()
        .map(|(order, (it, [e, p, g]))| ItemResult {
            id: it.id.clone(),
            // The configured name, even when that dimension is undefined.
            dimension: it.dimension.clone(),
            label: it.label.clone(),
            order,
            expectation: e.summary(),
            perception: p.summary(),
            gap: g.t_test(),
            p_holm: None,
            significant: false,
        })
        .collect();
    let holm = stats::holm(&items.iter().map(|i| i.gap.p).collect::<Vec<_>>());
    for (it, ph) in items.iter_mut().zip(holm) {
        it.p_holm = ph;
        it.significant = it.gap.p.is_some_and(|p| p < config.alpha);
    }

    let weights::Resolved {
        weights: w,
        details,
        note,
    } = resolved;
    if let Some(min) = config.min_items {
        for dim in shape {
            if !dim.items.is_empty() && min > dim.items.len() {
                diags.push(Diagnostic::new(
                    "min_items_unreachable",
                    Severity::Warning,
                    Text::new(
                        format!(
                            "Dimension \"{}\" has {} items but min_items is {min}, so no respondent can have a score in it.",
                            dim.id,
                            dim.items.len()
                        ),
                        format!(
                            "维度“{}”只有 {} 个题项，而 min_items 为 {min}，因此没有受访者能获得该维度得分。",
                            dim.id,
                            dim.items.len()
                        ),
                    ),
                ));
            }
        }
    }
    let mut dimensions: Vec<DimensionResult> = shape
        .iter()
        .zip(&m.dims)
        .enumerate()
        .map(|(d, (dim, [e, p, g, s]))| {
            let gap = g.t_test();
            DimensionResult {
                id: dim.id.clone(),
                label: config.dimensions.get(d).and_then(|x| x.label.clone()),
                order: d,
                items: dim
                    .items
                    .iter()
                    .filter_map(|&i| config.items.get(i).map(|it| it.id.clone()))
                    .collect(),
                expectation: e.summary(),
                perception: p.summary(),
                significant: gap.p.is_some_and(|p| p < config.alpha),
                gap,
                servperf: s.summary(),
                weight: w.values.get(d).copied(),
            }
        })
        .collect();

    let gaps: Vec<Option<f64>> = dimensions.iter().map(|d| d.gap.mean).collect();
    let perfs: Vec<Option<f64>> = dimensions.iter().map(|d| d.servperf.mean).collect();
    let mut notes = Vec::new();
    let (weighted_servqual, weighted_servperf) = match allocation {
        Some(scores) if w.method == "allocation" => scores,
        _ => (weighted(&gaps, &w.values), weighted(&perfs, &w.values)),
    };
    if gaps.iter().any(Option::is_none) && gaps.iter().any(Option::is_some) {
        notes.push(Text::new(
            "Some dimensions have no gap score; the overall scores use the others.",
            "部分维度没有差距得分；总体得分基于其余维度计算。",
        ));
    }
    let servqual = mean_of(gaps.iter().copied());
    let servperf = mean_of(perfs.iter().copied());
    if (servqual.is_some() && weighted_servqual.is_none())
        || (servperf.is_some() && weighted_servperf.is_none())
    {
        notes.push(if w.method == "allocation" {
            Text::new(
                "A weighted score is undefined: no respondent has both a usable point allocation and a score in every dimension.",
                "加权得分无法计算：没有受访者同时具备可用的点数分配和每个维度的得分。",
            )
        } else {
            Text::new(
                "A weighted score is undefined: every dimension that has a score has weight 0.",
                "加权得分无法计算：有得分的维度权重均为 0。",
            )
        });
    }
    if gaps.iter().all(Option::is_none) {
        notes.push(Text::new(
            "No dimension has a gap score: no respondent answered enough items on both the expectation and the perception side.",
            "没有维度能计算差距得分：没有受访者在期望和感知两方面回答足够的题项。",
        ));
    }
    if servperf.is_none() {
        notes.push(Text::new(
            "No dimension has a SERVPERF score: no respondent answered enough perception items.",
            "没有维度能计算 SERVPERF 得分：没有受访者回答足够的感知题项。",
        ));
    }

    let (analysed, perception_only) = (m.analysed, m.perception_only);
    if analysed == 1 {
        diags.push(Diagnostic::new(
            "single_respondent",
            Severity::Warning,
            Text::new(
                "Only one respondent could be analysed: means are shown, but SD, confidence intervals and tests need at least two.",
                "只有一位受访者可以分析：可显示均值，但标准差、置信区间和检验至少需要两位受访者。",
            ),
        ));
    }
    let mut excluded = Vec::new();
    if analysed < m.n {
        excluded.push(Exclusion {
            code: "too_few_answers".into(),
            count: m.n - analysed,
            reason: if perception_only {
                Text::new(
                    "too few perception items answered for any dimension",
                    "在任何维度上回答的感知题项都不够",
                )
            } else {
                Text::new(
                    "too few items answered on both the expectation and the perception side for any dimension",
                    "在任何维度上同时回答期望和感知的题项都不够",
                )
            },
        });
    }

    let weighting = WeightingResult {
        method: w.method.to_string(),
        requested: config.weighting.clone(),
        weights: shape
            .iter()
            .zip(&w.values)
            .map(|(d, &weight)| DimensionWeight {
                dimension: d.id.clone(),
                weight,
            })
            .collect(),
        respondents: w.respondents,
        details,
    };
    notes.extend(note);
    if matches!(config.weighting, Weighting::Allocation) && w.method != "allocation" {
        notes.push(Text::new(
            "Point allocation was asked for but could not be used; weighted scores use equal weights.",
            "要求使用点数分配权重但无法使用；加权得分改用等权。",
        ));
    }

    worst_first(&mut items, &mut dimensions);

    Analysis {
        respondents: Respondents {
            total: m.n,
            analysed,
            excluded,
        },
        items,
        dimensions,
        overall: Overall {
            servqual,
            weighted_servqual,
            servperf,
            weighted_servperf,
            weighting,
            notes,
        },
    }
}

/// Results in reading order: worst gap first, undefined gaps last, ties in
/// survey order (raw data and summary mode alike).
pub(crate) fn worst_first(items: &mut Vec<ItemResult>, dimensions: &mut Vec<DimensionResult>) {
    // Gaps equal to 12 decimals are ties: the order must not hang on the last
    // bits, which differ between computing from the answers and from sums.
    // (+ 0.0: −0 and 0 are the same tie for total_cmp.)
    let key = |m: Option<f64>| m.map_or(f64::INFINITY, |m| (m * 1e12).round() + 0.0);
    crate::common::order::sort_by(items, |a, b| {
        key(a.gap.mean)
            .total_cmp(&key(b.gap.mean))
            .then(a.order.cmp(&b.order))
    });
    crate::common::order::sort_by(dimensions, |a, b| {
        key(a.gap.mean)
            .total_cmp(&key(b.gap.mean))
            .then(a.order.cmp(&b.order))
    });
}
