//! Answers written as text labels ("非常同意", "Strongly agree", "1 非常不满意")
//! → scale values, through a label map the user can edit (`labels` in the
//! survey configuration). Without one, the built-in 5- and 7-point sets in
//! Chinese and English are matched against the labels found in the data, and
//! the sets used are written into the configuration so the user sees them.
//!
//! A cell that starts with a number followed by text ("1 非常不满意", "5=非常满意",
//! "(5) Strongly agree", "4分") is that number: the leading number wins.

use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::input::table::Table;
use crate::model::config::{Column, Role, SurveyConfig};

use crate::common::hash::Map as HashMap;

pub use crate::model::config::{deserialize_labels, Label};

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

/// A configuration's label sets as lookups for reading cells one at a time
/// (the one-pass reader and the quality tally): a column's own labels, else
/// the shared ones. A cell is a label's value when it starts with a number
/// ("5 非常满意") or is one of the labels, as [`apply`] maps a table.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct LabelMaps {
    maps: Vec<HashMap<String, f64>>,
    shared: Option<usize>,
}

impl LabelMaps {
    pub fn new(config: &SurveyConfig) -> LabelMaps {
        let mut maps = LabelMaps {
            maps: Vec::new(),
            shared: None,
        };
        if !config.labels.is_empty() {
            maps.shared = Some(maps.push(&config.labels));
        }
        maps
    }

    fn push(&mut self, labels: &[Label]) -> usize {
        self.maps.push(
            labels
                .iter()
                .map(|l| (normalise(&l.label), l.value))
                .collect(),
        );
        self.maps.len() - 1
    }

    /// The map column `c` reads its labels with (`None`: it has none).
    pub fn of(&mut self, c: &Column) -> Option<usize> {
        if c.labels.is_empty() {
            self.shared
        } else {
            Some(self.push(&c.labels))
        }
    }

    /// The value of a cell that is not a number, through map `map`.
    #[inline]
    pub fn value(&self, map: Option<usize>, raw: &str) -> Option<f64> {
        let map = self.maps.get(map?)?;
        leading_number(raw).or_else(|| map.get(&normalise(raw)).copied())
    }
}

/// Whether a column of this role holds answers a label can stand for.
pub fn numeric_role(role: Role) -> bool {
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
    let index = header_index(table);
    columns
        .iter()
        .filter(|c| numeric_role(c.role))
        .filter_map(|c| index.get(c.name.as_str()).copied())
        .collect()
}

fn header_index(table: &Table) -> HashMap<&str, usize> {
    crate::common::hash::first_index(table.headers.iter().map(String::as_str))
}

/// Which columns share one answer scale, and so one label map: all item
/// columns (expectation, perception, importance) are group 0; every other
/// answer column (overall, effort, recommend) is a group of its own, since it
/// may use another label set (a 5-point satisfaction question under 7-point
/// agreement items).
pub fn groups(table: &Table, columns: &[Column]) -> Vec<usize> {
    let index = header_index(table);
    let mut out: Vec<usize> = (1..=table.width()).collect();
    for c in columns.iter().filter(|c| {
        matches!(
            c.role,
            Role::Expectation | Role::Perception | Role::Importance
        )
    }) {
        if let Some(slot) = index.get(c.name.as_str()).and_then(|&i| out.get_mut(i)) {
            *slot = 0;
        }
    }
    out
}

/// What [`choose`] found: the map for the survey and, for columns whose labels
/// mean other values (see [`groups`]), a map of their own.
#[derive(Debug, Clone, Default)]
pub struct Chosen {
    pub labels: Vec<Label>,
    /// Points of the set chosen for the item columns (0 when none).
    pub points: u32,
    /// Column index → its own map and points.
    pub columns: Vec<(usize, Vec<Label>, u32)>,
}

