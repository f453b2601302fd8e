//! Answers written as text labels ("非常同意", "Strongly agree", "1 非常不满意")
//! → scale values, through a label map the user can edit (`labels` in the
//! survey configuration). Without one, the built-in 5- and 7-point sets in
//! Chinese and English are matched against the labels found in the data, and
//! the sets used are written into the configuration so the user sees them.
//!
//! A cell that starts with a number followed by text ("1 非常不满意", "5=非常满意",
//! "(5) Strongly agree", "4分") is that number: the leading number wins.

use crate::config::{Column, Role, SurveyConfig};
use crate::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::table::Table;

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One label and the scale value it stands for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Label {
    pub label: String,
    pub value: f64,
}

/// Accepts the list form `[{"label": "非常同意", "value": 5}]` and the map form
/// `{"非常同意": 5}` when reading a configuration.
pub fn deserialize_labels<'de, D>(d: D) -> Result<Vec<Label>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        List(Vec<Label>),
        Map(BTreeMap<String, f64>),
    }
    Ok(match Repr::deserialize(d)? {
        Repr::List(l) => l,
        Repr::Map(m) => m
            .into_iter()
            .map(|(label, value)| Label { label, value })
            .collect(),
    })
}

/// A built-in label set: name, number of points, labels (variants included).
pub struct LabelSet {
    pub name: &'static str,
    pub points: u32,
    pub labels: &'static [(&'static str, f64)],
}

/// The built-in sets. Five-point sets carry the common variants ("比较同意" =
/// 4); seven-point sets only their canonical seven, so a 5-point survey is read
/// as 5-point unless it uses labels only the 7-point set has.
pub const BUILTIN: [LabelSet; 10] = [
    LabelSet {
        name: "zh_agree_5",
        points: 5,
        labels: &[
            ("非常同意", 5.0),
            ("完全同意", 5.0),
            ("很同意", 5.0),
            ("同意", 4.0),
            ("比较同意", 4.0),
            ("基本同意", 4.0),
            ("一般", 3.0),
            ("中立", 3.0),
            ("说不清", 3.0),
            ("不确定", 3.0),
            ("不同意", 2.0),
            ("比较不同意", 2.0),
            ("不太同意", 2.0),
            ("非常不同意", 1.0),
            ("完全不同意", 1.0),
            ("很不同意", 1.0),
        ],
    },
    LabelSet {
        name: "zh_satisfied_5",
        points: 5,
        labels: &[
            ("非常满意", 5.0),
            ("很满意", 5.0),
            ("满意", 4.0),
            ("比较满意", 4.0),
            ("一般", 3.0),
            ("不满意", 2.0),
            ("比较不满意", 2.0),
            ("不太满意", 2.0),
            ("非常不满意", 1.0),
            ("很不满意", 1.0),
        ],
    },
    LabelSet {
        name: "zh_fit_5",
        points: 5,
        labels: &[
            ("非常符合", 5.0),
            ("完全符合", 5.0),
            ("符合", 4.0),
            ("比较符合", 4.0),
            ("一般", 3.0),
            ("不符合", 2.0),
            ("比较不符合", 2.0),
            ("不太符合", 2.0),
            ("非常不符合", 1.0),
            ("完全不符合", 1.0),
        ],
    },
    LabelSet {
        name: "zh_important_5",
        points: 5,
        labels: &[
            ("非常重要", 5.0),
            ("重要", 4.0),
            ("比较重要", 4.0),
            ("一般", 3.0),
            ("不重要", 2.0),
            ("不太重要", 2.0),
            ("非常不重要", 1.0),
            ("完全不重要", 1.0),
        ],
    },
    LabelSet {
        name: "zh_agree_7",
        points: 7,
        labels: &[
            ("非常同意", 7.0),
            ("同意", 6.0),
            ("比较同意", 5.0),
            ("一般", 4.0),
            ("比较不同意", 3.0),
            ("不同意", 2.0),
            ("非常不同意", 1.0),
        ],
    },
    LabelSet {
        name: "zh_satisfied_7",
        points: 7,
        labels: &[
            ("非常满意", 7.0),
            ("满意", 6.0),
            ("比较满意", 5.0),
            ("一般", 4.0),
            ("比较不满意", 3.0),
            ("不满意", 2.0),
            ("非常不满意", 1.0),
        ],
    },
    LabelSet {
        name: "en_agree_5",
        points: 5,
        labels: &[
            ("strongly agree", 5.0),
            ("agree", 4.0),
            ("somewhat agree", 4.0),
            ("neither agree nor disagree", 3.0),
            ("neutral", 3.0),
            ("undecided", 3.0),
            ("disagree", 2.0),
            ("somewhat disagree", 2.0),
            ("strongly disagree", 1.0),
        ],
    },
    LabelSet {
        name: "en_satisfied_5",
        points: 5,
        labels: &[
            ("very satisfied", 5.0),
            ("extremely satisfied", 5.0),
            ("satisfied", 4.0),
            ("somewhat satisfied", 4.0),
            ("neither satisfied nor dissatisfied", 3.0),
            ("neutral", 3.0),
            ("dissatisfied", 2.0),
            ("somewhat dissatisfied", 2.0),
            ("very dissatisfied", 1.0),
            ("extremely dissatisfied", 1.0),
        ],
    },
    LabelSet {
        name: "en_agree_7",
        points: 7,
        labels: &[
            ("strongly agree", 7.0),
            ("agree", 6.0),
            ("somewhat agree", 5.0),
            ("neither agree nor disagree", 4.0),
            ("somewhat disagree", 3.0),
            ("disagree", 2.0),
            ("strongly disagree", 1.0),
        ],
    },
    LabelSet {
        name: "en_satisfied_7",
        points: 7,
        labels: &[
            ("very satisfied", 7.0),
            ("satisfied", 6.0),
            ("somewhat satisfied", 5.0),
            ("neither satisfied nor dissatisfied", 4.0),
            ("somewhat dissatisfied", 3.0),
            ("dissatisfied", 2.0),
            ("very dissatisfied", 1.0),
        ],
    },
];

