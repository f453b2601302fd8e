//! Entropy weight method (熵权法), METHODS.md §5: min–max normalisation by
//! direction, p_ij = x'_ij / Σ_i x'_ij, e_j = −(1/ln m) Σ_i p_ij ln p_ij with
//! 0·ln 0 = 0, d_j = 1 − e_j, w_j = d_j / Σ d. A constant indicator gets weight 0
//! and a warning; all constant is an error. Alternatives missing any indicator
//! are left out (listwise deletion) and counted.

use super::indicators::{self, Direction, IndicatorTable};
use super::{MethodError, ShownMatrix};
use crate::common::diag::Diagnostic;
use serde::{Deserialize, Serialize};

/// The working of the entropy weight method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EntropyResult {
    /// Always `entropy`.
    pub method: String,
    pub indicators: Vec<String>,
    pub directions: Vec<Direction>,
    /// Alternatives used (m).
    pub alternatives: usize,
    /// Alternatives left out because an indicator was missing.
    pub dropped: usize,
    pub min: Vec<f64>,
    pub max: Vec<f64>,
    pub constant: Vec<bool>,
    /// x'_ij (first rows only for large m; null for a constant indicator).
    pub normalised: ShownMatrix,
    /// p_ij (same rows as `normalised`).
    pub p: ShownMatrix,
    /// e_j; null for a constant indicator.
    pub entropy: Vec<Option<f64>>,
    /// d_j = 1 − e_j; null for a constant indicator.
    pub divergence: Vec<Option<f64>>,
    /// w_j, Σ = 1; 0 for a constant indicator.
    pub weights: Vec<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Diagnostic>,
}

/// The entropy stage on an already non-negative m × k matrix: p, e, d and w.
/// Columns with `usable[j] == false` (constant indicators) or a zero sum get
/// weight 0 and no e/d.
pub struct Stage {
    pub p: Vec<Vec<f64>>,
    pub entropy: Vec<Option<f64>>,
    pub divergence: Vec<Option<f64>>,
    pub weights: Vec<f64>,
}

pub fn stage(x: &[Vec<f64>], usable: &[bool]) -> Result<Stage, MethodError> {
    let m = x.len();
    let k = usable.len();
    if m < 2 {
        return Err(MethodError::new(
            "indicators_too_few_rows",
            format!("The entropy method needs at least 2 alternatives; there are {m}."),
            format!("熵权法需要至少 2 个备选对象；实际 {m} 个。"),
        ));
    }
    if x.iter().any(|r| r.len() != k) {
        return Err(MethodError::new(
            "indicators_ragged",
            "Every alternative needs one value per indicator.",
            "每个备选对象在每个指标上都需要一个值。",
        ));
    }
    if let Some((i, j)) = (0..m)
        .flat_map(|i| (0..k).map(move |j| (i, j)))
        .find(|&(i, j)| !(x[i][j].is_finite() && x[i][j] >= 0.0))
    {
        return Err(MethodError::new(
            "entropy_negative",
            format!(
                "Alternative {}, indicator {}: the entropy stage needs finite values ≥ 0.",
                i + 1,
                j + 1
            ),
            format!(
                "备选对象 {} 指标 {}：熵值计算需要非负有限值。",
                i + 1,
                j + 1
            ),
        )
        .at(i + 1, j + 1));
    }
    let sums: Vec<f64> = (0..k).map(|j| x.iter().map(|r| r[j]).sum()).collect();
    let usable: Vec<bool> = (0..k).map(|j| usable[j] && sums[j] > 0.0).collect();
    let p: Vec<Vec<f64>> = x
        .iter()
        .map(|r| {
            (0..k)
                .map(|j| if usable[j] { r[j] / sums[j] } else { 0.0 })
                .collect()
        })
        .collect();
    let ln_m = (m as f64).ln();
    let entropy: Vec<Option<f64>> = (0..k)
        .map(|j| {
            usable[j].then(|| {
                let s: f64 = p
                    .iter()
                    .map(|r| r[j])
                    // 0 · ln 0 = 0 (METHODS.md §5).
                    .map(|pij| if pij > 0.0 { pij * pij.ln() } else { 0.0 })
                    .sum();
                -s / ln_m
            })
        })
        .collect();
    let (divergence, weights) = divergences(&entropy)?;
    Ok(Stage {
        p,
        entropy,
        divergence,
        weights,
    })
}

/// d_j = 1 − e_j and w_j = d_j / Σ d from the entropies (None: a constant
/// indicator, weight 0), or why the weights are undefined.
pub(crate) fn divergences(
    entropy: &[Option<f64>],
) -> Result<(Vec<Option<f64>>, Vec<f64>), MethodError> {
    let divergence: Vec<Option<f64>> = entropy.iter().map(|e| e.map(|e| 1.0 - e)).collect();
    let total: f64 = divergence.iter().flatten().sum();
    if total.is_nan() || total <= 0.0 {
        return Err(MethodError::new(
            "weights_sum_zero",
            "Every indicator has maximal entropy (each alternative holds the same share), so the divergences add up to zero and the entropy weights are undefined.",
            "每个指标的熵都达到最大（各备选对象占比相同），差异系数之和为零，熵权无定义。",
        ));
    }
    let weights = divergence
        .iter()
        .map(|d| d.map_or(0.0, |d| d / total))
        .collect();
    Ok((divergence, weights))
}

/// Entropy weights of the indicators (METHODS.md §5).
pub fn entropy(
    table: &IndicatorTable,
    directions: &[Direction],
) -> Result<EntropyResult, MethodError> {
    let prep = indicators::prepare(table, directions, ("entropy", "熵权法"))?;
    let usable: Vec<bool> = prep.constant.iter().map(|c| !c).collect();
    let s = stage(&prep.normalised, &usable)?;
    Ok(EntropyResult {
        method: "entropy".into(),
        indicators: table.indicators.clone(),
        directions: directions.to_vec(),
        alternatives: prep.normalised.len(),
        dropped: prep.dropped,
        min: prep.min,
        max: prep.max,
        normalised: ShownMatrix::from_rows(&prep.labels, &prep.normalised, &usable),
        p: ShownMatrix::from_rows(&prep.labels, &s.p, &usable),
        constant: prep.constant,
        entropy: s.entropy,
        divergence: s.divergence,
        weights: s.weights,
        warnings: prep.warnings,
    })
}
