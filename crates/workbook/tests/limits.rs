//! Workbooks small on disk that ask for gigabytes or never end (issue 8, items
//! 9, 10 and 12, and the rest of their kind): each is refused before calamine
//! lays anything out, which the counting allocator shows — a refusal allocates
//! a few megabytes at most. And what must still open does.

mod common;

use common::*;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A refusal costs at most this much memory.
const REFUSAL_BUDGET: usize = 24 * MB;

fn refused(bytes: &[u8], code: &str) {
    let (got, peak) = peak_during(|| outcome(bytes));
    assert_eq!(got, code);
    assert!(
        peak < REFUSAL_BUDGET,
        "refused after allocating {} MB",
        peak / MB
    );
}

fn float_cell(v: u32, repeat: u64) -> String {
    format!(
        r#"<table:table-cell office:value-type="float" office:value="{v}" table:number-columns-repeated="{repeat}"/>"#
    )
}

#[test]
fn ods_value_repeated_over_columns_and_rows_is_refused_before_layout() {
    // One value × 16 384 columns × 800 rows: 13 million cells from 1 KB
    // (with 6 000 rows, 98 million cells took 6 GB and 18 s).
    let bytes = ods(&table(&format!(
        r#"<table:table-row table:number-rows-repeated="800">{}</table:table-row>"#,
        float_cell(1, 16_384)
    )));
    assert!(bytes.len() < 2000);
    refused(&bytes, "sheet_too_large");
}

#[test]
fn ods_billion_repeated_columns_are_refused_before_layout() {
    // calamine caps each row at 16 384 columns and pushes them all while
    // reading the row: 800 such rows are 13 million cells.
    let row = format!(
        "<table:table-row>{}</table:table-row>",
        float_cell(1, 1_000_000_000)
    );
    refused(&ods(&table(&row.repeat(800))), "sheet_too_large");
}

#[test]
fn ods_million_repeated_rows_are_refused_before_layout() {
    // Cells in A and Z, the row repeated 1 048 575 times: 27 million cells
    // (1.7 GB before it was refused as laid out).
    let bytes = ods(&table(&format!(
        r#"<table:table-row table:number-rows-repeated="1048575">{}<table:table-cell table:number-columns-repeated="24"/>{}</table:table-row>"#,
        float_cell(1, 1),
        float_cell(2, 1)
    )));
    refused(&bytes, "sheet_too_large");
}

#[test]
fn ods_half_the_xlsx_cell_limit_is_refused_before_layout() {
    // 7 million cells: under MAX_CELLS, over MAX_ODS_CELLS (an ODS cell costs
    // calamine three times what an XLSX cell costs the reader; 11.5 million of
    // them took 1.35 GB).
    let bytes = ods(&table(&format!(
        r#"<table:table-row table:number-rows-repeated="430">{}</table:table-row>"#,
        float_cell(1, 16_384)
    )));
    const { assert!(7_000_000 > gapscope_workbook::MAX_ODS_CELLS) };
    refused(&bytes, "sheet_too_large");
}

#[test]
fn ods_sheets_count_together() {
    // calamine lays out every sheet when the file is opened.
    let sheet = |name: &str| {
        format!(
            r#"<table:table table:name="{name}"><table:table-row table:number-rows-repeated="200">{}</table:table-row></table:table>"#,
            float_cell(1, 16_384)
        )
    };
    let body = format!("{}{}", sheet("a"), sheet("b")); // 3.3 M cells each
    refused(&ods(&body), "sheet_too_large");
}

#[test]
fn ods_trailing_empty_rows_and_columns_cost_nothing() {
    // What LibreOffice writes: the data, then empty cells to column AMJ and
    // empty rows to the sheet's last row.
    let mut rows = String::from(r#"<table:table-column table:number-columns-repeated="1024"/>"#);
    for v in 1..=3 {
        rows.push_str(&format!(
            r#"<table:table-row>{}<table:table-cell table:number-columns-repeated="1023"/></table:table-row>"#,
            float_cell(v, 1)
        ));
    }
    rows.push_str(r#"<table:table-row table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#);
    let bytes = ods(&table(&rows));
    let (sheet, peak) = peak_during(|| gapscope_workbook::read_sheet(&bytes, None));
    let sheet = sheet.expect("readable");
    assert_eq!(sheet.rows, vec![vec!["1"], vec!["2"], vec!["3"]]);
    assert!(peak < 8 * MB, "{} MB", peak / MB);
}

#[test]
fn ods_repeated_empty_rows_between_values_count() {
    // Empty rows between two values are laid out: A1, then A1048576.
    let bytes = ods(&table(&format!(
        r#"<table:table-row>{}</table:table-row><table:table-row table:number-rows-repeated="1048574"><table:table-cell/></table:table-row><table:table-row>{}<table:table-cell table:number-columns-repeated="10"/>{}</table:table-row>"#,
        float_cell(1, 1),
        float_cell(2, 1),
        float_cell(3, 1)
    )));
    refused(&bytes, "sheet_too_large");
}

#[test]
fn ods_long_text_repeated_is_refused_before_layout() {
    // 4 KB of text in one cell, repeated over 16 384 columns × 5 rows: 335 MB
    // of copies.
    let text = "x".repeat(4096);
    let bytes = ods(&table(&format!(
        r#"<table:table-row table:number-rows-repeated="5"><table:table-cell office:value-type="string" office:string-value="{text}" table:number-columns-repeated="16384"/></table:table-row>"#
    )));
    refused(&bytes, "sheet_too_large");
}

#[test]
fn ods_space_count_bomb_is_refused() {
    // <text:s text:c="300000000"/>: calamine pushes 300 million spaces.
    let bytes = ods(&table(
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="300000000"/>b</text:p></table:table-cell></table:table-row>"#,
    ));
    refused(&bytes, "sheet_too_large");
}

/// Read in a thread: calamine loops for ever on some files.
fn outcome_within(bytes: Vec<u8>, secs: u64) -> Option<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(outcome(&bytes));
    });
    rx.recv_timeout(std::time::Duration::from_secs(secs)).ok()
}

