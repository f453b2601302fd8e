//! The checks on a table in memory, and the messages they give. The checks
//! themselves are the tally's ([`super::tally`]), shared with a stream. They
//! read the table with the configuration as survey.rs does (missing codes,
//! labels, scales), but on the raw answers: a respondent who ticks "5"
//! everywhere straight-lines even where an item is reverse-coded.

use super::tally::Tally;
use super::{row_list, Quality};
use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::input::table::Table;
use crate::input::value;
use crate::model::config::{Column, Role, Scale, SurveyConfig};

/// The scale a numeric column is checked against, or `None` for non-numeric roles.
pub(crate) fn column_scale(spec: &Column, config: &SurveyConfig) -> Option<Scale> {
    match spec.role {
        Role::Expectation | Role::Perception | Role::Importance | Role::Overall | Role::Effort => {
            Some(spec.scale.unwrap_or(config.scale))
        }
        Role::Recommend => Some(spec.scale.unwrap_or(Scale::ZERO_TEN)),
        Role::Allocation => Some(spec.scale.unwrap_or(Scale {
            min: 0.0,
            max: 100.0,
        })),
        _ => None,
    }
}

/// Seconds per unit of a bare number in a duration column, from its header.
pub(crate) fn duration_unit(header: &str) -> f64 {
    let h = header.to_ascii_lowercase();
    if h.contains("毫秒") || h.contains("(ms") || h.contains("millis") {
        0.001
    } else if h.contains("分钟") || h.contains("min") {
        60.0
    } else {
        1.0
    }
}

/// Assess every row of `table` (METHODS.md §12), through the same [`Tally`] a
/// stream uses.
pub fn assess(table: &Table, config: &SurveyConfig, diags: &mut Diagnostics) -> Quality {
    let mut tally = Tally::new(config, &table.headers);
    for r in 0..table.rows() {
        tally.row(
            table.line_of(r),
            |c| table.cell(r, c),
            |c| value::read(table.cell(r, c), &config.missing_codes),
        );
    }
    tally.finish(config, &table.headers, diags)
}

