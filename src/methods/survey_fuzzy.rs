//! The report's fuzzy comprehensive evaluation (METHODS.md §6) of the
//! perception answers: grades = the scale points, membership per item from its
//! valid answers, then one level (items → overall, item weight = dimension weight
//! × within-dimension weight) and two levels (items → dimensions → overall).
//!
//! Dimension weights are the weighting in use (`overall.weighting.weights`);
//! within-dimension weights are the AHP item weights when item matrices were
//! given and used, otherwise equal. Items without a valid perception answer and
//! dimensions without such items are left out and the remaining weights
//! renormalised, with a note.

use super::fuzzy::{self, Evaluation, GradeCounts, Operator, ScoreBasis};
use super::MethodError;
use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::methods::weights::WeightingDetails;
use crate::methods::weights::WeightingResult;
pub use crate::model::analysis_options::FuzzyOptions;
use crate::model::config::SurveyConfig;
use crate::model::survey::Survey;
use serde::{Deserialize, Serialize};

/// The largest number of scale points used as grades (0–20).
pub const MAX_GRADES: usize = 21;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FuzzyItem {
    pub id: String,
    pub dimension: String,
    /// Valid perception answers.
    pub n: usize,
    /// r_jk over the grades.
    pub membership: Vec<f64>,
    /// Answers between two grades, counted at the nearest one.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rounded: usize,
    /// Within its dimension, Σ = 1 over the dimension's evaluated items.
    pub weight_in_dimension: f64,
    /// Dimension weight × weight in dimension (the one-level weights).
    pub global_weight: f64,
}

fn is_zero(x: &usize) -> bool {
    *x == 0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FuzzyDimension {
    pub id: String,
    /// Weight in the upper level (renormalised over evaluated dimensions).
    pub weight: f64,
    /// `ahp` when AHP item weights are used inside the dimension, else `equal`.
    pub item_weighting: String,
    pub evaluation: Evaluation,
}

/// `report.fuzzy`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FuzzySection {
    pub operator: Operator,
    pub operator_label: String,
    /// Grade values v_k: the scale points, worst first.
    pub grades: Vec<f64>,
    pub score_basis: ScoreBasis,
    /// Grade scores s_k used for the scores.
    pub scores: Vec<f64>,
    /// The weighting the dimension weights come from (`overall.weighting.method`).
    pub dimension_weighting: String,
    pub items: Vec<FuzzyItem>,
    /// Items → overall with the items' global weights.
    pub one_level: Evaluation,
    /// Items → dimensions.
    pub dimensions: Vec<FuzzyDimension>,
    /// Dimensions → overall.
    pub two_level: Evaluation,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
}

/// The scale points as grades, when the scale has integer ends and 2–21 points.
pub fn scale_grades(config: &SurveyConfig) -> Option<Vec<f64>> {
    let (lo, hi) = (config.scale.min, config.scale.max);
    let integral = lo.fract() == 0.0 && hi.fract() == 0.0 && lo.is_finite() && hi.is_finite();
    let count = hi - lo + 1.0;
    (integral && (2.0..=MAX_GRADES as f64).contains(&count))
        .then(|| (0..count as usize).map(|k| lo + k as f64).collect())
}

/// Within-dimension item weights from the AHP details, when used.
fn ahp_local(weighting: &WeightingResult, dimension: &str) -> Option<Vec<f64>> {
    // Combined weights keep the AHP part's item matrices: local weights are
    // within a dimension, so they hold whatever the dimension weights are.
    let details = match &weighting.details {
        Some(WeightingDetails::Combined(c)) if c.used => c.subjective.details.as_deref(),
        d => d.as_ref(),
    };
    match details {
        Some(WeightingDetails::Ahp(a)) => a
            .items
            .iter()
            .find(|g| g.dimension == dimension && g.method == "ahp")
            .map(|g| g.local_weights.clone()),
        _ => None,
    }
}

