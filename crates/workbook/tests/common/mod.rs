//! Workbooks built in memory for the tests, and a global allocator that
//! records the peak of bytes allocated while a reader runs.

#![allow(dead_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{Cursor, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use zip::write::{SimpleFileOptions, ZipWriter};
use zip::CompressionMethod;

pub struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// Measurements one at a time: the tests of a file share the allocator.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn grew(n: usize) {
    let now = NOW.fetch_add(n, Ordering::SeqCst) + n;
    PEAK.fetch_max(now, Ordering::SeqCst);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        NOW.fetch_sub(layout.size(), Ordering::SeqCst);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size > layout.size() {
                grew(new_size - layout.size());
            } else {
                NOW.fetch_sub(layout.size() - new_size, Ordering::SeqCst);
            }
        }
        p
    }
}

/// Run `f`, returning what it returned and the most bytes it had allocated
/// at once (above what was allocated before it).
pub fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let base = NOW.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let out = f();
    let peak = PEAK.load(Ordering::SeqCst).saturating_sub(base);
    (out, peak)
}

pub const MB: usize = 1024 * 1024;

/// A zip being written in memory, every part deflated.
pub struct Zip {
    w: ZipWriter<Cursor<Vec<u8>>>,
}

impl Default for Zip {
    fn default() -> Self {
        Zip::new()
    }
}

impl Zip {
    pub fn new() -> Zip {
        Zip {
            w: ZipWriter::new(Cursor::new(Vec::new())),
        }
    }

    fn options(stored: bool) -> SimpleFileOptions {
        let o = SimpleFileOptions::default();
        if stored {
            o.compression_method(CompressionMethod::Stored)
        } else {
            o.compression_method(CompressionMethod::Deflated)
        }
    }

    pub fn stored(mut self, name: &str, data: &[u8]) -> Zip {
        self.w.start_file(name, Zip::options(true)).expect("entry");
        self.w.write_all(data).expect("write");
        self
    }

    pub fn part(mut self, name: &str, data: &[u8]) -> Zip {
        self.w.start_file(name, Zip::options(false)).expect("entry");
        self.w.write_all(data).expect("write");
        self
    }

    /// `head`, then `body` `times` times, then `tail`, written as it goes.
    pub fn repeated(
        mut self,
        name: &str,
        head: &[u8],
        body: &[u8],
        times: usize,
        tail: &[u8],
    ) -> Zip {
        self.w.start_file(name, Zip::options(false)).expect("entry");
        self.w.write_all(head).expect("write");
        let block: Vec<u8> = body.repeat((64 * 1024 / body.len().max(1)).max(1));
        let per = block.len() / body.len().max(1);
        let mut left = times;
        while left > 0 {
            let n = left.min(per);
            self.w.write_all(&block[..n * body.len()]).expect("write");
            left -= n;
        }
        self.w.write_all(tail).expect("write");
        self
    }

    pub fn finish(self) -> Vec<u8> {
        self.w.finish().expect("zip").into_inner()
    }
}

pub const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;
pub const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

/// workbook.xml naming `sheets` (sheet i is rId{i+1}, worksheets/sheet{i+1}.xml).
pub fn workbook_xml(sheets: &[&str]) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    for (i, name) in sheets.iter().enumerate() {
        s.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{}" r:id="rId{}"/>"#,
            i + 1,
            i + 1
        ));
    }
    s.push_str("</sheets></workbook>");
    s
}

pub fn workbook_rels(n: usize) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for i in 1..=n {
        s.push_str(&format!(r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#));
    }
    s.push_str("</Relationships>");
    s
}

pub const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
pub const SHEET_TAIL: &str = "</sheetData></worksheet>";

/// The parts of a one-sheet XLSX named "data", but the sheet itself.
pub fn xlsx_frame() -> Zip {
    Zip::new()
        .part("[Content_Types].xml", CONTENT_TYPES.as_bytes())
        .part("_rels/.rels", PACKAGE_RELS.as_bytes())
        .part("xl/workbook.xml", workbook_xml(&["data"]).as_bytes())
        .part("xl/_rels/workbook.xml.rels", workbook_rels(1).as_bytes())
}

/// A one-sheet XLSX whose sheet data (inside `<sheetData>`) is `rows`.
pub fn xlsx(rows: &str) -> Vec<u8> {
    xlsx_frame()
        .part(
            "xl/worksheets/sheet1.xml",
            format!("{SHEET_HEAD}{rows}{SHEET_TAIL}").as_bytes(),
        )
        .finish()
}

/// The same with a shared-string table.
pub fn xlsx_with_strings(rows: &str, sst: &str) -> Vec<u8> {
    xlsx_frame()
        .part("xl/sharedStrings.xml", sst.as_bytes())
        .part(
            "xl/worksheets/sheet1.xml",
            format!("{SHEET_HEAD}{rows}{SHEET_TAIL}").as_bytes(),
        )
        .finish()
}

pub const ODS_MIME: &str = "application/vnd.oasis.opendocument.spreadsheet";

/// An ODS whose content.xml holds `body` inside `<office:spreadsheet>`.
pub fn ods(body: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    Zip::new()
        .stored("mimetype", ODS_MIME.as_bytes())
        .part("META-INF/manifest.xml", manifest.as_bytes())
        .part("content.xml", content.as_bytes())
        .finish()
}

/// `<table:table table:name="Sheet1">rows</table:table>`.
pub fn table(rows: &str) -> String {
    format!(r#"<table:table table:name="Sheet1">{rows}</table:table>"#)
}

/// The error code of reading `bytes` (with no sheet named), or "ok".
pub fn outcome(bytes: &[u8]) -> String {
    match gapscope_workbook::read_sheet(bytes, None) {
        Ok(_) => "ok".to_string(),
        Err(e) => e.code.to_string(),
    }
}
