//! The data-quality settings of a survey configuration: which flagged
//! respondents to leave out (`exclude`) and the thresholds of the checks
//! (`quality`). Both default to "flag everything, exclude nothing".

use serde::{Deserialize, Serialize};

/// Respondents to leave out of the analysis, by rule or one by one.
///
/// Row numbers are the ones the report shows: the line (CSV) or sheet row
/// (workbook) of the respondent, counting the header as row 1 of a plain table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default)]
pub struct Exclude {
    /// Zero variance over all expectation items or over all perception items.
    pub straightliners: bool,
    /// Faster than the speeder threshold (needs a duration column).
    pub speeders: bool,
    /// A repeated respondent id, or answers identical to an earlier respondent's.
    pub duplicates: bool,
    /// Rows the user chose to leave out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<usize>,
}

impl Exclude {
    pub fn is_default(&self) -> bool {
        *self == Exclude::default()
    }
}

/// Thresholds of the quality checks (METHODS.md §12).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default)]
pub struct QualityOptions {
    /// A speeder took less than this share of the median duration (default 1/3).
    pub speeder_fraction: f64,
    /// A fixed threshold in seconds instead of the share of the median.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speeder_seconds: Option<f64>,
    /// Fewest answered items on a side for straight-lining to be judged (default 3):
    /// equal answers to two items say little.
    pub straightline_min_items: usize,
    /// Fewest answered item cells for "identical answers" to count as a duplicate
    /// (default 6): short surveys repeat by chance.
    pub duplicate_min_answers: usize,
}

impl Default for QualityOptions {
    fn default() -> Self {
        QualityOptions {
            speeder_fraction: 1.0 / 3.0,
            speeder_seconds: None,
            straightline_min_items: 3,
            duplicate_min_answers: 6,
        }
    }
}

impl QualityOptions {
    pub fn is_default(&self) -> bool {
        *self == QualityOptions::default()
    }
}
