//! The m × k indicator matrix shared by the entropy and CRITIC methods
//! (METHODS.md §5): reading it from a table, listwise deletion of incomplete
//! alternatives, and min–max normalisation by direction.

use super::MethodError;
use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::input::table::Table;
use crate::input::value::{self, Cell};
use serde::{Deserialize, Serialize};

/// Whether more of an indicator is better (benefit) or worse (cost).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Benefit,
    Cost,
}

/// Alternatives (rows) × indicators (columns); NaN marks a missing value and
/// never leaves this module.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorTable {
    pub alternatives: Vec<String>,
    pub indicators: Vec<String>,
    /// `values[i][j]`: alternative i, indicator j.
    pub values: Vec<Vec<f64>>,
}

/// Read an indicator table: first column = alternative name, every other column
/// an indicator. Cells that are not numbers become missing and are reported.
pub fn from_table(table: &Table, diags: &mut Diagnostics) -> Result<IndicatorTable, MethodError> {
    if table.width() < 2 {
        return Err(MethodError::new(
            "indicators_too_few_columns",
            "The indicator table needs a first column of names and at least one indicator column.",
            "指标表需要第一列为名称，并至少有一个指标列。",
        ));
    }
    let mut values = Vec::with_capacity(table.rows());
    let mut alternatives = Vec::with_capacity(table.rows());
    for r in 0..table.rows() {
        let line = table.line_of(r);
        let name = table.cell(r, 0);
        alternatives.push(if name.is_empty() {
            format!("row {line}")
        } else {
            name.to_string()
        });
        let mut row = Vec::with_capacity(table.width() - 1);
        for c in 1..table.width() {
            let raw = table.cell(r, c);
            let name = &table.headers[c];
            row.push(match value::read(raw, &[]) {
                Cell::Number(x) => x,
                Cell::Missing => f64::NAN,
                Cell::NotNumber => {
                    if diags.wants_detail("non_numeric") {
                        diags.push(Diagnostic::non_numeric(line, c + 1, name, raw));
                    } else {
                        diags.bump("non_numeric");
                    }
                    f64::NAN
                }
            });
        }
        values.push(row);
    }
    Ok(IndicatorTable {
        alternatives,
        indicators: table.headers[1..].to_vec(),
        values,
    })
}

/// The complete alternatives, min–max normalised by direction.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// Names of the alternatives kept, in input order.
    pub labels: Vec<String>,
    /// Alternatives dropped because an indicator was missing (listwise deletion).
    pub dropped: usize,
    pub min: Vec<f64>,
    pub max: Vec<f64>,
    /// x'_ij in [0, 1]; a constant column is all 0 here and flagged in `constant`.
    pub normalised: Vec<Vec<f64>>,
    /// max = min: the indicator carries no information.
    pub constant: Vec<bool>,
    pub warnings: Vec<Diagnostic>,
}

/// Listwise deletion, then min–max normalisation by direction (METHODS.md §5):
/// benefit (x − min)/(max − min), cost (max − x)/(max − min).
pub fn prepare(
    table: &IndicatorTable,
    directions: &[Direction],
    method: (&str, &str),
) -> Result<Prepared, MethodError> {
    let k = table.indicators.len();
    check_shape(k, directions)?;
    let mut labels = Vec::new();
    let mut rows: Vec<&Vec<f64>> = Vec::new();
    let mut dropped = 0usize;
    let mut dropped_names = Vec::new();
    for (i, row) in table.values.iter().enumerate() {
        if row.len() != k {
            return Err(MethodError::new(
                "indicators_ragged",
                format!(
                    "Alternative {} has {} values for {k} indicators.",
                    i + 1,
                    row.len()
                ),
                format!(
                    "备选对象 {} 有 {} 个值，但共有 {k} 个指标。",
                    i + 1,
                    row.len()
                ),
            ));
        }
        if row.iter().all(|x| x.is_finite()) {
            rows.push(row);
            labels.push(table.alternatives.get(i).cloned().unwrap_or_default());
        } else {
            dropped += 1;
            if dropped_names.len() < 20 {
                dropped_names.push(table.alternatives.get(i).cloned().unwrap_or_default());
            }
        }
    }
    let m = rows.len();
    let mut min = vec![f64::INFINITY; k];
    let mut max = vec![f64::NEG_INFINITY; k];
    for row in &rows {
        for (j, &x) in row.iter().enumerate() {
            min[j] = min[j].min(x);
            max[j] = max[j].max(x);
        }
    }
    let Judged {
        min,
        max,
        constant,
        warnings,
    } = judge(
        &table.indicators,
        m,
        dropped,
        &dropped_names,
        min,
        max,
        method,
    )?;
    let normalised = rows
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(j, &x)| {
                    if constant[j] {
                        0.0
                    } else {
                        let range = max[j] - min[j];
                        match directions[j] {
                            Direction::Benefit => (x - min[j]) / range,
                            Direction::Cost => (max[j] - x) / range,
                        }
                    }
                })
                .collect()
        })
        .collect();
    Ok(Prepared {
        labels,
        dropped,
        min,
        max,
        normalised,
        constant,
        warnings,
    })
}