/// One summary diagnostic per kind of flag, saying what will happen to them.
pub(crate) fn report(q: &Quality, config: &SurveyConfig, diags: &mut Diagnostics) {
    let ex = &config.exclude;
    // Where to leave them out: the box in the page, and the key for survey.json.
    let fate = |excluded: bool, card: (&str, &str), key: &str| -> (String, String) {
        if excluded {
            (
                "they are excluded from the analysis".into(),
                "已从分析中排除".into(),
            )
        } else {
            (
                format!("they are still analysed; to leave them out, tick \"Exclude\" under {} in Data quality (survey.json: exclude.{key})", card.0),
                format!("仍纳入分析；如需排除，请在“数据质量”的“{}”中勾选“排除”（survey.json：exclude.{key}）", card.1),
            )
        }
    };
    let f = crate::common::format::count;
    if q.straightliners.count > 0 {
        let rows = row_list(
            q.straightliners.rows.iter().map(|s| s.row),
            q.straightliners.count,
        );
        let n = q.straightliners.count;
        let (en, zh) = fate(
            ex.straightliners,
            ("Straight-lining", "直线作答"),
            "straightliners",
        );
        diags.push(Diagnostic::new(
            "straightlining",
            Severity::Warning,
            Text::new(
                format!("{} the same answer to every expectation or every perception item ({} {rows}); {en}.", f(n, "respondent gave", "respondents gave"), if n == 1 { "row" } else { "rows" }),
                format!("{n} 位受访者对全部期望题或全部感知题给出相同答案（第 {rows} 行）；{zh}。"),
            ),
        ));
    }
    if q.duplicates.count > 0 {
        let rows = row_list(q.duplicates.rows.iter().map(|s| s.row), q.duplicates.count);
        let n = q.duplicates.count;
        let (en, zh) = fate(ex.duplicates, ("Duplicates", "重复答卷"), "duplicates");
        diags.push(Diagnostic::new(
            "duplicate_respondent",
            Severity::Warning,
            Text::new(
                format!("{} an earlier respondent id, or an earlier respondent's answers where a coincidence is unlikely ({} {rows}); the first occurrence is kept and {en}.", f(n, "row repeats", "rows repeat"), if n == 1 { "row" } else { "rows" }),
                format!("{n} 行与前面的受访者编号重复，或与前面某位受访者的全部答案相同且不太可能是巧合（第 {rows} 行）；保留首次出现者，重复者{zh}。"),
            ),
        ));
    }
    if q.duplicates_by_chance > 0 {
        let n = q.duplicates_by_chance;
        diags.push(Diagnostic::new(
            "duplicates_by_chance",
            Severity::Info,
            Text::new(
                format!("{} an earlier row's answers, as many as chance alone gives with this few items and answer options; they are not flagged as duplicates.", f(n, "row repeats", "rows repeat")),
                format!("{n} 行的答案与前面某行相同，但在题项和选项如此少的情况下这属于偶然重复，未标记为重复答卷。"),
            ),
        ));
    }
    if let Some(s) = &q.speeders {
        if s.flagged.count > 0 {
            let rows = row_list(s.flagged.rows.iter().map(|s| s.row), s.flagged.count);
            let (en, zh) = fate(ex.speeders, ("Speeders", "过快作答"), "speeders");
            let t = s.threshold_seconds.unwrap_or(0.0);
            let n = s.flagged.count;
            diags.push(Diagnostic::new(
                "speeder",
                Severity::Warning,
                Text::new(
                    format!(
                        "{} in under {t:.0} seconds ({}) ({} {rows}); {en}.",
                        f(n, "respondent answered", "respondents answered"),
                        s.rule.en,
                        if n == 1 { "row" } else { "rows" }
                    ),
                    format!(
                        "{} 位受访者答题用时不足 {t:.0} 秒（{}）（第 {rows} 行）；{zh}。",
                        s.flagged.count, s.rule.zh
                    ),
                ),
            ));
        }
        if s.unreadable > 0 {
            diags.push(Diagnostic::new(
                "duration_unreadable",
                Severity::Warning,
                Text::new(
                    format!(
                        "{} in column \"{}\" could not be read; {} not checked for speeding.",
                        f(s.unreadable, "duration", "durations"),
                        s.column,
                        if s.unreadable == 1 {
                            "that respondent is"
                        } else {
                            "those respondents are"
                        }
                    ),
                    format!(
                        "列“{}”中有 {} 个用时无法识别；这些受访者未做过快作答检查。",
                        s.column, s.unreadable
                    ),
                ),
            ));
        }
    } else if ex.speeders {
        diags.push(Diagnostic::new(
            "no_duration",
            Severity::Warning,
            Text::new(
                "Speeders were to be excluded, but the data have no duration column; nobody was excluded for speed.",
                "设置了排除过快作答者，但数据中没有答题用时列；未因用时排除任何人。",
            ),
        ));
    }
    for o in &q.outliers {
        if o.flagged.count > 0 {
            let rows = row_list(o.flagged.rows.iter().map(|s| s.row), o.flagged.count);
            diags.push(
                Diagnostic::new(
                    "outlier",
                    Severity::Info,
                    Text::new(
                        format!("Column \"{}\": {} outside the Tukey fences [{:.4}, {:.4}] ({} {rows}); reported, not removed.", o.name, f(o.flagged.count, "value lies", "values lie"), o.lower, o.upper, if o.flagged.count == 1 { "row" } else { "rows" }),
                        format!("列“{}”：{} 个值超出 Tukey 界限 [{:.4}, {:.4}]（第 {rows} 行）；仅提示，未删除。", o.name, o.flagged.count, o.lower, o.upper),
                    ),
                )
                .at_column(o.column, &o.name),
            );
        }
    }
}
