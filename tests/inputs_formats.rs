//! Every input format of issue 3, from the fixture files made by
//! tests/fixtures/make_fixtures.py (their shapes: docs/inputs.md). Expected
//! facts come from the script that wrote each file (<name>.expect.json) or are
//! stated next to the assertion with how they were computed.

#![cfg(feature = "native-io")]

use gapscope::model::config::Role;
use gapscope::{Evaluator, Report, SurveyConfig};
use serde_json::Value;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/inputs/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn expected(name: &str) -> Value {
    let bytes = fixture(&format!("{name}.expect.json"));
    serde_json::from_slice(&bytes).expect("expect.json")
}

fn analyze(name: &str) -> Report {
    Evaluator::detect().analyze_bytes(&fixture(name))
}

fn role_count(r: &Report, role: Role) -> usize {
    r.config.columns.iter().filter(|c| c.role == role).count()
}

fn error_codes(r: &Report) -> Vec<String> {
    r.diagnostics
        .messages
        .iter()
        .filter(|m| m.severity == gapscope::common::diag::Severity::Error)
        .map(|m| m.code.clone())
        .collect()
}

fn speeder_rows(r: &Report) -> Vec<usize> {
    r.quality
        .speeders
        .as_ref()
        .map(|s| s.flagged.rows.iter().map(|f| f.row).collect())
        .unwrap_or_default()
}

#[test]
fn qualtrics_csv() {
    let x = expected("qualtrics");
    let r = analyze("qualtrics.csv");
    assert_eq!(r.input.platform.as_deref(), Some("qualtrics"));
    assert_eq!(r.input.header_row, Some(1));
    assert_eq!(r.input.skipped_rows, vec![2, 3]);
    assert_eq!(
        r.respondents.total as u64,
        x["respondents"].as_u64().unwrap_or(0)
    );
    assert_eq!(r.config.items.len(), 5);
    assert_eq!(role_count(&r, Role::Expectation), 5);
    assert_eq!(role_count(&r, Role::Perception), 5);
    assert_eq!(role_count(&r, Role::Overall), 1);
    let label = r.config.items[0].label.as_ref().map(|t| t.en.clone());
    assert_eq!(label.as_deref(), x["first_label"].as_str());
    // numpy.median of the 12 durations = 382.5 -> threshold 127.5 s: 95 s
    // (data row 3, line 6) and 84 s (data row 10, line 13) are speeders.
    assert_eq!(speeder_rows(&r), vec![6, 13]);
    assert!(error_codes(&r).is_empty());
}

#[test]
fn surveymonkey_csv_and_xlsx() {
    let x = expected("surveymonkey");
    for name in ["surveymonkey.csv", "surveymonkey.xlsx"] {
        let r = analyze(name);
        assert_eq!(r.input.platform.as_deref(), Some("surveymonkey"), "{name}");
        assert_eq!(r.respondents.total, 10, "{name}");
        assert_eq!(r.config.items.len(), 5, "{name}");
        assert_eq!(r.config.scale.max, 5.0, "{name}");
        assert!(!r.config.labels.is_empty(), "{name}: label map written");
        assert_eq!(role_count(&r, Role::Id), 1, "{name}");
        let un = r
            .diagnostics
            .messages
            .iter()
            .find(|m| m.code == "unmapped_label")
            .unwrap_or_else(|| panic!("{name}: unmapped label reported"));
        assert_eq!(un.value.as_deref(), x["unmapped"]["label"].as_str());
        assert_eq!(un.row.map(|v| v as u64), x["unmapped"]["row"].as_u64());
        assert_eq!(
            un.column.map(|v| v as u64),
            x["unmapped"]["column"].as_u64()
        );
    }
}

