//! Reading a pairwise comparison matrix from pasted text: CSV, TSV, semicolon or
//! space separated; cells like `3`, `1/3`, `0.333`, full-width digits; an optional
//! header row and/or first column of element names; the lower (or upper) triangle
//! may be left empty and is then filled with reciprocals, an empty diagonal with 1.
//!
//! ```text
//!         ,Tangibles,Reliability,Empathy
//! Tangibles,1,1/3,2
//! Reliability,,1,5
//! Empathy,,,1
//! ```

use super::{Matrix, MethodError};
use crate::input::value::{self, Cell};

/// A matrix read from text, before any AHP validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedMatrix {
    pub labels: Option<Vec<String>>,
    pub values: Matrix,
    /// Off-diagonal cells that were empty and filled with a reciprocal.
    pub filled: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Judgment {
    Empty,
    Number(f64),
    Text,
}

/// One cell: a number, a fraction `a/b`, empty (or a missing code such as `-`), or text.
fn read_cell(s: &str) -> Judgment {
    let t = s.trim();
    // Only a blank or a dash leaves a judgment out; "NaN", "NA" or "null" are
    // values someone wrote, and are reported as not numbers rather than as empty.
    if t.is_empty() || matches!(t, "-" | "--" | "—" | "–") {
        return Judgment::Empty;
    }
    let t = t.replace('／', "/");
    if let Some((a, b)) = t.split_once('/') {
        return match (value::read(a, &[]), value::read(b, &[])) {
            (Cell::Number(a), Cell::Number(b)) if b != 0.0 => Judgment::Number(a / b),
            // "1/0" is a number a person typed, not a name: reject it as a judgment.
            (Cell::Number(_), Cell::Number(_)) => Judgment::Number(f64::INFINITY),
            _ => Judgment::Text,
        };
    }
    match value::read(&t, &[]) {
        Cell::Number(x) => Judgment::Number(x),
        Cell::Missing | Cell::NotNumber => Judgment::Text,
    }
}

/// Split text into rows of cells with the most plausible separator.
fn split(text: &str) -> Vec<(usize, Vec<String>)> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .collect();
    let first = lines.first().map(|(_, l)| *l).unwrap_or("");
    let delimiter = [b'\t', b';', b',']
        .into_iter()
        .find(|&d| first.as_bytes().contains(&d));
    lines
        .into_iter()
        .map(|(no, line)| {
            let cells = match delimiter {
                Some(d) => {
                    let mut reader = csv::ReaderBuilder::new()
                        .delimiter(d)
                        .has_headers(false)
                        .flexible(true)
                        .from_reader(line.as_bytes());
                    let mut record = csv::StringRecord::new();
                    match reader.read_record(&mut record) {
                        Ok(true) => record.iter().map(|c| c.trim().to_string()).collect(),
                        _ => vec![line.trim().to_string()],
                    }
                }
                None => line.split_whitespace().map(str::to_string).collect(),
            };
            (no, cells)
        })
        .collect()
}

