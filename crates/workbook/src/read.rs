//! Opening a workbook from bytes and reading one sheet into rows.

use crate::cells::{cell_ref_text, cell_text};
use crate::limits::{too_many_cells, too_much_text};
use crate::xlsx_scan::{cell_name, MAX_BAD_REFS, SHEET_COLUMNS, SHEET_ROWS};
use crate::{shown, Error, Warning, MAX_CELLS, MAX_TEXT_BYTES};
use calamine::{Data, Ods, Range, Reader, SheetType, SheetVisible, Xls, Xlsx};
use std::io::Cursor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xls,
    Ods,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
        }
    }
}

/// One sheet: its name and its rows from sheet row 1 and column A, so that
/// `rows[r][c]` is the cell a user sees at row r + 1, column c + 1; and what
/// a person should know about how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
    pub warnings: Vec<Warning>,
}

const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn encrypted() -> Error {
    Error::new(
        "workbook_encrypted",
        "The workbook is password-protected. Open it in Excel or WPS, remove the password (File → Info → Protect Workbook), save, and load it again.",
        "工作簿受密码保护。请在 Excel 或 WPS 中打开，取消密码（文件 → 信息 → 保护工作簿）后保存，再重新载入。",
    )
}

/// calamine's own description of what failed, in English: quoted as a
/// technical detail after the message, cut short (it can quote the file).
fn detail(e: impl std::fmt::Display) -> String {
    const MAX: usize = 120;
    let text = e.to_string();
    let mut out: String = text
        .chars()
        .take(MAX)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out
}

fn corrupt(format: &str, e: impl std::fmt::Display) -> Error {
    let detail = detail(e);
    Error::new(
        "workbook_corrupt",
        format!("The {format} workbook could not be read; it may be damaged or not really an {format} file (details: {detail}). Open and re-save it in Excel or WPS, or save the sheet as CSV (UTF-8)."),
        format!("无法读取该 {format} 工作簿，文件可能已损坏或并非真正的 {format} 文件（技术细节：{detail}）。请在 Excel 或 WPS 中打开并重新保存，或将工作表另存为 CSV（UTF-8）。"),
    )
}

/// The workbook format from the file's first bytes.
pub fn format_of(bytes: &[u8]) -> Result<Format, Error> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let head = &bytes[..bytes.len().min(256)];
        if contains(head, b"application/vnd.oasis.opendocument.spreadsheet") {
            return Ok(Format::Ods);
        }
        return Ok(Format::Xlsx);
    }
    if bytes.starts_with(&OLE) {
        let marker: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        if contains(bytes, &marker) {
            return Err(encrypted());
        }
        return Ok(Format::Xls);
    }
    Err(Error::new(
        "workbook_unknown_format",
        "This is not an XLSX, XLS or ODS workbook.",
        "这不是 XLSX、XLS 或 ODS 工作簿。",
    ))
}

enum Book<'a> {
    Xlsx(Xlsx<Cursor<&'a [u8]>>),
    Xls(Xls<Cursor<&'a [u8]>>),
    Ods(Ods<Cursor<&'a [u8]>>),
}

fn open(bytes: &[u8]) -> Result<Book<'_>, Error> {
    let format = format_of(bytes)?;
    match format {
        Format::Xls => {
            crate::sanity::check_ole(bytes)?;
            crate::sanity::check_xls_dimensions(bytes)?;
            crate::xls_extent::check_xls_cells(bytes)?;
        }
        Format::Xlsx | Format::Ods => {
            crate::zip_parts::check_default(bytes, format)?;
        }
    }
    let cursor = Cursor::new(bytes);
    match format {
        Format::Xlsx => Xlsx::new(cursor).map(Book::Xlsx).map_err(|e| match e {
            calamine::XlsxError::Password => encrypted(),
            e => corrupt("XLSX", e),
        }),
        Format::Xls => Xls::new(cursor).map(Book::Xls).map_err(|e| match e {
            calamine::XlsError::Password => encrypted(),
            e => corrupt("XLS", e),
        }),
        Format::Ods => Ods::new(cursor).map(Book::Ods).map_err(|e| match e {
            calamine::OdsError::Password => encrypted(),
            e => corrupt("ODS", e),
        }),
    }
}

impl Book<'_> {
    fn sheets(&self) -> &[calamine::Sheet] {
        match self {
            Book::Xlsx(b) => b.sheets_metadata(),
            Book::Xls(b) => b.sheets_metadata(),
            Book::Ods(b) => b.sheets_metadata(),
        }
    }
}