fn check_wenjuanxing(r: &Report, x: &Value, name: &str) {
    assert_eq!(r.input.platform.as_deref(), Some("wenjuanxing"), "{name}");
    assert_eq!(r.respondents.total, 15, "{name}");
    // Respondent 7 (line 8) skipped all perceptions: not analysed, and said why.
    assert_eq!(r.respondents.analysed, 14, "{name}");
    assert_eq!(r.respondents.excluded[0].code, "too_few_answers");
    // Line 13 repeats line 6's ten answers, mostly the common 4s: among 15
    // respondents, the chance that some pair agrees that far by coincidence
    // is 5.8% (Π of each answer's share, 1 − e^(−14p) per row, × 15 rows),
    // above the 5% at which a repeat is flagged (METHODS.md §12 as proposed in
    // issue 8): counted as a repeat expected by chance, not as a duplicate.
    assert!(r.quality.duplicates.rows.is_empty(), "{name}");
    assert_eq!(r.quality.duplicates_by_chance, 1, "{name}");
    let _ = (&x["duplicate_row"], &x["duplicate_of"]);
    // numpy.median(durations) = 205 -> threshold 68.3 s: 35 s (line 4), 40 s (line 11).
    assert_eq!(speeder_rows(r), vec![4, 11], "{name}");
    // Item gaps against numpy on the generated answers.
    let means = x["item_gap_means"].as_array().cloned().unwrap_or_default();
    let ps = x["item_gap_p"].as_array().cloned().unwrap_or_default();
    for (k, (m, p)) in means.iter().zip(&ps).enumerate() {
        let id = format!("Q{}", k + 1);
        let it = r.items.iter().find(|i| i.id == id).expect("item");
        let got = it.gap.mean.unwrap_or(f64::NAN);
        assert!(
            (got - m.as_f64().unwrap_or(0.0)).abs() < 1e-12,
            "{name} {id}: {got} vs {m}"
        );
        let gp = it.gap.p.unwrap_or(f64::NAN);
        assert!(
            (gp - p.as_f64().unwrap_or(0.0)).abs() < 1e-9,
            "{name} {id}: p {gp} vs {p}"
        );
    }
    // Dimensions come from the (维度) markers.
    let dim = |id: &str| r.config.dimension_of(id).unwrap_or("").to_string();
    assert_eq!(dim("Q1"), "tangibles");
    assert_eq!(dim("Q5"), "empathy");
    assert_eq!(role_count(r, Role::Overall), 1, "{name}");
    assert_eq!(role_count(r, Role::Duration), 1, "{name}");
}

#[test]
fn wenjuanxing_xlsx_text_labels() {
    let x = expected("wenjuanxing");
    let r = analyze("wenjuanxing.xlsx");
    assert_eq!(r.input.format, "xlsx");
    check_wenjuanxing(&r, &x, "wenjuanxing.xlsx");
}

#[test]
fn wenjuanxing_gbk_csv_numeric_codes() {
    let x = expected("wenjuanxing");
    let r = analyze("wenjuanxing_gbk.csv");
    assert_eq!(
        r.input.encoding.as_ref().map(|e| e.encoding.as_str()),
        Some("gb18030")
    );
    check_wenjuanxing(&r, &x, "wenjuanxing_gbk.csv");
    // -3 (skipped by logic) is a missing answer, not an out-of-scale one.
    let p1 = r
        .quality
        .columns
        .iter()
        .find(|c| c.name.starts_with("8、"))
        .expect("P1");
    assert_eq!((p1.missing, p1.out_of_scale), (1, 0));
}

#[test]
fn tencent_xlsx() {
    let r = analyze("tencent.xlsx");
    assert_eq!(r.input.platform.as_deref(), Some("tencent"));
    assert_eq!(r.respondents.total, 9);
    assert_eq!(r.config.items.len(), 5);
    assert_eq!(role_count(&r, Role::Expectation), 5);
    // 答题时长 in seconds: [200,125,240,31,168,302,183,153,237]; numpy.median = 183
    // -> threshold 61 s: "0分31秒" on line 5.
    assert_eq!(speeder_rows(&r), vec![5]);
    let geo = r.config.columns.iter().find(|c| c.name == "地理位置(省)");
    assert_eq!(geo.map(|c| c.role), Some(Role::Ignore));
}

#[test]
fn excel_unicode_text_with_and_without_bom() {
    for (name, bom) in [
        ("excel_unicode.txt", true),
        ("excel_unicode_nobom.txt", false),
    ] {
        let r = analyze(name);
        let enc = r.input.encoding.clone().expect("encoding");
        assert_eq!(enc.encoding, "utf-16le", "{name}");
        assert_eq!(enc.bom, bom, "{name}");
        assert_eq!(r.input.delimiter.as_deref(), Some("\t"));
        assert_eq!(r.respondents.total, 8, "{name}");
        assert_eq!(r.config.items.len(), 5, "{name}");
    }
}

#[test]
fn semicolons_decimal_commas_and_missing_codes() {
    let bytes = fixture("european.csv");
    let r = Evaluator::detect().analyze_bytes(&bytes);
    assert_eq!(r.input.delimiter.as_deref(), Some(";"));
    assert_eq!(r.respondents.total, 6);
    let col = |r: &Report, n: &str| {
        r.quality
            .columns
            .iter()
            .find(|c| c.name == n)
            .cloned()
            .expect("col")
    };
    // "NA" and "-" are missing; 99 is out of the 1–5 scale until declared a code.
    assert_eq!(col(&r, "P2").missing, 1);
    assert_eq!(col(&r, "P3").missing, 1);
    let (mut config, _) = Evaluator::detect_text(&String::from_utf8_lossy(&bytes));
    config.scale = gapscope::model::config::Scale::LIKERT5;
    let strict = Evaluator::with_config(config.clone()).analyze_bytes(&bytes);
    assert_eq!(col(&strict, "E3").out_of_scale, 1);
    config.missing_codes = vec!["99".into()];
    let coded = Evaluator::with_config(config).analyze_bytes(&bytes);
    assert_eq!(
        (col(&coded, "E3").out_of_scale, col(&coded, "E3").missing),
        (0, 1)
    );
    // "3,5" reads as 3.5.
    assert_eq!(
        gapscope::input::value::read("3,5", &[]),
        gapscope::input::value::Cell::Number(3.5)
    );
}