/// Indicators to weigh, and one direction for each.
pub(crate) fn check_shape(k: usize, directions: &[Direction]) -> Result<(), MethodError> {
    if k == 0 {
        return Err(MethodError::new(
            "indicators_none",
            "There are no indicator columns.",
            "没有指标列。",
        ));
    }
    if directions.len() != k {
        return Err(MethodError::new(
            "indicators_directions",
            format!(
                "{} directions were given for {k} indicators.",
                directions.len()
            ),
            format!("为 {k} 个指标给出了 {} 个方向。", directions.len()),
        ));
    }
    Ok(())
}

/// The complete alternatives' range per indicator, judged: what the methods
/// say of dropped alternatives, too few, too wide a range and constant
/// indicators, for a matrix in memory and for one read as a stream alike.
pub(crate) struct Judged {
    pub min: Vec<f64>,
    pub max: Vec<f64>,
    pub constant: Vec<bool>,
    pub warnings: Vec<Diagnostic>,
}

/// `m` complete alternatives with these ranges, `dropped` incomplete ones
/// (the first of them named).
pub(crate) fn judge(
    indicators: &[String],
    m: usize,
    dropped: usize,
    dropped_names: &[String],
    min: Vec<f64>,
    max: Vec<f64>,
    method: (&str, &str),
) -> Result<Judged, MethodError> {
    let k = indicators.len();
    let mut warnings = Vec::new();
    if dropped > 0 {
        let more = if dropped > dropped_names.len() {
            ", …"
        } else {
            ""
        };
        warnings.push(Diagnostic::new(
            "incomplete_alternatives_dropped",
            Severity::Warning,
            Text::new(
                format!(
                    "{dropped} alternative(s) with a missing indicator value were left out of the {} calculation (listwise deletion): {}{more}.",
                    method.0,
                    dropped_names.join(", ")
                ),
                format!(
                    "{dropped} 个备选对象存在缺失的指标值，未参与{}计算（整行删除）：{}{more}。",
                    method.1,
                    dropped_names.join("、")
                ),
            ),
        ));
    }
    if m < 2 {
        return Err(MethodError::new(
            "indicators_too_few_rows",
            format!(
                "The {} method needs at least 2 alternatives with every indicator present; there are {m} ({dropped} incomplete).",
                method.0
            ),
            format!(
                "{}需要至少 2 个所有指标齐全的备选对象；实际 {m} 个（{dropped} 个不完整）。",
                method.1
            ),
        ));
    }
    if let Some(j) = (0..k).find(|&j| !(max[j] - min[j]).is_finite()) {
        let name = &indicators[j];
        return Err(MethodError::new(
            "indicators_too_large",
            format!("Indicator \"{name}\" ranges from {} to {}, too wide to normalise; rescale it (e.g. to thousands).", crate::common::format::number(min[j]), crate::common::format::number(max[j])),
            format!("指标“{name}”的取值范围从 {} 到 {}，过宽，无法标准化；请换算单位（例如以千为单位）。", crate::common::format::number(min[j]), crate::common::format::number(max[j])),
        ));
    }
    let constant: Vec<bool> = (0..k).map(|j| max[j] - min[j] <= 0.0).collect();
    if constant.iter().all(|&c| c) {
        return Err(MethodError::new(
            "all_constant",
            format!(
                "Every indicator has the same value for all alternatives, so none of them distinguishes the alternatives and the {} weights are undefined.",
                method.0
            ),
            format!("每个指标在所有备选对象上取值都相同，没有指标能区分备选对象，{}权重无定义。", method.1),
        ));
    }
    for (j, _) in constant.iter().enumerate().filter(|(_, c)| **c) {
        let name = &indicators[j];
        warnings.push(Diagnostic::new(
            "constant_indicator",
            Severity::Warning,
            Text::new(
                format!("Indicator \"{name}\" has the same value ({}) for every alternative: it carries no information and gets weight 0.", crate::common::format::number(min[j])),
                format!("指标“{name}”在所有备选对象上取值相同（{}）：不含信息，权重为 0。", crate::common::format::number(min[j])),
            ),
        ));
    }
    Ok(Judged {
        min,
        max,
        constant,
        warnings,
    })
}

