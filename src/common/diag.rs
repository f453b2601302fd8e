//! Diagnostics: every rejected value, row or setting is reported with a stable code,
//! its position and a message in both interface languages.
//!
//! Positions are 1-based as a spreadsheet user sees them: `row` counts lines of the
//! pasted table including the header (so the first data row is row 2), `column` is the
//! 1-based column number and `column_name` the header text.

use serde::{Deserialize, Serialize};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Nothing could be analysed.
    Error,
    /// Some input was ignored or a result is undefined.
    Warning,
    /// Something the user may want to know (e.g. what was detected).
    Info,
}

/// A text in both interface languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }
}

/// One message about the input or the analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Diagnostic {
    /// Stable machine-readable code, e.g. `non_numeric`, `out_of_scale`.
    pub code: String,
    pub severity: Severity,
    /// 1-based line of the table as the user sees it (the header is row 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// 1-based column number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The column's header text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column_name: Option<String>,
    /// The offending cell text, if any (shown as text, never as markup).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub message: Text,
    /// What the user can do about it in one step, when the engine guessed and
    /// the guess changes results (the page shows a button per action).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
}

/// One way to act on a diagnostic: a button's label and the setting it changes
/// (docs/report.md#actions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Action {
    pub label: Text,
    pub change: Change,
}

/// The setting an [`Action`] changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "set", rename_all = "snake_case")]
pub enum Change {
    /// The answer scale of the items (`column` absent) or of one column:
    /// choosing the guessed scale confirms it, the other one corrects it.
    Scale {
        min: f64,
        max: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        column: Option<String>,
    },
    /// An input option (docs/inputs.md#options) and the value to give it, as
    /// the option's JSON string value (`"same_line"`).
    Input { option: String, value: String },
}

impl Diagnostic {
    /// A cell that should hold a number but does not (row and 1-based column as
    /// the user sees them); it is treated as missing.
    pub fn non_numeric(line: usize, column: usize, name: &str, raw: &str) -> Self {
        // A cell can hold a paragraph (or a million digits): the message quotes its start.
        let (name_q, raw_q) = (
            crate::common::format::quoted(name, 60),
            crate::common::format::quoted(raw, 40),
        );
        let (name_full, name, raw_full, raw) = (name, name_q.as_str(), raw, raw_q.as_str());
        Diagnostic::new(
            "non_numeric",
            Severity::Warning,
            Text::new(
                format!("Row {line}, column {column} \"{name}\": \"{raw}\" is not a number; treated as missing."),
                format!("第 {line} 行第 {column} 列“{name}”：“{raw}”不是数字，按缺失处理。"),
            ),
        )
        .at_row(line)
        .at_column(column, name_full)
        .with_value(raw_full)
    }

    pub fn new(code: &str, severity: Severity, message: Text) -> Self {
        Diagnostic {
            code: code.to_string(),
            severity,
            row: None,
            column: None,
            column_name: None,
            value: None,
            message,
            actions: Vec::new(),
        }
    }
    pub fn with_action(mut self, label: Text, change: Change) -> Self {
        self.actions.push(Action { label, change });
        self
    }
    pub fn at_row(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }
    pub fn at_column(mut self, column: usize, name: &str) -> Self {
        self.column = Some(column);
        self.column_name = Some(name.to_string());
        self
    }
    pub fn with_value(mut self, value: &str) -> Self {
        // Keep reports small even when a cell holds a whole paragraph.
        let v: String = value.chars().take(80).collect();
        self.value = Some(v);
        self
    }
}

/// How many diagnostics of one code are listed individually; the rest are only counted.
pub const DETAIL_LIMIT: usize = 50;

