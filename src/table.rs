//! A rectangular table of text cells parsed from pasted or loaded text.
//!
//! Cells are kept in one string buffer with end offsets, so 4 million cells cost
//! two allocations rather than four million.

use crate::diag::{Diagnostic, Diagnostics, Severity, Text};

/// Column separators we recognise, in order of preference when counts tie.
const DELIMITERS: [u8; 4] = [b'\t', b';', b',', b'|'];

/// The largest number of columns accepted; wider input is cut with a diagnostic.
/// 16 384 is Excel's own limit (column XFD), so every sheet a user can make fits;
/// a wider text file is almost certainly not a survey table.
pub const MAX_COLUMNS: usize = 16_384;

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    buf: String,
    /// `ends[r * width + c]` is the end of cell (r, c) in `buf`; its start is the
    /// previous end. u32 halves the index of a 300 MB file; push_row stops a
    /// table before its text reaches 4 GiB.
    ends: Vec<u32>,
    rows: usize,
    /// 1-based source line of each data row, for messages ("row 17").
    pub row_lines: Vec<usize>,
    /// The delimiter that was used.
    pub delimiter: u8,
    /// Question text per column where the input had it besides the header
    /// (Qualtrics row 2, SurveyMonkey row 2); empty when not.
    pub labels: Vec<String>,
}

impl Table {
    pub fn width(&self) -> usize {
        self.headers.len()
    }
    pub fn rows(&self) -> usize {
        self.rows
    }
    /// The line number a person sees for data row `row` (header is line 1).
    pub fn line_of(&self, row: usize) -> usize {
        self.row_lines.get(row).copied().unwrap_or(row + 2)
    }
    /// Cell text, trimmed of surrounding whitespace at parse time.
    pub fn cell(&self, row: usize, col: usize) -> &str {
        let i = row * self.width() + col;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.buf.get(start..self.ends[i] as usize).unwrap_or("")
    }
    /// The rows whose flag is true, keeping their source line numbers.
    pub fn select_rows(&self, keep: &[bool]) -> Table {
        let w = self.width();
        let mut t = Table {
            headers: self.headers.clone(),
            delimiter: self.delimiter,
            labels: self.labels.clone(),
            ..Default::default()
        };
        for r in 0..self.rows {
            if !keep.get(r).copied().unwrap_or(true) {
                continue;
            }
            for c in 0..w {
                t.buf.push_str(self.cell(r, c));
                t.ends.push(end_of(&t.buf));
            }
            t.rows += 1;
            t.row_lines.push(self.line_of(r));
        }
        t
    }
    /// A copy with some cells replaced: `f(row, col, text)` returns the new text,
    /// or `None` to keep the cell.
    pub fn map_cells(&self, f: impl Fn(usize, usize, &str) -> Option<String>) -> Table {
        let w = self.width();
        let mut t = Table {
            headers: self.headers.clone(),
            delimiter: self.delimiter,
            labels: self.labels.clone(),
            row_lines: self.row_lines.clone(),
            rows: self.rows,
            ..Default::default()
        };
        t.buf.reserve(self.buf.len());
        for r in 0..self.rows {
            for c in 0..w {
                let old = self.cell(r, c);
                match f(r, c, old) {
                    Some(new) => t.buf.push_str(&new),
                    None => t.buf.push_str(old),
                }
                t.ends.push(end_of(&t.buf));
            }
        }
        t
    }
    /// Build a table from already separated cells (used by tests and workbook readers).
    pub fn from_rows(headers: Vec<String>, rows: Vec<Vec<String>>) -> Table {
        let mut t = Table {
            headers,
            delimiter: b',',
            ..Default::default()
        };
        let w = t.width();
        for r in rows {
            for c in 0..w {
                t.buf.push_str(r.get(c).map(|s| s.trim()).unwrap_or(""));
                t.ends.push(end_of(&t.buf));
            }
            t.rows += 1;
            t.row_lines.push(t.rows + 1);
        }
        t
    }
}

