//! Inputs that once crashed or hung the engine (found by `cargo fuzz`, see
//! fuzz/): each must now give a report with a clear error, not a panic.

use gapscope::Evaluator;

fn regressions() -> Vec<(String, Vec<u8>)> {
    let dir = format!(
        "{}/tests/fixtures/fuzz_regressions",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fuzz_regressions directory") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("readable");
        out.push((path.display().to_string(), bytes));
    }
    out.sort();
    out
}

#[test]
fn fuzz_regressions_do_not_panic() {
    let cases = regressions();
    assert!(!cases.is_empty());
    for (name, bytes) in cases {
        let report = Evaluator::detect().analyze_bytes(&bytes);
        let _ = report.to_json();
        let _ = gapscope::markdown::render(&report, gapscope::markdown::Lang::En);
        let _ = name;
    }
}

#[cfg(feature = "native-io")]
#[test]
fn truncated_xls_sector_chain_is_a_clear_error() {
    // calamine 0.38 cfb.rs indexes past the data of a truncated OLE file; the
    // workbook crate turns that panic into workbook_corrupt.
    let dir = format!(
        "{}/tests/fixtures/fuzz_regressions",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(format!("{dir}/xls_truncated_sector_chain.bin")).expect("file");
    let report = Evaluator::detect().analyze_bytes(&bytes);
    assert!(report
        .diagnostics
        .messages
        .iter()
        .any(|m| m.code == "workbook_corrupt"));
}

#[cfg(feature = "native-io")]
#[test]
fn forged_xls_dimensions_are_refused_before_allocation() {
    // calamine 0.38 xls.rs reserves rows × columns from the DIMENSIONS record;
    // this file declares terabytes and used to abort the process.
    let dir = format!(
        "{}/tests/fixtures/fuzz_regressions",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(format!("{dir}/xls_huge_dimensions.bin")).expect("file");
    let report = Evaluator::detect().analyze_bytes(&bytes);
    assert!(report
        .diagnostics
        .messages
        .iter()
        .any(|m| m.code == "sheet_too_large"));
}

#[cfg(feature = "native-io")]
#[test]
fn looping_xls_sector_chain_is_refused() {
    let dir = format!(
        "{}/tests/fixtures/fuzz_regressions",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(format!("{dir}/xls_fat_loop_oom.bin")).expect("file");
    let report = Evaluator::detect().analyze_bytes(&bytes);
    assert!(report
        .diagnostics
        .messages
        .iter()
        .any(|m| m.code == "workbook_corrupt"));
}