/// Parse a pairwise comparison matrix from text.
pub fn parse(text: &str) -> Result<ParsedMatrix, MethodError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = split(text);
    // Trailing empty cells (a trailing separator) are not columns.
    for (_, cells) in rows.iter_mut() {
        while cells.last().is_some_and(|c| c.is_empty()) {
            cells.pop();
        }
    }
    if rows.is_empty() {
        return Err(MethodError::new(
            "ahp_empty",
            "There is no matrix: the text is empty.",
            "没有矩阵：文本为空。",
        ));
    }
    let kinds = |cells: &[String]| cells.iter().map(|c| read_cell(c)).collect::<Vec<_>>();
    let first_kinds = kinds(&rows[0].1);
    let header = first_kinds.contains(&Judgment::Text)
        && !first_kinds.iter().any(|k| matches!(k, Judgment::Number(_)));
    let mut header_names: Option<Vec<String>> = None;
    if header {
        header_names = Some(rows.remove(0).1);
    }
    let name_column = !rows.is_empty()
        && rows.iter().all(|(_, c)| {
            matches!(
                c.first().map(|s| read_cell(s)),
                Some(Judgment::Text) | Some(Judgment::Empty)
            )
        })
        && rows
            .iter()
            .any(|(_, c)| matches!(c.first().map(|s| read_cell(s)), Some(Judgment::Text)));
    let mut row_names = Vec::new();
    if name_column {
        for (_, cells) in rows.iter_mut() {
            row_names.push(if cells.is_empty() {
                String::new()
            } else {
                cells.remove(0)
            });
        }
    }
    let n = rows.len();
    if n == 0 {
        return Err(MethodError::new(
            "ahp_empty",
            "The text has names but no judgments.",
            "文本只有名称，没有判断值。",
        ));
    }
    let offset = usize::from(name_column);
    let mut cells = vec![vec![Judgment::Empty; n]; n];
    for (i, (line, row)) in rows.iter().enumerate() {
        if row.len() > n {
            return Err(MethodError::new(
                "ahp_not_square",
                format!(
                    "The matrix is not square: it has {n} rows but line {line} has {} judgments.",
                    row.len()
                ),
                format!(
                    "矩阵不是方阵：共 {n} 行，但第 {line} 行有 {} 个判断值。",
                    row.len()
                ),
            )
            .at_row(*line));
        }
        for (j, raw) in row.iter().enumerate() {
            let k = read_cell(raw);
            if k == Judgment::Text {
                return Err(MethodError::new(
                    "ahp_text_in_matrix",
                    format!(
                        "Line {line}, column {}: \"{raw}\" is not a judgment. Use numbers such as 3, 1/3 or 0.333.",
                        j + 1 + offset
                    ),
                    format!(
                        "第 {line} 行第 {} 列：“{raw}”不是判断值。请使用 3、1/3 或 0.333 之类的数字。",
                        j + 1 + offset
                    ),
                )
                .at(*line, j + 1 + offset)
                .with_value(raw));
            }
            cells[i][j] = k;
        }
    }
    let mut values = vec![vec![1.0; n]; n];
    let mut filled = 0;
    for i in 0..n {
        for j in 0..n {
            let here = &cells[i][j];
            let mirror = &cells[j][i];
            values[i][j] = match (here, mirror) {
                (Judgment::Number(x), _) => *x,
                (Judgment::Empty, _) if i == j => 1.0,
                (Judgment::Empty, Judgment::Number(y)) => {
                    filled += 1;
                    1.0 / y
                }
                _ => {
                    let line = rows[i].0;
                    return Err(MethodError::new(
                        "ahp_missing_judgment",
                        format!(
                            "Elements {} and {} are not compared: both row {}, column {} and row {}, column {} are empty.",
                            i + 1, j + 1, i + 1, j + 1, j + 1, i + 1
                        ),
                        format!(
                            "元素 {} 与 {} 未作比较：第 {} 行第 {} 列和第 {} 行第 {} 列都为空。",
                            i + 1, j + 1, i + 1, j + 1, j + 1, i + 1
                        ),
                    )
                    .at(line, j + 1 + offset));
                }
            };
        }
    }
    let labels = match (header_names, name_column) {
        (Some(h), _) if h.len() == n + 1 => Some(h[1..].to_vec()),
        (Some(h), _) if h.len() == n => Some(h),
        (Some(h), false) => {
            return Err(MethodError::new(
                "ahp_header",
                format!("The header row has {} names for {n} elements.", h.len()),
                format!("标题行有 {} 个名称，但有 {n} 个元素。", h.len()),
            )
            .at_row(1));
        }
        (_, true) => Some(row_names),
        (None, false) => None,
    };
    Ok(ParsedMatrix {
        labels,
        values,
        filled,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fractions_headers_and_triangles() {
        let p = parse(",A,B,C\nA,1,1/3,2\nB,,1,5\nC,,,1\n").expect("parses");
        assert_eq!(p.labels, Some(vec!["A".into(), "B".into(), "C".into()]));
        assert_eq!(p.values[0][1], 1.0 / 3.0);
        assert_eq!(p.values[1][0], 3.0);
        assert_eq!(p.values[2][1], 0.2);
        assert_eq!(p.filled, 3);
    }

    #[test]
    fn reads_space_and_tab_separated() {
        let p = parse("1 6 8\n1/6 1 4\n1/8 1/4 1").expect("parses");
        assert_eq!(p.labels, None);
        assert_eq!(p.values[2][0], 0.125);
        let t = parse("1\t0.333\n3\t1\n").expect("parses");
        assert_eq!(t.values[0][1], 0.333);
    }

    #[test]
    fn names_only_in_first_column() {
        let p = parse("A;1;2\nB;1/2;1\n").expect("parses");
        assert_eq!(p.labels, Some(vec!["A".into(), "B".into()]));
    }

    #[test]
    fn text_in_matrix_is_located() {
        let e = parse("1,3\nabc,1\n1,1\n").expect_err("error");
        // "abc" makes the first column look like names only if every row has text
        // there; here it does not, so the cell itself is rejected.
        assert_eq!(e.code, "ahp_text_in_matrix");
        assert_eq!((e.row, e.column), (Some(2), Some(1)));
        let e = parse("1,3\n1/3,high\n").expect_err("error");
        assert_eq!(e.code, "ahp_text_in_matrix");
        assert_eq!(e.value.as_deref(), Some("high"));
    }

    #[test]
    fn missing_pairs_and_ragged_rows_are_explained() {
        let e = parse("1,,2\n,1,3\n1/2,1/3,1\n").expect_err("error");
        assert_eq!(e.code, "ahp_missing_judgment");
        let e = parse("1,2,3\n1/2,1\n").expect_err("error");
        assert_eq!(e.code, "ahp_not_square");
    }
}
