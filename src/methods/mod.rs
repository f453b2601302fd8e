//! Weighting and evaluation methods of METHODS.md §5–6 — AHP, entropy, CRITIC,
//! combined weights and fuzzy comprehensive evaluation — as pure functions over
//! small matrices.
//!
//! Every function here takes plain numbers and returns either a serde struct with
//! the result *and its intermediate quantities* (so the working can be shown) or a
//! [`MethodError`] explaining, in both interface languages, why there is no number.
//! Nothing here panics on user input and no NaN leaves this module.
//!
//! Stage 5 of the pipeline. In: matrices of numbers and, for the survey-facing
//! parts ([`weights`], [`survey_fuzzy`]), the survey model. Out: dimension
//! weights with their working, and the fuzzy evaluation section of the report.
//! The same pure functions are the separate `gapscope_methods` wasm module
//! (crates/methods) through [`api`].

pub mod ahp;
pub mod ahp_text;
pub mod api;
pub mod combine;
pub mod critic;
pub mod entropy;
pub mod fuzzy;
pub mod indicator_sums;
pub mod indicators;
pub mod survey_fuzzy;
pub mod weights;

use crate::common::diag::Text;
use serde::{Deserialize, Serialize};

/// A square or rectangular matrix of numbers, row-major.
pub type Matrix = Vec<Vec<f64>>;

/// Why a method could not produce a result. Kept small (positions are `u32`) so
/// `Result<_, MethodError>` stays cheap to return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MethodError {
    /// Stable machine-readable code, e.g. `ahp_not_square`, `all_constant`.
    pub code: String,
    /// 1-based row of the offending cell or line, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// 1-based column of the offending cell, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// The offending text or number, shown as text (never markup).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub message: Text,
}

impl MethodError {
    pub fn new(code: &str, en: impl Into<String>, zh: impl Into<String>) -> Self {
        MethodError {
            code: code.to_string(),
            row: None,
            column: None,
            value: None,
            message: Text::new(en, zh),
        }
    }
    pub fn at(mut self, row: usize, column: usize) -> Self {
        self.row = u32::try_from(row).ok();
        self.column = u32::try_from(column).ok();
        self
    }
    pub fn at_row(mut self, row: usize) -> Self {
        self.row = u32::try_from(row).ok();
        self
    }
    pub fn with_value(mut self, value: &str) -> Self {
        self.value = Some(value.chars().take(80).collect());
        self
    }
    /// Prefix both messages, e.g. with which expert's matrix failed.
    pub fn context(mut self, en: &str, zh: &str) -> Self {
        self.message = Text::new(
            format!("{en}{}", self.message.en),
            format!("{zh}{}", self.message.zh),
        );
        self
    }
}

impl std::fmt::Display for MethodError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.message.en, self.message.zh)
    }
}

impl std::error::Error for MethodError {}

/// Validate non-negative finite weights with a positive total and normalise
/// them to Σ = 1. `what` names the weights in messages ("item weights").
pub fn normalise_weights(w: &[f64], what: (&str, &str)) -> Result<Vec<f64>, MethodError> {
    if w.is_empty() {
        return Err(MethodError::new(
            "weights_empty",
            format!("No {} were given.", what.0),
            format!("未给出{}。", what.1),
        ));
    }
    for (i, &x) in w.iter().enumerate() {
        if !x.is_finite() || x < 0.0 {
            return Err(MethodError::new(
                "weight_invalid",
                format!(
                    "{} number {} ({x}) is not a number ≥ 0.",
                    capitalise(what.0),
                    i + 1
                ),
                format!("第 {} 个{}（{x}）不是非负数。", i + 1, what.1),
            )
            .with_value(&x.to_string()));
        }
    }
    let total: f64 = w.iter().sum();
    if !total.is_finite() {
        return Err(MethodError::new(
            "weights_too_large",
            format!("The {} are too large to add up; scale them down.", what.0),
            format!("{}过大，无法求和；请按比例缩小。", what.1),
        ));
    }
    if total <= 0.0 {
        return Err(MethodError::new(
            "weights_sum_zero",
            format!(
                "The {} add up to zero, so they cannot be normalised to sum 1.",
                what.0
            ),
            format!("{}之和为零，无法归一化为和为 1。", what.1),
        ));
    }
    Ok(w.iter().map(|x| x / total).collect())
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// Rows of a large intermediate matrix shown in results; the rest are counted.
pub const SHOWN_ROWS: usize = 100;

/// An intermediate matrix as shown to the user: at most [`SHOWN_ROWS`] rows
/// (the first ones), with the total count, so a 10 000-respondent survey does
/// not produce a 10 000-row report. `null` marks a cell that is undefined (a
/// constant indicator has no normalised value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ShownMatrix {
    /// Names of the rows shown (alternatives, respondents).
    pub row_labels: Vec<String>,
    pub rows: Vec<Vec<Option<f64>>>,
    /// Number of rows the computation used.
    pub total_rows: usize,
    /// True when only the first [`SHOWN_ROWS`] rows are shown.
    pub truncated: bool,
}

impl ShownMatrix {
    /// Build from full rows; `defined[j]` false turns column j into nulls.
    pub fn from_rows(labels: &[String], rows: &[Vec<f64>], defined: &[bool]) -> ShownMatrix {
        ShownMatrix::from_first(labels, rows, defined, rows.len())
    }

    /// Build from the first rows of `total`.
    pub fn from_first(
        labels: &[String],
        rows: &[Vec<f64>],
        defined: &[bool],
        total: usize,
    ) -> ShownMatrix {
        let shown = rows.len().min(SHOWN_ROWS);
        ShownMatrix {
            row_labels: labels.iter().take(shown).cloned().collect(),
            rows: rows
                .iter()
                .take(shown)
                .map(|r| {
                    r.iter()
                        .enumerate()
                        .map(|(j, &x)| {
                            (defined.get(j).copied().unwrap_or(true) && x.is_finite()).then_some(x)
                        })
                        .collect()
                })
                .collect(),
            total_rows: total,
            truncated: total > shown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_normalised_or_explained() {
        let w = normalise_weights(&[1.0, 3.0], ("weights", "权重")).unwrap_or_default();
        assert_eq!(w, vec![0.25, 0.75]);
        let e = normalise_weights(&[0.0, 0.0], ("weights", "权重")).err();
        assert_eq!(e.map(|e| e.code), Some("weights_sum_zero".to_string()));
        let e = normalise_weights(&[1.0, -1.0], ("weights", "权重")).err();
        assert_eq!(e.map(|e| e.code), Some("weight_invalid".to_string()));
        let e = normalise_weights(&[1.0, f64::NAN], ("weights", "权重")).err();
        assert_eq!(e.map(|e| e.code), Some("weight_invalid".to_string()));
        let e = normalise_weights(&[1e308, 1e308], ("weights", "权重")).err();
        assert_eq!(e.map(|e| e.code), Some("weights_too_large".to_string()));
    }

    #[test]
    fn shown_matrix_truncates_and_nulls() {
        let rows: Vec<Vec<f64>> = (0..150).map(|i| vec![i as f64, 1.0]).collect();
        let labels: Vec<String> = (0..150).map(|i| i.to_string()).collect();
        let s = ShownMatrix::from_rows(&labels, &rows, &[true, false]);
        assert_eq!(s.rows.len(), SHOWN_ROWS);
        assert_eq!(s.total_rows, 150);
        assert!(s.truncated);
        assert_eq!(s.rows[3], vec![Some(3.0), None]);
    }
}
