//! Fuzzy comprehensive evaluation (模糊综合评价), METHODS.md §6.
//!
//! Grades V = (v_1..v_K) (by default the scale points). Membership of item j:
//! r_jk = share of its valid answers at grade k. B = W ∘ R with
//! - M(·,+) weighted average (default): b_k = Σ_j w_j r_jk
//! - M(∧,∨) Zadeh: b_k = max_j min(w_j, r_jk)
//! - M(·,∨): b_k = max_j w_j r_jk
//!
//! W is normalised to Σ = 1 first, B is normalised to Σ = 1 after. The grade is
//! the one of maximum membership (ties reported); the score is Σ_k b_k s_k with
//! s = the grade values by default, or the 0–100 banding s_k = 100 (k − 1)/(K − 1)
//! (worst grade 0, best 100, evenly spaced — for evenly spaced grades this is the
//! linear map of the scale onto 0–100).
//!
//! Two levels: each group (dimension) is evaluated from its items with the
//! within-group weights; the normalised group vectors B_d form the rows of the
//! upper R, evaluated with the group weights.

use super::{normalise_weights, Matrix, MethodError};
use crate::common::diag::{Diagnostic, Severity, Text};
use serde::{Deserialize, Serialize};

pub use crate::model::analysis_options::{Operator, ScoreBasis};

impl Operator {
    pub fn label(self) -> &'static str {
        match self {
            Operator::WeightedAverage => "M(·,+)",
            Operator::Zadeh => "M(∧,∨)",
            Operator::ProductMax => "M(·,∨)",
        }
    }
    pub fn parse(s: &str) -> Option<Operator> {
        match s.trim().to_ascii_lowercase().as_str() {
            "weighted_average" | "m(·,+)" | "dot_plus" => Some(Operator::WeightedAverage),
            "zadeh" | "min_max" | "m(∧,∨)" => Some(Operator::Zadeh),
            "product_max" | "m(·,∨)" | "dot_max" => Some(Operator::ProductMax),
            _ => None,
        }
    }
}

/// The 0–100 banding: K evenly spaced scores from 0 to 100.
pub fn percent_scores(k: usize) -> Vec<f64> {
    match k {
        0 => Vec::new(),
        1 => vec![100.0],
        _ => (0..k).map(|i| 100.0 * i as f64 / (k - 1) as f64).collect(),
    }
}

/// Membership matrix from raw answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Membership {
    /// Valid answers per item.
    pub n: Vec<usize>,
    /// r_jk; each row sums to 1.
    pub matrix: Matrix,
    /// Answers per item that were not exactly a grade and were counted at the
    /// nearest grade.
    pub rounded: Vec<usize>,
}

fn check_grades(grades: &[f64]) -> Result<(), MethodError> {
    if grades.len() < 2 {
        return Err(MethodError::new(
            "fuzzy_grades",
            "Fuzzy evaluation needs at least two grades.",
            "模糊综合评价至少需要两个评语等级。",
        ));
    }
    if grades.iter().any(|g| !g.is_finite()) || grades.windows(2).any(|w| w[0] >= w[1]) {
        return Err(MethodError::new(
            "fuzzy_grades",
            "The grade values must be finite and strictly increasing (worst grade first).",
            "评语等级的取值必须是有限数且严格递增（最差等级在前）。",
        ));
    }
    Ok(())
}

/// One item's answers counted on the grades: all a membership vector needs,
/// and what two parts of a file add up to (the one-pass reader keeps these).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GradeCounts {
    pub counts: Vec<usize>,
    /// Answers between two grades, counted at the nearest one.
    pub rounded: usize,
}

impl GradeCounts {
    pub fn new(grades: usize) -> GradeCounts {
        GradeCounts {
            counts: vec![0; grades],
            rounded: 0,
        }
    }

    /// One finite answer, at the nearest grade (the higher of two as near).
    #[inline]
    pub fn push(&mut self, x: f64, grades: &[f64]) {
        let mut best = 0;
        for (g, &v) in grades.iter().enumerate() {
            if (x - v).abs() <= (x - grades[best]).abs() {
                best = g;
            }
        }
        if (x - grades[best]).abs() > 1e-9 {
            self.rounded += 1;
        }
        if let Some(c) = self.counts.get_mut(best) {
            *c += 1;
        }
    }

    pub fn add(&mut self, other: &GradeCounts) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.rounded += other.rounded;
    }

    /// Answers counted.
    pub fn n(&self) -> usize {
        self.counts.iter().sum()
    }

    /// r_k = count_k / n (NaN when n = 0).
    pub fn shares(&self) -> Vec<f64> {
        let n = self.n() as f64;
        self.counts.iter().map(|&c| c as f64 / n).collect()
    }
}

