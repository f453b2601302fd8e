//! Every way survey data arrive (docs/inputs.md): bytes of unknown kind and
//! encoding, delimited text, rows from a workbook; title rows above the header;
//! survey-platform exports; long (tidy) tables; tables of item statistics.
//! This module holds the options the user can set and what the report says
//! about how the input was read.
//!
//! Stage 1 of the pipeline. In: bytes or rows and the [`InputOptions`]. Out: a
//! [`Table`](table::Table) of text cells with a header row, the
//! [`InputInfo`] the report shows, and the diagnostics of reading.

pub mod decode;
pub mod layout;
pub mod long;
pub mod numbers;
pub mod quotes;
pub mod records;
pub mod sniff;
pub mod table;
pub mod timecell;
pub mod value;
pub mod workbook;

use crate::common::diag::{Diagnostic, Severity, Text};
use crate::input::decode::EncodingGuess;
use serde::{Deserialize, Serialize};

/// A number as text the way a spreadsheet shows it (at most 15 significant
/// digits, no ".0"), for cells that arrive as numbers (JS arrays).
pub fn number_text(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{x:.0}");
    }
    if x.abs() >= 1e15 {
        // "1e308", which value::read reads back, not 309 digits.
        return crate::common::format::significant(x, 15);
    }
    // 15 significant digits: as many decimals as the integer part leaves. (Not
    // `{:.14e}`, whose exponent formatting would add code to the wasm module.)
    let decimals = (14 - x.abs().log10().floor() as i32).clamp(0, 340) as usize;
    let rounded: f64 = format!("{x:.decimals$}").parse().unwrap_or(x);
    format!("{rounded}")
}

/// How to read the input; every field is detected when absent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default)]
pub struct InputOptions {
    /// Text encoding as a WHATWG label (`utf-8`, `gb18030`, `utf-16le`, `big5` …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Column separator: `,` `;` `|` or a tab (`\t` or the word `tab`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// Row number of the header (1-based line or sheet row). Rows above it are skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header_row: Option<usize>,
    /// Workbook sheet to read (native builds; the page reads sheets itself).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// `wide` (one row per respondent), `long` (one row per answer) or
    /// `summary` (one row per item with its statistics).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<Layout>,
    /// `standard` (a quoted cell may span lines) or `same_line` (a quote that
    /// does not close on its own line is a character: for files with stray quotes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quotes: Option<quotes::Quotes>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    Wide,
    Long,
    Summary,
}

/// The largest header row accepted (Excel's last row is 1 048 576).
pub const MAX_HEADER_ROW: usize = 1_048_576;

impl InputOptions {
    /// Values that cannot be used, each as an error naming the option: an
    /// unknown delimiter or encoding, a header row of 0 or past any sheet.
    /// Nothing is read with such options (a guess instead would be silent).
    pub fn problems(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if let Some(d) = self
            .delimiter
            .as_deref()
            .filter(|_| self.delimiter_byte().is_none())
        {
            let shown = crate::common::format::quoted(d, 12);
            out.push(Diagnostic::new(
                "option_invalid",
                Severity::Error,
                Text::new(
                    format!("The delimiter option \"{shown}\" is not a column separator Gapscope reads: use , ; | or tab, or leave it empty to detect it."),
                    format!("分隔符选项“{shown}”不是可用的列分隔符：请使用 , ; | 或制表符，或留空以自动识别。"),
                ),
            ));
        }
        if let Some(e) = self.encoding.as_deref() {
            if !e.trim().is_empty() && !crate::input::decode::is_known_encoding(e) {
                out.push(crate::input::decode::unknown_encoding(e));
            }
        }
        if let Some(h) = self.header_row.filter(|&h| h == 0 || h > MAX_HEADER_ROW) {
            out.push(Diagnostic::new(
                "option_invalid",
                Severity::Error,
                Text::new(
                    format!("The header row {h} is not a row number: use 1 to {MAX_HEADER_ROW}, or leave it empty to detect the header."),
                    format!("标题行 {h} 不是有效行号：请使用 1 到 {MAX_HEADER_ROW}，或留空以自动识别。"),
                ),
            ));
        }
        out
    }

