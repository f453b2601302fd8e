//! Issue 15 (and issue 8 item 1): export shapes that were documented as
//! supported but misread, at the full 22-item size. Each file in
//! tests/fixtures/exports22/ is made by make_exports22.py, which also computes
//! the expected numbers from the answers it drew (<name>.expect.json).

mod common;

use common::{close, dimension, some, EXACT};
use gapscope::{Evaluator, Report};
use serde_json::Value;

fn load(name: &str) -> (Report, Value) {
    let dir = format!("{}/tests/fixtures/exports22", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(format!("{dir}/{name}.csv")).expect("fixture");
    let expect: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}/{name}.expect.json")).expect("expect.json"),
    )
    .expect("expect JSON");
    (Evaluator::detect().analyze_bytes(&bytes), expect)
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// Items, respondents, scale, SERVQUAL and SERVPERF, every dimension's gap and
/// every item's gap (items are numbered 1–22 in the fixture's order).
fn check_gaps(r: &Report, e: &Value) {
    assert_eq!(r.items.len(), 22, "{:#?}", r.diagnostics.messages);
    assert_eq!(
        r.respondents.analysed as u64,
        e["respondents"].as_u64().unwrap_or(0)
    );
    assert_eq!(r.config.scale.max, f(&e["scale_max"]));
    close(
        some(r.overall.servqual, "servqual"),
        f(&e["servqual"]),
        EXACT,
        "SERVQUAL",
    );
    close(
        some(r.overall.servperf, "servperf"),
        f(&e["servperf"]),
        EXACT,
        "SERVPERF",
    );
    for (id, want) in e["dimensions"].as_object().expect("dimensions") {
        close(
            some(dimension(r, id).gap.mean, id),
            f(&want["gap"]),
            EXACT,
            id,
        );
    }
    let gaps = e["item_gap"].as_array().expect("item gaps");
    for it in &r.items {
        let n: usize = it
            .id
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .parse()
            .expect("item number");
        close(some(it.gap.mean, &it.id), f(&gaps[n - 1]), EXACT, &it.id);
    }
    assert!(!r.diagnostics.has_errors(), "{:#?}", r.diagnostics.messages);
}

#[test]
fn surveymonkey_matrix_questions_of_22_statements() {
    let (r, e) = load("surveymonkey_matrix22");
    assert_eq!(r.input.platform.as_deref(), Some("surveymonkey"));
    assert_eq!(r.input.header_row, Some(1));
    assert_eq!(r.diagnostics.count("duplicate_column"), 0);
    check_gaps(&r, &e);
}

#[test]
fn surveymonkey_one_perception_matrix_is_servperf() {
    let (r, e) = load("surveymonkey_perceptions22");
    assert_eq!(r.items.len(), 22);
    assert_eq!(r.config.scale.max, 5.0);
    close(
        some(r.overall.servperf, "servperf"),
        f(&e["servperf"]),
        EXACT,
        "SERVPERF",
    );
    for (id, want) in e["dimension_servperf"].as_object().expect("dimensions") {
        close(
            some(dimension(&r, id).servperf.mean, id),
            f(want),
            EXACT,
            id,
        );
    }
    assert_eq!(r.diagnostics.count("item_incomplete"), 0);
}

#[test]
fn statement_headers_in_english_and_chinese() {
    for lang in ["en", "zh"] {
        let (r, e) = load(&format!("statements22_{lang}"));
        check_gaps(&r, &e);
        // The statement is the item's wording, shown on charts.
        let label = |n: usize| {
            r.config
                .items
                .iter()
                .find(|i| i.id == format!("Q{n}"))
                .and_then(|i| i.label.as_ref())
                .map(|l| l.en.clone())
        };
        assert_eq!(label(1).as_deref(), e["wording_first"].as_str());
        assert_eq!(label(22).as_deref(), e["wording_last"].as_str());
    }
}

#[test]
fn wenjuanxing_with_seven_chinese_labels() {
    let (r, e) = load("wenjuanxing7");
    assert_eq!(r.input.platform.as_deref(), Some("wenjuanxing"));
    check_gaps(&r, &e);
    assert_eq!(r.diagnostics.count("labels_folded"), 0);
    let overall = r
        .config
        .columns
        .iter()
        .find(|c| c.name.contains("总体满意度"))
        .expect("overall column");
    assert_eq!(
        overall.scale.map(|s| s.max),
        Some(f(&e["overall_scale_max"]))
    );
}

#[test]
fn decimal_comma_durations_find_the_speeders() {
    let (r, e) = load("decimal_durations");
    assert_eq!(r.input.delimiter.as_deref(), Some(";"));
    check_gaps(&r, &e);
    let s = r.quality.speeders.as_ref().expect("speeder check ran");
    assert_eq!(s.unreadable, 0);
    close(
        some(s.median_seconds, "median"),
        f(&e["median_seconds"]),
        EXACT,
        "median",
    );
    let rows: Vec<u64> = s.flagged.rows.iter().map(|x| x.row as u64).collect();
    let want: Vec<u64> = e["speeder_rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(Value::as_u64)
        .collect();
    assert_eq!(rows, want);
    assert_eq!(r.diagnostics.count("duration_unreadable"), 0);
}

#[test]
fn trailing_empty_cells_of_a_sheet_are_no_short_rows() {
    // A workbook writes a row only up to its last filled cell: rows whose
    // last answers are empty come back shorter than the header.
    use gapscope_workbook::writer::SheetData;
    let rows: Vec<Vec<String>> = [
        vec!["id", "E1", "P1", "E2", "P2", "comment"],
        vec!["1", "5", "4", "6", "5"],
        vec!["2", "6", "6", "7"],
        vec!["3", "4", "3", "5", "4", "ok"],
        vec!["4", "7", "5"],
    ]
    .iter()
    .map(|r| r.iter().map(|s| s.to_string()).collect())
    .collect();
    let xlsx = gapscope_workbook::write_xlsx(&[SheetData {
        name: "data",
        rows: &rows,
    }]);
    let r = Evaluator::detect().analyze_bytes(&xlsx);
    assert_eq!(
        r.diagnostics.count("short_row"),
        0,
        "{:#?}",
        r.diagnostics.messages
    );
    assert_eq!(r.respondents.total, 4);
    // Item 1: gaps −1, 0, −1, −2.
    close(
        some(common::item(&r, "Q1").gap.mean, "Q1"),
        -1.0,
        EXACT,
        "Q1",
    );
}
