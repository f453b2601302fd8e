//! A rectangular table of text cells parsed from pasted or loaded text.
//!
//! Cells are kept column by column, each column one string buffer with end offsets:
//! 4 million cells cost a few allocations rather than four million, and reading a
//! column (what the analysis does) is a sequential scan rather than a strided one.
//! Offsets are u32, which halves the index of a 300 MB file; [`push_row`] stops a
//! table before its text reaches 4 GiB.

use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};

/// Column separators we recognise, in order of preference when counts tie.
const DELIMITERS: [u8; 4] = [b'\t', b';', b',', b'|'];

/// The largest number of columns accepted; wider input is cut with a diagnostic.
/// 16 384 is Excel's own limit (column XFD), so every sheet a user can make fits;
/// a wider text file is almost certainly not a survey table.
pub const MAX_COLUMNS: usize = 16_384;

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    columns: Vec<ColumnCells>,
    /// Bytes of cell text held, over all columns (for the 4 GiB stop).
    text_len: usize,
    rows: usize,
    /// 1-based source line of each data row, for messages ("row 17").
    pub row_lines: Vec<usize>,
    /// The delimiter that was used.
    pub delimiter: u8,
    /// Question text per column where the input had it besides the header
    /// (Qualtrics row 2, SurveyMonkey row 2); empty when not.
    pub labels: Vec<String>,
}

/// The cells of one column from the first row down ([`Table::column_cells`]).
/// A plain struct with an always-inlined `next`, so a scan of a million cells
/// costs no call per cell in the wasm build (opt-level z).
pub struct ColumnIter<'a> {
    buf: &'a str,
    ends: &'a [u32],
    next: usize,
    start: usize,
}

impl<'a> Iterator for ColumnIter<'a> {
    type Item = &'a str;
    #[inline(always)]
    fn next(&mut self) -> Option<&'a str> {
        let end = *self.ends.get(self.next)? as usize;
        self.next += 1;
        let s = self.buf.get(self.start..end).unwrap_or("");
        self.start = end;
        Some(s)
    }
}

/// The cells of one column: text back to back, `ends[r]` is where row r's cell ends.
#[derive(Debug, Clone, Default)]
struct ColumnCells {
    buf: String,
    ends: Vec<u32>,
}

impl ColumnCells {
    #[inline(always)]
    fn push(&mut self, cell: &str) {
        self.buf.push_str(cell);
        self.ends.push(end_of(&self.buf));
    }
    #[inline(always)]
    fn get(&self, row: usize) -> &str {
        let start = match row.checked_sub(1) {
            Some(j) => self.ends.get(j).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(row).copied().unwrap_or(start);
        self.buf.get(start as usize..end as usize).unwrap_or("")
    }
}

impl Table {
    fn column_mut(&mut self, col: usize) -> &mut ColumnCells {
        if self.columns.len() <= col {
            self.columns.resize_with(col + 1, ColumnCells::default);
        }
        &mut self.columns[col]
    }
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
    /// Cell text, trimmed of surrounding whitespace at parse time; "" outside the table.
    pub fn cell(&self, row: usize, col: usize) -> &str {
        if row >= self.rows || col >= self.width() {
            return "";
        }
        self.columns.get(col).map_or("", |c| c.get(row))
    }
    /// The cells of column `col` from the first row down (none outside the table):
    /// a sequential scan, cheaper than [`cell`](Self::cell) row by row.
    pub fn column_cells(&self, col: usize) -> ColumnIter<'_> {
        let cells = self.columns.get(col).filter(|_| col < self.width());
        ColumnIter {
            buf: cells.map_or("", |c| c.buf.as_str()),
            ends: cells.map_or(&[][..], |c| &c.ends[..self.rows.min(c.ends.len())]),
            next: 0,
            start: 0,
        }
    }
    /// An empty table with this one's headers, question texts and delimiter.
    fn empty_like(&self) -> Table {
        Table {
            headers: self.headers.clone(),
            delimiter: self.delimiter,
            labels: self.labels.clone(),
            ..Default::default()
        }
    }
    /// The rows whose flag is true, keeping their source line numbers.
    pub fn select_rows(&self, keep: &[bool]) -> Table {
        let kept = |r: &usize| keep.get(*r).copied().unwrap_or(true);
        let mut t = self.empty_like();
        for c in 0..self.width() {
            let col = t.column_mut(c);
            for r in (0..self.rows).filter(kept) {
                col.push(self.cell(r, c));
            }
        }
        t.row_lines = (0..self.rows)
            .filter(kept)
            .map(|r| self.line_of(r))
            .collect();
        t.rows = t.row_lines.len();
        t.text_len = t.columns.iter().map(|c| c.buf.len()).sum();
        t
    }
    /// A copy with some cells replaced: `f(row, col, text)` returns the new text,
    /// or `None` to keep the cell.
    pub fn map_cells(&self, f: impl Fn(usize, usize, &str) -> Option<String>) -> Table {
        let mut t = self.empty_like();
        t.row_lines = self.row_lines.clone();
        t.rows = self.rows;
        for c in 0..self.width() {
            let col = t.column_mut(c);
            col.buf
                .reserve(self.columns.get(c).map_or(0, |x| x.buf.len()));
            for r in 0..self.rows {
                let old = self.cell(r, c);
                match f(r, c, old) {
                    Some(new) => col.push(&new),
                    None => col.push(old),
                }
            }
        }
        t.text_len = t.columns.iter().map(|c| c.buf.len()).sum();
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
                let cell = r.get(c).map(|s| s.trim()).unwrap_or("");
                t.text_len += cell.len();
                t.column_mut(c).push(cell);
            }
            t.rows += 1;
            t.row_lines.push(t.rows + 1);
        }
        t
    }
}

