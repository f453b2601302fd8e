//! Entropy and CRITIC dimension weights for the survey (METHODS.md §5).
//!
//! The m × k matrix is respondents × dimensions, each cell the respondent's
//! SERVPERF dimension score (mean of the perception items they answered, with the
//! survey's `min_items` rule), all dimensions in the benefit direction. Perception
//! scores rather than gaps: the weights should reflect how much the *performance*
//! on a dimension separates respondents, not how expectations vary. Respondents
//! without a score in every dimension are left out (listwise deletion) and counted.

use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::methods::critic::{self, CriticResult};
use crate::methods::entropy::{self, EntropyResult};
use crate::methods::indicators::{Direction, IndicatorTable};
use crate::methods::weights::{equal, Resolved, WeightingDetails, Weights};
use crate::methods::MethodError;
use crate::model::survey::Survey;
use serde::{Deserialize, Serialize};

/// What the objective weights were computed on.
pub const OBJECTIVE_BASIS: &str = "respondent_dimension_perception";

/// `overall.weighting.details` for entropy and CRITIC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ObjectiveWeighting<T> {
    /// Always `respondent_dimension_perception`.
    pub basis: String,
    /// The dimension weights in the report are these weights.
    pub used: bool,
    // No `default` here: serde would then require `T: Default`; a missing
    // Option field reads as None anyway.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<MethodError>,
}

/// Respondents × dimensions of SERVPERF dimension scores (NaN = no score).
pub fn perception_table(survey: &Survey, min_items: Option<usize>) -> IndicatorTable {
    let columns: Vec<Vec<f64>> = (0..survey.dimensions.len())
        .map(|d| crate::model::scores::perception_scores(survey, d, min_items))
        .collect();
    IndicatorTable {
        alternatives: (0..survey.n)
            .map(|i| {
                survey
                    .ids
                    .as_ref()
                    .and_then(|ids| ids.get(i))
                    .filter(|s| !s.is_empty())
                    .cloned()
                    .unwrap_or_else(|| format!("#{}", i + 1))
            })
            .collect(),
        indicators: survey.dimensions.iter().map(|d| d.id.clone()).collect(),
        values: (0..survey.n)
            .map(|i| {
                columns
                    .iter()
                    .map(|c| c.get(i).copied().unwrap_or(f64::NAN))
                    .collect()
            })
            .collect(),
    }
}

/// The working of entropy or CRITIC weights.
pub enum Objective {
    Entropy(EntropyResult),
    Critic(CriticResult),
}

/// Where the respondents' dimension scores come from: computes the entropy
/// (false) or CRITIC (true) weights on them, all dimensions in the benefit
/// direction.
pub type Scores<'a> = &'a dyn Fn(bool) -> Result<Objective, MethodError>;

/// Entropy or CRITIC weights on the survey's respondents in memory.
pub(crate) fn from_survey(
    survey: &Survey,
    min_items: Option<usize>,
    use_critic: bool,
) -> Result<Objective, MethodError> {
    let k = survey.dimensions.len();
    let table = perception_table(survey, min_items);
    let directions = vec![Direction::Benefit; k];
    if use_critic {
        critic::critic(&table, &directions).map(Objective::Critic)
    } else {
        entropy::entropy(&table, &directions).map(Objective::Entropy)
    }
}

pub(crate) fn resolve(
    k: usize,
    scores: Scores,
    use_critic: bool,
    diags: &mut Diagnostics,
) -> Resolved {
    let (name, code) = if use_critic {
        (("CRITIC", "CRITIC"), "critic_unusable")
    } else {
        (("entropy", "熵权"), "entropy_unusable")
    };
    let outcome = scores(use_critic).map(|o| match o {
        Objective::Critic(r) => {
            let w = r.weights.clone();
            (r.warnings.clone(), r.alternatives, w, Some(r), None)
        }
        Objective::Entropy(r) => {
            let w = r.weights.clone();
            (r.warnings.clone(), r.alternatives, w, None, Some(r))
        }
    });
    match outcome {
        Ok((warnings, m, values, c, e)) => {
            for w in warnings {
                diags.push(w);
            }
            let details = match (c, e) {
                (Some(c), _) => WeightingDetails::Critic(ObjectiveWeighting {
                    basis: OBJECTIVE_BASIS.into(),
                    used: true,
                    result: Some(c),
                    error: None,
                }),
                (None, e) => WeightingDetails::Entropy(ObjectiveWeighting {
                    basis: OBJECTIVE_BASIS.into(),
                    used: true,
                    result: e,
                    error: None,
                }),
            };
            Resolved {
                weights: Weights {
                    method: if use_critic { "critic" } else { "entropy" },
                    values,
                    respondents: Some(m),
                },
                details: Some(details),
                note: None,
            }
        }
        Err(e) => {
            diags.push(Diagnostic::new(
                code,
                Severity::Warning,
                Text::new(
                    format!(
                        "{} weights could not be computed from the respondents' dimension perception scores: {} Equal weights are used instead.",
                        capitalised(name.0),
                        e.message.en
                    ),
                    format!(
                        "无法根据受访者的维度感知得分计算{}权重：{}改用等权。",
                        name.1, e.message.zh
                    ),
                ),
            ));
            let note = Some(Text::new(
                format!(
                    "{} weights could not be computed; weighted scores use equal weights.",
                    capitalised(name.0)
                ),
                format!("无法计算{}权重；加权得分改用等权。", name.1),
            ));
            Resolved {
                weights: Weights {
                    method: "equal",
                    values: equal(k),
                    respondents: None,
                },
                details: Some(if use_critic {
                    WeightingDetails::Critic(failed(e))
                } else {
                    WeightingDetails::Entropy(failed(e))
                }),
                note,
            }
        }
    }
}

fn failed<T>(error: MethodError) -> ObjectiveWeighting<T> {
    ObjectiveWeighting {
        basis: OBJECTIVE_BASIS.into(),
        used: false,
        result: None,
        error: Some(error),
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}
