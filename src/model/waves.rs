//! Waves from submission times: with `waves: { column, period }` in the survey
//! configuration, each respondent's wave is the month, quarter or year of the
//! timestamp in `column` (e.g. 问卷星's 提交答卷时间). The derived column is
//! added to the table and used with the `wave` role.

use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::input::table::Table;
use crate::input::timecell::{self, DateOrder};
use crate::model::config::{Column, Role, SurveyConfig};

pub use crate::model::config::{Period, WaveRule};

/// The name of the wave column a rule adds: "提交答卷时间 (month)".
pub fn derived_name(rule: &WaveRule) -> String {
    let period = match rule.period {
        Period::Month => "month",
        Period::Quarter => "quarter",
        Period::Year => "year",
    };
    format!("{} ({period})", rule.column)
}

/// A date's wave: "2024-03", "2024-Q1" or "2024".
pub fn wave_of(d: timecell::Date, period: Period) -> String {
    match period {
        Period::Month => format!("{:04}-{:02}", d.year, d.month),
        Period::Quarter => format!("{:04}-Q{}", d.year, d.month.div_ceil(3)),
        Period::Year => format!("{:04}", d.year),
    }
}

/// Cells of the date column that are not dates (`first`: where the first is, in each language).
pub fn unreadable_dates(column: &str, n: usize, first: &str, first_zh: &str) -> Diagnostic {
    Diagnostic::new(
        "wave_date_unreadable",
        Severity::Warning,
        Text::new(
            format!(
                "{} in \"{column}\" {} not a date (first on {first}); {} no wave.",
                crate::common::format::count(n, "value", "values"),
                if n == 1 { "is" } else { "are" },
                if n == 1 {
                    "that respondent has"
                } else {
                    "those respondents have"
                }
            ),
            format!(
                "“{column}”中有 {n} 个值不是日期（首次出现在{first_zh}）；这些受访者没有波次。"
            ),
        ),
    )
}

/// Add the wave column; returns `None` when no rule is set or it cannot apply.
pub fn apply(table: &Table, config: &mut SurveyConfig, diags: &mut Diagnostics) -> Option<Table> {
    let rule = config.waves.clone()?;
    let Some(c) = table.headers.iter().position(|h| h == &rule.column) else {
        diags.push(Diagnostic::new(
            "wave_column_not_found",
            Severity::Warning,
            Text::new(
                format!(
                    "Waves were to come from column \"{}\", which is not in the data.",
                    rule.column
                ),
                format!("波次应取自列“{}”，但数据中没有该列。", rule.column),
            ),
        ));
        return None;
    };
    let cells = (0..table.rows()).map(|r| table.cell(r, c));
    let order = timecell::infer_order(cells).unwrap_or(DateOrder::MonthFirst);
    let name = derived_name(&rule);
    let mut unreadable = 0usize;
    let mut first_bad: Option<usize> = None;
    let values: Vec<String> = (0..table.rows())
        .map(|r| match timecell::date(table.cell(r, c), order) {
            Some(d) => wave_of(d, rule.period),
            None => {
                if !table.cell(r, c).trim().is_empty() {
                    unreadable += 1;
                    first_bad.get_or_insert(table.line_of(r));
                }
                String::new()
            }
        })
        .collect();
    if unreadable > 0 {
        let row = first_bad.unwrap_or(0);
        diags.push(
            unreadable_dates(
                &rule.column,
                unreadable,
                &format!("row {row}"),
                &format!("第 {row} 行"),
            )
            .at_row(row)
            .at_column(c + 1, &rule.column),
        );
    }
    let mut headers = table.headers.clone();
    headers.push(name.clone());
    let rows: Vec<Vec<String>> = (0..table.rows())
        .map(|r| {
            let mut row: Vec<String> = (0..table.width())
                .map(|k| table.cell(r, k).to_string())
                .collect();
            row.push(values[r].clone());
            row
        })
        .collect();
    let mut out = Table::from_rows(headers, rows);
    out.row_lines = table.row_lines.clone();
    out.labels = table.labels.clone();
    if !out.labels.is_empty() {
        out.labels.push(String::new());
    }
    for col in &mut config.columns {
        if col.role == Role::Wave {
            col.role = Role::Ignore;
        }
    }
    config.columns.push(Column::new(&name, Role::Wave));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_and_unreadable_dates() {
        let t = Table::from_rows(
            vec!["time".into(), "E1".into()],
            vec![
                vec!["2024/03/05 09:00:00".into(), "5".into()],
                vec!["2024/07/09 09:14:00".into(), "4".into()],
                vec!["25/12/2023 10:00".into(), "4".into()],
                vec!["soon".into(), "3".into()],
            ],
        );
        let mut d = Diagnostics::default();
        let (mut config, _) = crate::Evaluator::detect_text("time,E1\n2024/03/05,5\n");
        config.waves = Some(WaveRule {
            column: "time".into(),
            period: Period::Quarter,
        });
        let out = apply(&t, &mut config, &mut d).expect("applied");
        let col = out.width() - 1;
        let got: Vec<&str> = (0..4).map(|r| out.cell(r, col)).collect();
        // 25/12/2023 proves day-first for the slash dates of this column.
        assert_eq!(got, vec!["2024-Q1", "2024-Q3", "2023-Q4", ""]);
        assert_eq!(d.count("wave_date_unreadable"), 1);
        assert!(config
            .columns
            .iter()
            .any(|c| c.role == Role::Wave && c.name == "time (quarter)"));
    }
}