#[test]
fn ods_content_ending_inside_a_sheet_is_refused_not_looped_on() {
    // calamine 0.38 reads the end of content.xml again and again when a
    // sheet is not closed.
    let bytes = ods(
        r#"<table:table table:name="S"><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#,
    );
    assert_eq!(
        outcome_within(bytes, 10).as_deref(),
        Some("workbook_corrupt")
    );
    let bytes = ods(&table(
        r#"<table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>note</text:p>"#,
    ));
    assert_eq!(
        outcome_within(bytes, 10).as_deref(),
        Some("workbook_corrupt")
    );
}

#[test]
fn xlsx_bomb_behind_a_prepended_entry_is_refused_unread() {
    // A local entry put in front of the zip: the zip crate finds the real
    // central directory behind it (the old guard did not), and the sheet
    // unpacks to 600 MB of white space.
    let zip = xlsx_frame()
        .repeated(
            "xl/worksheets/sheet1.xml",
            format!("{SHEET_HEAD}<row><c><v>1</v></c>").as_bytes(),
            b"                ",
            600 * MB / 16,
            format!("</row>{SHEET_TAIL}").as_bytes(),
        )
        .finish();
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x21\x00");
    bytes.extend_from_slice(&[0; 12]);
    bytes.extend_from_slice(&5u16.to_le_bytes());
    bytes.extend_from_slice(&0u16.to_le_bytes());
    bytes.extend_from_slice(b"dummy");
    bytes.extend_from_slice(&zip);
    assert!(bytes.len() < 2 * MB);
    refused(&bytes, "workbook_too_large");
    // The same without the prefix.
    refused(&zip, "workbook_too_large");
}

