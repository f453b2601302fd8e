//! Applying `exclude`: which rows the analysis keeps. Each excluded row is
//! counted once, under the first reason that applies in the order
//! user-chosen row, duplicate, speeder, straight-liner, and listed with all of
//! them, so the counts add up to total − kept.

use super::{ExcludedRow, Flags, Quality};
use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::common::hash::{Map as HashMap, Set as HashSet};
use crate::input::table::Table;
use crate::model::config::SurveyConfig;
use crate::quality::Exclusion;

pub struct Selection {
    /// One flag per data row: true = analysed.
    pub keep: Vec<bool>,
    /// Counts per reason, for `respondents.excluded`.
    pub exclusions: Vec<Exclusion>,
    pub excluded: Flags<ExcludedRow>,
}

const REASONS: [(&str, &str, &str); 4] = [
    (
        "row",
        "left out by the user (exclude.rows)",
        "用户指定排除（exclude.rows）",
    ),
    (
        "duplicate",
        "duplicate respondent (same id or identical answers to an earlier row)",
        "重复受访者（编号相同或答案与前面某行完全相同）",
    ),
    (
        "speeder",
        "answered faster than the speeder threshold",
        "答题用时低于过快作答阈值",
    ),
    (
        "straightliner",
        "same answer to every expectation or every perception item",
        "全部期望题或全部感知题答案相同",
    ),
];

pub fn select(
    table: &Table,
    config: &SurveyConfig,
    quality: &Quality,
    diags: &mut Diagnostics,
) -> Selection {
    let n = table.rows();
    let ex = &config.exclude;
    let line_to_row: HashMap<usize, usize> = (0..n).map(|r| (table.line_of(r), r)).collect();
    let mut reasons: Vec<Vec<&'static str>> = vec![Vec::new(); n];
    let mark = |line: usize, reason: &'static str, reasons: &mut Vec<Vec<&'static str>>| {
        if let Some(&r) = line_to_row.get(&line) {
            if let Some(v) = reasons.get_mut(r) {
                if !v.contains(&reason) {
                    v.push(reason);
                }
            }
        }
    };

    let mut unknown: Vec<usize> = Vec::new();
    let wanted: HashSet<usize> = ex.rows.iter().copied().collect();
    for &line in &wanted {
        if line_to_row.contains_key(&line) {
            mark(line, "row", &mut reasons);
        } else {
            unknown.push(line);
        }
    }
    if !unknown.is_empty() {
        crate::common::order::sort_by(&mut unknown, |a, b| a.cmp(b));
        let list = super::row_list(unknown.iter().copied(), unknown.len());
        diags.push(Diagnostic::new(
            "exclude_row_unknown",
            Severity::Warning,
            Text::new(
                format!("exclude.rows names rows that are not data rows of this table: {list}; they are ignored."),
                format!("exclude.rows 中的以下行不是本表的数据行：{list}；已忽略。"),
            ),
        ));
    }
    let f = &quality.flagged;
    for (on, lines, reason) in [
        (ex.duplicates, &f.duplicate, "duplicate"),
        (ex.speeders, &f.speeder, "speeder"),
        (ex.straightliners, &f.straight, "straightliner"),
    ] {
        for &line in lines.iter().filter(|_| on) {
            mark(line, reason, &mut reasons);
        }
    }

    let mut keep = vec![true; n];
    let mut counts: HashMap<&str, usize> = crate::common::hash::map();
    let mut excluded = Flags::default();
    for (r, rs) in reasons.iter_mut().enumerate() {
        if rs.is_empty() {
            continue;
        }
        // Count under the first reason in REASONS order.
        crate::common::order::sort_by_key(rs, |x| REASONS.iter().position(|(c, _, _)| c == x));
        keep[r] = false;
        *counts.entry(rs[0]).or_insert(0) += 1;
        excluded.push(ExcludedRow {
            row: table.line_of(r),
            reasons: rs.iter().map(|s| s.to_string()).collect(),
        });
    }
    let exclusions = REASONS
        .iter()
        .filter_map(|(code, en, zh)| {
            counts.get(code).map(|&count| Exclusion {
                code: (*code).to_string(),
                count,
                reason: Text::new(*en, *zh),
            })
        })
        .collect();
    Selection {
        keep,
        exclusions,
        excluded,
    }
}