/// Run the reader, turning a panic inside it into an error. calamine has index
/// panics on some malformed files (found by fuzzing, e.g. a truncated XLS
/// sector chain); natively they are caught here. In wasm a panic traps, which
/// the page sees as a thrown `WebAssembly.RuntimeError` from this module: it
/// must then report the workbook as unreadable and load the module afresh.
fn guarded<T>(f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        // The panic is expected and becomes a message: the default hook would
        // also print it ("thread 'main' panicked at …cfb.rs") to the user's
        // terminal. A hook installed once stays quiet on threads inside this
        // call and passes every other panic on to the hook it replaced.
        thread_local! {
            static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
        }
        static HOOK: std::sync::Once = std::sync::Once::new();
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if !QUIET.with(|q| q.get()) {
                    previous(info);
                }
            }));
        });
        QUIET.with(|q| q.set(true));
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        QUIET.with(|q| q.set(false));
        match result {
            Ok(r) => r,
            Err(_) => Err(Error::new(
                "workbook_corrupt",
                "The workbook could not be read: its content is damaged. Open and re-save it in Excel or WPS, or save the sheet as CSV (UTF-8).",
                "无法读取该工作簿：其内容已损坏。请在 Excel 或 WPS 中打开并重新保存，或将工作表另存为 CSV（UTF-8）。",
            )),
        }
    }
    #[cfg(target_arch = "wasm32")]
    {
        f()
    }
}

/// The names of the worksheets (chart sheets and macro sheets left out), in
/// workbook order, hidden ones included.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, Error> {
    guarded(|| {
        let book = open(bytes)?;
        Ok(worksheets(&book))
    })
}

fn worksheets(book: &Book) -> Vec<String> {
    book.sheets()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

/// An XLS or ODS sheet as calamine laid it out, from row 1 and column A. Its
/// size was checked before calamine opened the file (xls_extent.rs,
/// ods_extent.rs); checked again here as laid out.
fn from_range(range: &Range<Data>) -> Result<Vec<Vec<String>>, Error> {
    let (h, w) = range.get_size();
    let Some((r0, c0)) = range.start() else {
        return Ok(Vec::new());
    };
    let (r0, c0) = (r0 as usize, c0 as usize);
    let cells = (h + r0).saturating_mul(w + c0);
    if cells > MAX_CELLS {
        return Err(too_many_cells(cells as u64, MAX_CELLS as u64));
    }
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); r0];
    let mut text: u64 = 0;
    for row in range.rows() {
        let Some(last) = row.iter().rposition(|c| *c != Data::Empty) else {
            rows.push(Vec::new());
            continue;
        };
        let mut out = Vec::with_capacity(c0 + last + 1);
        out.resize(c0, String::new());
        for c in &row[..=last] {
            let t = cell_text(c);
            text += t.len() as u64;
            out.push(t);
        }
        while out.last().is_some_and(|c| c.is_empty()) {
            out.pop();
        }
        if text > MAX_TEXT_BYTES {
            return Err(too_much_text(MAX_TEXT_BYTES));
        }
        rows.push(out);
    }
    Ok(rows)
}

