//! Reasons why a statistic of the optional analyses is undefined, in both
//! languages. Kept here rather than in diag.rs so the analyses stay in their own
//! files; the shape is the shared [`Undefined`].

use crate::common::diag::{Text, Undefined};

pub fn reason(code: &str, en: impl Into<String>, zh: impl Into<String>) -> Undefined {
    Undefined {
        code: code.to_string(),
        message: Text::new(en, zh),
    }
}

/// Fewer observations than a statistic needs; `what` names them in both languages.
pub fn too_few(n: usize, need: usize, what: (&str, &str)) -> Undefined {
    reason(
        "too_few_observations",
        format!("needs at least {need} {}, has {n}", what.0),
        format!("至少需要 {need} 个{}，实际 {n} 个", what.1),
    )
}

/// A variable that does not vary, so a correlation or a test is impossible.
pub fn constant(what: (&str, &str)) -> Undefined {
    reason(
        "zero_variance",
        format!("{} does not vary (every value is the same)", what.0),
        format!("{}没有变化（所有数值相同）", what.1),
    )
}

pub const RESPONDENTS: (&str, &str) = ("respondents", "受访者");
pub const PAIRS: (&str, &str) = ("complete pairs of answers", "成对的完整回答");