/// Guess the delimiter from the first lines: the candidate that appears the same
/// non-zero number of times (outside quotes) on most lines wins. The most common
/// count is used rather than the first line's, so a title line above the header
/// does not decide, and decimal commas under a semicolon header ("3,5;4,0") lose
/// to the semicolons that every line, header included, agrees on.
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (b',', 0usize, 0usize); // (delimiter, lines agreeing, that count)
    for &d in &DELIMITERS {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let mut mode = (0usize, 0usize); // (count, lines having it)
        for &c in counts.iter().filter(|&&c| c > 0) {
            let agree = counts.iter().filter(|&&x| x == c).count();
            if agree > mode.1 || (agree == mode.1 && c > mode.0) {
                mode = (c, agree);
            }
        }
        let (count, agree) = mode;
        if agree == 0 {
            continue;
        }
        // Tabs win ties: a spreadsheet copy is tab-separated and may contain commas.
        if agree > best.1 || (agree == best.1 && count > best.2 && best.0 != b'\t') {
            best = (d, agree, count);
        }
    }
    best.0
}

/// Line numbers from byte offsets: csv's own line count is off by one after
/// CRLF line ends, so lines are counted here from the record's start byte.
#[derive(Default)]
pub(crate) struct LineCounter {
    byte: usize,
    newlines: usize,
}

impl LineCounter {
    /// The 1-based line of the byte at `offset` (offsets must not decrease).
    pub(crate) fn line_at(&mut self, text: &[u8], offset: usize) -> usize {
        // After CRLF the reported start is the LF of the previous line end.
        let mut offset = offset;
        while matches!(text.get(offset), Some(b'\n' | b'\r')) {
            offset += 1;
        }
        let end = offset.min(text.len());
        if end > self.byte {
            self.newlines += text[self.byte..end].iter().filter(|&&b| b == b'\n').count();
            self.byte = end;
        }
        self.newlines + 1
    }
}

fn count_outside_quotes(line: &str, d: u8) -> usize {
    let mut inside = false;
    let mut n = 0;
    for &b in line.as_bytes() {
        if b == b'"' {
            inside = !inside;
        } else if b == d && !inside {
            n += 1;
        }
    }
    n
}

/// Parse delimited text (CSV, TSV, semicolon) with a header row.
///
/// Handles quoted fields, CRLF and a UTF-8 byte-order mark. Ragged rows are padded
/// or cut and reported; blank lines are skipped.
pub fn parse(text: &str, delimiter: Option<u8>, diags: &mut Diagnostics) -> Table {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(text));
    let mut table = Table {
        delimiter,
        ..Default::default()
    };
    if text.trim().is_empty() {
        diags.push(Diagnostic::new(
            "empty_input",
            Severity::Error,
            Text::new(
                "There is no data: the input is empty.",
                "没有数据：输入为空。",
            ),
        ));
        return table;
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut line = 0usize;
    let mut lines = LineCounter::default();
    table.buf.reserve(text.len());
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                // csv only errors on invalid UTF-8 here, which a &str cannot hold;
                // report and stop rather than loop.
                diags.push(Diagnostic::new(
                    "parse_error",
                    Severity::Error,
                    Text::new(
                        format!("Could not read the table: {e}"),
                        format!("无法读取表格：{e}"),
                    ),
                ));
                break;
            }
        }
        line = match record.position() {
            Some(p) => lines.line_at(text.as_bytes(), p.byte() as usize),
            None => line + 1,
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if table.headers.is_empty() {
            take_headers(
                &mut table,
                record.iter().map(str::to_string).collect(),
                diags,
            );
            continue;
        }
        push_row(&mut table, record.len(), record.iter(), line, diags);
    }
    if table.rows == 0 && !table.headers.is_empty() {
        diags.push(Diagnostic::new(
            "no_rows",
            Severity::Error,
            Text::new(
                "The table has a header row but no data rows.",
                "表格只有标题行，没有数据行。",
            ),
        ));
    }
    table
}

