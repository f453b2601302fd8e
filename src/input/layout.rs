//! Where the table starts and what the rows under the header are, decided from
//! the first rows: title rows above the header are skipped; survey-platform
//! exports are recognised by their header rows (docs/inputs.md):
//!
//! - Qualtrics: row 1 column names, row 2 question text, row 3 `{"ImportId":…}`
//!   (rows 2–3 skipped, row 2 kept as the columns' question text);
//! - SurveyMonkey: question on row 1 (written once over its sub-columns), answer
//!   option or sub-question on row 2: merged into one header per column;
//! - 问卷星 (Wenjuanxing): 序号, 提交答卷时间, 所用时间, 来源, 来源详情, 来自IP;
//! - 腾讯问卷 (Tencent): 编号, 开始答题时间, 结束答题时间, 答题时长 (inferred);
//! - any other file with a two-row header (a blank-spanning group row over a
//!   row of sub-headers, numbers underneath).

use super::InputInfo;
use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::input::value::{self, Cell};

/// A record (row) of the input with its 1-based row number.
pub type Record = (usize, Vec<String>);

/// How many non-blank records the plan is made from.
pub const HEAD_ROWS: usize = 64;
/// The header is looked for among the first this many records.
const HEADER_SEARCH: usize = 30;

/// What to do with the records: which one is the header, what the headers and
/// question texts are, how many records under it to skip.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Index of the header among the non-blank records.
    pub header_index: usize,
    pub headers: Vec<String>,
    pub labels: Vec<String>,
    /// Records right under the header that are not data.
    pub skip_after: usize,
    pub platform: Option<&'static str>,
}

fn non_empty(r: &[String]) -> usize {
    r.iter().filter(|c| !c.trim().is_empty()).count()
}

fn is_text(c: &str) -> bool {
    !c.trim().is_empty() && value::read(c, &[]) == Cell::NotNumber
}

/// The first record that looks like a header: at least two non-empty cells,
/// mostly text, covering at least half the width of the rows under it — or the
/// top row of a two-row header, whose questions are written once over their
/// statements (a SurveyMonkey matrix: 13 filled cells over 55).
fn header_index(head: &[Record]) -> usize {
    for i in 0..head.len().min(HEADER_SEARCH) {
        let row = &head[i].1;
        let filled = non_empty(row);
        let text = row.iter().filter(|c| is_text(c)).count();
        if filled < 2 || text * 2 < filled {
            continue;
        }
        if spans_over_next(head, i) {
            return i;
        }
        let mut below: Vec<usize> = head
            .iter()
            .skip(i + 1)
            .take(10)
            .map(|r| non_empty(&r.1))
            .collect();
        if below.is_empty() {
            return i;
        }
        crate::common::order::sort_by(&mut below, |a, b| a.cmp(b));
        let median = below[below.len() / 2];
        if filled * 2 >= median {
            return i;
        }
    }
    0
}

/// Row `i` is the top of a two-row header: a SurveyMonkey header (Respondent
/// ID and Collector ID over a row of statements or "Response"), or a group row
/// whose blanks the next row fills with text over data ([`two_row_header`]).
fn spans_over_next(head: &[Record], i: usize) -> bool {
    let Some((_, top)) = head.get(i) else {
        return false;
    };
    let Some((_, sub)) = head.get(i + 1) else {
        return false;
    };
    surveymonkey(top, Some(sub)) || two_row_header(head, i)
}

/// SurveyMonkey's header: Respondent ID with Collector ID, or with its
/// "Response" markers on the row under it.
fn surveymonkey(top: &[String], sub: Option<&Vec<String>>) -> bool {
    let marker = |c: &String| {
        let c = c.trim();
        c.eq_ignore_ascii_case("Response") || c.eq_ignore_ascii_case("Open-Ended Response")
    };
    has(top, "Respondent ID")
        && (has(top, "Collector ID") || sub.is_some_and(|s| s.iter().any(marker)))
}

fn has(headers: &[String], name: &str) -> bool {
    headers.iter().any(|h| h.trim().eq_ignore_ascii_case(name))
}

fn is_import_id(c: &str) -> bool {
    let t = c.trim();
    t.starts_with('{') && t.contains("ImportId")
}