/// The error calamine 0.38 returns for a `t="s"` cell whose index is beyond
/// the shared-string table (xlsx/cells_reader.rs `read_v`). The reader can go
/// on after it: the cell's remaining events are skipped by the next call.
const MISSING_SHARED_STRING: &str = "Cell string index not found in shared strings table";

/// Rows being laid out cell by cell, counted against the limits before they
/// grow (row slots count one each).
struct Grid {
    rows: Vec<Vec<String>>,
    cells: u64,
    text: u64,
}

impl Grid {
    fn put(&mut self, r: usize, c: usize, text: String) -> Result<(), Error> {
        if self.rows.len() <= r {
            self.cells = self.cells.saturating_add((r + 1 - self.rows.len()) as u64);
            if self.cells > MAX_CELLS as u64 {
                return Err(too_many_cells(self.cells, MAX_CELLS as u64));
            }
            self.rows.resize_with(r + 1, Vec::new);
        }
        let row = &mut self.rows[r];
        if row.len() <= c {
            self.cells = self.cells.saturating_add((c + 1 - row.len()) as u64);
            if self.cells > MAX_CELLS as u64 {
                return Err(too_many_cells(self.cells, MAX_CELLS as u64));
            }
            row.resize(c + 1, String::new());
        }
        self.text += text.len() as u64;
        if self.text > MAX_TEXT_BYTES {
            return Err(too_much_text(MAX_TEXT_BYTES));
        }
        row[c] = text;
        Ok(())
    }
}

/// Up to ten cell names and how many there are, for a message.
fn cell_list(cells: &[(u32, u32)], total: u64) -> (String, String) {
    let names: Vec<String> = cells
        .iter()
        .take(10)
        .map(|&(r, c)| cell_name(r, c))
        .collect();
    let more = total.saturating_sub(names.len() as u64);
    if more == 0 {
        (names.join(", "), names.join("、"))
    } else {
        (
            format!("{} and {more} more", names.join(", ")),
            format!("{} 等（另有 {more} 个）", names.join("、")),
        )
    }
}

fn shared_strings_damaged(
    sheet: &str,
    cells: &[(u32, u32)],
    total: u64,
    why_en: &str,
    why_zh: &str,
) -> Error {
    let sheet = shown(sheet);
    let (en, zh) = cell_list(cells, total);
    Error::new(
        "workbook_corrupt",
        format!("The XLSX workbook could not be read: in sheet \"{sheet}\", {total} cells ({en}) refer to text the workbook's shared-string table does not have; {why_en}. Open and re-save it in Excel or WPS, or save the sheet as CSV (UTF-8)."),
        format!("无法读取该 XLSX 工作簿：工作表“{sheet}”中有 {total} 个单元格（{zh}）引用了共享字符串表中不存在的文本；{why_zh}。请在 Excel 或 WPS 中打开并重新保存，或将工作表另存为 CSV（UTF-8）。"),
    )
}

/// XLSX cell by cell, so that memory follows the cells present (the sheet's
/// size was checked before calamine opened the file: xlsx_scan.rs). A cell
/// whose shared-string index is beyond the table reads "#REF!" with a warning
/// naming it, instead of failing the whole sheet.
fn xlsx_rows(
    bytes: &[u8],
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Vec<String>>, Error> {
    let mut reader = book
        .worksheet_cells_reader(name)
        .map_err(|e| corrupt("XLSX", e))?;
    let mut grid = Grid {
        rows: Vec::new(),
        cells: 0,
        text: 0,
    };
    let mut missing: u64 = 0;
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(calamine::XlsxError::Unexpected(m)) if m == MISSING_SHARED_STRING => {
                missing += 1;
                if missing > MAX_BAD_REFS as u64 {
                    break; // named below, as a damaged table
                }
                continue;
            }
            Err(e) => return Err(corrupt("XLSX", e)),
        };
        let text = cell_ref_text(cell.get_value());
        if text.is_empty() {
            continue;
        }
        let (r, c) = cell.get_position();
        if r >= SHEET_ROWS || c >= SHEET_COLUMNS {
            continue; // outside any sheet Excel can make
        }
        grid.put(r as usize, c as usize, text)?;
    }
    drop(reader);
    if missing > 0 {
        missing_shared_strings(bytes, name, missing, &mut grid, warnings)?;
    }
    let mut rows = grid.rows;
    for row in &mut rows {
        row.shrink_to_fit();
    }
    Ok(rows)
}

