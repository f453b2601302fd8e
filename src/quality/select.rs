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
use std::collections::BTreeMap;

pub struct Selection {
    /// The lines left out, ascending.
    pub lines: Vec<usize>,
    /// Counts per reason, for `respondents.excluded`.
    pub exclusions: Vec<Exclusion>,
    pub excluded: Flags<ExcludedRow>,
}

impl Selection {
    /// Every row kept.
    pub fn none() -> Selection {
        Selection {
            lines: Vec::new(),
            exclusions: Vec::new(),
            excluded: Flags::default(),
        }
    }

    /// One flag per row of `table`: true = analysed.
    pub fn keep(&self, table: &Table) -> Vec<bool> {
        (0..table.rows())
            .map(|r| self.lines.binary_search(&table.line_of(r)).is_err())
            .collect()
    }
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

/// The lines the rules could leave out (chosen rows and flagged ones),
/// ascending: what a second reading of a stream skips. A chosen line need
/// not be a data row; [`select_lines`] tells.
pub fn planned(config: &SurveyConfig, quality: &Quality) -> Vec<usize> {
    let ex = &config.exclude;
    let f = &quality.flagged;
    let mut lines: Vec<usize> = ex.rows.clone();
    for (on, flagged) in [
        (ex.duplicates, &f.duplicate),
        (ex.speeders, &f.speeder),
        (ex.straightliners, &f.straight),
    ] {
        if on {
            lines.extend_from_slice(flagged);
        }
    }
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// Which rows of a table the analysis keeps.
pub fn select(
    table: &Table,
    config: &SurveyConfig,
    quality: &Quality,
    diags: &mut Diagnostics,
) -> Selection {
    let lines: HashSet<usize> = (0..table.rows()).map(|r| table.line_of(r)).collect();
    select_lines(&|line| lines.contains(&line), config, quality, diags)
}

/// Which lines the analysis leaves out; `is_data_line` tells whether a line
/// holds a respondent (a chosen row elsewhere is said and ignored).
pub fn select_lines(
    is_data_line: &dyn Fn(usize) -> bool,
    config: &SurveyConfig,
    quality: &Quality,
    diags: &mut Diagnostics,
) -> Selection {
    let ex = &config.exclude;
    let mut reasons: BTreeMap<usize, Vec<&'static str>> = BTreeMap::new();
    let mut mark = |line: usize, reason: &'static str| {
        let v = reasons.entry(line).or_default();
        if !v.contains(&reason) {
            v.push(reason);
        }
    };

    let mut unknown: Vec<usize> = Vec::new();
    let wanted: HashSet<usize> = ex.rows.iter().copied().collect();
    for &line in &wanted {
        if is_data_line(line) {
            mark(line, "row");
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
            mark(line, reason);
        }
    }

    let mut counts: HashMap<&str, usize> = crate::common::hash::map();
    let mut excluded = Flags::default();
    let mut lines = Vec::with_capacity(reasons.len());
    for (line, mut rs) in reasons {
        // Count under the first reason in REASONS order.
        crate::common::order::sort_by_key(&mut rs, |x| REASONS.iter().position(|(c, _, _)| c == x));
        lines.push(line);
        *counts.entry(rs[0]).or_insert(0) += 1;
        excluded.push(ExcludedRow {
            row: line,
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
        lines,
        exclusions,
        excluded,
    }
}