/// Directions from a list of cost indicator names (all others benefit); unknown
/// names are an error so a typo is not silently ignored.
pub fn directions_from_costs(
    indicators: &[String],
    costs: &[String],
) -> Result<Vec<Direction>, MethodError> {
    for c in costs {
        if !indicators.iter().any(|i| i == c.trim()) {
            return Err(MethodError::new(
                "unknown_indicator",
                format!(
                    "There is no indicator called \"{c}\"; the indicators are: {}.",
                    indicators.join(", ")
                ),
                format!("没有名为“{c}”的指标；现有指标：{}。", indicators.join("、")),
            )
            .with_value(c));
        }
    }
    Ok(indicators
        .iter()
        .map(|i| {
            if costs.iter().any(|c| c.trim() == i) {
                Direction::Cost
            } else {
                Direction::Benefit
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(values: Vec<Vec<f64>>) -> IndicatorTable {
        let k = values.first().map_or(0, Vec::len);
        IndicatorTable {
            alternatives: (0..values.len()).map(|i| format!("A{i}")).collect(),
            indicators: (0..k).map(|j| format!("x{j}")).collect(),
            values,
        }
    }

    #[test]
    fn normalises_by_direction_and_drops_incomplete_rows() {
        let t = table(vec![
            vec![1.0, 10.0],
            vec![3.0, f64::NAN],
            vec![2.0, 20.0],
            vec![5.0, 30.0],
        ]);
        let p = prepare(
            &t,
            &[Direction::Benefit, Direction::Cost],
            ("entropy", "熵权法"),
        )
        .expect("ok");
        assert_eq!(p.dropped, 1);
        assert_eq!(p.labels, vec!["A0", "A2", "A3"]);
        assert_eq!(p.normalised[0], vec![0.0, 1.0]);
        assert_eq!(p.normalised[1], vec![0.25, 0.5]);
        assert_eq!(p.normalised[2], vec![1.0, 0.0]);
        assert_eq!(p.warnings[0].code, "incomplete_alternatives_dropped");
    }

    #[test]
    fn constant_and_degenerate_inputs_are_explained() {
        let t = table(vec![vec![1.0, 2.0], vec![1.0, 3.0]]);
        let p = prepare(&t, &[Direction::Benefit; 2], ("entropy", "熵权法")).expect("ok");
        assert_eq!(p.constant, vec![true, false]);
        assert!(p.warnings.iter().any(|w| w.code == "constant_indicator"));
        let t = table(vec![vec![1.0, 2.0], vec![1.0, 2.0]]);
        let e = prepare(&t, &[Direction::Benefit; 2], ("entropy", "熵权法")).err();
        assert_eq!(e.map(|e| e.code), Some("all_constant".into()));
        let t = table(vec![vec![1e308, 2.0], vec![-1e308, 3.0]]);
        let e = prepare(&t, &[Direction::Benefit; 2], ("entropy", "熵权法")).err();
        assert_eq!(e.map(|e| e.code), Some("indicators_too_large".into()));
        let t = table(vec![vec![1.0, 2.0], vec![f64::NAN, 2.0]]);
        let e = prepare(&t, &[Direction::Benefit; 2], ("entropy", "熵权法")).err();
        assert_eq!(e.map(|e| e.code), Some("indicators_too_few_rows".into()));
    }

    #[test]
    fn cost_names_must_exist() {
        let names = vec!["price".to_string(), "speed".to_string()];
        let d = directions_from_costs(&names, &["price".into()]).expect("ok");
        assert_eq!(d, vec![Direction::Cost, Direction::Benefit]);
        assert!(directions_from_costs(&names, &["prise".into()]).is_err());
    }
}
