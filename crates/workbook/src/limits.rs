//! How much a workbook may make the reader hold, and the messages for a
//! workbook beyond it. Every limit is checked before calamine lays a sheet out
//! (zip_parts.rs reads the parts first; xls_extent.rs and sanity.rs walk XLS
//! records), so a refused file costs little more than reading it once.

use crate::Error;

/// The most cells a sheet may have as the reader lays it out: from row 1 and
/// column A to its last filled cell, row by row (an XLSX row is as long as its
/// last filled cell; an XLS or ODS sheet is one rectangle). For ODS, where
/// calamine lays every sheet out when the file is opened, the sheets together.
///
/// Why 12 million: a real survey stays far below it — 100 000 respondents ×
/// 100 columns, a very large survey, is 10 million cells and must open; 12
/// million leaves room for 20% more rows or columns. Above it the cost is what
/// a browser tab cannot afford. Measured on such a 10-million-cell XLSX
/// (26 MB): natively 650 MB and ~6 s; in the workbook module under Node (V8,
/// as in the page's worker) 350 MB of wasm memory (~35 bytes a cell) plus the
/// rows as JavaScript strings, ~20 s — and the page then hands the rows to
/// the engine module, which holds its own copy. So 12 million cells are about
/// 1 GB across the page and half a minute; the 19-million-cell file of issue 8
/// took 73 s in the page and 1.2 GB natively.
pub const MAX_CELLS: usize = 12_000_000;

/// The most cells the sheets of an ODS may have together as laid out: half of
/// [`MAX_CELLS`]. calamine holds every ODS sheet in memory from the moment the
/// file is opened, as a grid of values and a grid of formulas, and hands out a
/// copy of the one read — about 120 bytes a cell natively (11.5 million cells
/// repeated from a 790-byte file took 1.35 GB), twice what an XLSX cell costs.
/// No real ODS is refused for it: ODS writes about 100 bytes of XML for each
/// cell that is not a repeat of its neighbour, so an ODS of more than ~5
/// million such cells is already beyond [`MAX_UNPACKED`]; only repeats get
/// this far.
pub const MAX_ODS_CELLS: usize = MAX_CELLS / 2;

/// The most bytes of cell text a sheet may hold once read (for ODS, all
/// sheets together), and the most the shared-string table of an XLSX may hold.
/// Text already in the file is bounded by [`MAX_UNPACKED`]; this bounds the
/// copies: a shared string referenced by a million cells is copied into each
/// of them, and an ODS cell repeated over columns and rows is copied into every
/// repeat. 256 MiB is 25 bytes for each of 10 million cells — survey answers,
/// labels such as "非常满意" and the odd comment fit well inside.
pub const MAX_TEXT_BYTES: u64 = 256 * 1024 * 1024;

/// The most text one cell (or one shared string) may hold: 1 MiB, 32 times
/// Excel's own limit of 32 767 characters. The XML parser, calamine and this
/// crate each hold a copy of a cell's text while reading it.
pub const MAX_CELL_TEXT: u64 = 1024 * 1024;

/// The most bytes the parts of an XLSX or ODS may unpack to, together:
/// declared in the zip's central directory and counted while inflating. A
/// 10-million-cell XLSX sheet is about 350 MB of XML.
pub const MAX_UNPACKED: u64 = 512 * 1024 * 1024;

/// The most worksheets a workbook may have (LibreOffice's own limit is 10 000;
/// Excel's is memory). Each one is read when no sheet is named.
pub const MAX_SHEETS: usize = 10_000;

/// The most records calamine keeps as objects when it opens an XLSX (cell
/// formats, fonts, fills, borders, number formats, sheets, defined names,
/// relationships), each a few hundred bytes from a few bytes of XML. Excel's
/// own limits are about 65 000 cell formats and 1 024 fonts.
pub const MAX_RECORDS: u64 = 500_000;

/// The limits one read works to: [`Limits::DEFAULT`], smaller in tests.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub cells: u64,
    pub ods_cells: u64,
    pub text: u64,
    pub cell_text: u64,
    pub unpacked: u64,
    pub sheets: u64,
    pub records: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        cells: MAX_CELLS as u64,
        ods_cells: MAX_ODS_CELLS as u64,
        text: MAX_TEXT_BYTES,
        cell_text: MAX_CELL_TEXT,
        unpacked: MAX_UNPACKED,
        sheets: MAX_SHEETS as u64,
        records: MAX_RECORDS,
    };
}

