//! A rectangular table of text cells parsed from pasted or loaded text.
//!
//! Cells are kept column by column, each column one string buffer with end offsets:
//! 4 million cells cost a few allocations rather than four million, and reading a
//! column (what the analysis does) is a sequential scan rather than a strided one.
//!
//! two allocations rather than four million.

use crate::diag::{Diagnostic, Diagnostics, Severity, Text};

/// Column separators we recognise, in order of preference when counts tie.
const DELIMITERS: [u8; 4] = [b'\t', b';', b',', b'|'];

/// The largest number of columns accepted; wider input is cut with a diagnostic.
pub const MAX_COLUMNS: usize = 4096;

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    columns: Vec<ColumnCells>,
    rows: usize,
    /// 1-based source line of each data row, for messages ("row 17").
    pub row_lines: Vec<usize>,
    /// The delimiter that was used.
    pub delimiter: u8,
}

/// The cells of one column: text back to back, `ends[r]` is where row r's cell ends.
#[derive(Debug, Clone, Default)]
struct ColumnCells {
    buf: String,
    ends: Vec<usize>,
}

impl ColumnCells {
    fn push(&mut self, cell: &str) {
        self.buf.push_str(cell);
        self.ends.push(self.buf.len());
    }
    fn get(&self, row: usize) -> &str {
        let start = match row.checked_sub(1) {
            Some(j) => self.ends.get(j).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(row).copied().unwrap_or(start);
        self.buf.get(start..end).unwrap_or("")
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
                t.column_mut(c)
                    .push(r.get(c).map(|s| s.trim()).unwrap_or(""));
            }
            t.rows += 1;
            t.row_lines.push(t.rows + 1);
        }
        t
    }
}

/// The delimiter used for a table whose header has no separator at all: a control
/// character that no survey text contains, so every line is one cell (a decimal
/// comma in a single-column file must not split it).
pub const SINGLE_COLUMN: u8 = 0x1F;

/// How much of the text the delimiter is guessed from.
const SNIFF_BYTES: usize = 64 * 1024;
/// How many records of it.
const SNIFF_RECORDS: usize = 20;

/// Guess the delimiter from the first records: the candidate that appears the same
/// non-zero number of times in most records (outside quoted fields) as in the
/// header wins; tabs win ties. A header with no candidate at all means a single
/// column.
pub fn sniff_delimiter(text: &str) -> u8 {
    let sample = text.as_bytes();
    let sample = &sample[..sample.len().min(SNIFF_BYTES)];
    let mut best = (b',', 0usize, 0usize); // (delimiter, records agreeing with the header, count in the header)
    let mut header_has_any = false;
    for &d in &DELIMITERS {
        let counts = separators_per_record(sample, d);
        let first = counts.first().copied().unwrap_or(0);
        if first == 0 {
            continue;
        }
        header_has_any = true;
        let agree = counts.iter().filter(|&&c| c == first).count();
        // Tabs win ties: a spreadsheet copy is tab-separated and may contain commas.
        if agree > best.1 || (agree == best.1 && first > best.2 && best.0 != b'\t') {
            best = (d, agree, first);
        }
    }
    if !header_has_any && !sample.contains(&SINGLE_COLUMN) {
        return SINGLE_COLUMN;
    }
    best.0
}

/// The number of delimiters `d` in each of the first non-blank records, read the
/// way the csv parser will: a quote opens a quoted field only at the start of a
/// field, and inside one a delimiter or a line break is text (so a header cell
/// with a line break, or a TSV cell like `5" screen`, does not skew the counts).
fn separators_per_record(sample: &[u8], d: u8) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut count, mut field_start, mut quoted, mut content) = (0usize, true, false, false);
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
            }
            continue;
        }
        if c == b'\n' || c == b'\r' {
            if content || count > 0 {
                out.push(count);
            }
            (count, field_start, content) = (0, true, false);
        } else if c == d {
            count += 1;
            field_start = true;
        } else if c == b'"' && field_start {
            quoted = true;
            content = true;
        } else {
            field_start = false;
            content |= !c.is_ascii_whitespace();
        }
    }
    if (content || count > 0) && out.len() < SNIFF_RECORDS {
        out.push(count);
    }
    out
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
        line = record
            .position()
            .map(|p| p.line() as usize)
            .unwrap_or(line + 1);
        if record.iter().all(|c| c.trim().is_empty()) {
            if !table.headers.is_empty() {
                blank.push(line);
            }
            continue;
        }
        if table.headers.is_empty() {
            take_headers(&mut table, &record, diags);
            continue;
        }
        push_row(&mut table, &record, line, diags);
    }
    if !blank.is_empty() {
        report_blank_rows(&blank, diags);
    }
    if table.headers.is_empty() {
        // Only delimiters and spaces (",,,\n,,"): as empty as an empty paste.
        diags.push(Diagnostic::new(
            "empty_input",
            Severity::Error,
            Text::new(
                "There is no data: every cell is empty.",
                "没有数据：所有单元格都为空。",
            ),
        ));
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
fn report_blank_rows(lines: &[usize], diags: &mut Diagnostics) {
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
            format!("{n} empty rows were skipped (rows {list}{more})."),
            format!("已跳过 {n} 个空行（第 {list}{more} 行）。"),
        ),
    );
    if let Some(&first) = lines.first() {
        d = d.at_row(first);
    }
    diags.push(d);
}

fn take_headers(table: &mut Table, record: &csv::StringRecord, diags: &mut Diagnostics) {
    let mut headers: Vec<String> = record.iter().map(|h| h.trim().to_string()).collect();
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
    let original: std::collections::HashSet<String> = headers.iter().cloned().collect();
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
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

fn push_row(table: &mut Table, record: &csv::StringRecord, line: usize, diags: &mut Diagnostics) {
    let w = table.width();
    let got = record.len();
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
    for c in 0..w {
        table.column_mut(c).push(record.get(c).unwrap_or("").trim());
    }
    table.rows += 1;
    table.row_lines.push(line);
}
