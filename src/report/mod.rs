//! The report model: what the page renders, what the JS API returns and what the
//! CLI prints as JSON. Documented field by field in docs/report.md.
//!
//! Stage 7, the last of the pipeline. In: what every stage before it computed.
//! Out: the [`Report`], its JSON, and its renderings ([`markdown`]; [`cli`] for
//! the command line's section selection).

pub mod cli;
pub mod markdown;

use crate::common::diag::Diagnostics;
use crate::model::config::SurveyConfig;
use serde::{Deserialize, Serialize};

// The parts of the report, each defined by the stage that computes it.
pub use crate::analyses::servqual::{DimensionResult, ItemResult, Overall, Respondents};
pub use crate::methods::weights::{DimensionWeight, WeightingResult};
pub use crate::quality::Exclusion;

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

impl Report {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
