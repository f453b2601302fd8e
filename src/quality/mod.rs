//! Data quality (METHODS.md §12), assessed before any score: per column the
//! missing share, non-numeric and out-of-scale counts; per respondent
//! straight-lining, duplicates and speeders; Tukey outliers in continuous
//! columns. Nothing here removes a respondent — [`select`] applies the
//! exclusions the configuration asks for, and counts each one. [`fit`] says
//! when a structure does not fit the data it is applied to.
//!
//! Stage 3 of the pipeline. In: the table, the configuration and the numbers
//! of the model. Out: the report's [`Quality`] section and the [`Selection`]
//! of rows the scores are computed on.

mod assess;
pub mod fit;
mod outliers;
mod select;
pub(crate) mod tally;

pub use assess::assess;
pub use outliers::{quantile, tukey_fences};
pub use select::{planned, select, select_lines, Selection};

use crate::common::diag::Text;
use crate::model::config::Role;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
/// Respondents left out for one reason.
pub struct Exclusion {
    /// `too_few_answers`.
    pub code: String,
    pub count: usize,
    pub reason: Text,
}

/// How many flagged rows of one kind are listed; the rest are only counted, so
/// a million-row file cannot make a million-entry report (the page receives the
/// report as JSON; a 50 MB paste must still give a report of a few hundred KB).
pub const ROW_LIMIT: usize = 500;

/// Flagged rows of one kind: the full count and the first [`ROW_LIMIT`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Flags<T> {
    pub count: usize,
    pub rows: Vec<T>,
}

impl<T> Default for Flags<T> {
    fn default() -> Self {
        Flags {
            count: 0,
            rows: Vec::new(),
        }
    }
}

impl<T> Flags<T> {
    pub fn push(&mut self, x: T) {
        self.count += 1;
        if self.rows.len() < ROW_LIMIT {
            self.rows.push(x);
        }
    }
}

/// The data-quality section of the report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Quality {
    /// Data rows assessed (all respondents, before any exclusion).
    pub rows: usize,
    /// One entry per column of the table, in table order.
    pub columns: Vec<ColumnQuality>,
    /// Respondents who gave one and the same answer to every item on a side.
    pub straightliners: Flags<Straightliner>,
    /// Later occurrences of a respondent id, or of a full set of answers that
    /// is unlikely to be repeated by chance.
    pub duplicates: Flags<Duplicate>,
    /// Rows whose answers repeat an earlier row's where that is expected by
    /// chance (few items, few answer options): not flagged.
    #[serde(default)]
    pub duplicates_by_chance: usize,
    /// Null when the data have no duration column.
    pub speeders: Option<Speeders>,
    /// Tukey outliers per continuous column (durations, points, KPIs).
    pub outliers: Vec<Outliers>,
    /// Every row left out of the analysis, with all the reasons that applied.
    pub excluded: Flags<ExcludedRow>,
    /// The lines each exclusion rule can leave out: complete even where the
    /// lists above stop at [`ROW_LIMIT`], so the rules see every row.
    #[serde(skip)]
    pub(crate) flagged: tally::Flagged,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ColumnQuality {
    /// 1-based column number.
    pub column: usize,
    pub name: String,
    pub role: Role,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// Cells holding a usable answer.
    pub answered: usize,
    /// Empty cells and missing-value codes.
    pub missing: usize,
    /// missing / rows (null when there are no rows).
    pub missing_share: Option<f64>,
    /// Text that is neither a number, a known label nor a missing code
    /// (for a duration column: text that is not a duration).
    pub non_numeric: usize,
    /// Numbers outside the column's scale.
    pub out_of_scale: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Straightliner {
    pub row: usize,
    /// The one answer given to every expectation item, if straight-lined there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expectation: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub perception: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Duplicate {
    pub row: usize,
    /// The earlier row it repeats (that one is kept).
    pub first_row: usize,
    /// `same_id` or `same_answers`.
    pub kind: String,
    /// For `same_answers`: the chance that this many respondents give these
    /// answers by coincidence, over all rows (METHODS.md §12); flagged only
    /// below 0.05.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chance: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Speeders {
    pub column: String,
    /// Respondents with a readable duration.
    pub n: usize,
    /// Durations that could not be read (counted, not flagged).
    pub unreadable: usize,
    pub median_seconds: Option<f64>,
    pub threshold_seconds: Option<f64>,
    /// How the threshold was set.
    pub rule: Text,
    pub flagged: Flags<Speeder>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Speeder {
    pub row: usize,
    pub seconds: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Outliers {
    pub column: usize,
    pub name: String,
    pub n: usize,
    pub q1: f64,
    pub q3: f64,
    /// Q1 − 1.5·IQR and Q3 + 1.5·IQR.
    pub lower: f64,
    pub upper: f64,
    pub flagged: Flags<Outlier>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Outlier {
    pub row: usize,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ExcludedRow {
    pub row: usize,
    /// `row` (chosen by the user), `duplicate`, `speeder`, `straightliner`;
    /// the first is the one it is counted under.
    pub reasons: Vec<String>,
}

/// The first few row numbers of a list, for a message ("rows 5, 9, 12 …").
fn row_list(rows: impl Iterator<Item = usize>, count: usize) -> String {
    let shown: Vec<String> = rows.take(8).map(|r| r.to_string()).collect();
    let more = if count > shown.len() { " …" } else { "" };
    format!("{}{more}", shown.join(", "))
}
