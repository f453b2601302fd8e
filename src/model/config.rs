//! The survey configuration: what each column means, which items form which
//! dimension, the answer scale and the weighting. It is plain JSON so a user can
//! download the detected structure, correct it and load it again (docs/survey-config.md).

use crate::common::diag::Text;
pub use crate::model::weighting::Weighting;
use serde::{Deserialize, Serialize};

/// What a column holds (METHODS.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Expectation,
    Perception,
    Importance,
    Allocation,
    Overall,
    Recommend,
    Effort,
    Segment,
    Wave,
    Id,
    Duration,
    Text,
    Ignore,
}

/// An answer scale, inclusive on both ends.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Scale {
    pub min: f64,
    pub max: f64,
}

impl Scale {
    pub const LIKERT5: Scale = Scale { min: 1.0, max: 5.0 };
    pub const LIKERT7: Scale = Scale { min: 1.0, max: 7.0 };
    pub const ZERO_TEN: Scale = Scale {
        min: 0.0,
        max: 10.0,
    };
    pub fn contains(&self, x: f64) -> bool {
        x >= self.min && x <= self.max
    }
    pub fn is_valid(&self) -> bool {
        self.min.is_finite() && self.max.is_finite() && self.min < self.max
    }
    /// "1–5" for messages (never 309 digits for a 1e308 someone typed).
    pub fn text(&self) -> String {
        format!(
            "{}–{}",
            crate::common::format::number(self.min),
            crate::common::format::number(self.max)
        )
    }
}

impl Default for Scale {
    fn default() -> Self {
        Scale::LIKERT7
    }
}

/// A quality dimension (tangibles, reliability, … or the user's own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Dimension {
    pub id: String,
    /// Display names; when absent the page uses its translation of `id`, or `id` itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
}

/// A survey item (a question asked as expectation and/or perception).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Item {
    pub id: String,
    pub dimension: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
}

/// One column of the input table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Column {
    /// Header text, matched exactly (after trimming) against the table.
    pub name: String,
    pub role: Role,
    /// For expectation, perception and importance columns: the item id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// For allocation columns: the dimension id the points go to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    /// Reverse-coded: x' = min + max − x (METHODS.md §1).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reverse: bool,
    /// A scale for this column only (e.g. overall satisfaction on 1–10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    /// Answer labels for this column only, before the survey's `labels` (a
    /// 5-point satisfaction question among 7-point agreement items, where 一般
    /// means 3, not 4).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "deserialize_labels"
    )]
    pub labels: Vec<Label>,
}

impl Column {
    pub fn new(name: &str, role: Role) -> Column {
        Column {
            name: name.to_string(),
            role,
            item: None,
            dimension: None,
            reverse: false,
            scale: None,
            labels: Vec::new(),
        }
    }
}

/// One label and the scale value it stands for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Label {
    pub label: String,
    pub value: f64,
}

/// Accepts the list form `[{"label": "非常同意", "value": 5}]` and the map form
/// `{"非常同意": 5}` when reading a configuration (a visitor taking either, not
/// an untagged enum, whose buffering costs wasm size).
pub fn deserialize_labels<'de, D>(d: D) -> Result<Vec<Label>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Labels;
    impl<'de> serde::de::Visitor<'de> for Labels {
        type Value = Vec<Label>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of {label, value} or a map of label → value")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Vec<Label>, A::Error> {
            let mut out = Vec::new();
            while let Some(l) = seq.next_element::<Label>()? {
                out.push(l);
            }
            Ok(out)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Vec<Label>, A::Error> {
            let mut out: Vec<Label> = Vec::new();
            while let Some((label, value)) = map.next_entry::<String, f64>()? {
                // In the order written; a repeated label keeps its last value.
                match out.iter_mut().find(|l| l.label == label) {
                    Some(l) => l.value = value,
                    None => out.push(Label { label, value }),
                }
            }
            Ok(out)
        }
    }
    d.deserialize_any(Labels)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Month,
    Quarter,
    Year,
}

/// How to make waves from a timestamp column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WaveRule {
    /// The header of the timestamp column.
    pub column: String,
    pub period: Period,
}