/// Name the cells whose shared string is missing and read them "#REF!", or
/// refuse the sheet when the table is plainly missing or cut short.
fn missing_shared_strings(
    bytes: &[u8],
    name: &str,
    missing: u64,
    grid: &mut Grid,
    warnings: &mut Vec<Warning>,
) -> Result<(), Error> {
    // The part calamine read for this sheet: the one with as many such cells
    // (reading stopped after MAX_BAD_REFS + 1 of them).
    let too_many = missing > MAX_BAD_REFS as u64;
    let mut candidates = crate::zip_parts::sheets_missing_strings(bytes);
    candidates.retain(|f| {
        if too_many {
            f.bad_count > MAX_BAD_REFS as u64
        } else {
            f.bad_count == missing
        }
    });
    let found = if candidates.len() == 1 {
        candidates.pop()
    } else {
        None
    };
    let cells: Vec<(u32, u32)> = found
        .as_ref()
        .map(|f| f.bad_refs.iter().map(|b| (b.row, b.col)).collect())
        .unwrap_or_default();
    if too_many {
        return Err(shared_strings_damaged(
            name,
            &cells,
            found.as_ref().map_or(missing, |f| f.bad_count),
            "the table is missing or cut short",
            "该表缺失或不完整",
        ));
    }
    let sheet = shown(name);
    match found {
        Some(f) if f.bad_count == missing && f.bad_refs.iter().all(|b| b.had_ref) => {
            for b in &f.bad_refs {
                if b.row < SHEET_ROWS && b.col < SHEET_COLUMNS {
                    grid.put(b.row as usize, b.col as usize, "#REF!".to_string())?;
                }
            }
            let (en, zh) = cell_list(&cells, missing);
            warnings.push(Warning {
                code: "shared_string_missing",
                en: format!("In sheet \"{sheet}\", {missing} cell{} ({en}) refer{} to text the workbook's shared-string table does not have; {} read as \"#REF!\". Check the file in Excel or WPS.", if missing == 1 { "" } else { "s" }, if missing == 1 { "s" } else { "" }, if missing == 1 { "it is" } else { "they are" }),
                zh: format!("工作表“{sheet}”中有 {missing} 个单元格（{zh}）引用了共享字符串表中不存在的文本，读作“#REF!”。请在 Excel 或 WPS 中检查该文件。"),
            });
            Ok(())
        }
        Some(f) if f.bad_count == missing => Err(shared_strings_damaged(
            name,
            &cells,
            missing,
            "a cell without its own reference makes the positions of the cells after it uncertain",
            "缺少自身引用的单元格使其后单元格的位置无法确定",
        )),
        _ => Err(shared_strings_damaged(
            name,
            &cells,
            missing,
            "the cells could not be located",
            "无法确定这些单元格的位置",
        )),
    }
}

