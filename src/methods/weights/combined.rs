//! Combined subjective × objective dimension weights (METHODS.md §5):
//! w_d = a_d b_d / Σ a b, with a the typed-in or AHP weights and b the entropy or
//! CRITIC weights of the respondents' dimension perception scores.
//!
//! Each part is resolved exactly as it would be on its own (same warnings, same
//! working, kept in the details). If either part falls back to equal weights (an
//! inconsistent AHP matrix, typed-in weights adding up to zero, every dimension
//! score constant …), multiplying by the equal weights would silently give the
//! other part alone; so no combination is made and equal weights are used, with
//! a note saying which part failed.

use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::methods::weights::{equal, resolve_using, Resolved, WeightingDetails, Weights};
use crate::methods::{combine, MethodError};
use crate::model::config::Weighting;
use crate::model::survey::Survey;
use crate::model::weighting::method_name;
use serde::{Deserialize, Serialize};

/// `overall.weighting.details` for `"method": "combined"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CombinedWeighting {
    /// The dimension weights in the report are the combined weights.
    pub used: bool,
    /// a: the subjective part as resolved on its own.
    pub subjective: CombinedPart,
    /// b: the objective part as resolved on its own.
    pub objective: CombinedPart,
    /// a_d · b_d before normalisation (empty when not combined).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<f64>,
    /// a_d b_d / Σ a b (empty when not combined).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weights: Vec<f64>,
    /// Why the parts could not be combined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<MethodError>,
}

/// One part of a combined weighting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CombinedPart {
    /// The method asked for: `direct`, `ahp`, `entropy` or `critic`.
    pub requested: String,
    /// The method that made `weights` (`equal` when the requested one could not be used).
    pub method: String,
    /// One per dimension, Σ = 1.
    pub weights: Vec<f64>,
    /// The part's own working (AHP, entropy, CRITIC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Box<WeightingDetails>>,
}

fn part(requested: &Weighting, r: Resolved) -> (CombinedPart, bool, Option<usize>) {
    let ok = r.weights.method == method_name(requested);
    (
        CombinedPart {
            requested: method_name(requested).to_string(),
            method: r.weights.method.to_string(),
            weights: r.weights.values,
            details: r.details.map(Box::new),
        },
        ok,
        r.weights.respondents,
    )
}

pub(crate) fn resolve(
    survey: &Survey,
    subjective: &Weighting,
    objective: &Weighting,
    scores: super::objective::Scores,
    diags: &mut Diagnostics,
) -> Resolved {
    let k = survey.dimensions.len();
    let (a, a_ok, _) = part(subjective, resolve_using(survey, subjective, scores, diags));
    let (b, b_ok, respondents) = part(objective, resolve_using(survey, objective, scores, diags));
    let combined = match (a_ok, b_ok) {
        (true, true) => combine::combine(&a.weights, &b.weights),
        (false, _) => Err(part_failed("subjective", "主观", &a)),
        (true, false) => Err(part_failed("objective", "客观", &b)),
    };
    match combined {
        Ok(w) => {
            let products = a
                .weights
                .iter()
                .zip(&b.weights)
                .map(|(x, y)| x * y)
                .collect();
            Resolved {
                weights: Weights {
                    method: "combined",
                    values: w.clone(),
                    respondents,
                },
                details: Some(WeightingDetails::Combined(CombinedWeighting {
                    used: true,
                    subjective: a,
                    objective: b,
                    products,
                    weights: w,
                    error: None,
                })),
                note: None,
            }
        }
        Err(e) => {
            diags.push(Diagnostic::new(
                "combined_unusable",
                Severity::Warning,
                Text::new(
                    format!(
                        "Combined weights could not be made: {} Equal weights are used instead.",
                        e.message.en
                    ),
                    format!("无法计算组合权重：{}改用等权。", e.message.zh),
                ),
            ));
            Resolved {
                weights: Weights {
                    method: "equal",
                    values: equal(k),
                    respondents: None,
                },
                details: Some(WeightingDetails::Combined(CombinedWeighting {
                    used: false,
                    subjective: a,
                    objective: b,
                    products: Vec::new(),
                    weights: Vec::new(),
                    error: Some(e),
                })),
                note: Some(Text::new(
                    "Combined weights could not be made (see the messages); weighted scores use equal weights.",
                    "无法计算组合权重（见提示信息）；加权得分改用等权。",
                )),
            }
        }
    }
}

fn part_failed(en: &str, zh: &str, p: &CombinedPart) -> MethodError {
    MethodError::new(
        "combined_part_unusable",
        format!(
            "the {en} part ({}) could not be used, and multiplying by equal weights instead would silently give the other part alone.",
            p.requested
        ),
        format!(
            "{zh}部分（{}）无法使用；若改乘等权，结果将只是另一部分的权重。",
            p.requested
        ),
    )
}
