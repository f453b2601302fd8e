//! Global dimension weights from the configuration (METHODS.md §5): equal, direct
//! (typed in, normalised) and the mean of respondents' normalised point allocations;
//! AHP (src/methods/weights/ahp.rs) and entropy or CRITIC on the respondents' dimension
//! perception scores (src/methods/weights/objective.rs), and their product
//! (src/methods/weights/combined.rs) through [`resolve_with`].

use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::model::config::Weighting;
use crate::model::survey::Survey;
use serde::{Deserialize, Serialize};

mod ahp;
mod combined;
mod objective;

pub use crate::methods::weights::ahp::{AhpItemWeights, AhpWeighting};
pub use crate::methods::weights::combined::{CombinedPart, CombinedWeighting};
pub use crate::methods::weights::objective::{
    Objective, ObjectiveWeighting, Scores, OBJECTIVE_BASIS,
};
pub use crate::model::weighting::method_name;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// The dimension weights that were used.
pub struct WeightingResult {
    /// `equal`, `direct`, `allocation`, `ahp`, `entropy`, `critic` or `combined`
    /// (the weights actually used: `equal` when the requested ones could not be).
    pub method: String,
    /// The weighting asked for, as configured.
    pub requested: Weighting,
    /// One per dimension, ≥ 0, Σ = 1.
    pub weights: Vec<DimensionWeight>,
    /// For allocation: respondents whose allocation could be used; for entropy
    /// and CRITIC: respondents with a score in every dimension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondents: Option<usize>,
    /// The working behind AHP, entropy, CRITIC and combined weights (docs/methods.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<crate::methods::weights::WeightingDetails>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DimensionWeight {
    pub dimension: String,
    pub weight: f64,
}

/// Weights per dimension (Σ = 1), how they were made, and how many respondents
/// contributed (allocation only).
pub struct Weights {
    pub method: &'static str,
    pub values: Vec<f64>,
    pub respondents: Option<usize>,
}

/// Weights with the working behind them, as [`resolve_with`] returns them.
pub struct Resolved {
    pub weights: Weights,
    /// The working of AHP, entropy or CRITIC (`overall.weighting.details`).
    pub details: Option<WeightingDetails>,
    /// Why the requested weighting was not used (goes to the overall notes).
    pub note: Option<Text>,
}

/// The working behind AHP, entropy, CRITIC and combined weights (`overall.weighting.details`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WeightingDetails {
    Ahp(AhpWeighting),
    Entropy(ObjectiveWeighting<crate::methods::entropy::EntropyResult>),
    Critic(ObjectiveWeighting<crate::methods::critic::CriticResult>),
    Combined(CombinedWeighting),
}

/// Resolve any weighting, with the survey's `min_items` rule for the respondent
/// dimension scores that entropy and CRITIC weights are computed on.
pub fn resolve_with(
    survey: &Survey,
    weighting: &Weighting,
    min_items: Option<usize>,
    diags: &mut Diagnostics,
) -> Resolved {
    let scores = |critic: bool| objective::from_survey(survey, min_items, critic);
    resolve_using(survey, weighting, &scores, diags)
}

/// Resolve any weighting, with entropy and CRITIC weights from `scores`
/// (the respondents in memory, or statistics of them gathered as a file
/// streamed by).
pub fn resolve_using(
    survey: &Survey,
    weighting: &Weighting,
    scores: objective::Scores,
    diags: &mut Diagnostics,
) -> Resolved {
    let k = survey.dimensions.len();
    match weighting {
        Weighting::Ahp {
            matrix,
            experts,
            ri,
            items,
            accept_inconsistent,
        } => crate::methods::weights::ahp::resolve(
            survey,
            matrix,
            experts,
            ri.unwrap_or_default(),
            items,
            *accept_inconsistent,
            diags,
        ),
        Weighting::Entropy => objective::resolve(k, scores, false, diags),
        Weighting::Critic => objective::resolve(k, scores, true, diags),
        Weighting::Combined {
            subjective,
            objective,
        } => {
            crate::methods::weights::combined::resolve(survey, subjective, objective, scores, diags)
        }
        _ => Resolved {
            weights: resolve(survey, weighting, diags),
            details: None,
            note: None,
        },
    }
}

/// The respondents' normalised allocations added up per dimension, and how
/// many respondents had a usable one.
pub fn allocation_sums(survey: &Survey) -> (Vec<f64>, usize) {
    let mut sum = vec![0.0; survey.dimensions.len()];
    let mut n = 0usize;
    for i in 0..survey.n {
        if let Some(a) = respondent_allocation(survey, i) {
            n += 1;
            for (s, x) in sum.iter_mut().zip(a) {
                *s += x;
            }
        }
    }
    (sum, n)
}