fn unavailable(diags: &mut Diagnostics, en: String, zh: String) {
    diags.push(Diagnostic::new(
        "fuzzy_unavailable",
        Severity::Info,
        Text::new(en, zh),
    ));
}

/// A dimension as the evaluation takes it: its items' ids with their
/// perception answers counted on the grades (`None`: no perception column).
#[derive(Debug, Clone)]
pub struct DimensionCounts {
    pub id: String,
    pub items: Vec<(String, Option<GradeCounts>)>,
}

/// The fuzzy section of a survey; `None` (with an info diagnostic when there was
/// perception data) if it cannot be computed.
pub fn evaluate(
    survey: &Survey,
    config: &SurveyConfig,
    weighting: &WeightingResult,
    options: &FuzzyOptions,
    diags: &mut Diagnostics,
) -> Option<FuzzySection> {
    let perception = survey.items.iter().any(|i| i.p.is_some());
    evaluate_counts(
        perception,
        |grades| {
            survey
                .dimensions
                .iter()
                .map(|dim| DimensionCounts {
                    id: dim.id.clone(),
                    items: dim
                        .items
                        .iter()
                        .filter_map(|&i| survey.items.get(i))
                        .map(|item| {
                            let counts = item.p.as_ref().map(|p| {
                                let mut c = GradeCounts::new(grades.len());
                                for &x in p.iter().filter(|x| x.is_finite()) {
                                    c.push(x, grades);
                                }
                                c
                            });
                            (item.id.clone(), counts)
                        })
                        .collect(),
                })
                .collect()
        },
        config,
        weighting,
        options,
        diags,
    )
}

/// [`evaluate`] from answers already counted (a stream's). `perception`: some
/// item has a perception column; `dimensions(grades)` gives the counts.
pub fn evaluate_counts(
    perception: bool,
    dimensions: impl FnOnce(&[f64]) -> Vec<DimensionCounts>,
    config: &SurveyConfig,
    weighting: &WeightingResult,
    options: &FuzzyOptions,
    diags: &mut Diagnostics,
) -> Option<FuzzySection> {
    if !perception {
        return None;
    }
    let Some(grades) = scale_grades(config) else {
        unavailable(
            diags,
            format!("No fuzzy evaluation: the scale {}–{} does not have 2 to {MAX_GRADES} whole-number points to use as grades.", config.scale.min, config.scale.max),
            format!("未做模糊综合评价：量表 {}–{} 没有 2 至 {MAX_GRADES} 个整数刻度可作为评语等级。", config.scale.min, config.scale.max),
        );
        return None;
    };
    let dims = dimensions(&grades);
    match build(&dims, weighting, options, grades) {
        Ok((section, rounded)) => {
            if rounded > 0 {
                diags.push(Diagnostic::new(
                    "fuzzy_rounded",
                    Severity::Info,
                    Text::new(
                        format!("{rounded} perception answer(s) lay between two scale points and were counted at the nearest grade in the fuzzy evaluation."),
                        format!("{rounded} 个感知回答介于两个刻度之间，在模糊综合评价中按最接近的等级计。"),
                    ),
                ));
            }
            Some(section)
        }
        Err(e) => {
            unavailable(
                diags,
                format!("No fuzzy evaluation: {}", e.message.en),
                format!("未做模糊综合评价：{}", e.message.zh),
            );
            None
        }
    }
}

