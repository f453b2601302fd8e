//! The scans against what they predict: the XLSX walk's fast lexer against
//! quick-xml, and both against the rows the reader lays out; the ODS walk
//! against the ranges calamine lays out. Random sheets from a fixed seed, and
//! the odd constructs one by one.

use crate::limits::Limits;
use crate::xlsx_scan::{scan_part, walk_fast, walk_slow, Records, SharedStrings};
use crate::zip_parts::Bounded;
use calamine::{Ods, Reader};
use std::io::{BufReader, Cursor, Write};

/// xorshift64*: the same sheets every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn src(bytes: &[u8]) -> BufReader<Bounded<&[u8]>> {
    BufReader::new(Bounded::new(bytes, u64::MAX))
}

fn strings(lens: &[u32]) -> SharedStrings {
    SharedStrings {
        lens: lens.to_vec(),
    }
}

/// The walk both ways: the facts must agree (or the fast lexer give up).
fn both(xml: &str, sst: &SharedStrings) -> (u64, u64, u64, bool) {
    let limits = Limits::DEFAULT;
    let mut rec_slow = Records::default();
    let slow =
        walk_slow(&mut src(xml.as_bytes()), sst, Some(&mut rec_slow), &limits).expect("slow");
    let mut rec_fast = Records::default();
    if let Some(fast) =
        walk_fast(&mut src(xml.as_bytes()), sst, Some(&mut rec_fast), &limits).expect("fast")
    {
        assert_eq!(
            (fast.slots, fast.text, fast.bad_count, fast.is_sheet),
            (slow.slots, slow.text, slow.bad_count, slow.is_sheet),
            "fast and slow walks differ on {xml}"
        );
        assert_eq!(fast.bad_refs, slow.bad_refs, "{xml}");
        assert_eq!(
            (rec_fast.records, rec_fast.sheets),
            (rec_slow.records, rec_slow.sheets),
            "{xml}"
        );
    }
    (slow.slots, slow.text, slow.bad_count, slow.is_sheet)
}

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const TAIL: &str = "</sheetData></worksheet>";

fn sheet(rows: &str) -> String {
    format!("{HEAD}{rows}{TAIL}")
}

#[test]
fn odd_xml_reads_alike_both_ways() {
    let sst = strings(&[3, 0, 10]);
    let cases = [
        r#"<row r="1"><c r="A1" t='s' x="a>b"><v>0</v></c></row>"#,
        r#"<x:row r="1"><x:c r="B1"><x:v>1</x:v></x:c></x:row>"#,
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>a&amp;b</t></is></c></row>"#,
        r#"<row r="1"><c r="A1"><v>1</v></c ></row >"#,
        r#"<row r="2" spans="1:3"><c r="C2"/><c r="D2" s="1"></c></row>"#,
        r#"<row r="1"><c r="A1"><v/></c><c r="B1" t="s"><v> 1</v></c></row>"#,
        "<row r=\"1\"><c r=\"A1\" t=\"str\"><v>a\r\nb</v></c></row>",
        r#"<row r="1"><c r="A1"><v>1</v><v>2</v></c><c r="C1"><f>x</f></c></row>"#,
        r#"<row r="1"><c r="A1"><v><v>1</v></v></c><c><v>2</v></c></row>"#,
        r#"<row><c><v>1</v></c><c t="s"><v>2</v></c></row><row><c><v>3</v></c></row>"#,
        r#"<row r="1"><c r="A1" r="D4"><v>1</v></c></row>"#,
        r#"<row r="1"><c r="A1" t="s"><v>7</v></c><c r="B1" t="s"><v>&#49;</v></c></row>"#,
        r#"<row r="1"><c r="A1" t="s"><v>0000000000000000000000000000000000000000002</v></c></row>"#,
        r#"<row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r><rPh><t>bbbb</t></rPh><r><t xml:space="preserve"> c </t></r></is></c></row>"#,
        r#"<row r="3"><c r="ZZZZZZZ3"><v>1</v></c><c r="A0"><v>1</v></c></row>"#,
        r#"<row r="1"><c r="A1"><v>1</v></c></row></sheetData><sheetData><row><c><v>1</v></c></row>"#,
        r#"<row r="1"><c r="XFE1"><v>1</v></c><c r="A1048577"><v>1</v></c></row>"#,
        r#"<row r="1"><c r="A1"><q/></c><c r="B1"><v>1</v></c></row>"#,
        "",
    ];
    for rows in cases {
        both(&sheet(rows), &sst);
    }
    // An empty sheetData, a dimension without ref, no sheet at all.
    both(
        &format!("{HEAD}</sheetData></worksheet>")
            .replace("<sheetData></sheetData>", "<sheetData/>"),
        &sst,
    );
    both(
        r#"<worksheet><dimension/><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>"#,
        &sst,
    );
    let (slots, ..) = both(
        r#"<styleSheet><cellXfs><xf/><xf/></cellXfs></styleSheet>"#,
        &sst,
    );
    assert_eq!(slots, 0);
}

