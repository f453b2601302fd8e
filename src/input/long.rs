//! Long (tidy) layout: one row per answer — respondent, item, type (E/P, 期望/
//! 感知), value — pivoted into the wide table of one row per respondent, with a
//! message saying so. Repeated answers (same respondent, item and type) keep
//! the first and are reported; other columns that are constant per respondent
//! (branch, wave) are carried along.

use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::common::hash::Map as HashMap;
use crate::input::table::Table;

const RESPONDENT: [&str; 10] = [
    "respondent",
    "respondent_id",
    "resp_id",
    "id",
    "受访者",
    "受访者编号",
    "编号",
    "序号",
    "答卷编号",
    "样本编号",
];
const ITEM: [&str; 9] = [
    "item", "question", "variable", "题项", "题目", "指标", "题号", "问题", "项目",
];
const TYPE: [&str; 9] = [
    "type",
    "side",
    "kind",
    "measure",
    "类型",
    "类别",
    "维度类型",
    "e/p",
    "测量",
];
const VALUE: [&str; 11] = [
    "value", "score", "answer", "rating", "response", "分值", "得分", "评分", "值", "分数", "答案",
];

fn find(headers: &[String], names: &[&str]) -> Option<usize> {
    headers
        .iter()
        .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
}

/// The side word a type cell stands for, in the form the header detection reads.
fn side_word(t: &str) -> Option<&'static str> {
    let l = t.trim().to_ascii_lowercase();
    match l.as_str() {
        "e" | "exp" | "expect" | "expected" | "expectation" | "expectations" | "期望"
        | "期望值" | "预期" => Some("期望"),
        "p" | "perc" | "perceived" | "perception" | "perceptions" | "performance" | "感知"
        | "感知值" | "实际" | "实际感受" | "感受" => Some("感知"),
        "i" | "imp" | "importance" | "重要性" | "重要程度" => Some("重要性"),
        _ => None,
    }
}

/// The columns of a long table: (respondent, item, type, value).
pub fn columns(table: &Table) -> Option<(usize, usize, Option<usize>, usize)> {
    let h = &table.headers;
    let resp = find(h, &RESPONDENT)?;
    let item = find(h, &ITEM)?;
    let value = find(h, &VALUE)?;
    let ty = find(h, &TYPE);
    if table.width() > 8 {
        return None;
    }
    // Long data repeat each respondent over many rows.
    let mut seen: HashMap<&str, usize> = crate::common::hash::map();
    for r in 0..table.rows().min(2000) {
        *seen.entry(table.cell(r, resp)).or_insert(0) += 1;
    }
    let repeats = seen.values().filter(|&&n| n >= 2).count();
    (repeats * 2 >= seen.len() && !seen.is_empty()).then_some((resp, item, ty, value))
}

