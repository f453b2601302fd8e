//! Workbooks for Gapscope: the sheets of an XLSX, XLS or ODS file as rows of
//! text, read the way a CSV cell of the same sheet would read (numbers without
//! float noise, dates as ISO text, durations as h:mm:ss, error cells as their
//! Excel text), and a small XLSX writer for questionnaire templates.
//!
//! It is its own crate so that calamine, zip and the XML parser live in a
//! separate WebAssembly module (`gapscope_workbook`), loaded by the page only
//! when a workbook is opened; natively the CLI links it directly.
//!
//! Nothing here panics on bad bytes: every failure is an [`Error`] with a stable
//! code and a message in English and Chinese.

// A panic in wasm kills the page: outside tests, failures are values, never panics.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable
    )
)]

mod cells;
mod limits;
mod ods_extent;
mod read;
mod sanity;
pub mod writer;
mod xls_extent;
mod xlsx_scan;
mod zip_parts;

#[cfg(test)]
mod scan_tests;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use cells::cell_text;
pub use limits::{
    MAX_CELLS, MAX_CELL_TEXT, MAX_ODS_CELLS, MAX_RECORDS, MAX_SHEETS, MAX_TEXT_BYTES, MAX_UNPACKED,
};
pub use read::{format_of, read_sheet, sheet_names, Format, Sheet};
pub use writer::write_xlsx;

/// Why a workbook could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// `workbook_encrypted`, `workbook_corrupt`, `workbook_unknown_format`,
    /// `workbook_too_large`, `sheet_not_found`, `sheet_too_large`,
    /// `workbook_no_sheets`.
    pub code: &'static str,
    pub en: String,
    pub zh: String,
}

impl Error {
    pub(crate) fn new(code: &'static str, en: impl Into<String>, zh: impl Into<String>) -> Self {
        Error {
            code,
            en: en.into(),
            zh: zh.into(),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.en, self.zh)
    }
}

impl std::error::Error for Error {}

/// Something the reader did with a sheet that a person should know: the sheet
/// was read, but not every cell as the file has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// `shared_string_missing` (cells that refer to shared strings the
    /// workbook does not have read "#REF!"), `sheets_not_compared` (with no
    /// sheet named, the largest workbooks are not read sheet by sheet to the
    /// end).
    pub code: &'static str,
    pub en: String,
    pub zh: String,
}

/// A name taken from a file or typed by a user, fit to quote in a message:
/// control characters shown as spaces, at most 60 characters ("…" after).
pub(crate) fn shown(name: &str) -> String {
    const MAX: usize = 60;
    let mut out: String = name
        .chars()
        .take(MAX)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if name.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out
}