/// The delimiter used for a table with no separator at all: a control character
/// that no survey text contains, so every line is one cell (a decimal comma in a
/// single-column file must not split it).
pub const SINGLE_COLUMN: u8 = 0x1F;

/// How much of the text the delimiter is guessed from, at most: the first
/// [`SNIFF_RECORDS`] records, however long (a header whose first comma is 200 KB
/// in must still be seen), up to this many bytes.
const SNIFF_BYTES: usize = 16 * 1024 * 1024;
/// How many records of it (title rows above the header included).
const SNIFF_RECORDS: usize = 30;

/// Guess the delimiter from the first records: the candidate that appears the same
/// non-zero number of times (outside quoted fields) in most records wins; tabs win
/// ties. The most common count decides rather than the first record's, so a title
/// line above the header does not, and decimal commas under a semicolon header
/// ("3,5;4,0") lose to the semicolons that every record, header included, agrees
/// on. A first record without any candidate, when no record with text in it has
/// one either (only numbers such as "3,5" do), means a single column.
pub fn sniff_delimiter(text: &str) -> u8 {
    let sample = text.as_bytes();
    let sample = &sample[..sample.len().min(SNIFF_BYTES)];
    let mut best = (b',', 0usize, 0usize); // (delimiter, records agreeing, that count)
    let mut header_has_any = false;
    let mut text_record_has_any = false;
    for &d in &DELIMITERS {
        let records = separators_per_record(sample, d);
        header_has_any |= records.first().is_some_and(|r| r.count > 0);
        text_record_has_any |= records.iter().any(|r| r.count > 0 && r.letters);
        let mut mode = (0usize, 0usize); // (count, records having it)
        for c in records.iter().map(|r| r.count).filter(|&c| c > 0) {
            let agree = records.iter().filter(|r| r.count == c).count();
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
    if !header_has_any && !text_record_has_any && !sample.contains(&SINGLE_COLUMN) {
        return SINGLE_COLUMN;
    }
    best.0
}

/// What the sniffer saw of one record.
struct SniffedRecord {
    /// Delimiters outside quoted fields.
    count: usize,
    /// The record has letters (any non-ASCII character counts): a header or a
    /// title rather than numbers.
    letters: bool,
}

/// The delimiters `d` in each of the first non-blank records, read the way the
/// csv parser will: a quote opens a quoted field only at the start of a field,
/// and inside one a delimiter or a line break is text (so a header cell with a
/// line break, or a TSV cell like `5" screen`, does not skew the counts).
fn separators_per_record(sample: &[u8], d: u8) -> Vec<SniffedRecord> {
    let mut out = Vec::new();
    let (mut count, mut field_start, mut quoted, mut content) = (0usize, true, false, false);
    let mut letters = false;
    let mut i = 0;
    while i < sample.len() && out.len() < SNIFF_RECORDS {
        let c = sample[i];
        i += 1;
        if quoted {
            if c == b'"' {
                if sample.get(i) == Some(&b'"') {
                    i += 1; // an escaped quote
                } else {
                    quoted = false;
                }
            } else {
                letters |= c.is_ascii_alphabetic() || c >= 0x80;
            }
            continue;
        }
        if c == b'\n' || c == b'\r' {
            if content || count > 0 {
                out.push(SniffedRecord { count, letters });
            }
            (count, field_start, content, letters) = (0, true, false, false);
        } else if c == d {
            count += 1;
            field_start = true;
        } else if c == b'"' && field_start {
            quoted = true;
            content = true;
        } else {
            field_start = false;
            content |= !c.is_ascii_whitespace();
            letters |= c.is_ascii_alphabetic() || c >= 0x80;
        }
    }
    if (content || count > 0) && out.len() < SNIFF_RECORDS {
        out.push(SniffedRecord { count, letters });
    }
    out
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
            self.newlines += text
                .get(self.byte..end)
                .map_or(0, |s| s.iter().filter(|&&b| b == b'\n').count());
            self.byte = end;
        }
        self.newlines + 1
    }
}

/// Parse delimited text (CSV, TSV, semicolon) with a header row.
///
/// Handles quoted fields, CRLF and a UTF-8 byte-order mark. Ragged rows are padded
/// or cut and reported; blank lines are skipped.
/// Nothing to read: shared by this parser and the input pipeline's.
pub(crate) fn empty_input(diags: &mut Diagnostics) {
    diags.push(Diagnostic::new(
        "empty_input",
        Severity::Error,
        Text::new(
            "There is no data: the input is empty.",
            "没有数据：输入为空。",
        ),
    ));
}

