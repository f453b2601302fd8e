//! Building the [`Table`] from records — delimited text or rows of cells — in
//! one pass: the first [`HEAD_ROWS`](super::layout::HEAD_ROWS) non-blank records
//! are kept to make the [`Plan`], the rest stream straight into the table.

use super::layout::{self, Plan, Record};
use super::{InputInfo, InputOptions};
use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::input::table::{self, Table};

struct Builder {
    table: Table,
    plan: Plan,
    /// Non-blank records seen so far.
    seen: usize,
}

impl Builder {
    fn new(plan: Plan, delimiter: u8, diags: &mut Diagnostics) -> Builder {
        let mut t = Table::default();
        t.delimiter = delimiter;
        table::take_headers(&mut t, plan.headers.clone(), diags);
        let w = t.width();
        t.labels = plan
            .labels
            .iter()
            .take(w)
            .map(|s| s.trim().to_string())
            .collect();
        if !t.labels.is_empty() {
            t.labels.resize(w, String::new());
        }
        Builder {
            table: t,
            plan,
            seen: 0,
        }
    }

    fn feed<'a>(
        &mut self,
        line: usize,
        len: usize,
        cells: impl Iterator<Item = &'a str>,
        diags: &mut Diagnostics,
    ) {
        let i = self.seen;
        self.seen += 1;
        if i <= self.plan.header_index + self.plan.skip_after {
            return;
        }
        table::push_row(&mut self.table, len, cells, line, diags);
    }

    fn finish(self, diags: &mut Diagnostics) -> Table {
        if self.table.rows() == 0 && self.table.width() > 0 {
            diags.push(Diagnostic::new(
                "no_rows",
                Severity::Error,
                Text::new(
                    "The table has a header row but no data rows.",
                    "表格只有标题行，没有数据行。",
                ),
            ));
        }
        wide_hint(&self.table, diags);
        self.table
    }
}

/// A table far wider than long is often transposed (respondents in columns).
fn wide_hint(t: &Table, diags: &mut Diagnostics) {
    if t.width() > 1000 && t.rows() * 10 < t.width() {
        diags.push(Diagnostic::new(
            "table_very_wide",
            Severity::Warning,
            Text::new(
                format!("The table has {} columns but only {}. If each respondent is a column, transpose the table so that each respondent is a row.", t.width(), crate::common::format::count(t.rows(), "row", "rows")),
                format!("表格有 {} 列但只有 {} 行。如果每位受访者占一列，请先转置，使每位受访者占一行。", t.width(), t.rows()),
            ),
        ));
    }
}

/// One message for the blank records (cells holding only spaces, e.g. ",,,,"
/// at the end of a sheet) met below the header; blank rows above it belong to
/// the title area.
fn report_blank_below(blank: &[usize], info: &InputInfo, diags: &mut Diagnostics) {
    let header = info.header_row.unwrap_or(0);
    let below: Vec<usize> = blank.iter().copied().filter(|&l| l > header).collect();
    if !below.is_empty() {
        table::report_blank_rows(&below, diags);
    }
}

fn is_blank<'a>(mut cells: impl Iterator<Item = &'a str>) -> bool {
    cells.all(|c| crate::input::value::trim(c).is_empty())
}

/// Rows above a header row the user chose: skipped, the first few listed.
#[derive(Default)]
struct Above {
    count: usize,
    last: usize,
    first: Vec<usize>,
}

impl Above {
    fn see(&mut self, line: usize) {
        self.count += 1;
        self.last = line;
        if self.first.len() < 100 {
            self.first.push(line);
        }
    }
    fn note(self, info: &mut InputInfo) {
        if self.count > 0 {
            let mut rows = self.first;
            rows.append(&mut info.skipped_rows);
            info.skipped_rows = rows;
        }
    }
}

/// The header row was set past the last row with anything in it.
fn header_row_past_end(header: usize, last: usize, diags: &mut Diagnostics) {
    diags.push(Diagnostic::new(
        "header_row_not_found",
        Severity::Error,
        Text::new(
            format!("The header row was set to row {header}, but the last row with data is row {last}. Set a header row within the table, or leave it empty to detect it."),
            format!("标题行设为第 {header} 行，但最后一个有数据的行是第 {last} 行。请在表格范围内指定标题行，或留空以自动识别。"),
        ),
    ));
}

