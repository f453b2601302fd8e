//! The workbook reader on its own (what the browser's gapscope_workbook module
//! runs), then its rows through the core as analyzeRows would.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// See analyze_bytes.rs: the reader catches calamine's panics on purpose.
fn reset_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = std::panic::take_hook();
    });
}

fuzz_target!(|data: &[u8]| {
    reset_hook();
    let _ = gapscope_workbook::sheet_names(data);
    if let Ok(sheet) = gapscope_workbook::read_sheet(data, None) {
        let report = gapscope::Evaluator::detect().analyze_rows(&sheet.rows);
        let _ = report.to_json();
    }
});