/// The whole structure of a survey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SurveyConfig {
    /// Format version of this JSON.
    #[serde(default = "one")]
    pub version: u32,
    pub scale: Scale,
    pub dimensions: Vec<Dimension>,
    pub items: Vec<Item>,
    pub columns: Vec<Column>,
    #[serde(default)]
    pub weighting: Weighting,
    /// Items a respondent must have answered (both E and P) for a dimension score;
    /// default: half the dimension's items, rounded up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<usize>,
    /// Cell texts that mean "no answer" besides the built-in ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_codes: Vec<String>,
    /// Significance level for marking gaps.
    #[serde(default = "default_alpha")]
    pub alpha: f64,
    /// Options of the optional analyses (IPA, CSAT, CES, drivers); docs/report-analyses.md.
    #[serde(
        default,
        skip_serializing_if = "crate::model::analysis_options::AnalysisOptions::is_default"
    )]
    pub analyses: crate::model::analysis_options::AnalysisOptions,
    /// Answer labels and the scale value each stands for ("非常同意" → 5); when
    /// empty, the built-in 5- and 7-point sets are matched (docs/inputs.md).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "deserialize_labels"
    )]
    pub labels: Vec<Label>,
    /// Waves from a timestamp column, by month, quarter or year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waves: Option<WaveRule>,
    /// Respondents to leave out, by rule or by row (docs/inputs.md, METHODS.md §12).
    #[serde(
        default,
        skip_serializing_if = "crate::model::quality_options::Exclude::is_default"
    )]
    pub exclude: crate::model::quality_options::Exclude,
    /// Thresholds of the data-quality checks.
    #[serde(
        default,
        skip_serializing_if = "crate::model::quality_options::QualityOptions::is_default"
    )]
    pub quality: crate::model::quality_options::QualityOptions,
}

fn one() -> u32 {
    1
}
fn default_alpha() -> f64 {
    0.05
}

/// The five SERVQUAL dimensions in PZB 1988 order, with their item ranges.
pub const SERVQUAL_DIMENSIONS: [(&str, &str, &str, usize, usize); 5] = [
    ("tangibles", "Tangibles", "有形性", 1, 4),
    ("reliability", "Reliability", "可靠性", 5, 9),
    ("responsiveness", "Responsiveness", "响应性", 10, 13),
    ("assurance", "Assurance", "保证性", 14, 17),
    ("empathy", "Empathy", "移情性", 18, 22),
];

/// The standard dimension of SERVQUAL item number `n` (1..=22).
pub fn servqual_dimension_of(n: usize) -> Option<&'static str> {
    SERVQUAL_DIMENSIONS
        .iter()
        .find(|(_, _, _, lo, hi)| (*lo..=*hi).contains(&n))
        .map(|d| d.0)
}

/// The five standard dimensions, labelled.
pub fn servqual_dimensions() -> Vec<Dimension> {
    SERVQUAL_DIMENSIONS
        .iter()
        .map(|(id, en, zh, _, _)| Dimension {
            id: id.to_string(),
            label: Some(Text::new(*en, *zh)),
        })
        .collect()
}

/// Limits of a survey configuration, checked before anything is built from it
/// (docs/survey-config.md#limits). A real questionnaire has tens of items, a
/// long one a few hundred; these leave ample room while keeping every step,
/// and what the page stores, small.
pub const MAX_CONFIG_BYTES: usize = 4 * 1024 * 1024;
pub const MAX_ITEMS: usize = 5_000;
pub const MAX_DIMENSIONS: usize = 500;
/// One per table column ([`crate::input::table::MAX_COLUMNS`]) and some to spare.
pub const MAX_CONFIG_COLUMNS: usize = 2 * crate::input::table::MAX_COLUMNS;
pub const MAX_LABELS: usize = 2_000;
pub const MAX_MISSING_CODES: usize = 1_000;

fn too_many(what_en: &str, what_zh: &str, n: usize, max: usize) -> Text {
    Text::new(
        format!("The survey configuration has {n} {what_en}; at most {max} are accepted. Remove the ones this survey does not use."),
        format!("问卷结构配置有 {n} 个{what_zh}，最多接受 {max} 个。请删除本问卷不用的部分。"),
    )
}

