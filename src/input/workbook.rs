//! Workbooks in native builds: XLSX, XLS and ODS through crates/workbook (feature
//! `native-io`). The browser reads workbooks with the separate, lazily loaded
//! `gapscope_workbook` module and hands the rows to `analyzeRows`.

use super::{InputInfo, InputOptions};
use crate::common::diag::Diagnostics;

/// The rows of the chosen (or first non-empty) sheet, or `None` when this build
/// cannot read workbooks or the workbook could not be read (then `diags` says why).
#[cfg(all(feature = "native-io", not(target_arch = "wasm32")))]
pub fn read(
    bytes: &[u8],
    format: &str,
    options: &InputOptions,
    info: &mut InputInfo,
    diags: &mut Diagnostics,
) -> Option<Vec<Vec<String>>> {
    use crate::common::diag::{Diagnostic, Severity, Text};
    info.format = format.to_string();
    let fail = |e: gapscope_workbook::Error, diags: &mut Diagnostics| {
        diags.push(Diagnostic::new(
            e.code,
            Severity::Error,
            Text::new(e.en, e.zh),
        ));
        None
    };
    let sheets = match gapscope_workbook::sheet_names(bytes) {
        Ok(s) => s,
        Err(e) => return fail(e, diags),
    };
    let sheet = match gapscope_workbook::read_sheet(bytes, options.sheet.as_deref()) {
        Ok(s) => s,
        Err(e) => return fail(e, diags),
    };
    if sheets.len() > 1 {
        // Sheet names come from the file: quoted short, at most ten listed.
        let names: Vec<String> = sheets
            .iter()
            .take(11)
            .map(|n| crate::common::format::quoted(n, 60))
            .collect();
        let chosen = crate::common::format::quoted(&sheet.name, 60);
        diags.push(Diagnostic::new(
            "sheet_chosen",
            Severity::Info,
            Text::new(
                format!(
                    "Read sheet \"{chosen}\" of {} ({}). Choose another sheet if the data are elsewhere.",
                    sheets.len(),
                    crate::common::format::list(&names, 10)
                ),
                format!(
                    "读取了工作表“{chosen}”（共 {} 个：{}）。如数据在其他工作表，请另行选择。",
                    sheets.len(),
                    crate::common::format::list_with(&names, 10, "、")
                ),
            ),
        ));
    }
    // Cells the reader could not read (a shared string past the table: "#REF!").
    for w in &sheet.warnings {
        diags.push(Diagnostic::new(
            w.code,
            Severity::Warning,
            Text::new(w.en.clone(), w.zh.clone()),
        ));
    }
    info.sheet = Some(sheet.name);
    info.sheets = sheets;
    Some(sheet.rows)
}

#[cfg(not(all(feature = "native-io", not(target_arch = "wasm32"))))]
pub fn read(
    _bytes: &[u8],
    _format: &str,
    _options: &InputOptions,
    _info: &mut InputInfo,
    _diags: &mut Diagnostics,
) -> Option<Vec<Vec<String>>> {
    None
}