    /// Options that mean nothing for this kind of input (a sheet for a CSV,
    /// an encoding for a workbook), by name.
    pub fn not_applicable(&self, workbook: bool) -> Vec<&'static str> {
        let mut out = Vec::new();
        if workbook {
            if self.encoding.is_some() {
                out.push("encoding");
            }
            if self.delimiter.is_some() {
                out.push("delimiter");
            }
            if self.quotes.is_some() {
                out.push("quotes");
            }
        } else if self.sheet.is_some() {
            out.push("sheet");
        }
        out
    }

    /// The delimiter byte, if one was set and is understood.
    pub fn delimiter_byte(&self) -> Option<u8> {
        match self.delimiter.as_deref()?.trim_matches(' ') {
            "\t" | "\\t" | "tab" | "TAB" | "Tab" => Some(b'\t'),
            "," | "，" => Some(b','),
            ";" | "；" => Some(b';'),
            "|" => Some(b'|'),
            _ => None,
        }
    }
}

/// How the input was read: the `input` section of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct InputInfo {
    /// `text` (delimited), `rows` (given as cells), `xlsx`, `xls`, `ods`.
    pub format: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<EncodingGuess>,
    /// The column separator of delimited text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// The sheet read, and all sheets of the workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<String>,
    /// Row number of the header (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header_row: Option<usize>,
    /// Rows read but not data: titles above the header, platform metadata rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped_rows: Vec<usize>,
    /// `qualtrics`, `surveymonkey`, `wenjuanxing`, `tencent` when recognised.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    pub layout: Layout,
}

impl Default for InputInfo {
    fn default() -> Self {
        InputInfo {
            format: "text".into(),
            encoding: None,
            delimiter: None,
            sheet: None,
            sheets: Vec::new(),
            header_row: None,
            skipped_rows: Vec::new(),
            platform: None,
            layout: Layout::Wide,
        }
    }
}

/// The largest file the WebAssembly module accepts. Natively a 300 MB CSV of
/// 3.2 million respondents peaks at about 8.5 × its size in memory (table,
/// numeric answers, scores); wasm32 has at most 4 GiB, and the page holds a
/// copy of the file too, so 200 MiB is the safe browser limit. The CLI has none.
pub const BROWSER_MAX_BYTES: usize = 200 * 1024 * 1024;

/// The warning for options given for another kind of input (they are ignored).
pub fn not_applicable_warning(names: &[&str], workbook: bool) -> Option<Diagnostic> {
    if names.is_empty() {
        return None;
    }
    let list =
        crate::common::format::list(&names.iter().map(|s| s.to_string()).collect::<Vec<_>>(), 8);
    let (en, zh) = if workbook {
        (
            format!("The option {list} applies to text files, not workbooks; it is ignored."),
            format!("选项 {list} 只适用于文本文件，不适用于工作簿；已忽略。"),
        )
    } else {
        (
            format!(
                "The option {list} applies to workbooks (XLSX, XLS, ODS), not text; it is ignored."
            ),
            format!("选项 {list} 只适用于工作簿（XLSX、XLS、ODS），不适用于文本；已忽略。"),
        )
    };
    Some(Diagnostic::new(
        "option_not_applicable",
        Severity::Warning,
        Text::new(en, zh),
    ))
}

/// The error for a file over `limit` bytes.
pub fn too_large_error(len: usize, limit: usize) -> Option<Diagnostic> {
    (len > limit).then(|| {
        let (mb, max) = (len / (1024 * 1024), limit / (1024 * 1024));
        Diagnostic::new(
            "file_too_large",
            Severity::Error,
            Text::new(
                format!("The file is {mb} MB; the browser can analyse files up to {max} MB. Use the gapscope command-line tool for larger files, or split the file."),
                format!("文件大小为 {mb} MB；浏览器中最多可分析 {max} MB 的文件。更大的文件请使用 gapscope 命令行工具，或拆分文件。"),
            ),
        )
    })
}