/// Point-allocation weights: the mean of the respondents' normalised
/// allocations (`sum` of them over `n` respondents), or equal weights with a
/// warning when no respondent has a usable one.
pub fn allocation_weights(sum: &[f64], n: usize, diags: &mut Diagnostics) -> Weights {
    let k = sum.len();
    if n == 0 {
        diags.push(Diagnostic::new(
            "allocation_unusable",
            Severity::Warning,
            Text::new(
                "No respondent has a usable point allocation (a value for every dimension, total above 0); equal weights are used.",
                "没有受访者给出可用的点数分配（每个维度都有值且总分大于 0）；改用等权。",
            ),
        ));
        return Weights {
            method: "equal",
            values: equal(k),
            respondents: Some(0),
        };
    }
    Weights {
        method: "allocation",
        values: sum.iter().map(|s| s / n as f64).collect(),
        respondents: Some(n),
    }
}

/// A respondent's points normalised to Σ = 1, or None if any is missing or
/// negative, or the total is not positive.
pub fn normalised_allocation(pts: &[f64]) -> Option<Vec<f64>> {
    if pts.iter().any(|x| x.is_nan()) {
        return None;
    }
    let total: f64 = pts.iter().sum();
    // Points are ≥ 0 by the default 0–100 scale, but a column may set its own scale.
    let usable = total > 0.0 && total.is_finite() && pts.iter().all(|p| *p >= 0.0);
    usable.then(|| pts.iter().map(|p| p / total).collect())
}

pub fn equal(k: usize) -> Vec<f64> {
    vec![1.0 / k.max(1) as f64; k]
}

/// A respondent's allocation normalised to Σ = 1, or None if any value is missing
/// or negative, or the total is not positive.
pub fn respondent_allocation(survey: &Survey, i: usize) -> Option<Vec<f64>> {
    let pts: Option<Vec<f64>> = survey
        .dimensions
        .iter()
        .map(|d| {
            d.allocation
                .as_ref()
                .and_then(|a| a.get(i).copied())
                .filter(|x| !x.is_nan())
        })
        .collect();
    normalised_allocation(&pts?)
}

pub fn resolve(survey: &Survey, weighting: &Weighting, diags: &mut Diagnostics) -> Weights {
    let k = survey.dimensions.len();
    match weighting {
        Weighting::Ahp { .. }
        | Weighting::Entropy
        | Weighting::Critic
        | Weighting::Combined { .. } => resolve_with(survey, weighting, None, diags).weights,
        Weighting::Equal => Weights {
            method: "equal",
            values: equal(k),
            respondents: None,
        },
        Weighting::Direct { weights } => {
            let raw: Vec<f64> = survey
                .dimensions
                .iter()
                .map(|d| weights.get(&d.id).copied().unwrap_or(0.0))
                .collect();
            for (d, w) in survey.dimensions.iter().zip(&raw) {
                if !weights.contains_key(&d.id) {
                    diags.push(Diagnostic::new(
                        "weight_missing",
                        Severity::Warning,
                        Text::new(
                            format!(
                                "No weight was given for dimension \"{}\"; it counts 0.",
                                d.id
                            ),
                            format!("未给维度“{}”指定权重，按 0 计。", d.id),
                        ),
                    ));
                } else if !w.is_finite() || *w < 0.0 {
                    diags.push(Diagnostic::new(
                        "weight_invalid",
                        Severity::Warning,
                        Text::new(
                            format!("The weight of dimension \"{}\" ({w}) is not a number ≥ 0; equal weights are used.", d.id),
                            format!("维度“{}”的权重（{w}）不是非负数；改用等权。", d.id),
                        ),
                    ));
                    return Weights {
                        method: "equal",
                        values: equal(k),
                        respondents: None,
                    };
                }
            }
            let ids: crate::common::hash::Set<&str> =
                survey.dimensions.iter().map(|d| d.id.as_str()).collect();
            for key in weights.keys() {
                if !ids.contains(key.as_str()) {
                    diags.push(Diagnostic::new(
                        "weight_unknown_dimension",
                        Severity::Warning,
                        Text::new(
                            format!("A weight is given for \"{key}\", which is not a dimension of this survey; it is ignored."),
                            format!("为“{key}”指定了权重，但它不是本问卷的维度；已忽略。"),
                        ),
                    ));
                }
            }
            let total: f64 = raw.iter().sum();
            if !total.is_finite() {
                diags.push(Diagnostic::new(
                    "weight_invalid",
                    Severity::Warning,
                    Text::new(
                        "The typed-in weights are too large to add up; equal weights are used.",
                        "输入的权重过大，无法求和；改用等权。",
                    ),
                ));
                return Weights {
                    method: "equal",
                    values: equal(k),
                    respondents: None,
                };
            }
            if total <= 0.0 {
                diags.push(Diagnostic::new(
                    "weights_sum_zero",
                    Severity::Warning,
                    Text::new(
                        "The typed-in weights add up to zero; equal weights are used.",
                        "输入的权重之和为零；改用等权。",
                    ),
                ));
                return Weights {
                    method: "equal",
                    values: equal(k),
                    respondents: None,
                };
            }
            Weights {
                method: "direct",
                values: raw.iter().map(|w| w / total).collect(),
                respondents: None,
            }
        }
        Weighting::Allocation => {
            let (sum, n) = allocation_sums(survey);
            allocation_weights(&sum, n, diags)
        }
    }
}
