//! The report model: what the page renders, what the JS API returns and what the
//! CLI prints as JSON. Documented field by field in docs/report.md.

use crate::config::{SurveyConfig, Weighting};
use crate::diag::{Diagnostics, Text};
use crate::stats::{Summary, TTest};
use serde::{Deserialize, Serialize};

/// Version of the report's JSON shape; bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    pub schema: u32,
    pub generator: String,
    pub respondents: Respondents,
    /// The survey structure the analysis used (detected or given).
    pub config: SurveyConfig,
    /// True when `config` was detected from the data rather than given.
    pub detected: bool,
    /// Worst gap first.
    pub items: Vec<ItemResult>,
    /// Worst gap first.
    pub dimensions: Vec<DimensionResult>,
    pub overall: Overall,
    /// Data quality of all rows, assessed before any score (METHODS.md §12).
    #[serde(default)]
    pub quality: crate::quality::Quality,
    /// How the input was read: format, encoding, header row, platform, layout.
    #[serde(default)]
    pub input: crate::input::InputInfo,
    pub diagnostics: Diagnostics,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Respondents {
    /// Data rows read.
    pub total: usize,
    /// Respondents with at least one dimension gap score.
    pub analysed: usize,
    /// Why the others were not analysed, one entry per reason.
    pub excluded: Vec<Exclusion>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Exclusion {
    pub code: String,
    pub count: usize,
    pub reason: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ItemResult {
    pub id: String,
    pub dimension: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    /// Position of the item in the survey structure (0-based).
    pub order: usize,
    pub expectation: Summary,
    pub perception: Summary,
    /// Paired P − E: n, mean, sd, ci95, t, df, p (METHODS.md §2–3).
    pub gap: TTest,
    /// Holm-adjusted p over all items.
    pub p_holm: Option<f64>,
    /// p < alpha (unadjusted).
    pub significant: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DimensionResult {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
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
    pub significant: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Overall {
    /// Unweighted SERVQUAL: mean of the dimension gaps.
    pub servqual: Option<f64>,
    pub weighted_servqual: Option<f64>,
    /// SERVPERF: mean of the dimension P scores.
    pub servperf: Option<f64>,
    pub weighted_servperf: Option<f64>,
    pub weighting: WeightingResult,
    /// Why a score above is null.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WeightingResult {
    /// `equal`, `direct` or `allocation`.
    pub method: String,
    /// The weighting asked for, as configured.
    pub requested: Weighting,
    pub weights: Vec<DimensionWeight>,
    /// For allocation: respondents whose allocation could be used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub respondents: Option<usize>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DimensionWeight {
    pub dimension: String,
    pub weight: f64,
}

impl Report {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