/// Pivot a long table to wide. `None` when it is not long.
pub fn pivot(table: &Table, diags: &mut Diagnostics) -> Option<Table> {
    let (resp, item, ty, value) = columns(table)?;
    let extra: Vec<usize> = (0..table.width())
        .filter(|c| ![Some(resp), Some(item), ty, Some(value)].contains(&Some(*c)))
        .collect();
    let mut respondents: Vec<(String, usize)> = Vec::new(); // id, first line
    let mut index: HashMap<String, usize> = crate::common::hash::map();
    let mut headers: Vec<String> = Vec::new();
    let mut header_index: HashMap<String, usize> = crate::common::hash::map();
    let mut cells: HashMap<(usize, usize), (String, usize)> = crate::common::hash::map(); // value, line
    let mut extras: Vec<Vec<String>> = Vec::new();
    let mut duplicates = 0usize;
    let mut unknown_types = 0usize;
    let mut no_item = 0usize;
    for r in 0..table.rows() {
        let line = table.line_of(r);
        let id = table.cell(r, resp).to_string();
        let it = table.cell(r, item).trim();
        if it.is_empty() {
            no_item += 1;
            continue;
        }
        let header = match ty {
            Some(t) => match side_word(table.cell(r, t)) {
                Some(w) => format!("{w}—{it}"),
                None => {
                    unknown_types += 1;
                    continue;
                }
            },
            None => it.to_string(),
        };
        let ri = *index.entry(id.clone()).or_insert_with(|| {
            respondents.push((id.clone(), line));
            extras.push(
                extra
                    .iter()
                    .map(|&c| table.cell(r, c).to_string())
                    .collect(),
            );
            respondents.len() - 1
        });
        let hi = *header_index.entry(header.clone()).or_insert_with(|| {
            headers.push(header.clone());
            headers.len() - 1
        });
        if let Some((_, first)) = cells.get(&(ri, hi)) {
            duplicates += 1;
            if diags.wants_detail("long_duplicate") {
                diags.push(
                    Diagnostic::new(
                        "long_duplicate",
                        Severity::Warning,
                        Text::new(
                            format!("Row {line} repeats the answer of respondent \"{id}\" to \"{header}\" already given on row {first}; the first is kept."),
                            format!("第 {line} 行重复了受访者“{id}”对“{header}”的回答（已在第 {first} 行给出）；保留第一次的回答。"),
                        ),
                    )
                    .at_row(line),
                );
            } else {
                diags.bump("long_duplicate");
            }
            continue;
        }
        cells.insert((ri, hi), (table.cell(r, value).to_string(), line));
    }
    if no_item > 0 {
        let name = table.headers.get(item).cloned().unwrap_or_default();
        diags.push(Diagnostic::new(
            "long_no_item",
            Severity::Warning,
            Text::new(
                format!(
                    "{} no \"{name}\"; {} ignored.",
                    crate::common::format::count(no_item, "row has", "rows have"),
                    if no_item == 1 { "it is" } else { "they are" }
                ),
                format!("有 {no_item} 行缺少“{name}”；已忽略。"),
            ),
        ));
    }
    if unknown_types > 0 {
        let name = ty
            .and_then(|t| table.headers.get(t))
            .cloned()
            .unwrap_or_default();
        diags.push(Diagnostic::new(
            "long_unknown_type",
            Severity::Warning,
            Text::new(
                format!("{} a value in \"{name}\" that is not expectation/perception/importance (E, P, I, 期望, 感知, 重要性); {} ignored.", crate::common::format::count(unknown_types, "row has", "rows have"), if unknown_types == 1 { "it is" } else { "they are" }),
                format!("有 {unknown_types} 行的“{name}”既不是期望、感知也不是重要性（E、P、I、期望、感知、重要性）；已忽略。"),
            ),
        ));
    }
    let mut wide_headers = vec![table.headers.get(resp).cloned().unwrap_or_default()];
    wide_headers.extend(extra.iter().filter_map(|&c| table.headers.get(c).cloned()));
    wide_headers.extend(headers.iter().cloned());
    let rows: Vec<Vec<String>> = respondents
        .iter()
        .enumerate()
        .map(|(ri, (id, _))| {
            let mut row = vec![id.clone()];
            row.extend(extras[ri].iter().cloned());
            row.extend((0..headers.len()).map(|hi| {
                cells
                    .get(&(ri, hi))
                    .map(|c| c.0.clone())
                    .unwrap_or_default()
            }));
            row
        })
        .collect();
    let mut wide = Table::from_rows(wide_headers, rows);
    wide.row_lines = respondents.iter().map(|r| r.1).collect();
    diags.push(Diagnostic::new(
        "pivoted_long",
        Severity::Info,
        Text::new(
            format!(
                "The data are in long layout (one row per answer); they were pivoted to {} × {}.{}",
                crate::common::format::count(respondents.len(), "respondent", "respondents"),
                crate::common::format::count(headers.len(), "answer column", "answer columns"),
                if duplicates > 0 {
                    format!(
                        " {} dropped (see the warnings).",
                        crate::common::format::count(
                            duplicates,
                            "repeated answer was",
                            "repeated answers were"
                        )
                    )
                } else {
                    String::new()
                }
            ),
            format!(
                "数据为长格式（每行一个回答），已转换为 {} 位受访者 × {} 个答题列。{}",
                respondents.len(),
                headers.len(),
                if duplicates > 0 {
                    format!("{duplicates} 个重复回答已舍弃（见警告）。")
                } else {
                    String::new()
                }
            ),
        ),
    ));
    Some(wide)
}