/// The distinct labels of each group among `cells`, in first-seen order, the
/// item columns' group (0) first. Plain vectors: a survey has a
/// handful of label columns and labels (and each map type costs wasm size).
fn observed(
    table: &Table,
    cells: &[(usize, usize)],
    group_of: &[usize],
    known: &HashMap<String, f64>,
) -> Vec<(usize, Vec<String>)> {
    let mut out: Vec<(usize, Vec<String>)> = Vec::new();
    for &(r, c) in cells {
        let raw = table.cell(r, c);
        if leading_number(raw).is_some() {
            continue;
        }
        // Only labels of a built-in set can decide which set: a free-text
        // column's million distinct comments must cost no more than one pass.
        let key = normalise(raw);
        if !known.contains_key(&key) {
            continue;
        }
        let g = group_of.get(c).copied().unwrap_or(c + 1);
        let slot = group_slot(&mut out, g);
        if !slot.contains(&key) {
            slot.push(key);
        }
    }
    // The item columns' group first: its set becomes the survey's map.
    if let Some(i) = out.iter().position(|(g, _)| *g == 0) {
        let items = out.remove(i);
        out.insert(0, items);
    }
    out
}

/// How well a set fits a group's labels: its points agree with the sets
/// already chosen, labels covered, distinct values among them, fewer points.
type SetScore = (bool, usize, usize, std::cmp::Reverse<u32>);

/// The list kept for group `g` (made when it is first needed).
fn group_slot<T>(groups: &mut Vec<(usize, Vec<T>)>, g: usize) -> &mut Vec<T> {
    let i = match groups.iter().position(|(x, _)| *x == g) {
        Some(i) => i,
        None => {
            groups.push((g, Vec::new()));
            groups.len() - 1
        }
    };
    &mut groups[i].1
}

/// The built-in sets with their labels normalised once.
type NormalSets = Vec<(&'static LabelSet, Vec<(String, f64)>)>;

fn normal_sets() -> NormalSets {
    BUILTIN
        .iter()
        .map(|set| {
            let labels = set.labels.iter().map(|(l, v)| (normalise(l), *v)).collect();
            (set, labels)
        })
        .collect()
}

/// The built-in sets for one group's labels: greedily the set covering most of
/// the labels not yet covered; among those covering as many, the one that keeps
/// most of them apart (seven labels need the 7-point set, not the 5-point one
/// that reads 比较同意 and 同意 both as 4), then the one with fewer points. After
/// the first set, sets with its number of points come first (one scale).
fn choose_group(observed: &[String], sets: &NormalSets) -> (Vec<Label>, u32) {
    let mut labels: Vec<Label> = Vec::new();
    let mut points = 0;
    let mut remaining: Vec<&String> = observed.iter().collect();
    loop {
        // (covered, same points, distinct values) of each set; the best one's index.
        let mut best: Option<(usize, SetScore)> = None;
        for (i, (set, norm)) in sets.iter().enumerate() {
            let mut values: Vec<u64> = Vec::new();
            let mut covered = 0usize;
            for o in &remaining {
                if let Some((_, v)) = norm.iter().find(|(l, _)| l == *o) {
                    covered += 1;
                    if !values.contains(&v.to_bits()) {
                        values.push(v.to_bits());
                    }
                }
            }
            if covered == 0 {
                continue;
            }
            let same_points = points == 0 || set.points == points;
            let key = (
                same_points,
                covered,
                values.len(),
                std::cmp::Reverse(set.points),
            );
            // Among equals the last, as the max_by it replaces chose.
            if best.as_ref().is_none_or(|(_, k)| key >= *k) {
                best = Some((i, key));
            }
        }
        let Some((set, norm)) = best.and_then(|(i, _)| sets.get(i)) else {
            break;
        };
        if points == 0 {
            points = set.points;
        }
        for ((l, v), (n, _)) in set.labels.iter().zip(norm.iter()) {
            if !labels.iter().any(|x| normalise(&x.label) == *n) {
                labels.push(Label {
                    label: (*l).to_string(),
                    value: *v,
                });
            }
        }
        remaining.retain(|o| !norm.iter().any(|(l, _)| l == *o));
    }
    (labels, points)
}

/// Choose built-in sets for the text answers found in the label columns
/// (`cells`: [`Numbers::text_cells`](super::numbers::Numbers::text_cells) of
/// the [`label_columns`]), group by group ([`groups`]): the item columns'
/// map becomes the survey's; another group's labels join it when they mean the
/// same values there, and get a map of their own otherwise.
pub fn choose(table: &Table, cells: &[(usize, usize)], group_of: &[usize]) -> Chosen {
    let mut out = Chosen::default();
    let sets = normal_sets();
    let known: HashMap<String, f64> = sets.iter().flat_map(|(_, n)| n.iter().cloned()).collect();
    let observed = observed(table, cells, group_of, &known);
    let mut global: HashMap<String, f64> = crate::common::hash::map();
    for (g, seen) in &observed {
        let (set, points) = choose_group(seen, &sets);
        if set.is_empty() {
            continue;
        }
        let map: HashMap<String, f64> =
            set.iter().map(|l| (normalise(&l.label), l.value)).collect();
        let agrees = seen.iter().all(|o| match (global.get(o), map.get(o)) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        });
        if *g == 0 {
            out.points = points;
        }
        let own = *g != 0 && !out.labels.is_empty() && !agrees;
        let kept = if own {
            set
        } else {
            for l in set {
                if global.insert(normalise(&l.label), l.value).is_none() {
                    out.labels.push(l);
                }
            }
            Vec::new()
        };
        if *g != 0 {
            // The column's points decide its scale, whichever map it reads with.
            out.columns.push((*g - 1, kept, points));
        }
    }
    out
}