/// Set the header row: cut at [`MAX_COLUMNS`], name blank headers, make repeats unique.
pub(crate) fn take_headers(table: &mut Table, raw: Vec<String>, diags: &mut Diagnostics) {
    let mut headers: Vec<String> = raw.iter().map(|h| h.trim().to_string()).collect();
    if headers.len() > MAX_COLUMNS {
        diags.push(Diagnostic::new(
            "too_many_columns",
            Severity::Warning,
            Text::new(
                format!(
                    "The table has {} columns; only the first {MAX_COLUMNS} are read.",
                    headers.len()
                ),
                format!("表格有 {} 列，只读取前 {MAX_COLUMNS} 列。", headers.len()),
            ),
        ));
        headers.truncate(MAX_COLUMNS);
    }
    // Name blank headers and make duplicates unique so every column can be addressed.
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    for (i, h) in headers.iter_mut().enumerate() {
        if h.is_empty() {
            *h = format!("column_{}", i + 1);
        }
        let n = seen.entry(h.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            let renamed = format!("{h}_{n}");
            diags.push(
                Diagnostic::new(
                    "duplicate_column",
                    Severity::Warning,
                    Text::new(
                        format!(
                            "Column {} repeats the name \"{h}\"; it is called \"{renamed}\" here.",
                            i + 1
                        ),
                        format!("第 {} 列与前面的列同名“{h}”，此处改称“{renamed}”。", i + 1),
                    ),
                )
                .at_column(i + 1, h),
            );
            *h = renamed;
        }
    }
    table.headers = headers;
}

fn end_of(buf: &str) -> u32 {
    u32::try_from(buf.len()).unwrap_or(u32::MAX)
}

/// The most text one table holds (cell offsets are u32).
const MAX_TEXT: usize = u32::MAX as usize - (64 << 20);

/// Append a data row of `got` cells, padding or cutting it to the header's width.
pub(crate) fn push_row<'a>(
    table: &mut Table,
    got: usize,
    cells: impl Iterator<Item = &'a str>,
    line: usize,
    diags: &mut Diagnostics,
) {
    let w = table.width();
    if table.buf.len() > MAX_TEXT {
        if diags.count("table_too_large") == 0 {
            diags.push(
                Diagnostic::new(
                    "table_too_large",
                    Severity::Error,
                    Text::new(
                        format!("The table holds more than 4 GB of text; reading stopped at row {line}. Split the file."),
                        format!("表格文本超过 4 GB；读取在第 {line} 行处停止。请拆分文件。"),
                    ),
                )
                .at_row(line),
            );
        } else {
            diags.bump("table_too_large");
        }
        return;
    }
    if got != w {
        let code = if got < w { "short_row" } else { "long_row" };
        if diags.wants_detail(code) {
            let (en, zh) = if got < w {
                (
                    format!("Row {line} has {got} cells but the header has {w}; the missing cells are empty."),
                    format!("第 {line} 行有 {got} 个单元格，标题行有 {w} 个；缺少的单元格按空值处理。"),
                )
            } else {
                (
                    format!("Row {line} has {got} cells but the header has {w}; the extra cells are ignored."),
                    format!("第 {line} 行有 {got} 个单元格，标题行有 {w} 个；多出的单元格被忽略。"),
                )
            };
            diags.push(Diagnostic::new(code, Severity::Warning, Text::new(en, zh)).at_row(line));
        } else {
            diags.bump(code);
        }
    }
    let mut n = 0usize;
    for cell in cells.take(w) {
        table.buf.push_str(cell.trim());
        table.ends.push(end_of(&table.buf));
        n += 1;
    }
    for _ in n..w {
        table.ends.push(end_of(&table.buf));
    }
    table.rows += 1;
    table.row_lines.push(line);
}