#[test]
fn workbooks_with_title_rows_xlsx_xls_ods() {
    for name in ["bank_title.xlsx", "bank_title.xls", "bank_title.ods"] {
        let r = analyze(name);
        assert_eq!(r.input.sheet.as_deref(), Some("数据"), "{name}");
        assert_eq!(
            r.input.sheets,
            vec!["填写说明".to_string(), "数据".to_string()]
        );
        assert_eq!(r.input.header_row, Some(3), "{name}");
        assert_eq!(r.input.skipped_rows, vec![1, 2], "{name}");
        assert_eq!(r.respondents.total, 7, "{name}");
        assert_eq!(r.config.items.len(), 5, "{name}");
        assert!(error_codes(&r).is_empty(), "{name}: {:?}", error_codes(&r));
    }
    // The same table from all three formats gives the same numbers.
    let a = analyze("bank_title.xlsx");
    for other in ["bank_title.xls", "bank_title.ods"] {
        let b = analyze(other);
        assert_eq!(a.overall.servqual, b.overall.servqual, "{other}");
    }
    // A chosen sheet.
    let opts = gapscope::InputOptions {
        sheet: Some("填写说明".into()),
        ..Default::default()
    };
    let r = Evaluator::detect()
        .with_options(opts)
        .analyze_bytes(&fixture("bank_title.xlsx"));
    assert_eq!(r.input.sheet.as_deref(), Some("填写说明"));
}

#[test]
fn bad_inputs_get_one_clear_error() {
    for (name, code) in [
        ("empty.csv", "empty_file"),
        ("image_renamed.csv", "not_text"),
        ("corrupt.xlsx", "workbook_corrupt"),
        ("password.xlsx", "workbook_encrypted"),
    ] {
        let r = analyze(name);
        assert_eq!(error_codes(&r), vec![code.to_string()], "{name}");
        let m = r
            .diagnostics
            .messages
            .iter()
            .find(|m| m.code == code)
            .expect("message");
        assert!(!m.message.en.is_empty() && !m.message.zh.is_empty());
        assert_eq!(r.respondents.total, 0);
    }
}

#[test]
fn ten_thousand_columns_are_read() {
    let r = analyze("wide_10000.csv");
    assert_eq!(r.quality.columns.len(), 10_000);
    assert_eq!(r.diagnostics.count("too_many_columns"), 0);
    assert_eq!(r.diagnostics.count("table_very_wide"), 1);
}

#[test]
fn mixed_encodings_are_decoded_line_by_line_and_reported() {
    let r = analyze("mixed_encoding.csv");
    let enc = r.input.encoding.clone().expect("encoding");
    assert!(enc.mixed);
    // Python: the file's bytes .decode("utf-8") fails at position 41, the first
    // byte of "备注" in GBK (the GBK lines before it are plain ASCII).
    assert_eq!(enc.first_invalid, Some(41));
    assert_eq!(r.diagnostics.count("mixed_encoding"), 1);
    assert_eq!(r.respondents.total, 4);
}

#[test]
fn encoding_override() {
    let bytes = fixture("wenjuanxing_gbk.csv");
    let opts = gapscope::InputOptions {
        encoding: Some("gbk".into()),
        ..Default::default()
    };
    let r = Evaluator::detect().with_options(opts).analyze_bytes(&bytes);
    assert_eq!(
        r.input.encoding.map(|e| e.encoding),
        Some("gb18030".to_string())
    );
    assert_eq!(r.input.platform.as_deref(), Some("wenjuanxing"));
}

#[test]
fn rows_entry_point_matches_bytes() {
    // analyze_rows on the sheet the workbook crate reads = analyze_bytes.
    let bytes = fixture("bank_title.xlsx");
    let sheet = gapscope_workbook::read_sheet(&bytes, Some("数据")).expect("sheet");
    let a = Evaluator::detect().analyze_rows(&sheet.rows);
    let b = analyze("bank_title.xlsx");
    assert_eq!(a.overall.servqual, b.overall.servqual);
    assert_eq!(a.input.header_row, Some(3));
    let config: SurveyConfig = a.config;
    assert_eq!(config.items.len(), 5);
}
