//! Options of the optional analyses, kept in the survey configuration under
//! `analyses` (docs/report-analyses.md). Every field has a default, so a
//! configuration without them behaves as documented.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default)]
pub struct AnalysisOptions {
    pub ipa: IpaOptions,
    pub csat: CsatOptions,
    pub ces: CesOptions,
    pub drivers: DriverOptions,
    /// Operator and grade scores of the fuzzy comprehensive evaluation (METHODS.md §6).
    pub fuzzy: FuzzyOptions,
}

impl AnalysisOptions {
    pub fn is_default(&self) -> bool {
        *self == AnalysisOptions::default()
    }
}

/// Where IPA's importance (x) comes from (METHODS.md §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportanceSource {
    /// Importance columns if there are any, else point allocation, else derived.
    #[default]
    Auto,
    /// Stated: mean of each item's importance column.
    Stated,
    /// Stated: the point allocation (100 points) of the item's dimension.
    Allocation,
    /// Derived: Pearson r of the item's perception with overall satisfaction.
    Derived,
}

/// IPA's performance (y).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PerformanceMeasure {
    /// Mean perception of the item.
    #[default]
    Perception,
    /// Mean gap P − E of the item.
    Gap,
}

/// Where IPA's cross-hairs sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Crosshairs {
    /// Means of x and y over the plotted items.
    #[default]
    Mean,
    /// Scale midpoints (see docs/report-analyses.md for each axis).
    Midpoint,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default)]
pub struct IpaOptions {
    pub importance: ImportanceSource,
    pub performance: PerformanceMeasure,
    pub crosshairs: Crosshairs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default)]
pub struct CsatOptions {
    /// How many of the top scale points count as satisfied (top-k box).
    pub top_k: usize,
}

impl Default for CsatOptions {
    fn default() -> Self {
        CsatOptions { top_k: 2 }
    }
}

/// Which end of the effort scale is good (METHODS.md §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EffortDirection {
    LowerIsBetter,
    HigherIsBetter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default)]
pub struct CesOptions {
    /// Not guessed: CES questions are asked both ways round ("how much effort" vs
    /// "the company made it easy"); without it the mean is shown uninterpreted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<EffortDirection>,
}

/// Which respondent dimension score the driver analysis uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ScoreKind {
    /// Mean perception over the answered P items (the SERVPERF score).
    #[default]
    Perception,
    /// Mean gap P − E over the items answered on both sides.
    Gap,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default)]
pub struct DriverOptions {
    pub score: ScoreKind,
}

/// The fuzzy comprehensive evaluation's options (METHODS.md §6;
/// src/methods/survey_fuzzy.rs).
/// Choices a caller can make; the report uses the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FuzzyOptions {
    #[serde(default)]
    pub operator: Operator,
    #[serde(default)]
    pub scores: ScoreBasis,
}

/// The composition operator W ∘ R.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    /// M(·,+): weighted average, the default.
    #[default]
    WeightedAverage,
    /// M(∧,∨): Zadeh's min–max.
    Zadeh,
    /// M(·,∨): product–max.
    ProductMax,
}

/// Which grade scores s_k the score Σ b_k s_k uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ScoreBasis {
    /// s_k = the grade's value on the answer scale (default).
    #[default]
    Scale,
    /// s_k = 100 (k − 1)/(K − 1): worst grade 0, best 100, evenly spaced.
    Percent,
}