fn build(
    survey: &[DimensionCounts],
    weighting: &WeightingResult,
    options: &FuzzyOptions,
    grades: Vec<f64>,
) -> Result<(FuzzySection, usize), MethodError> {
    let scores = match options.scores {
        ScoreBasis::Scale => grades.clone(),
        ScoreBasis::Percent => fuzzy::percent_scores(grades.len()),
    };
    let mut notes = Vec::new();
    let mut items = Vec::new();
    let mut dimensions = Vec::new();
    let mut groups = Vec::new();
    let mut dim_weights = Vec::new();
    let mut rounded_total = 0;
    for (d, dim) in survey.iter().enumerate() {
        let local = ahp_local(weighting, &dim.id);
        let mut rows = Vec::new();
        let mut within = Vec::new();
        let mut dim_items = Vec::new();
        for (pos, (id, counts)) in dim.items.iter().enumerate() {
            let Some(counts) = counts else { continue };
            let n = counts.n();
            if n == 0 {
                notes.push(Text::new(
                    format!("Item {id} has no valid perception answer and is left out."),
                    format!("题项 {id} 没有有效的感知回答，未纳入评价。"),
                ));
                continue;
            }
            let membership = counts.shares();
            let w = match &local {
                Some(l) => l.get(pos).copied().unwrap_or(0.0),
                None => 1.0,
            };
            rounded_total += counts.rounded;
            rows.push(membership.clone());
            within.push(w);
            dim_items.push(FuzzyItem {
                id: id.clone(),
                dimension: dim.id.clone(),
                n,
                membership,
                rounded: counts.rounded,
                weight_in_dimension: 0.0,
                global_weight: 0.0,
            });
        }
        if rows.is_empty() {
            if !dim.items.is_empty() {
                notes.push(Text::new(
                    format!(
                        "Dimension {} has no item with perception answers and is left out.",
                        dim.id
                    ),
                    format!("维度 {} 没有带感知回答的题项，未纳入评价。", dim.id),
                ));
            }
            continue;
        }
        let within =
            super::normalise_weights(&within, ("item weights", "题项权重")).map_err(|e| {
                e.context(
                    &format!("Dimension {}: ", dim.id),
                    &format!("维度 {}：", dim.id),
                )
            })?;
        for (it, w) in dim_items.iter_mut().zip(&within) {
            it.weight_in_dimension = *w;
        }
        let dw = weighting
            .weights
            .iter()
            .find(|w| w.dimension == dim.id)
            .map(|w| w.weight)
            .unwrap_or(0.0);
        dimensions.push((d, dim.id.clone(), local.is_some(), dim_items.len()));
        dim_weights.push(dw);
        items.extend(dim_items);
        groups.push((within, rows));
    }
    if groups.is_empty() {
        return Err(MethodError::new(
            "fuzzy_no_items",
            "no item has a valid perception answer.",
            "没有题项有有效的感知回答。",
        ));
    }
    let dim_weights = super::normalise_weights(&dim_weights, ("dimension weights", "维度权重"))?;
    // Global item weights for the one-level evaluation.
    let mut k = 0;
    for ((_, _, _, count), dw) in dimensions.iter().zip(&dim_weights) {
        for it in items.iter_mut().skip(k).take(*count) {
            it.global_weight = dw * it.weight_in_dimension;
        }
        k += count;
    }
    let global: Vec<f64> = items.iter().map(|i| i.global_weight).collect();
    let r: Vec<Vec<f64>> = items.iter().map(|i| i.membership.clone()).collect();
    let one_level = fuzzy::evaluate(&global, &r, options.operator, &scores)?;
    let two = fuzzy::evaluate_two_level(&groups, &dim_weights, options.operator, &scores)?;
    let dimensions = dimensions
        .into_iter()
        .zip(two.groups)
        .zip(&dim_weights)
        .map(|(((_, id, ahp, _), evaluation), w)| FuzzyDimension {
            id,
            weight: *w,
            item_weighting: if ahp { "ahp".into() } else { "equal".into() },
            evaluation,
        })
        .collect();
    Ok((
        FuzzySection {
            operator: options.operator,
            operator_label: options.operator.label().into(),
            grades,
            score_basis: options.scores,
            scores,
            dimension_weighting: weighting.method.clone(),
            items,
            one_level,
            dimensions,
            two_level: two.overall,
            notes,
        },
        rounded_total,
    ))
}