/// A label as a lookup key: full-width folded, lower-case, no spaces, without
/// an option letter ("A. 非常满意", "B、同意").
pub fn normalise(s: &str) -> String {
    let folded: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect();
    let t = folded.trim();
    let mut chars = t.chars();
    let stripped = match (chars.next(), chars.next()) {
        (Some(l), Some(sep)) if l.is_ascii_alphabetic() && ".、)".contains(sep) => chars.as_str(),
        _ => t,
    };
    stripped
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// "1 非常不满意", "5=非常满意", "(5) Strongly agree", "4分" → the number.
pub fn leading_number(s: &str) -> Option<f64> {
    let t = s.trim();
    let t = t.strip_prefix(['(', '（', '[']).unwrap_or(t);
    let num: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    if num.is_empty() || num == "-" {
        return None;
    }
    let rest = &t[num.len()..];
    if !rest.chars().any(char::is_alphabetic) {
        return None; // "5" alone is a plain number; "5-7" a range
    }
    let first = rest.chars().next()?;
    let separated = first.is_whitespace()
        || "=:：、.)）]-—_(（".contains(first)
        || (first.is_alphabetic() && !first.is_ascii());
    if !separated {
        return None; // "5th", "3x"
    }
    num.parse::<f64>().ok().filter(|x| x.is_finite())
}

fn numeric_role(role: Role) -> bool {
    matches!(
        role,
        Role::Expectation
            | Role::Perception
            | Role::Importance
            | Role::Overall
            | Role::Effort
            | Role::Recommend
    )
}

/// The table columns that hold answers a label can stand for (numeric roles).
pub fn label_columns(table: &Table, columns: &[Column]) -> Vec<usize> {
    let index: HashMap<&str, usize> = table
        .headers
        .iter()
        .enumerate()
        .rev()
        .map(|(i, h)| (h.as_str(), i))
        .collect();
    columns
        .iter()
        .filter(|c| numeric_role(c.role))
        .filter_map(|c| index.get(c.name.as_str()).copied())
        .collect()
}

/// Choose built-in sets for the text answers found in the label columns
/// (`cells`: [`Numbers::text_cells`](super::numbers::Numbers::text_cells) of
/// the [`label_columns`]): greedily the set covering most of the labels
/// not yet covered (ties: fewer points), until no set covers any. Returns the
/// map and the largest scale.
pub fn choose(table: &Table, cells: &[(usize, usize)]) -> (Vec<Label>, u32) {
    let mut observed: HashMap<String, usize> = HashMap::new();
    for &(r, c) in cells {
        let raw = table.cell(r, c);
        if leading_number(raw).is_none() {
            *observed.entry(normalise(raw)).or_insert(0) += 1;
        }
    }
    let mut labels: Vec<Label> = Vec::new();
    let mut points = 0;
    let mut remaining: Vec<String> = observed.into_keys().collect();
    loop {
        let best = BUILTIN
            .iter()
            .map(|set| {
                let covered = remaining
                    .iter()
                    .filter(|o| set.labels.iter().any(|(l, _)| normalise(l) == **o))
                    .count();
                (covered, set)
            })
            .filter(|(c, _)| *c > 0)
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.points.cmp(&a.1.points)));
        let Some((_, set)) = best else { break };
        points = points.max(set.points);
        for (l, v) in set.labels {
            if !labels.iter().any(|x| normalise(&x.label) == normalise(l)) {
                labels.push(Label {
                    label: (*l).to_string(),
                    value: *v,
                });
            }
        }
        remaining.retain(|o| !set.labels.iter().any(|(l, _)| normalise(l) == *o));
    }
    (labels, points)
}

