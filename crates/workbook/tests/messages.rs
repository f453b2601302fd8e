//! What a person reads: a cell with a missing shared string named instead of
//! the whole workbook refused (issue 8), every message in English and
//! Chinese, and nothing from the file quoted at any length.

mod common;

use common::*;
use gapscope_workbook::{read_sheet, sheet_names, Error};

const SST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>yes</t></si><si><t>no</t></si></sst>"#;

/// Rows 1–8, A = shared string 0 or 1, B = a number, except `bad`.
fn survey(bad: &[(u32, &str)]) -> String {
    let mut rows = String::new();
    for r in 1..=8u32 {
        rows.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="s"><v>{}</v></c>"#,
            r % 2
        ));
        match bad.iter().find(|(row, _)| *row == r) {
            Some((_, cell)) => rows.push_str(cell),
            None => rows.push_str(&format!(r#"<c r="B{r}"><v>{r}</v></c>"#)),
        }
        rows.push_str("</row>");
    }
    rows
}

#[test]
fn a_missing_shared_string_reads_ref_and_the_cell_is_named() {
    // B7 says t="s" with an index far beyond the two strings there are:
    // calamine fails the whole sheet on it.
    let rows = survey(&[(7, r#"<c r="B7" t="s"><v>999999</v></c>"#)]);
    let bytes = xlsx_with_strings(&rows, SST);
    let sheet = read_sheet(&bytes, None).expect("the sheet is read");
    assert_eq!(sheet.rows[6][1], "#REF!");
    assert_eq!(sheet.rows[6][0], "no");
    assert_eq!(sheet.rows[7], vec!["yes", "8"]);
    assert_eq!(sheet.rows[5], vec!["yes", "6"]);
    assert_eq!(sheet.warnings.len(), 1);
    let w = &sheet.warnings[0];
    assert_eq!(w.code, "shared_string_missing");
    assert!(w.en.contains("B7") && w.en.contains("\"data\""), "{}", w.en);
    assert!(w.zh.contains("B7") && w.zh.contains("“data”"), "{}", w.zh);
    assert!(w.en.contains("1 cell (B7) refers"), "{}", w.en);
}

#[test]
fn several_missing_shared_strings_are_listed() {
    let rows = survey(&[
        (2, r#"<c r="B2" t="s"><v>5</v></c>"#),
        (4, r#"<c r="B4" t="s"><v>2</v></c>"#),
    ]);
    let sheet = read_sheet(&xlsx_with_strings(&rows, SST), Some("data")).expect("read");
    assert_eq!(sheet.rows[1][1], "#REF!");
    assert_eq!(sheet.rows[3][1], "#REF!");
    assert!(sheet.warnings[0].en.contains("2 cells (B2, B4) refer"));
    assert!(sheet.warnings[0].zh.contains("B2、B4"));
}

#[test]
fn a_missing_shared_string_table_refuses_the_sheet_and_names_cells() {
    // Thousands of references and no table: not a few bad cells.
    let mut rows = String::new();
    for r in 1..=1200 {
        rows.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="s"><v>{r}</v></c></row>"#
        ));
    }
    let err = read_sheet(&xlsx(&rows), None).expect_err("refused");
    assert_eq!(err.code, "workbook_corrupt");
    assert!(err.en.contains("A1, A2, A3"), "{}", err.en);
    assert!(err.en.contains("1200 cells"), "{}", err.en);
    assert!(err.zh.contains("A1、A2、A3"), "{}", err.zh);
}

#[test]
fn a_missing_shared_string_without_a_cell_reference_is_not_guessed() {
    // Without r, calamine's positions after the bad cell would shift.
    let rows = r#"<row r="1"><c t="s"><v>0</v></c><c t="s"><v>9</v></c><c><v>3</v></c></row>"#;
    let err = read_sheet(&xlsx_with_strings(rows, SST), None).expect_err("refused");
    assert_eq!(err.code, "workbook_corrupt");
    assert!(err.en.contains("B1"), "{}", err.en);
}

fn is_bilingual(e: &Error) {
    assert!(!e.en.is_empty() && e.en.is_ascii() || e.en.chars().any(|c| c.is_ascii_alphabetic()));
    assert!(
        e.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "no Chinese in {:?}",
        e.zh
    );
}

#[test]
fn a_sheet_name_typed_or_in_the_file_is_quoted_short() {
    let long = "问卷".repeat(300);
    let bytes = xlsx(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#);
    let err = read_sheet(&bytes, Some(&long)).expect_err("no such sheet");
    assert_eq!(err.code, "sheet_not_found");
    is_bilingual(&err);
    assert!(err.en.chars().count() < 300, "{}", err.en);
    assert!(err.en.contains('…') && err.zh.contains('…'));
    // Control characters are not passed on.
    let err = read_sheet(&bytes, Some("a\u{1b}[31mb\nc")).expect_err("no such sheet");
    assert!(!err.en.chars().any(char::is_control), "{:?}", err.en);
}

#[test]
fn many_sheet_names_are_listed_short() {
    let names: Vec<String> = (0..40).map(|i| format!("{}{i}", "x".repeat(31))).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut zip = Zip::new()
        .part("[Content_Types].xml", CONTENT_TYPES.as_bytes())
        .part("_rels/.rels", PACKAGE_RELS.as_bytes())
        .part("xl/workbook.xml", workbook_xml(&refs).as_bytes())
        .part("xl/_rels/workbook.xml.rels", workbook_rels(40).as_bytes());
    for i in 1..=40 {
        zip = zip.part(
            &format!("xl/worksheets/sheet{i}.xml"),
            format!(r#"{SHEET_HEAD}<row r="1"><c r="A1"><v>1</v></c></row>{SHEET_TAIL}"#)
                .as_bytes(),
        );
    }
    let bytes = zip.finish();
    assert_eq!(sheet_names(&bytes).expect("names").len(), 40);
    let err = read_sheet(&bytes, Some("none")).expect_err("no such sheet");
    assert!(err.en.contains("and 30 more"), "{}", err.en);
    assert!(err.zh.contains("另有 30 个"), "{}", err.zh);
}

#[test]
fn calamine_details_are_cut_short() {
    // A megabyte of text between two cells: calamine's error quotes it.
    let junk = "j".repeat(1 << 20);
    let bytes = ods(&table(&format!(
        r#"<table:table-row><table:table-cell office:value-type="float" office:value="1"/>{junk}<table:table-cell/></table:table-row>"#
    )));
    let err = read_sheet(&bytes, None).expect_err("damaged");
    assert_eq!(err.code, "workbook_corrupt");
    is_bilingual(&err);
    assert!(
        err.en.len() < 600 && err.zh.len() < 800,
        "{} / {}",
        err.en.len(),
        err.zh.len()
    );
    assert!(err.en.contains("an ODS file"), "{}", err.en);
}

#[test]
fn huge_numbers_are_short_text() {
    // 1e308 written out is 309 characters.
    let bytes = xlsx(
        r#"<row r="1"><c r="A1"><v>1e308</v></c><c r="B1"><v>-2.5E-300</v></c><c r="C1"><v>4</v></c></row>"#,
    );
    let sheet = read_sheet(&bytes, None).expect("read");
    assert_eq!(sheet.rows[0], vec!["1e308", "-2.5e-300", "4"]);
}

#[test]
fn every_refusal_here_is_in_both_languages() {
    let cases: Vec<Vec<u8>> = vec![
        ods(&table(&r#"<table:table-row><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#.repeat(800))),
        ods(r#"<table:table table:name="S">"#),
        xlsx(&(1..=800).map(|r| format!(r#"<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>"#)).collect::<String>()),
        b"PK\x03\x04 not really a zip".to_vec(),
        b"plain text".to_vec(),
    ];
    for bytes in cases {
        let err = read_sheet(&bytes, None).expect_err("refused");
        is_bilingual(&err);
        assert!(
            !err.en.contains("a ODS") && !err.en.contains("a XLS"),
            "{}",
            err.en
        );
    }
}
