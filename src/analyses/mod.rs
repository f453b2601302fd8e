//! The optional analyses of a survey, computed after the SERVQUAL analysis when
//! the columns they need exist: reliability (METHODS.md §4), IPA (§7), customer
//! metrics (§8), drivers (§10) and group comparisons (§3). Each is an optional
//! section of the [`Report`](crate::report::Report), documented field by field in
//! docs/report-analyses.md.

pub mod cli;
pub mod columns;
pub mod compare;
pub mod drivers;
pub mod ipa;
pub mod markdown;
pub mod metrics;
pub mod options;
pub mod reliability;

pub use options::AnalysisOptions;

use crate::config::SurveyConfig;
use crate::servqual;
use crate::survey::Survey;
use serde::{Deserialize, Serialize};

/// The optional sections; flattened into the report, so each appears as a
/// top-level key (`reliability`, `ipa`, …) only when it was computed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analyses {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<reliability::Reliability>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipa: Option<ipa::Ipa>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<metrics::Metrics>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drivers: Option<drivers::Drivers>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparisons: Option<compare::Comparisons>,
}

/// Names of the sections, as used by `gapscope analyze --only`.
pub const SECTIONS: [&str; 5] = ["reliability", "ipa", "metrics", "drivers", "comparisons"];

/// Run every analysis whose columns exist. `headers` are the table's headers
/// (to name the columns that were used).
pub fn run(survey: &Survey, config: &SurveyConfig, headers: &[String]) -> Analyses {
    let options = &config.analyses;
    let scores = servqual::respondent_scores(survey, config.min_items);
    Analyses {
        reliability: reliability::analyse(survey),
        ipa: ipa::analyse(survey, config, headers, &options.ipa),
        metrics: metrics::analyse(survey, config, headers, options),
        drivers: drivers::analyse(survey, config, headers, &scores, &options.drivers),
        comparisons: compare::analyse(survey, &scores, &config.missing_codes),
    }
}