/// Only delimiters and spaces (",,,\n,,"): as empty as an empty paste.
pub(crate) fn all_cells_empty(diags: &mut Diagnostics) {
    diags.push(Diagnostic::new(
        "empty_input",
        Severity::Error,
        Text::new(
            "There is no data: every cell is empty.",
            "没有数据：所有单元格都为空。",
        ),
    ));
}

/// Raw records of delimited text: no header row, rows of any length (ragged
/// rows are reported by the caller, not refused by csv).
pub(crate) fn records_reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

pub fn parse(text: &str, delimiter: Option<u8>, diags: &mut Diagnostics) -> Table {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(text));
    let mut table = Table {
        delimiter,
        ..Default::default()
    };
    if text.trim().is_empty() {
        empty_input(diags);
        return table;
    }
    let mut reader = records_reader(text, delimiter);
    let mut record = csv::StringRecord::new();
    let mut line = 0usize;
    let mut lines = LineCounter::default();
    // Data lines holding only delimiters and spaces (",,,," at the end of a sheet).
    let mut blank: Vec<usize> = Vec::new();
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
            if !table.headers.is_empty() {
                blank.push(line);
            }
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
    if !blank.is_empty() {
        report_blank_rows(&blank, diags);
    }
    if table.headers.is_empty() {
        all_cells_empty(diags);
    } else if table.rows == 0 {
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

/// One message for all skipped blank rows, with their number and first lines.
pub(crate) fn report_blank_rows(lines: &[usize], diags: &mut Diagnostics) {
    let shown: Vec<String> = lines.iter().take(10).map(|l| l.to_string()).collect();
    let more = if lines.len() > shown.len() {
        ", …"
    } else {
        ""
    };
    let list = shown.join(", ");
    let n = lines.len();
    let mut d = Diagnostic::new(
        "blank_rows",
        Severity::Info,
        Text::new(
            format!(
                "{} skipped ({} {list}{more}).",
                crate::common::format::count(n, "empty row was", "empty rows were"),
                if n == 1 { "row" } else { "rows" }
            ),
            format!("已跳过 {n} 个空行（第 {list}{more} 行）。"),
        ),
    );
    if let Some(&first) = lines.first() {
        d = d.at_row(first);
    }
    diags.push(d);
}

/// Set the header row: cut at [`MAX_COLUMNS`], name blank headers, make repeats unique.
pub(crate) fn take_headers(table: &mut Table, raw: Vec<String>, diags: &mut Diagnostics) {
    let mut headers: Vec<String> = raw.into_iter().map(|h| h.trim().to_string()).collect();
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
    let original: crate::common::hash::Set<String> = headers.iter().cloned().collect();
    let mut seen: crate::common::hash::Map<String, usize> = Default::default();
    for (i, h) in headers.iter_mut().enumerate() {
        if h.is_empty() {
            *h = format!("column_{}", i + 1);
        }
        let n = seen.entry(h.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            // "E1, E1, E1_2" must not produce two columns called "E1_2".
            let mut k = *n;
            let mut renamed = format!("{h}_{k}");
            while seen.contains_key(&renamed) || original.contains(&renamed) {
                k += 1;
                renamed = format!("{h}_{k}");
            }
            seen.insert(renamed.clone(), 1);
            diags.push(
                Diagnostic::new(
                    "duplicate_column",
                    Severity::Warning,
                    Text::new(
                        format!(
                            "Column {} repeats the name \"{}\"; it is called \"{}\" here.",
                            i + 1,
                            crate::common::format::quoted(h, 60),
                            crate::common::format::quoted(&renamed, 64)
                        ),
                        format!(
                            "第 {} 列与前面的列同名“{}”，此处改称“{}”。",
                            i + 1,
                            crate::common::format::quoted(h, 60),
                            crate::common::format::quoted(&renamed, 64)
                        ),
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
    if table.text_len > MAX_TEXT {
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
                    format!(
                        "Row {line} has {} but the header has {w}; the missing cells are empty.",
                        crate::common::format::count(got, "cell", "cells")
                    ),
                    format!(
                        "第 {line} 行有 {got} 个单元格，标题行有 {w} 个；缺少的单元格按空值处理。"
                    ),
                )
            } else {
                (
                    format!(
                        "Row {line} has {} but the header has {w}; the extra cells are ignored.",
                        crate::common::format::count(got, "cell", "cells")
                    ),
                    format!("第 {line} 行有 {got} 个单元格，标题行有 {w} 个；多出的单元格被忽略。"),
                )
            };
            diags.push(Diagnostic::new(code, Severity::Warning, Text::new(en, zh)).at_row(line));
        } else {
            diags.bump(code);
        }
    }
    if table.columns.len() < w {
        table.columns.resize_with(w, ColumnCells::default);
    }
    let mut cells = cells;
    for col in table.columns.iter_mut().take(w) {
        // Cells beyond the record's end are empty.
        let cell = cells.next().map_or("", crate::input::value::trim);
        table.text_len += cell.len();
        col.push(cell);
    }
    table.rows += 1;
    table.row_lines.push(line);
}