/// Replace labels in the numeric columns by their values (and leading-number
/// cells by their number). Labels not in the map are left as they are — they
/// become non-numeric answers — and reported once per distinct label with
/// where they occur. `cells` are the non-numeric cells of the configuration's
/// [`label_columns`]. A column's own map (`labels` on the column) comes before
/// the survey's. Different labels read as one value are reported (never folded
/// in silence). Returns `None` when no cell needed mapping.
pub fn apply(
    table: &Table,
    config: &SurveyConfig,
    cells: &[(usize, usize)],
    diags: &mut Diagnostics,
) -> Option<Table> {
    let key_map = |labels: &[Label]| -> HashMap<String, f64> {
        labels
            .iter()
            .map(|l| (normalise(&l.label), l.value))
            .collect()
    };
    let map = key_map(&config.labels);
    let index = header_index(table);
    let own: Vec<(usize, HashMap<String, f64>)> = config
        .columns
        .iter()
        .filter(|c| !c.labels.is_empty())
        .filter_map(|c| Some((*index.get(c.name.as_str())?, key_map(&c.labels))))
        .collect();
    let group_of = groups(table, &config.columns);
    let mut changed = 0usize;
    // Unmapped label → (count, first row, first column)
    let mut unmapped: std::collections::BTreeMap<String, (usize, usize, usize)> =
        Default::default();
    // Per group: (label, value, first column), for the folding check.
    let mut read_as: Vec<(usize, Vec<ReadAs>)> = Vec::new();
    let mut mapped_cells: HashMap<(usize, usize), String> = crate::common::hash::map();
    // Column by column, as the table is stored and as the messages were ordered.
    let mut cells = cells.to_vec();
    crate::common::order::sort_by_key(&mut cells, |&(r, c)| (c, r));
    for (r, c) in cells {
        let raw = table.cell(r, c);
        let labels = own.iter().find(|(i, _)| *i == c).map_or(&map, |x| &x.1);
        let v = leading_number(raw).or_else(|| {
            let v = labels.get(&normalise(raw)).copied()?;
            let g = group_of.get(c).copied().unwrap_or(c + 1);
            let found = group_slot(&mut read_as, g);
            let label = raw.trim();
            if !found.iter().any(|(l, _, _)| l == label) {
                found.push((label.to_string(), v, c));
            }
            Some(v)
        });
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
        if !diags.wants_detail("unmapped_label") {
            diags.bump("unmapped_label");
            continue;
        }
        let full = table.headers.get(*col).map(String::as_str).unwrap_or("");
        let (label_full, label) = (label, &crate::common::format::quoted(label, 40));
        let name = &crate::common::format::quoted(full, 60);
        let cells = crate::common::format::count(*count, "cell", "cells");
        diags.push(
            Diagnostic::new(
                "unmapped_label",
                Severity::Warning,
                Text::new(
                    format!("The answer \"{label}\" ({cells}, first at row {row}, column {} \"{name}\") is not in the label map; add it to the map, or it is treated as missing.", col + 1),
                    format!("答案“{label}”（共 {count} 个单元格，首次出现在第 {row} 行第 {} 列“{name}”）不在标签映射中；请加入映射，否则按缺失处理。", col + 1),
                ),
            )
            .at_row(*row)
            .at_column(col + 1, full)
            .with_value(label_full),
        );
    }
    for (_, found) in &read_as {
        folded(table, found, diags);
    }
    diags.push(Diagnostic::new(
        "labels_mapped",
        Severity::Info,
        Text::new(
            format!("{} written as text labels were read as scale values through the label map (see \"labels\" in the structure).", crate::common::format::count(changed, "answer", "answers")),
            format!("{changed} 个以文字标签填写的答案已按标签映射转换为量表分值（见结构中的“labels”）。"),
        ),
    ));
    Some(table.map_cells(|r, c, _| mapped_cells.get(&(r, c)).cloned()))
}