#[test]
fn the_fast_lexer_leaves_odd_parts_to_quick_xml() {
    let sst = strings(&[]);
    for xml in [
        format!("{HEAD}<!-- <row><c><v>1</v></c></row> -->{TAIL}"),
        format!("{HEAD}<row><c t=\"str\"><v><![CDATA[<c>]]></v></c></row>{TAIL}"),
        format!(
            "<?xml version=\"1.0\" encoding=\"windows-1252\"?>{}",
            &HEAD[38..]
        ),
        format!("{HEAD}<?pi x?>{TAIL}"),
        format!("{HEAD}<row><c t=\"str\"><v>a & b</v></c></row>{TAIL}"),
    ] {
        let limits = Limits::DEFAULT;
        let got = walk_fast(&mut src(xml.as_bytes()), &sst, None, &limits).expect("walk");
        assert!(got.is_none(), "{xml}");
        let mut records = Records::default();
        assert!(
            scan_part(&mut src(xml.as_bytes()), &sst, &mut records, &limits)
                .expect("scan")
                .is_none()
        );
    }
    // UTF-16 (with its BOM): left to quick-xml, whatever it makes of it
    // (calamine sees the same).
    let utf16: Vec<u8> = std::iter::once(0xFEFFu16)
        .chain(sheet("<row><c><v>1</v></c></row>").encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect();
    let got = walk_fast(&mut src(&utf16), &sst, None, &Limits::DEFAULT).expect("walk");
    assert!(got.is_none());
    walk_slow(&mut src(&utf16), &sst, None, &Limits::DEFAULT).expect("walk");
}

fn col(c: u64) -> String {
    crate::xlsx_scan::cell_name(0, c as u32)
        .trim_end_matches('1')
        .to_string()
}

/// A random sheet, and whether every cell it counts as filled reads non-empty.
fn random_sheet(rng: &mut Rng, sst_len: usize) -> (String, bool) {
    let mut rows = String::new();
    let mut exact = true;
    let mut r = 0u64;
    for _ in 0..rng.below(30) {
        r += 1 + rng.below(3) * rng.below(4);
        let with_r = rng.chance(85);
        if with_r {
            rows.push_str(&format!(r#"<row r="{r}">"#));
        } else {
            rows.push_str("<row>");
        }
        let mut c = 0u64;
        for _ in 0..rng.below(12) {
            c += 1 + rng.below(2) * rng.below(40);
            let at = if with_r && rng.chance(90) {
                format!(r#" r="{}{r}""#, col(c))
            } else {
                String::new()
            };
            let cell = match rng.below(10) {
                0 => format!(r#"<c{at} s="1"/>"#),
                1 => format!(r#"<c{at} t="s"><v>{}</v></c>"#, rng.below(sst_len as u64)),
                2 => format!(
                    r#"<c{at} t="inlineStr"><is><t>x{}</t></is></c>"#,
                    rng.below(99)
                ),
                3 => format!(r#"<c{at} t="str"><v>a&amp;{}</v></c>"#, rng.below(9)),
                4 => format!(r#"<c{at} t="b"><v>{}</v></c>"#, rng.below(2)),
                5 => format!(r#"<c{at} t="e"><v>#N/A</v></c>"#),
                6 => format!(r#"<c{at}><f>SUM(A1:A2)</f><v>{}</v></c>"#, rng.below(100)),
                7 => {
                    exact = false; // counted as filled, reads empty
                    format!(r#"<c{at} t="str"><v></v></c>"#)
                }
                _ => format!(r#"<c{at}><v>{}.5</v></c>"#, rng.below(1000)),
            };
            rows.push_str(&cell);
        }
        rows.push_str("</row>");
    }
    (sheet(&rows), exact)
}

fn xlsx_of(sheet_xml: &str, sst_xml: &str) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let parts = [
        ("_rels/.rels", r#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<workbook xmlns:r="r"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/sharedStrings.xml", sst_xml.to_string()),
        ("xl/worksheets/sheet1.xml", sheet_xml.to_string()),
    ];
    for (name, body) in parts {
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        w.write_all(body.as_bytes()).expect("write");
    }
    w.finish().expect("zip").into_inner()
}

#[test]
fn random_sheets_are_counted_as_they_are_laid_out() {
    let sst_xml = r#"<sst uniqueCount="3"><si><t>yes</t></si><si><t>no</t></si><si><r><t>ma</t></r><r><t>ybe</t></r></si></sst>"#;
    let sst = strings(&[3, 2, 5]);
    let mut rng = Rng(0x5EED_0008);
    for _ in 0..400 {
        let (xml, exact) = random_sheet(&mut rng, 3);
        let (slots, ..) = both(&xml, &sst);
        let sheet = crate::read_sheet(&xlsx_of(&xml, sst_xml), Some("s"));
        let Ok(sheet) = sheet else {
            continue; // calamine refuses it: nothing is laid out
        };
        let laid = sheet.rows.len() as u64 + sheet.rows.iter().map(|r| r.len() as u64).sum::<u64>();
        assert!(slots >= laid, "{slots} < {laid}: {xml}");
        if exact {
            assert_eq!(slots, laid, "{xml}");
        }
    }
}

/// An ODS of one content.xml body.
fn ods_of(body: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"#
    );
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("mimetype", stored).expect("entry");
    w.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("write");
    w.start_file("META-INF/manifest.xml", stored)
        .expect("entry");
    w.write_all(br#"<manifest:manifest xmlns:manifest="m"><manifest:file-entry manifest:full-path="/"/></manifest:manifest>"#)
        .expect("write");
    w.start_file("content.xml", stored).expect("entry");
    w.write_all(content.as_bytes()).expect("write");
    w.finish().expect("zip").into_inner()
}

fn random_ods(rng: &mut Rng) -> (String, bool) {
    let mut exact = true;
    let mut body = String::new();
    for t in 0..1 + rng.below(3) {
        body.push_str(&format!(r#"<table:table table:name="t{t}">"#));
        if rng.chance(30) {
            body.push_str(r#"<table:table-column table:number-columns-repeated="5"/>"#);
        }
        for _ in 0..rng.below(12) {
            let rep = match rng.below(6) {
                0 => format!(r#" table:number-rows-repeated="{}""#, 1 + rng.below(6)),
                1 => r#" table:number-rows-repeated="1000""#.to_string(),
                _ => String::new(),
            };
            body.push_str(&format!("<table:table-row{rep}>"));
            for _ in 0..rng.below(8) {
                let crep = match rng.below(5) {
                    0 => format!(r#" table:number-columns-repeated="{}""#, 1 + rng.below(5)),
                    _ => String::new(),
                };
                let cell = match rng.below(9) {
                    // Empty cells may repeat past calamine's 16 384 columns.
                    0 if rng.chance(30) => {
                        r#"<table:table-cell table:number-columns-repeated="20000"/>"#.to_string()
                    }
                    0 | 1 => format!("<table:table-cell{crep}/>"),
                    2 => format!(
                        r#"<table:table-cell office:value-type="float" office:value="{}"{crep}/>"#,
                        rng.below(9)
                    ),
                    3 => format!(
                        r#"<table:table-cell office:value-type="string"{crep}><text:p>a<text:s text:c="3"/>b</text:p><text:p>c</text:p></table:table-cell>"#
                    ),
                    4 => format!(
                        r#"<table:table-cell office:value-type="string" office:string-value="s"{crep}><text:p>s</text:p></table:table-cell>"#
                    ),
                    5 => {
                        exact = false; // a formula alone extends only the formula grid
                        format!(r#"<table:table-cell table:formula="of:=1"{crep}/>"#)
                    }
                    6 => format!(r#"<table:covered-table-cell{crep}/>"#),
                    7 => format!(
                        r#"<table:table-cell office:value-type="boolean" office:boolean-value="true"{crep}><text:p>TRUE</text:p></table:table-cell>"#
                    ),
                    _ => format!(
                        r#"<table:table-cell office:value-type="string"{crep}><text:p>n<office:annotation><text:p>note</text:p></office:annotation></text:p></table:table-cell>"#
                    ),
                };
                body.push_str(&cell);
            }
            body.push_str("</table:table-row>");
        }
        body.push_str("</table:table>");
    }
    (body, exact)
}

#[test]
fn random_ods_sheets_are_counted_as_calamine_lays_them_out() {
    let mut rng = Rng(0x0D5_0009);
    for _ in 0..300 {
        let (body, exact) = random_ods(&mut rng);
        let bytes = ods_of(&body);
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"#
        );
        let limits = Limits {
            cells: u64::MAX,
            ods_cells: u64::MAX,
            text: u64::MAX,
            ..Limits::DEFAULT
        };
        let (cells, _) =
            crate::ods_extent::measure(&mut src(content.as_bytes()), &limits).expect("measure");
        let Ok(mut book) = Ods::new(Cursor::new(bytes.as_slice())) else {
            continue;
        };
        let mut laid = 0u64;
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name).expect("range");
            if let Some((r0, c0)) = range.start() {
                let (h, w) = range.get_size();
                laid += (r0 as u64 + h as u64) * (c0 as u64 + w as u64);
            }
        }
        assert!(cells >= laid, "{cells} < {laid}: {body}");
        if exact {
            assert_eq!(cells, laid, "{body}");
        }
    }
}

#[test]
fn bounded_reader_counts_and_stops() {
    use std::io::Read;
    let data = vec![7u8; 3000];
    let mut b = Bounded::new(&data[..], 1000);
    let mut out = Vec::new();
    assert!(b.read_to_end(&mut out).is_err());
    assert_eq!(out.len(), 1000);
    let mut exact = Bounded::new(&data[..1000], 1000);
    let mut out = Vec::new();
    assert_eq!(exact.read_to_end(&mut out).expect("fits"), 1000);
}

#[test]
fn cells_are_counted_to_the_limit() {
    // 1 000 cells without references in one row: 1 001 slots (the row counts).
    let row = format!("<row>{}</row>", "<c><v>1</v></c>".repeat(1000));
    let xml = sheet(&row);
    let sst = strings(&[]);
    let at = |cells| Limits {
        cells,
        ..Limits::DEFAULT
    };
    assert!(walk_fast(&mut src(xml.as_bytes()), &sst, None, &at(1001)).is_ok());
    let err = walk_fast(&mut src(xml.as_bytes()), &sst, None, &at(1000)).expect_err("over");
    assert_eq!(err.code, "sheet_too_large");
    let err = walk_slow(&mut src(xml.as_bytes()), &sst, None, &at(1000)).expect_err("over");
    assert_eq!(err.code, "sheet_too_large");
}

#[test]
fn declared_sizes_are_summed_with_the_zip_reader() {
    let bytes = xlsx_of(
        &sheet(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#),
        "<sst/>",
    );
    let small = Limits {
        unpacked: 200,
        ..Limits::DEFAULT
    };
    let err = crate::zip_parts::check(&bytes, crate::Format::Xlsx, &small).expect_err("over");
    assert_eq!(err.code, "workbook_too_large");
    assert!(crate::zip_parts::check(&bytes, crate::Format::Xlsx, &Limits::DEFAULT).is_ok());
}