/// Make the plan. `header_row` forces the header (1-based row number).
pub fn plan(
    head: &[Record],
    header_row: Option<usize>,
    info: &mut InputInfo,
    diags: &mut Diagnostics,
) -> Plan {
    let header_index = match header_row {
        Some(line) => head.iter().position(|r| r.0 >= line).unwrap_or(0),
        None => header_index(head),
    };
    let Some((header_line, header)) = head.get(header_index) else {
        return Plan::default();
    };
    let mut plan = Plan {
        header_index,
        headers: header.clone(),
        labels: Vec::new(),
        skip_after: 0,
        platform: None,
    };
    info.header_row = Some(*header_line);
    info.skipped_rows = head[..header_index].iter().map(|r| r.0).collect();
    if header_index > 0 {
        let rows = info
            .skipped_rows
            .iter()
            .map(|r| r.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        diags.push(Diagnostic::new(
            "title_rows_skipped",
            Severity::Info,
            Text::new(
                format!("The header was found on row {header_line}; the rows above it ({rows}) look like titles and are skipped. Set the header row if this is wrong."),
                format!("标题行位于第 {header_line} 行；其上方的第 {rows} 行像是标题说明，已跳过。如有误请指定标题行。"),
            ),
        ));
    }
    let next = |k: usize| head.get(header_index + k).map(|r| &r.1);

    // Qualtrics: ImportId JSON on the row under the question-text row (or, in
    // some exports, directly under the header).
    let import_row = [1usize, 2].into_iter().find(|&k| {
        next(k).is_some_and(|r| {
            let n = non_empty(r).max(1);
            r.iter().filter(|c| is_import_id(c)).count() * 2 >= n
        })
    });
    if let Some(k) = import_row {
        plan.platform = Some("qualtrics");
        plan.skip_after = k;
        if k == 2 {
            plan.labels = next(1).cloned().unwrap_or_default();
        }
        note_platform(&plan, header_index, head, info, diags);
        return plan;
    }

    let h = &plan.headers;
    if surveymonkey(h, next(1)) {
        plan.platform = Some("surveymonkey");
        if let Some(sub) = next(1) {
            merge_two_rows(&mut plan, sub);
            plan.skip_after = 1;
        }
    } else if h.iter().any(|x| x.contains("提交答卷时间"))
        && (h.iter().any(|x| x.contains("所用时间")) || h.iter().any(|x| x.contains("来自IP")))
    {
        plan.platform = Some("wenjuanxing");
    } else if h.iter().any(|x| x.contains("答题时长"))
        || (h.iter().any(|x| x.contains("开始答题时间"))
            && h.iter().any(|x| x.contains("结束答题时间")))
    {
        plan.platform = Some("tencent");
    } else if two_row_header(head, header_index) {
        if let Some(sub) = next(1) {
            merge_two_rows(&mut plan, sub);
            plan.skip_after = 1;
            diags.push(Diagnostic::new(
                "two_row_header",
                Severity::Info,
                Text::new(
                    format!("Rows {} and {} together form the header (a group row over sub-headers); they were merged.", header_line, header_line + 1),
                    format!("第 {} 行和第 {} 行共同构成表头（上层分组与下层子标题），已合并。", header_line, header_line + 1),
                ),
            ));
        }
    }
    if plan.platform.is_some() {
        note_platform(&plan, header_index, head, info, diags);
    }
    plan
}

fn note_platform(
    plan: &Plan,
    header_index: usize,
    head: &[Record],
    info: &mut InputInfo,
    diags: &mut Diagnostics,
) {
    let Some(p) = plan.platform else { return };
    info.platform = Some(p.to_string());
    for k in 1..=plan.skip_after {
        if let Some(r) = head.get(header_index + k) {
            info.skipped_rows.push(r.0);
        }
    }
    let (en, zh) = match p {
        "qualtrics" => (
            "Recognised a Qualtrics export: row 2 (question text) is used as the item labels, rows 2–3 are skipped.",
            "识别为 Qualtrics 导出文件：第 2 行（题目文字）用作题项标签，第 2–3 行已跳过。",
        ),
        "surveymonkey" => (
            "Recognised a SurveyMonkey export: the two header rows (question, answer option or sub-question) were merged.",
            "识别为 SurveyMonkey 导出文件：两行表头（题目、选项或子问题）已合并。",
        ),
        "wenjuanxing" => (
            "Recognised a 问卷星 (Wenjuanxing) export: 所用时间 is used for speeders, \"(跳过)\", \"(空)\", -2 and -3 are missing answers.",
            "识别为问卷星导出文件：“所用时间”用于识别过快作答，“(跳过)”“(空)”及 -2、-3 按缺失处理。",
        ),
        _ => (
            "Recognised a 腾讯问卷 (Tencent Wenjuan) export: 答题时长 is used for speeders.",
            "识别为腾讯问卷导出文件：“答题时长”用于识别过快作答。",
        ),
    };
    diags.push(Diagnostic::new(
        "platform_detected",
        Severity::Info,
        Text::new(en, zh),
    ));
}

/// A group row over sub-headers: the header row has blanks that the next row
/// fills with text, and the rows under those are mostly numbers.
fn two_row_header(head: &[Record], header_index: usize) -> bool {
    let (Some(top), Some(sub)) = (head.get(header_index), head.get(header_index + 1)) else {
        return false;
    };
    let (top, sub) = (&top.1, &sub.1);
    // Blank top cells right of a filled one (under a span) that the sub row fills.
    let mut spanned = false;
    let mut filled_gap = 0usize;
    for c in 0..sub.len() {
        let top_blank = top.get(c).is_none_or(|t| t.trim().is_empty());
        if top_blank && spanned && sub.get(c).is_some_and(|s| is_text(s)) {
            filled_gap += 1;
        }
        spanned |= !top_blank;
    }
    if filled_gap == 0 {
        return false;
    }
    let data: Vec<&Record> = head.iter().skip(header_index + 2).take(10).collect();
    if data.is_empty() {
        return false;
    }
    // Sub-header cells sit over numeric data; real data rows would not be all text.
    let sub_text_cols: Vec<usize> = (0..sub.len()).filter(|&c| is_text(&sub[c])).collect();
    let numeric_under = sub_text_cols
        .iter()
        .filter(|&&c| {
            data.iter()
                .filter(|r| {
                    r.1.get(c)
                        .is_some_and(|x| matches!(value::read(x, &[]), Cell::Number(_)))
                })
                .count()
                * 2
                > data.len()
        })
        .count();
    numeric_under * 2 > sub_text_cols.len()
}

/// Merge a group row (written once over blank cells) with the row under it:
/// header = "group — sub"; where the sub cell is empty or just says "Response",
/// the group alone. The sub text becomes the column's question label.
fn merge_two_rows(plan: &mut Plan, sub: &[String]) {
    let width = plan.headers.len().max(sub.len());
    let mut group = String::new();
    let mut headers = Vec::with_capacity(width);
    let mut labels = Vec::with_capacity(width);
    for c in 0..width {
        let top = plan.headers.get(c).map(|s| s.trim()).unwrap_or("");
        let s = sub.get(c).map(|s| s.trim()).unwrap_or("");
        if !top.is_empty() {
            group = top.to_string();
        }
        let generic = s.is_empty()
            || s.eq_ignore_ascii_case("Response")
            || s.eq_ignore_ascii_case("Open-Ended Response");
        if generic {
            headers.push(if top.is_empty() {
                group.clone()
            } else {
                top.to_string()
            });
            labels.push(String::new());
        } else {
            headers.push(format!("{group} — {s}"));
            labels.push(format!("{group} — {s}"));
        }
    }
    plan.headers = headers;
    plan.labels = labels;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recs(rows: &[&[&str]]) -> Vec<Record> {
        rows.iter()
            .enumerate()
            .map(|(i, r)| (i + 1, r.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn skips_title_rows() {
        let head = recs(&[
            &["某银行服务质量调查", "", "", ""],
            &["调查时间：2024年3月", "", "", ""],
            &["id", "E1", "P1", "branch"],
            &["1", "5", "4", "A"],
            &["2", "6", "5", "B"],
        ]);
        let mut info = InputInfo::default();
        let mut d = Diagnostics::default();
        let p = plan(&head, None, &mut info, &mut d);
        assert_eq!(p.header_index, 2);
        assert_eq!(info.header_row, Some(3));
        assert_eq!(info.skipped_rows, vec![1, 2]);
        assert_eq!(d.count("title_rows_skipped"), 1);
    }

    #[test]
    fn plain_header_stays() {
        let head = recs(&[&["E1", "P1"], &["5", "4"]]);
        let mut info = InputInfo::default();
        let p = plan(&head, None, &mut info, &mut Diagnostics::default());
        assert_eq!(p.header_index, 0);
        assert!(info.skipped_rows.is_empty());
    }

    #[test]
    fn generic_two_row_header() {
        let head = recs(&[
            &["id", "Expectation", "", "Perception", ""],
            &["", "E1", "E2", "P1", "P2"],
            &["1", "5", "4", "4", "4"],
            &["2", "6", "5", "5", "3"],
        ]);
        let mut info = InputInfo::default();
        let mut d = Diagnostics::default();
        let p = plan(&head, None, &mut info, &mut d);
        assert_eq!(p.skip_after, 1);
        assert_eq!(p.headers[2], "Expectation — E2");
        assert_eq!(p.headers[0], "id");
    }
}
