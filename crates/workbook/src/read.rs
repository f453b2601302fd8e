//! Opening a workbook from bytes and reading one sheet into rows.

use crate::cells::{cell_ref_text, cell_text};
use crate::Error;
use calamine::{Data, Ods, Range, Reader, SheetType, SheetVisible, Xls, Xlsx};
use std::io::Cursor;

/// The most cells (rows × columns of the used area) a sheet may have: about
/// 1 GB of text in the worst case natively, and still more than a browser tab
/// can hold as JavaScript strings. A sheet beyond it gets a clear error instead
/// of exhausting memory.
pub const MAX_CELLS: usize = 20_000_000;

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
/// `rows[r][c]` is the cell a user sees at row r + 1, column c + 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
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

fn corrupt(format: &str, detail: impl std::fmt::Display) -> Error {
    Error::new(
        "workbook_corrupt",
        format!("The {format} workbook could not be read; it may be damaged or not really a {format} file ({detail}). Open and re-save it in Excel or WPS, or save the sheet as CSV (UTF-8)."),
        format!("无法读取该 {format} 工作簿，文件可能已损坏或并非真正的 {format} 文件（{detail}）。请在 Excel 或 WPS 中打开并重新保存，或将工作表另存为 CSV（UTF-8）。"),
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
        Format::Xlsx | Format::Ods => crate::sanity::check_zip(bytes)?,
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
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
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

fn too_large(cells: usize) -> Error {
    Error::new(
        "sheet_too_large",
        format!("The sheet's used area has {cells} cells, more than the {MAX_CELLS} that can be read. Delete unused rows and columns, or save the data as CSV."),
        format!("该工作表的使用区域有 {cells} 个单元格，超过可读取的上限 {MAX_CELLS}。请删除多余的行和列，或将数据另存为 CSV。"),
    )
}

fn from_range(range: &Range<Data>) -> Result<Vec<Vec<String>>, Error> {
    let (h, w) = range.get_size();
    let Some((r0, c0)) = range.start() else {
        return Ok(Vec::new());
    };
    let (r0, c0) = (r0 as usize, c0 as usize);
    let cells = (h + r0).saturating_mul(w + c0);
    if cells > MAX_CELLS {
        return Err(too_large(cells));
    }
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); r0];
    for row in range.rows() {
        let mut out = vec![String::new(); c0];
        out.extend(row.iter().map(cell_text));
        while out.last().is_some_and(|c| c.is_empty()) {
            out.pop();
        }
        rows.push(out);
    }
    Ok(rows)
}

/// XLSX cell by cell, so a sheet claiming a huge used area with few cells (or a
/// zip bomb of a sheet) cannot make a dense grid first.
fn xlsx_rows(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Vec<Vec<String>>, Error> {
    let mut reader = book
        .worksheet_cells_reader(name)
        .map_err(|e| corrupt("XLSX", e))?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    // Cells allocated so far (row slots count one each), checked before growing.
    let mut cells = 0usize;
    while let Some(cell) = reader.next_cell().map_err(|e| corrupt("XLSX", e))? {
        let text = cell_ref_text(cell.get_value());
        if text.is_empty() {
            continue;
        }
        let (r, c) = cell.get_position();
        let (r, c) = (r as usize, c as usize);
        if r >= 1_048_576 || c >= 16_384 {
            continue; // outside any sheet Excel can make
        }
        if rows.len() <= r {
            cells = cells.saturating_add(r + 1 - rows.len());
            rows.resize_with(r + 1, Vec::new);
        }
        let row = &mut rows[r];
        if row.len() <= c {
            cells = cells.saturating_add(c + 1 - row.len());
            row.resize(c + 1, String::new());
        }
        if cells > MAX_CELLS {
            return Err(too_large(cells));
        }
        row[c] = text;
    }
    Ok(rows)
}

fn read_named(book: &mut Book, name: &str) -> Result<Vec<Vec<String>>, Error> {
    let range = match book {
        Book::Xlsx(b) => return xlsx_rows(b, name),
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
            return Err(Error::new(
                "sheet_not_found",
                format!(
                    "The workbook has no sheet called \"{name}\". Its sheets: {}.",
                    names.join(", ")
                ),
                format!(
                    "工作簿中没有名为“{name}”的工作表。现有工作表：{}。",
                    names.join("、")
                ),
            ));
        }
        let rows = read_named(&mut book, name)?;
        return Ok(Sheet {
            name: name.to_string(),
            rows,
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
    for n in candidates {
        let rows = read_named(&mut book, n)?;
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
                },
            ));
        }
    }
    if let Some((_, sheet)) = best {
        return Ok(sheet);
    }
    let first = names[0].clone();
    Ok(Sheet {
        name: first,
        rows: Vec::new(),
    })
}