fn mib(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

/// A sheet with more cells than [`MAX_CELLS`] (`cells` of them, at least).
pub(crate) fn too_many_cells(cells: u64, limit: u64) -> Error {
    Error::new(
        "sheet_too_large",
        format!("A sheet of the workbook has at least {cells} cells as laid out, more than the {limit} that can be read (a survey of 100 000 respondents × 100 columns has 10 million). Delete unused rows and columns, or save the data sheet as CSV."),
        format!("工作簿中有工作表排布后至少有 {cells} 个单元格，超过可读取的上限 {limit}（10 万名受访者 × 100 列的问卷为 1000 万个）。请删除多余的行和列，或将数据工作表另存为 CSV。"),
    )
}

/// ODS sheets with more cells together than [`MAX_ODS_CELLS`].
pub(crate) fn too_many_ods_cells(cells: u64, limit: u64) -> Error {
    Error::new(
        "sheet_too_large",
        format!("The sheets of this ODS workbook have at least {cells} cells together as laid out, more than the {limit} that can be read from an ODS file (the reader holds every ODS sheet at once). Delete unused rows and columns, or save the data sheet as XLSX or CSV."),
        format!("该 ODS 工作簿的各工作表排布后合计至少有 {cells} 个单元格，超过 ODS 文件可读取的上限 {limit}（读取器会同时载入所有 ODS 工作表）。请删除多余的行和列，或将数据工作表另存为 XLSX 或 CSV。"),
    )
}

/// A sheet whose text (copies included) is beyond [`MAX_TEXT_BYTES`].
pub(crate) fn too_much_text(limit: u64) -> Error {
    let m = mib(limit);
    Error::new(
        "sheet_too_large",
        format!("A sheet of the workbook holds more than {m} MiB of cell text once read (repeated or shared text counts once for each cell that shows it); it is not read. Save the data sheet as CSV."),
        format!("工作簿中有工作表读取后的单元格文本超过 {m} MiB（重复或共享的文本按显示它的每个单元格计），未予读取。请将数据工作表另存为 CSV。"),
    )
}

/// One cell or shared string longer than [`MAX_CELL_TEXT`].
pub(crate) fn cell_too_long(limit: u64) -> Error {
    let m = mib(limit);
    Error::new(
        "sheet_too_large",
        format!("A cell of the workbook holds more than {m} MiB of text (Excel allows 32 767 characters); it is not read. Save the data sheet as CSV."),
        format!("工作簿中有单元格的文本超过 {m} MiB（Excel 上限为 32 767 个字符），未予读取。请将数据工作表另存为 CSV。"),
    )
}

/// Parts that unpack to more than [`MAX_UNPACKED`].
pub(crate) fn unpacks_too_large(limit: u64) -> Error {
    let m = mib(limit);
    Error::new(
        "workbook_too_large",
        format!("The workbook unpacks to more than {m} MiB, far more than a survey sheet needs; it is not read. Save the data sheet as CSV instead."),
        format!("该工作簿解压后超过 {m} MiB，远超问卷数据所需，未予读取。请将数据工作表另存为 CSV。"),
    )
}

/// More worksheets than [`MAX_SHEETS`].
pub(crate) fn too_many_sheets(limit: u64) -> Error {
    Error::new(
        "workbook_too_large",
        format!("The workbook has more than {limit} sheets; it is not read. Copy the data sheet into a new workbook, or save it as CSV."),
        format!("该工作簿的工作表超过 {limit} 个，未予读取。请将数据工作表复制到新工作簿，或另存为 CSV。"),
    )
}

/// More formats, fonts, names … than [`MAX_RECORDS`].
pub(crate) fn too_many_records(limit: u64) -> Error {
    Error::new(
        "workbook_too_large",
        format!("The workbook declares more than {limit} cell formats, fonts, names and links, far more than Excel allows; it is not read. Open and re-save it in Excel or WPS, or save the data sheet as CSV."),
        format!("该工作簿声明的单元格格式、字体、名称和链接超过 {limit} 个，远超 Excel 的上限，未予读取。请在 Excel 或 WPS 中打开并重新保存，或将数据工作表另存为 CSV。"),
    )
}

/// A shared-string table of more strings than a sheet can have cells.
pub(crate) fn too_many_strings(limit: u64) -> Error {
    Error::new(
        "workbook_too_large",
        format!("The workbook's shared-string table holds more than {limit} strings, more than a readable sheet can have cells; it is not read. Save the data sheet as CSV."),
        format!("该工作簿的共享字符串表超过 {limit} 个字符串，多于可读取工作表的单元格数，未予读取。请将数据工作表另存为 CSV。"),
    )
}