/// Delimited text → table, with header detection and platform recognition.
pub fn read_text(
    text: &str,
    options: &InputOptions,
    info: &mut InputInfo,
    diags: &mut Diagnostics,
) -> Table {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = options
        .delimiter_byte()
        .unwrap_or_else(|| table::sniff_delimiter(text));
    let rewritten;
    let text = if options.quotes == Some(super::quotes::Quotes::SameLine) {
        rewritten = super::quotes::same_line(text, delimiter);
        &*rewritten
    } else {
        text
    };
    // A table without separators is one column: no delimiter to show.
    info.delimiter = (delimiter != table::SINGLE_COLUMN).then(|| char::from(delimiter).to_string());
    if text.trim().is_empty() {
        table::empty_input(diags);
        let mut t = Table::default();
        t.delimiter = delimiter;
        return t;
    }
    let mut reader = table::records_reader(text, delimiter);
    let mut record = csv::StringRecord::new();
    let mut line = 0usize;
    let mut lines = table::LineCounter::default();
    let mut blank: Vec<usize> = Vec::new();
    let mut watch = super::quotes::Watch::new(text, delimiter);
    let mut next = |reader: &mut csv::Reader<&[u8]>,
                    record: &mut csv::StringRecord,
                    diags: &mut Diagnostics|
     -> Option<usize> {
        loop {
            match reader.read_record(record) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(e) => {
                    diags.push(Diagnostic::new(
                        "parse_error",
                        Severity::Error,
                        Text::new(
                            format!("Could not read the table: {e}"),
                            format!("无法读取表格：{e}"),
                        ),
                    ));
                    return None;
                }
            }
            line = match record.position() {
                Some(p) => lines.line_at(text.as_bytes(), p.byte() as usize),
                None => line + 1,
            };
            let to_end = reader.position().byte() as usize >= text.len();
            watch.see(record, line, to_end);
            if !is_blank(record.iter()) {
                return Some(line);
            }
            blank.push(line);
        }
    };
    let mut head: Vec<Record> = Vec::new();
    let mut above = Above::default();
    while head.len() < layout::HEAD_ROWS {
        match next(&mut reader, &mut record, diags) {
            Some(l) if options.header_row.is_some_and(|h| l < h) => above.see(l),
            Some(l) => head.push((l, record.iter().map(str::to_string).collect())),
            None => break,
        }
    }
    if head.is_empty() {
        match options.header_row.filter(|_| above.count > 0) {
            Some(h) => header_row_past_end(h, above.last, diags),
            None => table::all_cells_empty(diags),
        }
        return Table::default();
    }
    let plan = layout::plan(&head, options.header_row, info, diags);
    above.note(info);
    let mut b = Builder::new(plan, delimiter, diags);
    for (l, cells) in &head {
        b.feed(*l, cells.len(), cells.iter().map(String::as_str), diags);
    }
    while let Some(l) = next(&mut reader, &mut record, diags) {
        b.feed(l, record.len(), record.iter(), diags);
    }
    report_blank_below(&blank, info, diags);
    watch.report(&b.table.headers, diags);
    b.finish(diags)
}

/// Rows of cells (a workbook sheet, a JS array) → table. Row numbers are the
/// 1-based positions in `rows`, so they match the sheet's row numbers when the
/// rows start at sheet row 1.
pub fn read_rows(
    rows: &[Vec<String>],
    options: &InputOptions,
    info: &mut InputInfo,
    diags: &mut Diagnostics,
) -> Table {
    let non_blank = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !is_blank(r.iter().map(String::as_str)));
    let first = options.header_row.unwrap_or(1);
    let mut above = Above::default();
    for (i, _) in non_blank.clone().take_while(|(i, _)| i + 1 < first) {
        above.see(i + 1);
    }
    let head: Vec<Record> = non_blank
        .clone()
        .filter(|(i, _)| i + 1 >= first)
        .take(layout::HEAD_ROWS)
        .map(|(i, r)| (i + 1, r.clone()))
        .collect();
    if head.is_empty() {
        match options.header_row.filter(|_| above.count > 0) {
            Some(h) => header_row_past_end(h, above.last, diags),
            None => table::empty_input(diags),
        }
        return Table::default();
    }
    let plan = layout::plan(&head, options.header_row, info, diags);
    above.note(info);
    let mut b = Builder::new(plan, b',', diags);
    let width = b.table.width();
    for (i, r) in non_blank.filter(|(i, _)| i + 1 >= first) {
        // A sheet row ends at its last filled cell: empty cells after it (or
        // missing ones) are no short or long row, only empty answers.
        let used = r
            .iter()
            .rposition(|c| !crate::input::value::trim(c).is_empty())
            .map_or(0, |p| p + 1);
        b.feed(i + 1, used.max(width), r.iter().map(String::as_str), diags);
    }
    // Blank rows between data rows of a sheet (the empty tail says nothing).
    let last = rows
        .iter()
        .rposition(|r| !is_blank(r.iter().map(String::as_str)))
        .unwrap_or(0);
    let blank: Vec<usize> = rows
        .iter()
        .enumerate()
        .take(last)
        .filter(|(_, r)| is_blank(r.iter().map(String::as_str)))
        .map(|(i, _)| i + 1)
        .collect();
    report_blank_below(&blank, info, diags);
    b.finish(diags)
}