/// Replace labels in the numeric columns by their values (and leading-number
/// cells by their number). Labels not in the map are left as they are — they
/// become non-numeric answers — and reported once per distinct label with
/// where they occur. `cells` are the non-numeric cells of the configuration's
/// [`label_columns`]. Returns `None` when no cell needed mapping.
pub fn apply(
    table: &Table,
    config: &SurveyConfig,
    cells: &[(usize, usize)],
    diags: &mut Diagnostics,
) -> Option<Table> {
    let map: HashMap<String, f64> = config
        .labels
        .iter()
        .map(|l| (normalise(&l.label), l.value))
        .collect();
    let mut changed = 0usize;
    // Unmapped label → (count, first row, first column)
    let mut unmapped: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut mapped_cells: HashMap<(usize, usize), String> = HashMap::new();
    // Column by column, as the table is stored and as the messages were ordered.
    let mut cells = cells.to_vec();
    crate::order::sort_by_key(&mut cells, |&(r, c)| (c, r));
    for (r, c) in cells {
        let raw = table.cell(r, c);
        let v = leading_number(raw).or_else(|| map.get(&normalise(raw)).copied());
        match v {
            Some(v) => {
                mapped_cells.insert((r, c), crate::input::number_text(v));
                changed += 1;
            }
            None => {
                let e = unmapped
                    .entry(raw.trim().to_string())
                    .or_insert((0, table.line_of(r), c));
                e.0 += 1;
            }
        }
    }
    // Only columns that are mostly labels count as label columns for the
    // unmapped report; a stray "n/a" in a numeric column is non_numeric as usual.
    if changed == 0 {
        return None;
    }
    for (label, (count, row, col)) in &unmapped {
        let name = table.headers.get(*col).map(String::as_str).unwrap_or("");
        diags.push(
            Diagnostic::new(
                "unmapped_label",
                Severity::Warning,
                Text::new(
                    format!("The answer \"{label}\" ({count} cells, first at row {row}, column {} \"{name}\") is not in the label map; add it to the map, or it is treated as missing.", col + 1),
                    format!("答案“{label}”（共 {count} 个单元格，首次出现在第 {row} 行第 {} 列“{name}”）不在标签映射中；请加入映射，否则按缺失处理。", col + 1),
                ),
            )
            .at_row(*row)
            .at_column(col + 1, name)
            .with_value(label),
        );
    }
    diags.push(Diagnostic::new(
        "labels_mapped",
        Severity::Info,
        Text::new(
            format!("{changed} answers written as text labels were read as scale values through the label map (see \"labels\" in the structure)."),
            format!("{changed} 个以文字标签填写的答案已按标签映射转换为量表分值（见结构中的“labels”）。"),
        ),
    ));
    Some(table.map_cells(|r, c, _| mapped_cells.get(&(r, c)).cloned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_numbers() {
        assert_eq!(leading_number("1 非常不满意"), Some(1.0));
        assert_eq!(leading_number("5=非常满意"), Some(5.0));
        assert_eq!(leading_number("(5) Strongly agree"), Some(5.0));
        assert_eq!(leading_number("4分"), Some(4.0));
        assert_eq!(leading_number("7（非常同意）"), Some(7.0));
        assert_eq!(leading_number("5"), None);
        assert_eq!(leading_number("5th"), None);
        assert_eq!(leading_number("非常满意"), None);
    }

    #[test]
    fn normalising() {
        assert_eq!(normalise(" Strongly  Agree "), "stronglyagree");
        assert_eq!(normalise("A. 非常满意"), "非常满意");
        assert_eq!(normalise("Ｂ、同意"), "同意");
    }
}