#[test]
fn xlsx_sparse_cells_over_a_huge_area_are_refused_before_layout() {
    // 800 cells, one per row, each in column XFD: 13 million cells as laid
    // out (row by row to the last filled cell).
    let rows: String = (1..=800)
        .map(|r| format!(r#"<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>"#))
        .collect();
    refused(&xlsx(&rows), "sheet_too_large");
}

#[test]
fn xlsx_cells_are_counted_not_taken_from_the_dimension() {
    // A dimension of one cell, then cells far away.
    let rows = format!(
        r#"<row r="1"><c r="A1"><v>1</v></c></row>{}"#,
        (2..=800)
            .map(|r| format!(r#"<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>"#))
            .collect::<String>()
    );
    let bytes = xlsx_frame()
        .part(
            "xl/worksheets/sheet1.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>{rows}{SHEET_TAIL}"#).as_bytes(),
        )
        .finish();
    refused(&bytes, "sheet_too_large");
}

#[test]
fn xlsx_shared_string_copied_into_many_cells_is_refused_before_layout() {
    // One 32 767-character shared string (Excel's longest) in 9 000 cells:
    // 295 MB of copies from a few kilobytes.
    let sst = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9000" uniqueCount="1"><si><t>{}</t></si></sst>"#,
        "x".repeat(32_767)
    );
    let rows: String = (1..=90)
        .map(|r| {
            let cells: String = (0..100)
                .map(|c| format!(r#"<c r="{}{r}" t="s"><v>0</v></c>"#, col(c)))
                .collect();
            format!(r#"<row r="{r}">{cells}</row>"#)
        })
        .collect();
    refused(&xlsx_with_strings(&rows, &sst), "sheet_too_large");
}

fn col(c: usize) -> String {
    let mut s = Vec::new();
    let mut c = c + 1;
    while c > 0 {
        s.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).expect("letters")
}

#[test]
fn xlsx_forged_unique_count_is_refused_before_calamine_reserves_it() {
    // calamine reserves room for uniqueCount strings up front: 500 million
    // are 12 GB.
    let sst = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="500000000"><si><t>a</t></si></sst>"#;
    let rows = r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#;
    refused(&xlsx_with_strings(rows, sst), "workbook_corrupt");
}

#[test]
fn xlsx_style_records_bomb_is_refused() {
    // 600 000 cell formats (Excel allows about 65 000), each a few hundred
    // bytes once calamine has read it, from 3 MB of XML that packs to 20 KB.
    let bytes = xlsx_frame()
        .repeated(
            "xl/styles.xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><name val="Calibri"/></font></fonts><cellXfs>"#,
            br#"<xf fontId="0"/>"#,
            600_000,
            b"</cellXfs></styleSheet>",
        )
        .part(
            "xl/worksheets/sheet1.xml",
            format!(r#"{SHEET_HEAD}<row r="1"><c r="A1"><v>1</v></c></row>{SHEET_TAIL}"#).as_bytes(),
        )
        .finish();
    refused(&bytes, "workbook_too_large");
}

#[test]
fn xlsx_too_many_sheets_are_refused() {
    // 10 001 sheets, all the same part: read one by one when no sheet is named.
    let names: Vec<String> = (1..=10_001).map(|i| format!("s{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for i in 1..=10_001 {
        rels.push_str(&format!(r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#));
    }
    rels.push_str("</Relationships>");
    let bytes = Zip::new()
        .part("[Content_Types].xml", CONTENT_TYPES.as_bytes())
        .part("_rels/.rels", PACKAGE_RELS.as_bytes())
        .part("xl/workbook.xml", workbook_xml(&refs).as_bytes())
        .part("xl/_rels/workbook.xml.rels", rels.as_bytes())
        .part(
            "xl/worksheets/sheet1.xml",
            format!(r#"{SHEET_HEAD}<row r="1"><c r="A1"><v>1</v></c></row>{SHEET_TAIL}"#)
                .as_bytes(),
        )
        .finish();
    refused(&bytes, "workbook_too_large");
}

#[test]
fn a_real_survey_sheet_still_opens() {
    // 2 000 respondents × 50 answers with r attributes, shared strings and
    // inline strings: read in full, and the cost follows the cells present.
    let sst = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>北京</t></si><si><r><t>上</t></r><r><t>海</t></r></si></sst>"#;
    let mut rows = String::from(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>branch</t></is></c>"#);
    for c in 1..=50 {
        rows.push_str(&format!(
            r#"<c r="{}1" t="inlineStr"><is><t>P{c}</t></is></c>"#,
            col(c)
        ));
    }
    rows.push_str("</row>");
    for r in 2..=2001 {
        rows.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="s"><v>{}</v></c>"#,
            r % 2
        ));
        for c in 1..=50 {
            rows.push_str(&format!(
                r#"<c r="{}{r}" s="1"><v>{}</v></c>"#,
                col(c),
                (r + c) % 7 + 1
            ));
        }
        rows.push_str("</row>");
    }
    let bytes = xlsx_with_strings(&rows, sst);
    let (sheet, peak) = peak_during(|| gapscope_workbook::read_sheet(&bytes, None));
    let sheet = sheet.expect("readable");
    assert_eq!(sheet.rows.len(), 2001);
    assert_eq!(sheet.rows[0][1], "P1");
    assert_eq!(sheet.rows[1][0], "北京");
    assert_eq!(sheet.rows[2][0], "上海");
    // Row 2001, column 50: (2001 + 50) % 7 + 1.
    assert_eq!(sheet.rows[2000][50], "1");
    // 102 000 cells: a few MB, not hundreds.
    assert!(peak < 16 * MB, "{} MB", peak / MB);
}

#[test]
fn zip64_entries_of_ordinary_size_are_read() {
    // Some writers mark every entry zip64 (sizes 0xFFFFFFFF in the central
    // directory, the real ones in an extra field); the old guard took each
    // for a part of 4 GiB and refused the workbook.
    let opts = zip::write::SimpleFileOptions::default().large_file(true);
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", PACKAGE_RELS.to_string()),
        ("xl/workbook.xml", workbook_xml(&["data"])),
        ("xl/_rels/workbook.xml.rels", workbook_rels(1)),
        (
            "xl/worksheets/sheet1.xml",
            format!(r#"{SHEET_HEAD}<row r="1"><c r="A1"><v>5</v></c></row>{SHEET_TAIL}"#),
        ),
    ] {
        w.start_file(name, opts).expect("entry");
        std::io::Write::write_all(&mut w, body.as_bytes()).expect("write");
    }
    let bytes = w.finish().expect("zip").into_inner();
    let sheet = gapscope_workbook::read_sheet(&bytes, None).expect("read");
    assert_eq!(sheet.rows, vec![vec!["5"]]);
}

#[test]
fn xlsx_white_space_between_cells_is_refused_before_calamine_buffers_it() {
    // 200 MB of spaces inside a row (200 KB packed): within the unpacked
    // limit, but calamine's XML reader holds the whole run in memory.
    let bytes = xlsx_frame()
        .repeated(
            "xl/worksheets/sheet1.xml",
            format!(r#"{SHEET_HEAD}<row r="1"><c r="A1"><v>1</v></c>"#).as_bytes(),
            b"                ",
            200 * MB / 16,
            format!("</row>{SHEET_TAIL}").as_bytes(),
        )
        .finish();
    refused(&bytes, "sheet_too_large");
}
