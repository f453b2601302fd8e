//! Where the inputs work met the main line: behaviour both sides had, checked
//! together (delimiter sniffing with title rows and single columns, column-major
//! storage under exclusions and label mapping, blank rows, the analyses and
//! fuzzy sections next to quality and input).

use gapscope::input::table::{sniff_delimiter, SINGLE_COLUMN};
use gapscope::{Evaluator, SurveyConfig};

#[test]
fn sniffing_title_lines_and_single_columns() {
    // A title line without any delimiter above a comma table: the table's comma.
    assert_eq!(
        sniff_delimiter("Bank survey 2024\nE1,P1,E2,P2\n5,4,6,5\n6,5,7,6\n"),
        b','
    );
    // A single column of decimal-comma numbers: one column, never split.
    assert_eq!(sniff_delimiter("score\n3,5\n4,5\n"), SINGLE_COLUMN);
    // Decimal commas under a semicolon header: the semicolons.
    assert_eq!(sniff_delimiter("E1;P1\n3,5;4,0\n4,5;3,0\n"), b';');
    // A quoted header cell with a line break does not skew the counts.
    assert_eq!(
        sniff_delimiter("\"E1\nexpectation\"\tP1\n5\t4\n6\t5\n"),
        b'\t'
    );
}

#[test]
fn title_line_then_table_is_analysed() {
    let text = "Bank survey 2024\nid,E1,P1\n1,5,4\n2,6,5\n3,7,5\n";
    let r = Evaluator::detect().analyze_text(text);
    assert_eq!(r.input.header_row, Some(2));
    assert_eq!(r.input.skipped_rows, vec![1]);
    assert_eq!(r.respondents.total, 3);
    // Gaps -1, -1, -2: mean -4/3.
    let gap = r.items[0].gap.mean.unwrap_or(f64::NAN);
    assert!((gap - -4.0 / 3.0).abs() < 1e-12, "{gap}");
}

#[test]
fn exclusions_and_labels_keep_rows_and_lines() {
    // Row 3 (line 3) excluded by number; text labels mapped through the built-in set.
    let text = "id,E1,P1,E2,P2\n1,非常同意,同意,5,4\n2,5,5,5,5\n3,同意,一般,4,2\n";
    let mut config: SurveyConfig = Evaluator::detect_text(text).0;
    assert!(!config.labels.is_empty(), "labels detected");
    config.exclude.rows = vec![3];
    let r = Evaluator::with_config(config).analyze_text(text);
    assert_eq!(r.respondents.total, 3);
    assert_eq!(r.respondents.analysed, 2);
    let row = r
        .respondents
        .excluded
        .iter()
        .find(|e| e.code == "row")
        .map(|e| e.count);
    assert_eq!(row, Some(1));
    // Q1 gaps over lines 2 and 4: (4 − 5) and (3 − 4) → −1.
    let q1 = r.items.iter().find(|i| i.id == "Q1").expect("Q1");
    assert_eq!(q1.gap.n, 2);
    assert!((q1.gap.mean.unwrap_or(f64::NAN) - -1.0).abs() < 1e-12);
}

#[test]
fn blank_rows_below_the_header_are_reported_once() {
    let text = "Title\nE1,P1\n5,4\n,\n6,5\n , \n";
    let r = Evaluator::detect().analyze_text(text);
    assert_eq!(r.respondents.total, 2);
    assert_eq!(r.diagnostics.count("blank_rows"), 1);
    let m = r
        .diagnostics
        .messages
        .iter()
        .find(|m| m.code == "blank_rows")
        .expect("message");
    assert_eq!(m.row, Some(4));
    assert!(m.message.en.contains("rows 4, 6"), "{}", m.message.en);
}

#[test]
fn every_section_is_in_one_report() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/servqual_22.csv"
    ))
    .expect("fixture");
    let r = Evaluator::detect().analyze_text(&text);
    let v: serde_json::Value = serde_json::from_str(&r.to_json()).expect("json");
    for key in ["fuzzy", "reliability", "quality", "input"] {
        assert!(v.get(key).is_some_and(|x| !x.is_null()), "{key}");
    }
    assert_eq!(v["quality"]["rows"], 16);
    assert_eq!(v["input"]["format"], "text");
}

#[test]
fn decimal_commas_are_said() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/inputs/european.csv"
    ))
    .expect("fixture");
    let r = Evaluator::detect().analyze_bytes(&bytes);
    assert_eq!(r.diagnostics.count("decimal_commas"), 1);
    // Plain numbers say nothing.
    let r = Evaluator::detect().analyze_text("E1,P1\n5,4\n6,5\n");
    assert_eq!(r.diagnostics.count("decimal_commas"), 0);
}
