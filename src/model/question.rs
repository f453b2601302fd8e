//! Items from question text, the way survey platforms write headers:
//! `5、(可靠性)银行能按承诺时间提供服务`, `5.（期望）…`, `第5题(服务态度)`,
//! `期望—银行能按承诺时间提供服务` (a matrix question and its row),
//! Qualtrics' `Expectations - Excellent banks will have modern equipment.` and
//! SurveyMonkey's merged `question — sub-question`.
//!
//! A column becomes an item only when its text says so: a side marker
//! (期望/感知/重要性, expectation/perception/importance) or a dimension marker, or
//! — for unmarked matrix exports — the same statement asked in two blocks, the
//! first taken as expectations and the second as perceptions (PZB's order), with
//! a message asking the user to check.

use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::common::hash::Map as HashMap;
use crate::input::table::Table;
use crate::model::config::{self, Column, Role};

/// What a question text says about its column.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub number: Option<usize>,
    /// Expectation, Perception or Importance.
    pub side: Option<Role>,
    pub dimension: Option<&'static str>,
    pub reverse: bool,
    /// The item's statement, markers and numbering removed.
    pub statement: String,
}

const ZH_E: [&str; 5] = ["期望", "预期", "期待", "理想", "应当"];
const ZH_P: [&str; 6] = ["感知", "实际", "感受", "体验", "现状", "表现"];
const ZH_I: [&str; 2] = ["重要性", "重要程度"];
const EN_E: [&str; 4] = ["expectation", "expect", "ideal", "should"];
const EN_P: [&str; 5] = [
    "perception",
    "perceive",
    "actual",
    "experience",
    "performance",
];
const EN_I: [&str; 2] = ["importance", "important"];
const REVERSE: [&str; 5] = ["反向", "反向题", "反向计分", "reverse", "reversed"];
const DIMENSIONS: [(&str, &str); 19] = [
    ("有形性", "tangibles"),
    ("有形", "tangibles"),
    ("可靠性", "reliability"),
    ("可靠", "reliability"),
    ("响应性", "responsiveness"),
    ("反应性", "responsiveness"),
    ("响应", "responsiveness"),
    ("保证性", "assurance"),
    ("保证", "assurance"),
    ("移情性", "empathy"),
    ("同理心", "empathy"),
    ("关怀性", "empathy"),
    ("移情", "empathy"),
    ("tangibles", "tangibles"),
    ("tangible", "tangibles"),
    ("reliability", "reliability"),
    ("responsiveness", "responsiveness"),
    ("assurance", "assurance"),
    ("empathy", "empathy"),
];

fn side_in(text: &str) -> Option<Role> {
    let lower = text.to_ascii_lowercase();
    let first = |words: &[&str]| words.iter().filter_map(|w| lower.find(w)).min();
    let mut best: Option<(usize, Role)> = None;
    for (words, role) in [
        (&ZH_I[..], Role::Importance),
        (&EN_I[..], Role::Importance),
        (&ZH_E[..], Role::Expectation),
        (&EN_E[..], Role::Expectation),
        (&ZH_P[..], Role::Perception),
        (&EN_P[..], Role::Perception),
    ] {
        if let Some(at) = first(words) {
            if best.is_none_or(|b| at < b.0) {
                best = Some((at, role));
            }
        }
    }
    best.map(|b| b.1)
}

fn dimension_in(text: &str) -> Option<&'static str> {
    let lower = text.to_ascii_lowercase();
    DIMENSIONS
        .iter()
        .find(|(w, _)| lower.contains(w))
        .map(|(_, id)| *id)
}

fn is_reverse(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    REVERSE.contains(&t.as_str()) || t == "r"
}

/// Split off a leading question number: `5、` `5.` `5．` `5:` `Q5.` `第5题` `5(`.
fn strip_number(t: &str) -> (Option<usize>, &str) {
    let s = t.trim_start();
    let (s, had_prefix) = if let Some(r) = s.strip_prefix('第') {
        (r, true)
    } else if let Some(r) = s.strip_prefix(['Q', 'q']) {
        (r, true)
    } else {
        (s, false)
    };
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 4 {
        return (None, t);
    }
    let rest = &s[digits.len()..];
    let number = digits.parse().ok();
    for sep in ["题", "、", "．", "：", "）", ".", ":", ")"] {
        if let Some(r) = rest.strip_prefix(sep) {
            if sep == "." && r.starts_with(|c: char| c.is_ascii_digit()) {
                return (None, t); // "3.5" is a number, not "3." then "5"
            }
            return (number, r);
        }
    }
    if rest.starts_with(['(', '（']) || (had_prefix && rest.starts_with([' ', '_'])) {
        return (number, rest.trim_start_matches([' ', '_']));
    }
    (None, t)
}

