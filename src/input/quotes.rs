//! Stray quotes in delimited text. A quote at the start of a cell opens a
//! quoted cell that runs until the matching quote, across line breaks (RFC 4180).
//! One stray `"` in a comment therefore swallows every row after it into one
//! cell. [`Watch`] notices that while the records are read; the `same_line`
//! reading ([`same_line`]) treats a quote that does not close on its own line as
//! an ordinary character, which is what such a file meant.

use crate::common::diag::{Change, Diagnostic, Diagnostics, Severity, Text};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// How quotes are read (`quotes` in the input options).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Quotes {
    /// RFC 4180: a quoted cell may hold line breaks.
    #[default]
    Standard,
    /// A quote that does not close on its own line is a character of the cell.
    SameLine,
}

/// Rewrites `text` so that every cell opened by a quote that does not close on
/// the same line becomes a properly quoted cell holding the raw text up to the
/// next delimiter or line end, quote included. Cells that close are untouched.
pub fn same_line(text: &str, delimiter: u8) -> Cow<'_, str> {
    let b = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let (mut i, mut copied) = (0usize, 0usize);
    let mut field_start = true;
    while i < b.len() {
        let c = b[i];
        if field_start && c == b'"' {
            match closing(b, i + 1, delimiter) {
                Some(end) => {
                    i = end; // a well-formed quoted cell, kept as it is
                    field_start = false;
                    continue;
                }
                None => {
                    let end = b[i..]
                        .iter()
                        .position(|&x| x == delimiter || x == b'\n' || x == b'\r')
                        .map_or(b.len(), |p| i + p);
                    let o = out.get_or_insert_with(|| Vec::with_capacity(b.len() + 16));
                    o.extend_from_slice(&b[copied..i]);
                    o.push(b'"');
                    for &x in &b[i..end] {
                        if x == b'"' {
                            o.push(b'"');
                        }
                        o.push(x);
                    }
                    o.push(b'"');
                    copied = end;
                    i = end;
                    field_start = false;
                    continue;
                }
            }
        }
        field_start = c == delimiter || c == b'\n' || c == b'\r';
        i += 1;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut o) => {
            o.extend_from_slice(&b[copied..]);
            // Only ASCII quotes were added around unchanged UTF-8 text.
            Cow::Owned(String::from_utf8(o).unwrap_or_else(|_| text.to_string()))
        }
    }
}

/// Where a quoted cell opened just before `from` ends (the index after its
/// closing quote), if it closes before the end of the line.
fn closing(b: &[u8], from: usize, delimiter: u8) -> Option<usize> {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'"' if b.get(i + 1) == Some(&b'"') => i += 2,
            b'"' => return Some(i + 1),
            b'\n' | b'\r' => return None,
            _ => i += 1,
        }
    }
    let _ = delimiter;
    None
}

/// Notices, while records are read, the first cell that swallowed rows: a
/// quoted cell holding line breaks followed by lines that look like rows of
/// the table (as many delimiters as the header line, or half of them), or that
/// runs to the end of the input.
pub struct Watch {
    delimiter: u8,
    /// Delimiters on the first line: what a row looks like.
    row_delimiters: usize,
    found: Option<Swallow>,
}

struct Swallow {
    line: usize,
    column: usize,
    lines: usize,
    to_end: bool,
}

impl Watch {
    pub fn new(text: &str, delimiter: u8) -> Watch {
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        Watch {
            delimiter,
            row_delimiters: first.bytes().filter(|&x| x == delimiter).count(),
            found: None,
        }
    }

    /// Look at one record: `line` is where it starts, `to_end` whether it ran
    /// to the end of the input.
    pub fn see(&mut self, record: &csv::StringRecord, line: usize, to_end: bool) {
        if self.found.is_some() || self.row_delimiters == 0 {
            return;
        }
        let mut before = 0usize;
        for (col, cell) in record.iter().enumerate() {
            let body = cell.trim_end_matches(['\n', '\r']);
            let breaks = body.bytes().filter(|&x| x == b'\n').count();
            if breaks == 0 {
                continue;
            }
            let need = self.row_delimiters.div_ceil(2).max(1);
            let row_like = body
                .split('\n')
                .skip(1)
                .filter(|l| l.bytes().filter(|&x| x == self.delimiter).count() >= need)
                .count();
            if row_like >= 2 || (row_like >= 1 && to_end) {
                self.found = Some(Swallow {
                    line: line + before,
                    column: col + 1,
                    lines: breaks,
                    to_end,
                });
                return;
            }
            before += breaks;
        }
    }

    /// The warning, with the `same_line` reading offered.
    pub fn report(self, headers: &[String], diags: &mut Diagnostics) {
        let Some(s) = self.found else { return };
        let name = headers.get(s.column - 1).map(String::as_str).unwrap_or("");
        let name = crate::common::format::quoted(name, 40);
        let lines = crate::common::format::count(s.lines, "line", "lines");
        let (until, until_zh) = if s.to_end {
            ("never closes".to_string(), "引号未闭合".to_string())
        } else {
            let end = s.line + s.lines;
            (
                format!("closes only on row {end}"),
                format!("直到第 {end} 行才闭合"),
            )
        };
        let (en, zh) = (
            format!("A quote opens the cell on row {}, column {} \"{name}\", and {until}: the {lines} after it were read as that one cell, so those respondents are missing.", s.line, s.column),
            format!("第 {} 行第 {} 列“{name}”的单元格以引号开头，{until_zh}：其后的 {} 行被读成这一个单元格，这些受访者因此缺失。", s.line, s.column, s.lines),
        );
        // The row holding the quote came out short: that is this, said once.
        diags.drop_at("short_row", s.line);
        diags.push_first(
            Diagnostic::new(
                "unclosed_quote",
                Severity::Warning,
                Text::new(
                    format!("{en} If the quote is just a character of the text, read quotes that do not close on their own line as text."),
                    format!("{zh}如该引号只是文字中的字符，请将未在本行闭合的引号按普通字符读取。"),
                ),
            )
            .at_row(s.line)
            .at_column(s.column, &name)
            .with_action(
                Text::new("Read the stray quote as text", "将未闭合的引号按字符读取"),
                Change::Input {
                    option: "quotes".into(),
                    value: "same_line".into(),
                },
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_quotes_become_text() {
        // Quotes that close on their line are left to the csv reader.
        let t = "id,comment,E1\n1,\"great\" staff,5\n3,\"a, b\",3\n";
        assert!(matches!(same_line(t, b','), Cow::Borrowed(_)));
        let t = "id,comment,E1\n1,\"oops,5\n2,fine,4\n";
        assert_eq!(
            same_line(t, b','),
            "id,comment,E1\n1,\"\"\"oops\",5\n2,fine,4\n"
        );
        let t = "a,b\n1,2\n";
        assert!(matches!(same_line(t, b','), Cow::Borrowed(_)));
    }
}