/// r_jk = share of item j's valid answers at grade k. NaN = no answer. An answer
/// between grades counts at the nearest grade (ties go to the higher one) and is
/// counted in `rounded`.
pub fn membership(columns: &[&[f64]], grades: &[f64]) -> Result<Membership, MethodError> {
    check_grades(grades)?;
    let k = grades.len();
    let mut out = Membership {
        n: Vec::with_capacity(columns.len()),
        matrix: Vec::with_capacity(columns.len()),
        rounded: Vec::with_capacity(columns.len()),
    };
    for (j, col) in columns.iter().enumerate() {
        let mut counts = GradeCounts::new(k);
        for &x in col.iter().filter(|x| x.is_finite()) {
            counts.push(x, grades);
        }
        let (n, rounded) = (counts.n(), counts.rounded);
        if n == 0 {
            return Err(MethodError::new(
                "fuzzy_no_answers",
                format!(
                    "Item {} has no valid answer, so it has no membership vector.",
                    j + 1
                ),
                format!("题项 {} 没有有效回答，无法得到隶属度向量。", j + 1),
            )
            .at_row(j + 1));
        }
        out.matrix.push(counts.shares());
        out.n.push(n);
        out.rounded.push(rounded);
    }
    Ok(out)
}

/// One composition B = W ∘ R with its grade and score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Evaluation {
    pub operator: Operator,
    /// "M(·,+)", "M(∧,∨)" or "M(·,∨)".
    pub operator_label: String,
    /// W normalised to Σ = 1.
    pub weights: Vec<f64>,
    /// B before normalisation.
    pub raw: Vec<f64>,
    /// B normalised to Σ = 1.
    pub b: Vec<f64>,
    /// 0-based grade of maximum membership (the first if tied).
    pub grade: usize,
    /// Other grades with the same maximum membership.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tied: Vec<usize>,
    /// Σ_k b_k s_k.
    pub score: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Diagnostic>,
}

/// B = W ∘ R (METHODS.md §6). `r` has one row per weighted element; rows that do
/// not sum to 1 are normalised with a warning; all-zero rows are an error.
pub fn evaluate(
    weights: &[f64],
    r: &[Vec<f64>],
    op: Operator,
    scores: &[f64],
) -> Result<Evaluation, MethodError> {
    let k = scores.len();
    if k < 2 {
        return Err(MethodError::new(
            "fuzzy_grades",
            "Fuzzy evaluation needs at least two grades (and one score per grade).",
            "模糊综合评价至少需要两个评语等级（每个等级一个分值）。",
        ));
    }
    if scores.iter().any(|s| !s.is_finite()) {
        return Err(MethodError::new(
            "fuzzy_scores",
            "Every grade score must be a finite number.",
            "每个等级的分值都必须是有限数字。",
        ));
    }
    if weights.len() != r.len() {
        return Err(MethodError::new(
            "fuzzy_shape",
            format!(
                "{} weights were given for {} membership rows.",
                weights.len(),
                r.len()
            ),
            format!("为 {} 行隶属度给出了 {} 个权重。", r.len(), weights.len()),
        ));
    }
    let w = normalise_weights(weights, ("weights", "权重"))?;
    let mut rows = Vec::with_capacity(r.len());
    let mut renormalised = 0usize;
    for (j, row) in r.iter().enumerate() {
        if row.len() != k {
            return Err(MethodError::new(
                "fuzzy_shape",
                format!(
                    "Membership row {} has {} values for {k} grades.",
                    j + 1,
                    row.len()
                ),
                format!(
                    "第 {} 行隶属度有 {} 个值，但有 {k} 个等级。",
                    j + 1,
                    row.len()
                ),
            )
            .at_row(j + 1));
        }
        if row.iter().any(|x| !x.is_finite() || *x < 0.0) {
            return Err(MethodError::new(
                "fuzzy_membership",
                format!(
                    "Membership row {}: degrees of membership must be numbers ≥ 0.",
                    j + 1
                ),
                format!("第 {} 行隶属度：隶属度必须是非负数。", j + 1),
            )
            .at_row(j + 1));
        }
        let total: f64 = row.iter().sum();
        if total <= 0.0 {
            return Err(MethodError::new(
                "fuzzy_membership",
                format!(
                    "Membership row {} is all zero: the element belongs to no grade.",
                    j + 1
                ),
                format!("第 {} 行隶属度全为零：该元素不属于任何等级。", j + 1),
            )
            .at_row(j + 1));
        }
        if (total - 1.0).abs() > 1e-9 {
            renormalised += 1;
        }
        rows.push(row.iter().map(|x| x / total).collect::<Vec<f64>>());
    }
    let raw: Vec<f64> = (0..k)
        .map(|g| {
            let terms = w.iter().zip(&rows).map(|(wj, row)| match op {
                Operator::WeightedAverage => wj * row[g],
                Operator::Zadeh => wj.min(row[g]),
                Operator::ProductMax => wj * row[g],
            });
            match op {
                Operator::WeightedAverage => terms.sum(),
                Operator::Zadeh | Operator::ProductMax => terms.fold(0.0, f64::max),
            }
        })
        .collect();
    let total: f64 = raw.iter().sum();
    if total.is_nan() || total <= 0.0 {
        return Err(MethodError::new(
            "fuzzy_empty_result",
            "Every element with a weight above 0 has membership 0 at every grade, so B is all zero.",
            "所有权重大于 0 的元素在各等级的隶属度都为 0，B 全为零。",
        ));
    }
    let b: Vec<f64> = raw.iter().map(|x| x / total).collect();
    let top = b.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let grade = b.iter().position(|&x| x >= top - 1e-12).unwrap_or(0);
    let tied = (0..k)
        .filter(|&g| g != grade && b[g] >= top - 1e-12)
        .collect();
    let score = b.iter().zip(scores).map(|(b, s)| b * s).sum();
    let mut warnings = Vec::new();
    if renormalised > 0 {
        warnings.push(Diagnostic::new(
            "membership_renormalised",
            Severity::Warning,
            Text::new(
                format!("{renormalised} membership row(s) did not sum to 1 and were divided by their sum."),
                format!("{renormalised} 行隶属度之和不为 1，已除以其和进行归一化。"),
            ),
        ));
    }
    Ok(Evaluation {
        operator: op,
        operator_label: op.label().into(),
        weights: w,
        raw,
        b,
        grade,
        tied,
        score,
        warnings,
    })
}

