//! The report model: what the page renders, what the JS API returns and what the
//! CLI prints as JSON. Documented field by field in docs/report.md.

use crate::config::{SurveyConfig, Weighting};
use crate::diag::{Diagnostics, Text};
use crate::stats::{Summary, TTest};
use serde::{Deserialize, Serialize};

/// Version of the report's JSON shape; bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// The result of an analysis (docs/report.md).
pub struct Report {
    /// Version of this shape (currently 1).
    pub schema: u32,
    /// The engine that made the report, e.g. "gapscope 0.1.0".
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
    /// Fuzzy comprehensive evaluation of the perception answers (METHODS.md §6),
    /// when the survey has perception data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fuzzy: Option<crate::methods::survey_fuzzy::FuzzySection>,
    /// Optional sections (reliability, ipa, metrics, drivers, comparisons), each a
    /// top-level key when computed; docs/report-analyses.md.
    #[serde(flatten)]
    pub analyses: crate::analyses::Analyses,
    /// Data quality of all rows, assessed before any score (METHODS.md §12).
    #[serde(default)]
    pub quality: crate::quality::Quality,
    /// How the input was read: format, encoding, header row, platform, layout.
    #[serde(default)]
    pub input: crate::input::InputInfo,
    /// Everything said about the input and the analysis.
    pub diagnostics: Diagnostics,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// How many rows were read and analysed.
pub struct Respondents {
    /// Data rows read.
    pub total: usize,
    /// Respondents with at least one dimension gap score (in a perception-only
    /// survey: at least one SERVPERF dimension score).
    pub analysed: usize,
    /// Why the others were not analysed, one entry per reason.
    pub excluded: Vec<Exclusion>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// Respondents left out for one reason.
pub struct Exclusion {
    /// `too_few_answers`.
    pub code: String,
    pub count: usize,
    pub reason: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// Results of one item.
pub struct ItemResult {
    pub id: String,
    /// The item's dimension id, as configured.
    pub dimension: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    /// Position of the item in the survey structure (0-based).
    pub order: usize,
    /// All expectation answers of the item.
    pub expectation: Summary,
    /// All perception answers of the item.
    pub perception: Summary,
    /// Paired P − E: n, mean, sd, ci95, t, df, p (METHODS.md §2–3).
    pub gap: TTest,
    /// Holm-adjusted p over all items; null when `gap.p` is null.
    pub p_holm: Option<f64>,
    /// p < alpha (unadjusted).
    pub significant: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// Results of one dimension.
pub struct DimensionResult {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    /// `gap.p` < alpha.
    pub significant: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// Survey-level scores (METHODS.md §2).
pub struct Overall {
    /// Unweighted SERVQUAL: mean of the dimension gaps.
    pub servqual: Option<f64>,
    /// Σ w_d · gap_d with global weights; with point allocation, the mean over
    /// respondents of Σ_d a_id · D_id.
    pub weighted_servqual: Option<f64>,
    /// SERVPERF: mean of the dimension P scores.
    pub servperf: Option<f64>,
    /// SERVPERF weighted as `weighted_servqual`.
    pub weighted_servperf: Option<f64>,
    pub weighting: WeightingResult,
    /// Why a score above is null.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
}

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
    pub details: Option<crate::weights::WeightingDetails>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DimensionWeight {
    pub dimension: String,
    pub weight: f64,
}

impl Report {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
