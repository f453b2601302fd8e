//! CRITIC (Diakoulaki, Mavrotas & Papayannakis 1995), METHODS.md §5: on the
//! min–max normalised matrix, σ_j (sample SD, n − 1) and Pearson r_jk;
//! C_j = σ_j · Σ_k (1 − r_jk); w_j = C_j / Σ C.
//!
//! A constant indicator has σ = 0 and no correlation with anything: it gets
//! weight 0 with a warning and is left out of the other indicators' sums
//! (its r is undefined, shown as null).

use super::indicators::{self, Direction, IndicatorTable};
use super::{MethodError, ShownMatrix};
use crate::common::diag::Diagnostic;
use serde::{Deserialize, Serialize};

/// The working of the CRITIC method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CriticResult {
    /// Always `critic`.
    pub method: String,
    pub indicators: Vec<String>,
    pub directions: Vec<Direction>,
    pub alternatives: usize,
    pub dropped: usize,
    pub min: Vec<f64>,
    pub max: Vec<f64>,
    pub constant: Vec<bool>,
    /// x'_ij (first rows only for large m; null for a constant indicator).
    pub normalised: ShownMatrix,
    /// σ_j, sample SD of the normalised column.
    pub sd: Vec<f64>,
    /// Pearson r_jk; null where an indicator is constant.
    pub correlation: Vec<Vec<Option<f64>>>,
    /// Σ_k (1 − r_jk) over the non-constant indicators; null when constant.
    pub conflict: Vec<Option<f64>>,
    /// C_j = σ_j · conflict_j (0 for a constant indicator).
    pub information: Vec<f64>,
    /// w_j = C_j / Σ C.
    pub weights: Vec<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Diagnostic>,
}

/// CRITIC weights of the indicators (METHODS.md §5).
pub fn critic(
    table: &IndicatorTable,
    directions: &[Direction],
) -> Result<CriticResult, MethodError> {
    let prep = indicators::prepare(table, directions, ("CRITIC", "CRITIC 法"))?;
    let x = &prep.normalised;
    let m = x.len();
    let k = prep.constant.len();
    let usable: Vec<bool> = prep.constant.iter().map(|c| !c).collect();
    let mean: Vec<f64> = (0..k)
        .map(|j| x.iter().map(|r| r[j]).sum::<f64>() / m as f64)
        .collect();
    // Centred sums of squares and cross-products, two-pass for accuracy.
    let cross =
        |j: usize, l: usize| -> f64 { x.iter().map(|r| (r[j] - mean[j]) * (r[l] - mean[l])).sum() };
    let ss: Vec<f64> = (0..k).map(|j| cross(j, j)).collect();
    let sd: Vec<f64> = (0..k)
        .map(|j| {
            if usable[j] {
                (ss[j] / (m as f64 - 1.0)).sqrt()
            } else {
                0.0
            }
        })
        .collect();
    let correlation = correlations(&usable, |j, l| cross(j, l) / (ss[j] * ss[l]).sqrt());
    let (conflict, information, weights) = weigh(&sd, &correlation, &usable)?;
    Ok(CriticResult {
        method: "critic".into(),
        indicators: table.indicators.clone(),
        directions: directions.to_vec(),
        alternatives: m,
        dropped: prep.dropped,
        min: prep.min,
        max: prep.max,
        normalised: ShownMatrix::from_rows(&prep.labels, x, &usable),
        constant: prep.constant,
        sd,
        correlation,
        conflict,
        weights,
        information,
        warnings: prep.warnings,
    })
}

/// Pearson r_jk of the usable (non-constant) indicators, from `r(j, k)` for
/// j ≠ k (clamped to [−1, 1] against rounding); null where either is constant.
pub(crate) fn correlations(
    usable: &[bool],
    r: impl Fn(usize, usize) -> f64,
) -> Vec<Vec<Option<f64>>> {
    let k = usable.len();
    (0..k)
        .map(|j| {
            (0..k)
                .map(|l| {
                    (usable[j] && usable[l]).then(|| {
                        if j == l {
                            1.0
                        } else {
                            r(j, l).clamp(-1.0, 1.0)
                        }
                    })
                })
                .collect()
        })
        .collect()
}

/// The conflicts, the information C_j and the weights.
pub(crate) type Weighed = (Vec<Option<f64>>, Vec<f64>, Vec<f64>);

/// C_j = σ_j · Σ_k (1 − r_jk) and w_j = C_j / Σ C from the SDs and
/// correlations of the normalised columns, or why the weights are undefined.
pub(crate) fn weigh(
    sd: &[f64],
    correlation: &[Vec<Option<f64>>],
    usable: &[bool],
) -> Result<Weighed, MethodError> {
    let k = usable.len();
    let conflict: Vec<Option<f64>> = (0..k)
        .map(|j| usable[j].then(|| correlation[j].iter().flatten().map(|r| 1.0 - r).sum()))
        .collect();
    let information: Vec<f64> = (0..k)
        .map(|j| conflict[j].map_or(0.0, |c| sd[j] * c))
        .collect();
    let total: f64 = information.iter().sum();
    if total.is_nan() || total <= 0.0 {
        let varying = usable.iter().filter(|u| **u).count();
        let (en, zh) = if varying < 2 {
            (
                "Only one indicator varies across the alternatives; CRITIC measures each indicator by its contrast with the others, so with a single varying indicator every C_j is 0 and the weights are undefined.".to_string(),
                "只有一个指标在备选对象之间有差异；CRITIC 通过与其他指标的对比来衡量指标，只有一个变化的指标时所有 C_j 均为 0，权重无定义。".to_string(),
            )
        } else {
            (
                "All varying indicators are perfectly correlated (r = 1), so there is no conflict between them: every C_j is 0 and the CRITIC weights are undefined.".to_string(),
                "所有变化的指标完全正相关（r = 1），指标间没有冲突：所有 C_j 均为 0，CRITIC 权重无定义。".to_string(),
            )
        };
        return Err(MethodError::new("weights_sum_zero", en, zh));
    }
    let weights = information.iter().map(|c| c / total).collect();
    Ok((conflict, information, weights))
}