/// The error for bytes that are not delimited text (see [`sniff::sniff`]), or
/// `None` for text.
pub fn not_text_error(kind: sniff::Sniffed) -> Option<Diagnostic> {
    use sniff::Sniffed;
    let (code, en, zh) = match kind {
        Sniffed::Text => return None,
        Sniffed::Empty => (
            "empty_file",
            "The file is empty (0 bytes).".to_string(),
            "文件为空（0 字节）。".to_string(),
        ),
        Sniffed::Workbook("encrypted") => (
            "workbook_encrypted",
            "The workbook is password-protected. Open it in Excel or WPS, remove the password (File → Info → Protect Workbook), save, and load it again.".to_string(),
            "工作簿受密码保护。请在 Excel 或 WPS 中打开，取消密码（文件 → 信息 → 保护工作簿）后保存，再重新载入。".to_string(),
        ),
        Sniffed::Workbook(fmt) => (
            "workbook_not_supported_here",
            format!("This is a {} workbook, which this build reads only through the workbook module: read a sheet into rows and analyse the rows, or save the sheet as CSV (UTF-8).", fmt.to_ascii_uppercase()),
            format!("这是 {} 工作簿，当前版本只能通过工作簿模块读取：请先读取某个工作表的行再分析，或将工作表另存为 CSV（UTF-8）。", fmt.to_ascii_uppercase()),
        ),
        Sniffed::Binary("xlsb", _) => (
            "workbook_xlsb",
            "This is an Excel binary workbook (.xlsb), which is not supported. Save it as .xlsx or CSV (UTF-8).".to_string(),
            "这是 Excel 二进制工作簿（.xlsb），暂不支持。请另存为 .xlsx 或 CSV（UTF-8）。".to_string(),
        ),
        Sniffed::Binary(what, at) => {
            let at_en = at.map(|o| format!(" (a NUL or control byte at offset {o})")).unwrap_or_default();
            let at_zh = at.map(|o| format!("（偏移 {o} 处有空字节或控制字符）")).unwrap_or_default();
            let name = match what {
                "binary" => "a binary file".to_string(),
                w => format!("a {} file", w.to_ascii_uppercase()),
            };
            let name_zh = match what {
                "binary" => "二进制文件".to_string(),
                w => format!("{} 文件", w.to_ascii_uppercase()),
            };
            (
                "not_text",
                format!("This is {name}{at_en}, not a table of text. Load a CSV, TSV or a workbook (XLSX, XLS, ODS)."),
                format!("这是{name_zh}{at_zh}，不是文本表格。请载入 CSV、TSV 或工作簿（XLSX、XLS、ODS）。"),
            )
        }
    };
    Some(Diagnostic::new(code, Severity::Error, Text::new(en, zh)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_a_spreadsheet_shows_them() {
        // The values are Python's float(f"{x:.14e}") (15 significant digits),
        // written as Rust writes them (never with an exponent).
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(1.0 / 3.0), "0.333333333333333");
        assert_eq!(number_text(2000.0 / 3.0), "666.666666666667");
        assert_eq!(number_text(-1e-7 / 3.0), "-0.0000000333333333333333");
        assert_eq!(number_text(4.0), "4");
        assert_eq!(number_text(3.5), "3.5");
        assert_eq!(number_text(f64::NAN), "");
        assert_eq!(number_text(1e308), "1e308");
    }

    #[test]
    fn size_limit_message() {
        assert!(too_large_error(10, 10).is_none());
        let d = too_large_error(300 * 1024 * 1024, BROWSER_MAX_BYTES).expect("error");
        assert_eq!(d.code, "file_too_large");
        assert!(d.message.en.contains("300 MB") && d.message.zh.contains("300 MB"));
        let r = crate::Evaluator::detect().error_report(d);
        assert!(r.diagnostics.has_errors());
        assert_eq!(r.respondents.total, 0);
    }
}