impl SurveyConfig {
    /// Parse a configuration from JSON, with a bilingual error message.
    pub fn from_json(json: &str) -> Result<SurveyConfig, Text> {
        if json.len() > MAX_CONFIG_BYTES {
            return Err(Text::new(
                format!(
                    "The survey configuration is {} long; at most {} are accepted. A survey.json saved by Gapscope is a few KB: this file holds something else, or far more items than any survey.",
                    crate::common::format::bytes(json.len()),
                    crate::common::format::bytes(MAX_CONFIG_BYTES)
                ),
                format!(
                    "问卷结构配置大小为 {}，最多接受 {}。Gapscope 保存的 survey.json 只有几 KB：该文件内容有误，或题项远多于任何问卷。",
                    crate::common::format::bytes(json.len()),
                    crate::common::format::bytes(MAX_CONFIG_BYTES)
                ),
            ));
        }
        let c: SurveyConfig = serde_json::from_str(json).map_err(|e| {
            Text::new(
                format!("The survey configuration is not valid: {e}"),
                format!("问卷结构配置无效：{e}"),
            )
        })?;
        c.validate()?;
        Ok(c)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks that do not need the data: a usable scale and consistent references.
    pub fn validate(&self) -> Result<(), Text> {
        for (n, max, en, zh) in [
            (self.items.len(), MAX_ITEMS, "items", "题项"),
            (self.dimensions.len(), MAX_DIMENSIONS, "dimensions", "维度"),
            (self.columns.len(), MAX_CONFIG_COLUMNS, "columns", "列"),
            (self.labels.len(), MAX_LABELS, "answer labels", "答案标签"),
            (
                self.missing_codes.len(),
                MAX_MISSING_CODES,
                "missing-value codes",
                "缺失值代码",
            ),
        ] {
            if n > max {
                return Err(too_many(en, zh, n, max));
            }
        }
        crate::model::weighting::check_judgments(&self.weighting)?;
        if !self.scale.is_valid() {
            return Err(Text::new(
                format!(
                    "The scale {} is not valid: the minimum must be below the maximum.",
                    self.scale.text()
                ),
                format!("量表 {} 无效：最小值必须小于最大值。", self.scale.text()),
            ));
        }
        let mut seen = crate::common::hash::Set::default();
        for d in &self.dimensions {
            if !seen.insert(d.id.as_str()) {
                return Err(Text::new(
                    format!("Dimension \"{}\" is defined more than once.", d.id),
                    format!("维度“{}”重复定义。", d.id),
                ));
            }
        }
        let dimension_ids = seen;
        let mut seen = crate::common::hash::Set::default();
        for item in &self.items {
            if !seen.insert(item.id.as_str()) {
                return Err(Text::new(
                    format!("Item \"{}\" is defined more than once.", item.id),
                    format!("题项“{}”重复定义。", item.id),
                ));
            }
            if !dimension_ids.contains(item.dimension.as_str()) {
                return Err(Text::new(
                    format!(
                        "Item \"{}\" names dimension \"{}\", which is not defined.",
                        item.id, item.dimension
                    ),
                    format!("题项“{}”所属维度“{}”未定义。", item.id, item.dimension),
                ));
            }
        }
        let q = &self.quality;
        if !(q.speeder_fraction.is_finite() && q.speeder_fraction > 0.0)
            || q.speeder_seconds
                .is_some_and(|t| !(t.is_finite() && t >= 0.0))
        {
            return Err(Text::new(
                "The speeder threshold must be a positive number (quality.speeder_fraction, quality.speeder_seconds).",
                "过快作答阈值必须为正数（quality.speeder_fraction、quality.speeder_seconds）。",
            ));
        }
        if !(self.alpha > 0.0 && self.alpha < 1.0) {
            return Err(Text::new(
                "The significance level must be between 0 and 1.",
                "显著性水平必须介于 0 和 1 之间。",
            ));
        }
        for c in &self.columns {
            if let Some(s) = c.scale.filter(|s| !s.is_valid()) {
                return Err(Text::new(
                    format!(
                        "The scale {} of column \"{}\" is not valid: the minimum must be below the maximum.",
                        s.text(), c.name
                    ),
                    format!(
                        "列“{}”的量表 {} 无效：最小值必须小于最大值。",
                        c.name,
                        s.text()
                    ),
                ));
            }
        }
        crate::model::weighting::check_parts(&self.weighting)
    }

    /// The item's dimension id, if the item is defined.
    pub fn dimension_of(&self, item: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|i| i.id == item)
            .map(|i| i.dimension.as_str())
    }
}
