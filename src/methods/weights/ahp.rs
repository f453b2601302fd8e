//! AHP dimension weights from the survey configuration (METHODS.md §5):
//! a dimension matrix (or several experts' matrices, aggregated by geometric
//! mean) and optional per-dimension item matrices forming a two-level hierarchy.
//!
//! An inconsistent matrix (CR ≥ 0.10) is never used silently: it is reported with
//! its CR and worst pair and equal weights are used instead, unless the
//! configuration says `accept_inconsistent: true` (then it is used, still with a
//! warning). The same rule applies to each item matrix, whose fallback is equal
//! weights within the dimension. Item weights do not change the SERVQUAL
//! dimension scores (METHODS.md §2 averages items); they give the global item
//! weights (dimension weight × local weight) and the within-dimension weights of
//! the fuzzy evaluation.

use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::methods::ahp::{self, AhpResult, ExpertSummary, RiTable};
use crate::methods::weights::{equal, Resolved, WeightingDetails, Weights};
use crate::methods::{Matrix, MethodError};
use crate::model::survey::Survey;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `overall.weighting.details` for `"method": "ahp"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AhpWeighting {
    /// The dimension weights in the report are the AHP weights.
    pub used: bool,
    pub accept_inconsistent: bool,
    pub ri_table: RiTable,
    /// The dimension matrix (the aggregated one for a group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<AhpResult>,
    /// Each expert's own weights and CR (group AHP only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experts: Vec<ExpertSummary>,
    /// Why the dimension matrix could not be analysed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<MethodError>,
    /// One entry per dimension when item matrices were given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<AhpItemWeights>,
}

/// Local and global item weights of one dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AhpItemWeights {
    pub dimension: String,
    pub items: Vec<String>,
    /// `ahp` when the item matrix is used, `single` for a one-item dimension,
    /// otherwise `equal`.
    pub method: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<AhpResult>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<MethodError>,
    /// Within the dimension, Σ = 1.
    pub local_weights: Vec<f64>,
    /// Dimension weight (as used) × local weight.
    pub global_weights: Vec<f64>,
}

fn warn(diags: &mut Diagnostics, code: &str, en: String, zh: String) {
    diags.push(Diagnostic::new(code, Severity::Warning, Text::new(en, zh)));
}

/// Analyse the dimension-level judgments: one matrix or a group of experts.
fn dimension_matrix(
    matrix: &Matrix,
    experts: &[Matrix],
    labels: &[String],
    ri: RiTable,
    details: &mut AhpWeighting,
) -> Result<AhpResult, MethodError> {
    let k = labels.len();
    let size_check = |m: &Matrix| {
        if m.len() == k {
            Ok(())
        } else {
            Err(MethodError::new(
                "ahp_dimension_count",
                format!(
                    "The AHP matrix has {} rows but the survey has {k} dimensions ({}); it must have one row and column per dimension, in that order.",
                    m.len(),
                    labels.join(", ")
                ),
                format!(
                    "AHP 矩阵有 {} 行，但问卷有 {k} 个维度（{}）；矩阵的行和列必须按此顺序与维度一一对应。",
                    m.len(),
                    labels.join("、")
                ),
            ))
        }
    };
    match (matrix.is_empty(), experts.is_empty()) {
        (false, true) => {
            size_check(matrix)?;
            ahp::analyse(matrix, Some(labels), ri)
        }
        (true, false) => {
            for m in experts {
                size_check(m)?;
            }
            let g = ahp::group(experts, Some(labels), ri)?;
            details.experts = g.individual;
            Ok(g.result)
        }
        (true, true) => Err(MethodError::new(
            "ahp_no_matrix",
            "AHP weighting was chosen but no pairwise matrix (\"matrix\") or expert matrices (\"experts\") were given.",
            "选择了 AHP 权重，但没有给出两两比较矩阵（\"matrix\"）或专家矩阵（\"experts\"）。",
        )),
        (false, false) => Err(MethodError::new(
            "ahp_matrix_and_experts",
            "Give either one pairwise matrix (\"matrix\") or several experts' matrices (\"experts\"), not both.",
            "请只给出一个两两比较矩阵（\"matrix\"）或多位专家的矩阵（\"experts\"），不要同时给出。",
        )),
    }
}

pub(crate) fn resolve(
    survey: &Survey,
    matrix: &Matrix,
    experts: &[Matrix],
    ri: RiTable,
    items: &BTreeMap<String, Matrix>,
    accept_inconsistent: bool,
    diags: &mut Diagnostics,
) -> Resolved {
    let k = survey.dimensions.len();
    let labels: Vec<String> = survey.dimensions.iter().map(|d| d.id.clone()).collect();
    let mut details = AhpWeighting {
        used: false,
        accept_inconsistent,
        ri_table: ri,
        dimensions: None,
        experts: Vec::new(),
        error: None,
        items: Vec::new(),
    };
    let mut note = None;
    let values = match dimension_matrix(matrix, experts, &labels, ri, &mut details) {
        Ok(r) if r.consistent || accept_inconsistent => {
            if !r.consistent {
                warn(
                    diags,
                    "ahp_inconsistent_accepted",
                    format!("The dimension AHP matrix is inconsistent but is used because accept_inconsistent is set. {}", r.verdict.en),
                    format!("维度 AHP 矩阵未通过一致性检验，但因设置了 accept_inconsistent 仍被使用。{}", r.verdict.zh),
                );
            }
            details.used = true;
            let w = r.weights.clone();
            details.dimensions = Some(r);
            w
        }
        Ok(r) => {
            warn(
                diags,
                "ahp_inconsistent",
                format!("The dimension AHP matrix is not used: {} Equal weights are used instead (set accept_inconsistent to use it anyway).", r.verdict.en),
                format!("维度 AHP 矩阵未被使用：{}改用等权（如仍要使用，请设置 accept_inconsistent）。", r.verdict.zh),
            );
            note = Some(Text::new(
                format!("The AHP judgments are inconsistent (CR = {:.3} ≥ 0.10); weighted scores use equal weights.", r.cr),
                format!("AHP 判断不一致（CR = {:.3} ≥ 0.10）；加权得分改用等权。", r.cr),
            ));
            details.dimensions = Some(r);
            equal(k)
        }
        Err(e) => {
            warn(
                diags,
                "ahp_invalid",
                format!(
                    "The AHP weighting could not be used: {} Equal weights are used instead.",
                    e.message.en
                ),
                format!("无法使用 AHP 权重：{}改用等权。", e.message.zh),
            );
            note = Some(Text::new(
                "The AHP judgments could not be used; weighted scores use equal weights.",
                "无法使用 AHP 判断；加权得分改用等权。",
            ));
            details.error = Some(e);
            equal(k)
        }
    };
    if !items.is_empty() {
        details.items = item_weights(survey, items, &values, ri, accept_inconsistent, diags);
    }
    Resolved {
        weights: Weights {
            method: if details.used { "ahp" } else { "equal" },
            values,
            respondents: None,
        },
        details: Some(WeightingDetails::Ahp(details)),
        note,
    }
}

fn item_weights(
    survey: &Survey,
    items: &BTreeMap<String, Matrix>,
    dimension_weights: &[f64],
    ri: RiTable,
    accept_inconsistent: bool,
    diags: &mut Diagnostics,
) -> Vec<AhpItemWeights> {
    let ids: crate::common::hash::Set<&str> =
        survey.dimensions.iter().map(|d| d.id.as_str()).collect();
    for id in items.keys() {
        if !ids.contains(id.as_str()) {
            warn(
                diags,
                "ahp_unknown_dimension",
                format!("An AHP item matrix is given for \"{id}\", which is not a dimension of the survey; it is ignored."),
                format!("为“{id}”给出了 AHP 题项矩阵，但问卷中没有该维度；已忽略。"),
            );
        }
    }
    survey
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| {
            let ids: Vec<String> = dim
                .items
                .iter()
                .filter_map(|&i| survey.items.get(i).map(|it| it.id.clone()))
                .collect();
            let n = ids.len();
            let child = ahp::Child {
                size: n,
                matrix: items.get(&dim.id).cloned(),
                labels: Some(ids.clone()),
            };
            let (method, result, error, local) = match ahp::local_weights(&child, ri) {
                Ok((m, Some(r), w)) if r.consistent || accept_inconsistent => {
                    if !r.consistent {
                        warn(
                            diags,
                            "ahp_inconsistent_accepted",
                            format!("The item AHP matrix of dimension \"{}\" is inconsistent but is used because accept_inconsistent is set. {}", dim.id, r.verdict.en),
                            format!("维度“{}”的题项 AHP 矩阵未通过一致性检验，但因设置了 accept_inconsistent 仍被使用。{}", dim.id, r.verdict.zh),
                        );
                    }
                    (m, Some(r), None, w)
                }
                Ok((_, Some(r), _)) => {
                    warn(
                        diags,
                        "ahp_inconsistent",
                        format!("The item AHP matrix of dimension \"{}\" is not used: {} Its items are weighted equally.", dim.id, r.verdict.en),
                        format!("维度“{}”的题项 AHP 矩阵未被使用：{}该维度题项改用等权。", dim.id, r.verdict.zh),
                    );
                    ("equal".to_string(), Some(r), None, equal(n))
                }
                Ok((m, None, w)) => (m, None, None, w),
                Err(e) => {
                    warn(
                        diags,
                        "ahp_invalid",
                        format!("The item AHP matrix of dimension \"{}\" could not be used: {} Its items are weighted equally.", dim.id, e.message.en),
                        format!("无法使用维度“{}”的题项 AHP 矩阵：{}该维度题项改用等权。", dim.id, e.message.zh),
                    );
                    ("equal".to_string(), None, Some(e), equal(n))
                }
            };
            let dw = dimension_weights.get(d).copied().unwrap_or(0.0);
            AhpItemWeights {
                dimension: dim.id.clone(),
                items: ids,
                method,
                result,
                error,
                global_weights: local.iter().map(|w| dw * w).collect(),
                local_weights: local,
            }
        })
        .collect()
}
