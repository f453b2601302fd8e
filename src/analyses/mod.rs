//! The optional analyses of a survey, computed after the SERVQUAL analysis when
//! the columns they need exist: reliability (METHODS.md §4), IPA (§7), customer
//! metrics (§8), drivers (§10) and group comparisons (§3). Each is an optional
//! section of the report (src/report/), documented field by field in
//! docs/report-analyses.md. The SERVQUAL/SERVPERF gap analysis itself is
//! [`servqual`]; [`summary`] runs it on a table of item statistics.
//!
//! Stage 6 of the pipeline. In: the survey model, its respondents' scores, the
//! weights and the statistics. Out: the report's scores and sections.

pub mod columns;
pub mod compare;
pub mod drivers;
pub mod ipa;
pub mod metrics;
pub mod reliability;
pub mod servqual;
pub mod sufficient;
pub mod summary;

use crate::model::config::SurveyConfig;
use crate::model::survey::Survey;
use serde::{Deserialize, Serialize};

/// The optional sections; flattened into the report, so each appears as a
/// top-level key (`reliability`, `ipa`, …) only when it was computed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
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
    let scores = crate::model::scores::respondent_scores(survey, config.min_items);
    Analyses {
        reliability: reliability::analyse(survey),
        ipa: ipa::analyse(survey, config, headers, &options.ipa),
        metrics: metrics::analyse(survey, config, headers, options),
        drivers: drivers::analyse(survey, config, headers, &scores, &options.drivers),
        comparisons: compare::analyse(survey, &scores, &config.missing_codes),
    }
}

/// The TypeScript side (ts-rs, test-only derive as for the other report types).
/// For docs/types/gapscope.d.ts, src/ts_types.rs's list needs these types:
/// Analyses, AnalysisOptions, IpaOptions, ImportanceSource, PerformanceMeasure,
/// Crosshairs, CsatOptions, CesOptions, EffortDirection, DriverOptions, ScoreKind,
/// Reliability, ReliabilityScale, Side, AlphaLabel, ItemReliability, Ipa,
/// ImportanceKind, Quadrant, QuadrantInfo, CrosshairValues, IpaPoint, Metrics, Nps,
/// Csat, Ces, Drivers, DriverCorrelation, Regression, RegressionExclusions,
/// DroppedPredictor, Coefficient, Comparisons, GroupingKind, GroupingComparison,
/// GroupResult, GroupDimension, DimensionTest, WelchTest, Anova.
#[cfg(test)]
mod ts {
    use super::*;
    use ts_rs::{Config, TS};

    #[test]
    fn typescript_shapes_of_the_sections() {
        let cfg = Config::new();
        let a = Analyses::decl(&cfg);
        for s in SECTIONS {
            // Optional keys: absent when the section was not computed.
            assert!(a.contains(&format!("{s}?: ")), "{s} in {a}");
        }
        let w = crate::stats::groups::WelchTest::decl(&cfg);
        assert!(w.contains("n: [number, number]"), "{w}");
        let q = ipa::Quadrant::decl(&cfg);
        assert!(q.contains("\"concentrate_here\""), "{q}");
        let o = crate::model::analysis_options::AnalysisOptions::decl(&cfg);
        assert!(o.contains("ipa: IpaOptions"), "{o}");
    }
}