/// Bracketed groups `(…)` `（…）` `【…】` `[…]` `〔…〕`: their contents, and the
/// text with the groups that `keep` rejects removed.
fn brackets(t: &str, keep: impl Fn(&str) -> bool) -> (Vec<String>, String) {
    let mut groups = Vec::new();
    let mut out = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        let close = match c {
            '(' => ')',
            '（' => '）',
            '【' => '】',
            '[' => ']',
            '〔' => '〕',
            _ => {
                out.push(c);
                continue;
            }
        };
        let mut inner = String::new();
        let mut closed = false;
        for d in chars.by_ref() {
            if d == close {
                closed = true;
                break;
            }
            inner.push(d);
        }
        if closed && !keep(&inner) {
            groups.push(inner);
        } else {
            out.push(c);
            out.push_str(&inner);
            if closed {
                out.push(close);
            }
        }
    }
    (groups, out)
}

/// Split "stem — statement" at a matrix separator.
fn split_stem(t: &str) -> (String, String) {
    for sep in [" — ", "——", "—", "－"] {
        if let Some(at) = t.find(sep) {
            return (t[..at].to_string(), t[at + sep.len()..].to_string());
        }
    }
    if let Some(at) = t.rfind(" - ") {
        return (t[..at].to_string(), t[at + 3..].to_string());
    }
    // A short label before a colon: "期望：…", "Reliability: …".
    for sep in ["：", ":"] {
        if let Some(at) = t.find(sep) {
            if t[..at].chars().count() <= 12 {
                return (t[..at].to_string(), t[at + sep.len()..].to_string());
            }
        }
    }
    (String::new(), t.to_string())
}

fn clean(s: &str) -> String {
    s.trim()
        .trim_matches(|c: char| c.is_whitespace() || "-—_:：、.。,，;；".contains(c))
        .to_string()
}

/// Read a question header or label. `None` when the text is too short to be a
/// question (a code such as `Q1_1` or a metadata name such as `StartDate`).
pub fn parse(text: &str) -> Option<Question> {
    let t = text.trim();
    if t.chars().count() < 4 {
        return None;
    }
    let (number, rest) = strip_number(t);
    let marker = |g: &str| side_in(g).is_some() || dimension_in(g).is_some() || is_reverse(g);
    let (groups, without) = brackets(rest, |g| !marker(g));
    // "第5题(服务态度)", "5(服务态度)": the statement is the one bracket group.
    let whole_group = rest
        .trim()
        .strip_prefix(['(', '（'])
        .and_then(|r| r.strip_suffix([')', '）']))
        .filter(|inner| number.is_some() && !inner.contains(['(', '（', ')', '）']));
    let (stem, statement) = match whole_group {
        Some(inner) if !marker(inner) => (String::new(), inner.to_string()),
        _ => split_stem(&without),
    };
    let mut side = None;
    let mut dimension = None;
    let mut reverse = false;
    for g in &groups {
        side = side.or_else(|| side_in(g));
        dimension = dimension.or_else(|| dimension_in(g));
        reverse |= is_reverse(g);
    }
    if !stem.is_empty() {
        side = side.or_else(|| side_in(&stem));
        dimension = dimension.or_else(|| dimension_in(&stem));
    }
    let statement = clean(&statement);
    if !statement.chars().any(char::is_alphabetic) && side.is_none() && dimension.is_none() {
        return None;
    }
    Some(Question {
        number,
        side,
        dimension,
        reverse,
        statement,
    })
}

/// The statement as a pairing key: no spaces, punctuation or case.
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// An item found in question text.
pub struct QuestionItem {
    pub id: String,
    pub dimension: &'static str,
    pub label: String,
}