fn read_named(
    bytes: &[u8],
    book: &mut Book,
    name: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Vec<String>>, Error> {
    let range = match book {
        Book::Xlsx(b) => return xlsx_rows(bytes, b, name, warnings),
        Book::Xls(b) => b.worksheet_range(name).map_err(|e| corrupt("XLS", e)),
        Book::Ods(b) => b.worksheet_range(name).map_err(|e| corrupt("ODS", e)),
    }?;
    from_range(&range)
}

/// Read one sheet by name, or — with `None` — the visible worksheet with the
/// most numbers, then the most filled cells (the first worksheet if all are
/// empty).
pub fn read_sheet(bytes: &[u8], name: Option<&str>) -> Result<Sheet, Error> {
    guarded(|| read_sheet_unguarded(bytes, name))
}

fn read_sheet_unguarded(bytes: &[u8], name: Option<&str>) -> Result<Sheet, Error> {
    let mut book = open(bytes)?;
    let names = worksheets(&book);
    if names.is_empty() {
        return Err(Error::new(
            "workbook_no_sheets",
            "The workbook has no worksheets.",
            "工作簿中没有工作表。",
        ));
    }
    if let Some(name) = name {
        if !names.iter().any(|n| n == name) {
            let (en, zh) = name_list(&names);
            let name = shown(name);
            return Err(Error::new(
                "sheet_not_found",
                format!("The workbook has no sheet called \"{name}\". Its sheets: {en}."),
                format!("工作簿中没有名为“{name}”的工作表。现有工作表：{zh}。"),
            ));
        }
        let mut warnings = Vec::new();
        let rows = read_named(bytes, &mut book, name, &mut warnings)?;
        return Ok(Sheet {
            name: name.to_string(),
            rows,
            warnings,
        });
    }
    // The visible worksheet holding the most numbers (then the most filled
    // cells): a survey's answers, not its cover sheet or its questionnaire.
    let visible: Vec<String> = book
        .sheets()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let candidates = if visible.is_empty() { &names } else { &visible };
    let mut best: Option<((usize, usize), Sheet)> = None;
    // Each sheet is within the limits, but a workbook can list many sheets,
    // even one part under many names: reading stops comparing them once as
    // many cells as two full sheets have been read.
    let budget = 2 * MAX_CELLS;
    let mut read = 0usize;
    let mut skipped: Vec<&String> = Vec::new();
    for n in candidates {
        if read > budget {
            skipped.push(n);
            continue;
        }
        let mut warnings = Vec::new();
        let rows = read_named(bytes, &mut book, n, &mut warnings)?;
        read += rows.len() + rows.iter().map(Vec::len).sum::<usize>();
        let cells = rows.iter().flatten().filter(|c| !c.trim().is_empty());
        let filled = cells.clone().count();
        let numbers = cells.filter(|c| c.trim().parse::<f64>().is_ok()).count();
        let score = (numbers, filled);
        if filled > 0 && best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((
                score,
                Sheet {
                    name: n.clone(),
                    rows,
                    warnings,
                },
            ));
        }
    }
    if let Some((_, mut sheet)) = best {
        if !skipped.is_empty() {
            let names: Vec<String> = skipped.iter().map(|s| s.to_string()).collect();
            let (en, zh) = name_list(&names);
            let chosen = shown(&sheet.name);
            sheet.warnings.push(Warning {
                code: "sheets_not_compared",
                en: format!("The workbook is large: sheet \"{chosen}\" was chosen without reading {} other sheet{} ({en}). Choose a sheet by name if the data are elsewhere.", names.len(), if names.len() == 1 { "" } else { "s" }),
                zh: format!("工作簿较大：未读取其余 {} 个工作表（{zh}）即选择了工作表“{chosen}”。如数据在其他工作表，请按名称选择。", names.len()),
            });
        }
        return Ok(sheet);
    }
    let first = names[0].clone();
    Ok(Sheet {
        name: first,
        rows: Vec::new(),
        warnings: Vec::new(),
    })
}

/// Sheet names for a message: at most ten, each cut to a sane length.
fn name_list(names: &[String]) -> (String, String) {
    let shown_names: Vec<String> = names.iter().take(10).map(|n| shown(n)).collect();
    let more = names.len().saturating_sub(shown_names.len());
    if more == 0 {
        (shown_names.join(", "), shown_names.join("、"))
    } else {
        (
            format!("{} and {more} more", shown_names.join(", ")),
            format!("{} 等（另有 {more} 个）", shown_names.join("、")),
        )
    }
}