/// Items → groups → overall.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TwoLevel {
    pub groups: Vec<Evaluation>,
    pub overall: Evaluation,
}

/// Two-level evaluation: `groups[d] = (within-group weights, membership rows)`.
pub fn evaluate_two_level(
    groups: &[(Vec<f64>, Matrix)],
    group_weights: &[f64],
    op: Operator,
    scores: &[f64],
) -> Result<TwoLevel, MethodError> {
    let mut evaluated = Vec::with_capacity(groups.len());
    for (d, (w, r)) in groups.iter().enumerate() {
        evaluated.push(evaluate(w, r, op, scores).map_err(|e| {
            e.context(&format!("Group {}: ", d + 1), &format!("第 {} 组：", d + 1))
        })?);
    }
    let upper: Matrix = evaluated.iter().map(|e| e.b.clone()).collect();
    let overall = evaluate(group_weights, &upper, op, scores)
        .map_err(|e| e.context("Upper level: ", "上层："))?;
    Ok(TwoLevel {
        groups: evaluated,
        overall,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_scores_are_evenly_spaced() {
        assert_eq!(percent_scores(5), vec![0.0, 25.0, 50.0, 75.0, 100.0]);
    }

    #[test]
    fn membership_counts_shares_and_rounds_to_nearest_grade() {
        let col = [1.0, 2.0, 2.0, f64::NAN, 4.6, 2.5];
        let m = membership(&[&col], &[1.0, 2.0, 3.0, 4.0, 5.0]).expect("ok");
        assert_eq!(m.n, vec![5]);
        assert_eq!(m.rounded, vec![2]);
        // 2.5 → 3 (ties go up), 4.6 → 5.
        assert_eq!(m.matrix[0], vec![0.2, 0.4, 0.2, 0.0, 0.2]);
        let e = membership(&[&[f64::NAN]], &[1.0, 2.0]).err();
        assert_eq!(e.map(|e| e.code), Some("fuzzy_no_answers".into()));
    }

    #[test]
    fn weights_summing_to_zero_are_explained() {
        let e = evaluate(
            &[0.0, 0.0],
            &[vec![1.0, 0.0], vec![0.0, 1.0]],
            Operator::WeightedAverage,
            &[1.0, 2.0],
        )
        .err();
        assert_eq!(e.map(|e| e.code), Some("weights_sum_zero".into()));
    }
}