/// Claim the columns whose question text makes them items; set their role,
/// item id and reverse flag. `taken` marks columns already read as items from
/// short headers (E1, 期望1 …). Returns the items in order of first appearance.
pub fn assign(
    table: &Table,
    columns: &mut [Column],
    taken: &[bool],
    used_ids: &[String],
    diags: &mut Diagnostics,
) -> Vec<QuestionItem> {
    let mut found: Vec<(usize, Question)> = Vec::new();
    for (c, header) in table.headers.iter().enumerate() {
        if taken.get(c).copied().unwrap_or(false) {
            continue;
        }
        let label = table.labels.get(c).map(String::as_str).unwrap_or("");
        let text = if label.is_empty() {
            header.as_str()
        } else {
            label
        };
        if let Some(q) = parse(text) {
            found.push((c, q));
        }
    }
    let any_side = found.iter().any(|(_, q)| q.side.is_some());
    let mut chosen: Vec<(usize, Role, Question)> = Vec::new();
    if any_side {
        for (c, q) in found {
            if let Some(s) = q.side {
                chosen.push((c, s, q));
            }
        }
    } else {
        // No side markers: a statement asked twice, in two blocks → E then P.
        let mut seen: HashMap<String, Vec<usize>> = crate::common::hash::map();
        for (i, (_, q)) in found.iter().enumerate() {
            if !q.statement.is_empty() {
                seen.entry(key(&q.statement)).or_default().push(i);
            }
        }
        let pairs: Vec<(usize, usize)> = seen
            .values()
            .filter(|v| v.len() == 2)
            .map(|v| (v[0], v[1]))
            .collect();
        let blocks = pairs.len() >= 3 && {
            let last_first = pairs.iter().map(|p| p.0).max().unwrap_or(0);
            let first_second = pairs.iter().map(|p| p.1).min().unwrap_or(0);
            last_first < first_second
        };
        if blocks {
            let mut side_of: HashMap<usize, Role> = crate::common::hash::map();
            for (a, b) in &pairs {
                side_of.insert(*a, Role::Expectation);
                side_of.insert(*b, Role::Perception);
            }
            diags.push(Diagnostic::new(
                "sides_by_order",
                Severity::Warning,
                Text::new(
                    format!("{} asked twice without saying which is the expectation; the first block was taken as expectations and the second as perceptions (the SERVQUAL order). Check the structure.", crate::common::format::count(pairs.len(), "statement is", "statements are")),
                    format!("有 {} 个题项陈述出现两次但未注明期望或感知；已将第一组视为期望、第二组视为感知（SERVQUAL 顺序）。请检查结构。", pairs.len()),
                ),
            ));
            for (i, (c, q)) in found.into_iter().enumerate() {
                if let Some(&s) = side_of.get(&i) {
                    chosen.push((c, s, q));
                }
            }
        } else {
            let dims: Vec<(usize, Question)> = found
                .into_iter()
                .filter(|(_, q)| q.dimension.is_some())
                .collect();
            if dims.len() >= 2 {
                diags.push(Diagnostic::new(
                    "sides_assumed_perception",
                    Severity::Info,
                    Text::new(
                        format!("{} a dimension but not whether {} expectations or perceptions; taken as perceptions (a SERVPERF survey). Check the structure.", crate::common::format::count(dims.len(), "question names", "questions name"), if dims.len() == 1 { "it asks" } else { "they ask" }),
                        format!("有 {} 道题注明了维度但未注明期望或感知；已视为感知题（SERVPERF 问卷）。请检查结构。", dims.len()),
                    ),
                ));
                for (c, q) in dims {
                    chosen.push((c, Role::Perception, q));
                }
            }
        }
    }
    if chosen.is_empty() {
        return Vec::new();
    }

    // Pair sides by statement; if no statement is shared, by order within side.
    let side_keys = |role: Role| -> Vec<String> {
        chosen
            .iter()
            .filter(|x| x.1 == role)
            .map(|x| key(&x.2.statement))
            .collect()
    };
    let (ek, pk) = (side_keys(Role::Expectation), side_keys(Role::Perception));
    let by_order = !ek.is_empty()
        && ek.len() == pk.len()
        && !ek.iter().any(|k| !k.is_empty() && pk.contains(k));
    if by_order {
        diags.push(Diagnostic::new(
            "paired_by_order",
            Severity::Info,
            Text::new(
                "Expectation and perception questions are worded differently, so they were paired in order (1st with 1st, …). Check the structure.",
                "期望题与感知题措辞不同，已按顺序配对（第 1 题对第 1 题……）。请检查结构。",
            ),
        ));
    }
    let mut items: Vec<QuestionItem> = Vec::new();
    let mut by_key: HashMap<String, usize> = crate::common::hash::map();
    let mut side_count: HashMap<Role, usize> = crate::common::hash::map();
    let mut next_id = 1usize;
    for (c, role, q) in &chosen {
        let nth = side_count.entry(*role).or_insert(0);
        let k = if by_order {
            format!("#{nth}")
        } else if q.statement.is_empty() {
            format!("#n{}", q.number.unwrap_or(*c))
        } else {
            key(&q.statement)
        };
        *nth += 1;
        let idx = match by_key.get(&k) {
            Some(&i) => i,
            None => {
                let mut id = format!("Q{next_id}");
                while used_ids.contains(&id) {
                    next_id += 1;
                    id = format!("Q{next_id}");
                }
                next_id += 1;
                items.push(QuestionItem {
                    id,
                    dimension: q.dimension.unwrap_or("other"),
                    label: if q.statement.is_empty() {
                        table.headers.get(*c).cloned().unwrap_or_default()
                    } else {
                        q.statement.clone()
                    },
                });
                by_key.insert(k, items.len() - 1);
                items.len() - 1
            }
        };
        let item = &mut items[idx];
        if item.dimension == "other" {
            if let Some(d) = q.dimension {
                item.dimension = d;
            }
        }
        if let Some(col) = columns.get_mut(*c) {
            col.role = *role;
            col.item = Some(item.id.clone());
            col.dimension = None;
            col.reverse = q.reverse;
        }
    }
    // Exactly 22 unplaced items: the standard SERVQUAL order.
    if items.len() == 22 && items.iter().all(|i| i.dimension == "other") {
        for (n, it) in items.iter_mut().enumerate() {
            it.dimension = config::servqual_dimension_of(n + 1).unwrap_or("other");
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    type Parsed = (Option<usize>, Option<Role>, Option<&'static str>, String);

    fn q(text: &str) -> Option<Parsed> {
        parse(text).map(|q| (q.number, q.side, q.dimension, q.statement))
    }

    #[test]
    fn wenjuanxing_headers() {
        assert_eq!(
            q("5、(可靠性)银行能按承诺时间提供服务"),
            Some((
                Some(5),
                None,
                Some("reliability"),
                "银行能按承诺时间提供服务".into()
            ))
        );
        assert_eq!(
            q("5.（期望）银行能按承诺时间提供服务"),
            Some((
                Some(5),
                Some(Role::Expectation),
                None,
                "银行能按承诺时间提供服务".into()
            ))
        );
        assert_eq!(
            q("12、【感知】【响应性】员工能迅速回应您的需求"),
            Some((
                Some(12),
                Some(Role::Perception),
                Some("responsiveness"),
                "员工能迅速回应您的需求".into()
            ))
        );
        assert_eq!(
            q("6、您对理想银行的期望—网点环境整洁"),
            Some((
                Some(6),
                Some(Role::Expectation),
                None,
                "网点环境整洁".into()
            ))
        );
        assert_eq!(
            q("第8题(服务态度)"),
            Some((Some(8), None, None, "服务态度".into()))
        );
        let r = parse("9、(反向)(感知)员工有时不耐烦").map(|q| q.reverse);
        assert_eq!(r, Some(true));
    }

    #[test]
    fn english_platform_text() {
        assert_eq!(
            q("Expectations - Excellent banks will have modern-looking equipment."),
            Some((
                None,
                Some(Role::Expectation),
                None,
                "Excellent banks will have modern-looking equipment".into()
            ))
        );
        assert_eq!(
            q("Your perceptions of XYZ Bank — XYZ has modern-looking equipment"),
            Some((
                None,
                Some(Role::Perception),
                None,
                "XYZ has modern-looking equipment".into()
            ))
        );
    }

    #[test]
    fn not_questions() {
        assert_eq!(q("Q1_1"), None);
        assert_eq!(q("id"), None);
        assert_eq!(q("3.5"), None);
        assert_eq!(q("2024"), None);
    }
}