/// A label as read in one group: the label, its value, the first column.
type ReadAs = (String, f64, usize);

/// Different labels of one group read as the same value: a 7-point set read
/// with a 5-point map loses the difference between 比较同意 and 同意. Said as a
/// warning naming every value that several labels share.
fn folded(table: &Table, found: &[ReadAs], diags: &mut Diagnostics) {
    let mut by_value: Vec<(f64, Vec<&str>)> = Vec::new();
    for (label, v, _) in found {
        match by_value.iter_mut().find(|(x, _)| x == v) {
            Some((_, ls)) => ls.push(label),
            None => by_value.push((*v, vec![label])),
        }
    }
    let shared: Vec<(f64, &Vec<&str>)> = by_value
        .iter()
        .filter(|(_, ls)| ls.len() > 1)
        .map(|(v, ls)| (*v, ls))
        .collect();
    if shared.is_empty() {
        return;
    }
    let col = found.iter().map(|(_, _, c)| *c).min().unwrap_or(0);
    let name = table.headers.get(col).map(String::as_str).unwrap_or("");
    let quote = |ls: &[&str], open: &str, close: &str| -> Vec<String> {
        ls.iter().map(|l| format!("{open}{l}{close}")).collect()
    };
    let en: Vec<String> = shared
        .iter()
        .map(|(v, ls)| {
            let names = crate::common::format::list(&quote(ls, "\"", "\""), 8);
            format!("{names} are all {}", crate::common::format::number(*v))
        })
        .collect();
    let zh: Vec<String> = shared
        .iter()
        .map(|(v, ls)| {
            let names = crate::common::format::list_with(&quote(ls, "“", "”"), 8, "、");
            format!("{names}都读作 {}", crate::common::format::number(*v))
        })
        .collect();
    let (en, zh) = (
        crate::common::format::list_with(&en, 6, "; "),
        crate::common::format::list_with(&zh, 6, "；"),
    );
    let (labels, values) = (found.len(), by_value.len());
    diags.push(
        Diagnostic::new(
            "labels_folded",
            Severity::Warning,
            Text::new(
                format!("{labels} different answer labels (in column {} \"{name}\" and the columns read with it) are read as only {values} values: {en}. If the survey has {labels} answer options, give each its own value in the label map (Answers) and set the scale to match.", col + 1),
                format!("{labels} 种不同的答案标签（第 {} 列“{name}”及同组各列）只读作 {values} 个分值：{zh}。如问卷有 {labels} 个选项，请在标签映射（答案）中为每个标签设置不同分值，并相应设置量表。", col + 1),
            ),
        )
        .at_column(col + 1, name),
    );
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