/// Collects diagnostics, keeping a full count per code but only the first
/// [`DETAIL_LIMIT`] of each code in detail, so a 50 MB paste of bad data cannot
/// produce a 500 MB report.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Diagnostics {
    /// Occurrences of each code, all of them.
    pub counts: std::collections::BTreeMap<String, usize>,
    /// The first DETAIL_LIMIT (50) of each code in detail.
    pub messages: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        let c = self.counts.entry(d.code.clone()).or_insert(0);
        *c += 1;
        if *c <= DETAIL_LIMIT {
            self.messages.push(d);
        }
    }
    /// [`push`](Self::push), listed before the others: the cause of what was
    /// said earlier (a stray quote, found at the end, behind the short row it made).
    pub fn push_first(&mut self, d: Diagnostic) {
        let c = self.counts.entry(d.code.clone()).or_insert(0);
        *c += 1;
        if *c <= DETAIL_LIMIT {
            self.messages.insert(0, d);
        }
    }
    /// Forget the diagnostics of `code` on `row` (they are explained by another).
    pub fn drop_at(&mut self, code: &str, row: usize) {
        let before = self.messages.len();
        self.messages
            .retain(|m| !(m.code == code && m.row == Some(row)));
        let gone = before - self.messages.len();
        if let Some(c) = self.counts.get_mut(code) {
            *c = c.saturating_sub(gone);
            if *c == 0 {
                self.counts.remove(code);
            }
        }
    }
    /// Count an occurrence without building its message (hot paths past the limit).
    pub fn wants_detail(&self, code: &str) -> bool {
        self.counts.get(code).copied().unwrap_or(0) < DETAIL_LIMIT
    }
    pub fn bump(&mut self, code: &str) {
        *self.counts.entry(code.to_string()).or_insert(0) += 1;
    }
    pub fn count(&self, code: &str) -> usize {
        self.counts.get(code).copied().unwrap_or(0)
    }
    pub fn has_errors(&self) -> bool {
        self.messages.iter().any(|m| m.severity == Severity::Error)
    }
    /// Merge another collection, keeping the detail limit per code.
    pub fn extend(&mut self, other: Diagnostics) {
        for m in other.messages {
            let listed = self.messages.iter().filter(|x| x.code == m.code).count();
            if listed < DETAIL_LIMIT {
                self.messages.push(m);
            }
        }
        for (k, v) in other.counts {
            *self.counts.entry(k).or_insert(0) += v;
        }
    }
}

/// Why a statistic is null (the report never holds NaN): the `undefined` field next to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Undefined {
    /// `too_few_observations`, `zero_variance` or `overflow`.
    pub code: String,
    pub message: Text,
}

impl Undefined {
    pub fn too_few(n: usize, need: usize) -> Self {
        Undefined {
            code: "too_few_observations".into(),
            message: Text::new(
                format!("needs at least {need} paired answers, has {n}"),
                format!("至少需要 {need} 个成对回答，实际 {n} 个"),
            ),
        }
    }
    /// For descriptive statistics, where the values need not be paired.
    pub fn too_few_values(n: usize, need: usize) -> Self {
        Undefined {
            code: "too_few_observations".into(),
            message: Text::new(
                format!("needs at least {need} values, has {n}"),
                format!("至少需要 {need} 个数值，实际 {n} 个"),
            ),
        }
    }
    /// Values so large that the arithmetic leaves the range of f64; never printed as inf.
    pub fn overflow() -> Self {
        Undefined {
            code: "overflow".into(),
            message: Text::new(
                "the values are too large to compute with (check the scale)",
                "数值过大，无法计算（请检查量表设置）",
            ),
        }
    }
    pub fn zero_variance() -> Self {
        Undefined {
            code: "zero_variance".into(),
            message: Text::new(
                "every answer is the same (zero variance), so no test is possible",
                "所有回答相同（方差为零），无法检验",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extend_keeps_the_detail_limit() {
        let warn = || Diagnostic::new("x", Severity::Warning, Text::new("a", "甲"));
        let mut a = Diagnostics::default();
        let mut b = Diagnostics::default();
        for _ in 0..DETAIL_LIMIT {
            a.push(warn());
            b.push(warn());
        }
        b.bump("x");
        a.extend(b);
        assert_eq!(a.count("x"), 2 * DETAIL_LIMIT + 1);
        assert_eq!(a.messages.len(), DETAIL_LIMIT);
    }
}
