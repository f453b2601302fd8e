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
        let _ = gapscope::report::markdown::render(&report, gapscope::report::markdown::Lang::En);
        let _ = name;
    }
}

/// The diagnostic codes of the report of one regression file.
#[cfg(feature = "native-io")]
fn codes_of(file: &str) -> Vec<String> {
    let dir = format!(
        "{}/tests/fixtures/fuzz_regressions",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(format!("{dir}/{file}")).expect("file");
    let report = Evaluator::detect().analyze_bytes(&bytes);
    report
        .diagnostics
        .messages
        .iter()
        .map(|m| m.code.to_string())
        .collect()
}

#[cfg(feature = "native-io")]
#[test]
fn truncated_xls_sector_chain_is_a_clear_error() {
    // calamine 0.38 cfb.rs indexes past the data of a truncated OLE file; the
    // workbook crate turns that panic into workbook_corrupt.
    assert!(codes_of("xls_truncated_sector_chain.bin").contains(&"workbook_corrupt".to_string()));
}

#[cfg(feature = "native-io")]
#[test]
fn forged_xls_dimensions_are_refused_before_allocation() {
    // calamine 0.38 xls.rs reserves rows × columns from the DIMENSIONS record;
    // this file declares terabytes and used to abort the process.
    assert!(codes_of("xls_huge_dimensions.bin").contains(&"sheet_too_large".to_string()));
}

#[cfg(feature = "native-io")]
#[test]
fn forged_xls_cell_positions_are_refused_before_allocation() {
    // calamine 0.38 lays every XLS sheet out as a dense grid from its first to
    // its last cell; an RK record at column 64 255, row 65 534 asked for 4 × 10⁹
    // cells (137 GB) and aborted the process (fuzz target `workbook`).
    assert!(codes_of("xls_forged_cell_columns.bin").contains(&"sheet_too_large".to_string()));
}

#[cfg(feature = "native-io")]
#[test]
fn looping_xls_sector_chain_is_refused() {
    assert!(codes_of("xls_fat_loop_oom.bin").contains(&"workbook_corrupt".to_string()));
}
