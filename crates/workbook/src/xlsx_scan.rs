//! The parts of an XLSX as calamine will read them, walked before it opens
//! the file (zip_parts.rs hands every inflated part here):
//!
//! - a sheet's cells, positioned as calamine's streaming cell reader positions
//!   them (`r` attributes, or counting along the row when they are missing),
//!   laid out as `read::xlsx_rows` lays them out: the rows up to the last
//!   filled one, each as long as its last filled cell. The declared
//!   `<dimension ref>` is not trusted; the cells are counted.
//! - the text those cells will hold: a shared string is copied into every cell
//!   that refers to it, so its length counts for each of them.
//! - the shared-string table: its strings, their lengths, and the count its
//!   `uniqueCount` declares, which calamine reserves room for up front.
//! - the records calamine keeps as objects when opening (cell formats, fonts,
//!   fills, borders, number formats, sheets, defined names, relationships).
//!
//! The XML is walked with the parser and the settings calamine uses, and the
//! control flow of calamine 0.38's `XlsxCellReader::next_cell`, `read_value`
//! and `read_string_with_bufs` is followed event by event, so that the cells
//! counted are the cells it will return. Every event of every part also goes
//! to the record count, whatever the part is taken for.

use crate::limits::{cell_too_long, too_many_cells, too_many_records, too_many_sheets, Limits};
use crate::limits::{too_many_strings, too_much_text};
use crate::zip_parts::{xml_reader, Bounded, Xml};
use crate::Error;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Read};

/// The largest sheet Excel makes: rows and columns beyond it are skipped by
/// `read::xlsx_rows`.
pub(crate) const SHEET_ROWS: u32 = 1_048_576;
pub(crate) const SHEET_COLUMNS: u32 = 16_384;

/// calamine's attribute parser (attrs.rs `RawAttrIter`): `key="value"` pairs
/// of a start tag, an error for a key without `=` or an unquoted value.
pub(crate) fn raw_attrs(raw: &[u8]) -> impl Iterator<Item = Result<(&[u8], &[u8]), ()>> {
    let bytes = raw;
    let len = bytes.len();
    let mut pos = 0usize;
    std::iter::from_fn(move || {
        while pos < len && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= len {
            return None;
        }
        let key_start = pos;
        while pos < len && bytes[pos] != b'=' {
            pos += 1;
        }
        if pos >= len {
            pos = len;
            return Some(Err(()));
        }
        let key = raw[key_start..pos].trim_ascii_end();
        pos += 1;
        while pos < len && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let quote = match bytes.get(pos) {
            Some(&q) if q == b'"' || q == b'\'' => q,
            _ => {
                pos = len;
                return Some(Err(()));
            }
        };
        pos += 1;
        let start = pos;
        while pos < len && bytes[pos] != quote {
            pos += 1;
        }
        let value = &raw[start..pos];
        if pos < len {
            pos += 1;
        }
        Some(Ok((key, value)))
    })
}

/// One attribute by exact key (calamine's `raw_attr`): `Err` for a malformed
/// attribute met before it.
pub(crate) fn raw_attr<'a>(e: &'a BytesStart<'_>, name: &str) -> Result<Option<&'a str>, ()> {
    let raw = e.attributes_raw();
    for item in raw_attrs(raw.as_bytes()) {
        let (k, v) = item?;
        if k == name.as_bytes() {
            // Slices of a str at ASCII quote boundaries: still UTF-8.
            return Ok(std::str::from_utf8(v).ok());
        }
    }
    Ok(None)
}

/// The `r`, `s` and `t` attributes of a `<c>` as calamine's `get_attrs!` finds
/// them: the last of each seen, stopping once three matching keys were seen.
/// The `r` and `t` attributes of a cell, raw.
type CellAttrs<'a> = (Option<&'a [u8]>, Option<&'a [u8]>);

fn cell_attrs(raw: &[u8]) -> Result<CellAttrs<'_>, ()> {
    let (mut r, mut t) = (None, None);
    let mut found = 0u8;
    for item in raw_attrs(raw) {
        let (k, v) = item?;
        match k {
            b"r" => r = Some(v),
            b"s" => {}
            b"t" => t = Some(v),
            _ => continue,
        }
        found += 1;
        if found == 3 {
            break;
        }
    }
    Ok((r, t))
}

/// A cell reference ("B7", or "7" for a row) as calamine reads it
/// (`get_row_and_optional_column`): 0-based row and column (`None` without
/// letters). Arithmetic wraps as calamine's does in a release build.
pub(crate) fn parse_ref(b: &[u8]) -> Option<(u32, Option<u32>)> {
    let mut i = 0;
    let mut col: u32 = 0;
    let mut row: u32 = 0;
    while i < b.len() {
        match b[i] {
            c @ b'A'..=b'Z' => col = col.wrapping_mul(26).wrapping_add((c - b'A') as u32 + 1),
            c @ b'a'..=b'z' => col = col.wrapping_mul(26).wrapping_add((c - b'a') as u32 + 1),
            c @ b'0'..=b'9' => {
                row = (c - b'0') as u32;
                i += 1;
                break;
            }
            _ => return None,
        }
        i += 1;
    }
    while i < b.len() {
        match b[i] {
            c @ b'0'..=b'9' => row = row.wrapping_mul(10).wrapping_add((c - b'0') as u32),
            _ => return None,
        }
        i += 1;
    }
    Some((row.checked_sub(1)?, col.checked_sub(1)))
}

/// The cell name a person reads ("B7") for a 0-based position.
pub(crate) fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col as u64 + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(b'A' + rem as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row as u64 + 1)
}

/// calamine's shared-string index: `atoi_simd::parse::<usize>` of the raw
/// text, 0 when it is not a plain run of digits that fits.
fn sst_index(v: &[u8]) -> usize {
    if v.is_empty() || !v.iter().all(u8::is_ascii_digit) {
        return 0;
    }
    v.iter()
        .try_fold(0usize, |acc, d| {
            acc.checked_mul(10)?.checked_add((d - b'0') as usize)
        })
        .unwrap_or(0)
}

/// The shared-string table, as far as the limits need it.
#[derive(Debug, Default, Clone)]
pub(crate) struct SharedStrings {
    /// The length of each string (bytes of its text, an upper bound).
    pub lens: Vec<u32>,
}

impl SharedStrings {
    /// Another candidate table (a file may hold several parts calamine could
    /// take for it): the longer of each.
    pub fn merge(&mut self, other: SharedStrings) {
        if other.lens.len() > self.lens.len() {
            self.lens.resize(other.lens.len(), 0);
        }
        for (a, b) in self.lens.iter_mut().zip(other.lens) {
            *a = (*a).max(b);
        }
    }

    /// The text a `t="s"` cell will hold: its string, or "#REF!" when the
    /// index is beyond the table (read.rs reads such a cell so).
    fn text_of(&self, idx: usize) -> u64 {
        self.lens.get(idx).map_or(5, |&l| l as u64)
    }
}

/// How far a uniqueCount may exceed the strings a table holds: calamine
/// reserves room for uniqueCount strings before reading them.
const UNIQUE_COUNT_SLACK: u64 = 1 << 20;

fn damaged_sst() -> Error {
    Error::new(
        "workbook_corrupt",
        "The workbook could not be read: its shared-string table is damaged (it declares far more strings than it holds). Open and re-save it in Excel or WPS, or save the sheet as CSV (UTF-8).",
        "无法读取该工作簿：其共享字符串表已损坏（声明的字符串数远多于实际所含）。请在 Excel 或 WPS 中打开并重新保存，或将工作表另存为 CSV（UTF-8）。",
    )
}

/// calamine's `read_shared_strings` on one part: the strings and their lengths.
pub(crate) fn scan_shared_strings<R: Read>(
    src: &mut BufReader<Bounded<R>>,
    limits: &Limits,
) -> Result<SharedStrings, Error> {
    let mut xml = xml_reader(src);
    let mut buf = Vec::new();
    let mut unique: u64 = 0;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "sst" => {
                if let Ok(Some(n)) = raw_attr(&e, "uniqueCount") {
                    if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
                        unique = n.parse::<u64>().unwrap_or(u64::MAX);
                    }
                }
                break;
            }
            Ok(Event::Eof) | Err(_) => return Ok(SharedStrings::default()),
            _ => {}
        }
    }
    let mut out = SharedStrings::default();
    let mut total: u64 = 0;
    let mut inner = Vec::new();
    let finish = |out: SharedStrings, total: u64| -> Result<SharedStrings, Error> {
        let n = out.lens.len() as u64;
        if unique > n.saturating_add(UNIQUE_COUNT_SLACK) {
            return Err(damaged_sst());
        }
        if total > limits.text {
            return Err(too_much_text(limits.text));
        }
        Ok(out)
    };
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "si" => {
                let closing = e.name().as_ref().to_string();
                let len = match read_string(&mut xml, &closing, &mut inner) {
                    Some(len) => len,
                    None => return finish(out, total),
                };
                if len > limits.cell_text {
                    return Err(cell_too_long(limits.cell_text));
                }
                total = total.saturating_add(len);
                if out.lens.len() as u64 >= limits.cells {
                    return Err(too_many_strings(limits.cells));
                }
                out.lens.push(len as u32);
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == "sst" => break,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    finish(out, total)
}

/// calamine's `read_string_with_bufs` after the start tag named `closing`:
/// the bytes of text it gathers (an upper bound), `None` where calamine fails.
fn read_string<R: Read>(xml: &mut Xml<'_, R>, closing: &str, buf: &mut Vec<u8>) -> Option<u64> {
    let mut phonetic = false;
    let mut len: u64 = 0;
    loop {
        buf.clear();
        match xml.read_event_into(buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "rPh" => phonetic = true,
            Ok(Event::End(e)) if e.name().as_ref() == closing => return Some(len),
            Ok(Event::End(e)) if e.local_name().as_ref() == "rPh" => phonetic = false,
            Ok(Event::Start(e)) if e.local_name().as_ref() == "t" && !phonetic => {
                let t = e.name().as_ref().to_string();
                let mut inner = Vec::new();
                loop {
                    inner.clear();
                    match xml.read_event_into(&mut inner) {
                        Ok(Event::Text(x)) => len += x.len() as u64,
                        Ok(Event::CData(x)) => len += x.len() as u64,
                        Ok(Event::GeneralRef(x)) => len += x.len() as u64 + 2,
                        Ok(Event::End(end)) if end.name().as_ref() == t => break,
                        Ok(Event::Eof) | Err(_) => return None,
                        _ => {}
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// Records counted over the whole workbook.
#[derive(Debug, Default, Clone)]
pub(crate) struct Records {
    pub records: u64,
    pub sheets: u64,
}

impl Records {
    fn count(&mut self, local: &[u8], limits: &Limits) -> Result<(), Error> {
        match local {
            b"xf" | b"font" | b"fill" | b"border" | b"numFmt" | b"definedName"
            | b"Relationship" => {}
            b"sheet" => {
                self.sheets += 1;
                if self.sheets > limits.sheets {
                    return Err(too_many_sheets(limits.sheets));
                }
            }
            _ => return Ok(()),
        }
        self.records += 1;
        if self.records > limits.records {
            return Err(too_many_records(limits.records));
        }
        Ok(())
    }
}

/// The type of a cell (`t`), as `read_value` tells them apart.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `n`, `b`, `e` or none: the first event of `<v>` is the value.
    Plain,
    /// `s`: the same, an index into the shared strings.
    Shared,
    /// `inlineStr` or `is`: `<v>` is skipped, the text is in `<is>`.
    Inline,
    /// `str`, `d` or anything else: the text of `<v>` up to its end tag.
    Text,
}

/// Where the walk of a sheet is, in calamine's control flow.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    /// Before `<sheetData>` (`XlsxCellReader::new`).
    Head,
    /// In `<sheetData>`, between cells (`next_cell`).
    Rows,
    /// In a `<c>`, between its children.
    Cell,
    /// Right after `<v>` of a plain or shared cell: the next event is the value.
    ValueStart,
    /// Skipping to the end of the child named `name` (`read_to_end_into`).
    Skip { depth: u32 },
    /// In `<v>` of a text cell, up to its end tag.
    ValueText,
    /// In `<is>` (`read_string_with_bufs`).
    Inline { phonetic: bool },
    /// In a `<t>` of an `<is>`.
    InlineT { phonetic: bool },
    /// After `</sheetData>`, or where calamine stops with an error.
    Done,
}

/// A cell refers to a shared string beyond the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BadRef {
    pub row: u32,
    pub col: u32,
    /// The cell had an `r` attribute: calamine's later positions in the row
    /// do not depend on it.
    pub had_ref: bool,
}

/// A sheet as the walk found it.
#[derive(Debug, Default)]
pub(crate) struct SheetFacts {
    /// The part had a `<sheetData>`.
    pub is_sheet: bool,
    /// Cells as `read::xlsx_rows` will lay them out (row slots included).
    pub slots: u64,
    pub text: u64,
    /// The cells whose shared-string index is beyond the table, in order
    /// (the first [`MAX_BAD_REFS`] + 1 of them), and how many there are.
    pub bad_refs: Vec<BadRef>,
    pub bad_count: u64,
}

/// More bad shared-string references than this make the sheet unreadable
/// (the table is missing or cut short) rather than a few cells read as "#REF!".
pub(crate) const MAX_BAD_REFS: usize = 1000;

/// The walk of one part: a sheet (if it has one) and the records in it.
struct Walk<'a> {
    strings: &'a SharedStrings,
    limits: &'a Limits,
    at: At,
    /// The name of the element being skipped or read to its end.
    name: Vec<u8>,
    /// The name of the `<t>` being read in an `<is>`.
    t_name: Vec<u8>,
    row_index: u32,
    col_index: u32,
    cell: (u32, u32),
    had_ref: bool,
    kind: Kind,
    /// The cell will read as non-empty (an upper bound), with this much text.
    filled: bool,
    cell_text: u64,
    bad: bool,
    widths: Vec<u16>,
    facts: SheetFacts,
}

impl Walk<'_> {
    fn end_cell(&mut self) -> Result<(), Error> {
        self.at = At::Rows;
        self.col_index = self.col_index.wrapping_add(1);
        if !self.filled {
            return Ok(());
        }
        let (r, c) = self.cell;
        if self.bad {
            self.facts.bad_count += 1;
            if self.facts.bad_refs.len() <= MAX_BAD_REFS {
                self.facts.bad_refs.push(BadRef {
                    row: r,
                    col: c,
                    had_ref: self.had_ref,
                });
            }
        }
        if r >= SHEET_ROWS || c >= SHEET_COLUMNS {
            return Ok(()); // skipped by read::xlsx_rows
        }
        if self.cell_text > self.limits.cell_text {
            return Err(cell_too_long(self.limits.cell_text));
        }
        let f = &mut self.facts;
        f.text = f.text.saturating_add(self.cell_text);
        if f.text > self.limits.text {
            return Err(too_much_text(self.limits.text));
        }
        let (r, c) = (r as usize, c as usize);
        if self.widths.len() <= r {
            f.slots += (r + 1 - self.widths.len()) as u64;
            if f.slots > self.limits.cells {
                return Err(too_many_cells(f.slots, self.limits.cells));
            }
            self.widths.resize(r + 1, 0);
        }
        let w = &mut self.widths[r];
        if (*w as usize) <= c {
            f.slots += (c + 1 - *w as usize) as u64;
            *w = (c + 1) as u16;
        }
        if f.slots > self.limits.cells {
            return Err(too_many_cells(f.slots, self.limits.cells));
        }
        Ok(())
    }

    fn start_cell(&mut self, attrs: &[u8]) {
        let Ok((r, t)) = cell_attrs(attrs) else {
            self.at = At::Done;
            return;
        };
        self.had_ref = r.is_some();
        self.cell = match r {
            Some(r) => match parse_ref(r) {
                Some((row, Some(col))) => {
                    self.col_index = col;
                    (row, col)
                }
                _ => {
                    self.at = At::Done;
                    return;
                }
            },
            None => (self.row_index, self.col_index),
        };
        self.kind = match t {
            Some(b"n") | Some(b"b") | Some(b"e") | None => Kind::Plain,
            Some(b"s") => Kind::Shared,
            Some(b"inlineStr") | Some(b"is") => Kind::Inline,
            Some(_) => Kind::Text,
        };
        self.filled = false;
        self.cell_text = 0;
        self.bad = false;
        self.at = At::Cell;
    }

    /// The first event after `<v>` of a plain or shared cell: its value.
    fn value(&mut self, len: u64, index: usize) {
        if len == 0 {
            return;
        }
        self.filled = true;
        if self.kind == Kind::Shared {
            self.bad = index >= self.strings.lens.len();
            self.cell_text = self.strings.text_of(index);
        } else {
            self.cell_text = len;
        }
    }

    /// One token, in calamine's control flow (`next_cell`, `read_value`,
    /// `read_string_with_bufs`, `read_to_end_into`).
    fn token(&mut self, tok: &Tok<'_>) -> Result<(), Error> {
        use Tok::{End, Start, Text};
        match (self.at, tok) {
            (At::Done, _) => {}
            // Text between rows or cells, which calamine's XML reader holds in
            // memory whole (white space, say, packed a thousand to one).
            (At::Rows | At::Cell, Text { len, .. }) if *len > self.limits.cell_text => {
                return Err(cell_too_long(self.limits.cell_text));
            }
            (
                At::Head,
                Start {
                    local: b"sheetData",
                    ..
                },
            ) => {
                self.facts.is_sheet = true;
                self.at = At::Rows;
            }
            (
                At::Head,
                Start {
                    local: b"dimension",
                    attrs,
                    ..
                },
            ) => {
                if !matches!(attr_in(attrs, b"ref"), Ok(Some(_))) {
                    self.at = At::Done;
                }
            }
            (At::Head, _) => {}
            (
                At::Rows,
                Start {
                    local: b"row",
                    attrs,
                    ..
                },
            ) => match attr_in(attrs, b"r") {
                Ok(Some(r)) => match parse_ref(r) {
                    Some((row, _)) => self.row_index = row,
                    None => self.at = At::Done,
                },
                Ok(None) => {}
                Err(()) => self.at = At::Done,
            },
            (At::Rows, End { local: b"row", .. }) => {
                self.row_index = self.row_index.wrapping_add(1);
                self.col_index = 0;
            }
            (
                At::Rows,
                Start {
                    local: b"c", attrs, ..
                },
            ) => self.start_cell(attrs),
            (
                At::Rows,
                End {
                    local: b"sheetData",
                    ..
                },
            ) => self.at = At::Done,
            (At::Rows, _) => {}
            (At::Cell, Start { name, local, .. }) => {
                self.name.clear();
                self.name.extend_from_slice(name);
                self.at = match (*local, self.kind) {
                    (b"is", _) => {
                        self.filled = true; // an upper bound: empty text reads empty
                        At::Inline { phonetic: false }
                    }
                    (b"v", Kind::Inline) | (b"f", _) => At::Skip { depth: 0 },
                    (b"v", Kind::Plain | Kind::Shared) => At::ValueStart,
                    (b"v", Kind::Text) => {
                        self.filled = true;
                        At::ValueText
                    }
                    _ => At::Done, // calamine: UnexpectedNode
                };
            }
            (At::Cell, End { local: b"c", .. }) => self.end_cell()?,
            (At::Cell, _) => {}
            (At::ValueStart, Text { len, index }) => {
                self.value(*len, *index);
                self.at = At::Skip { depth: 0 };
            }
            (At::ValueStart, End { name, .. }) if *name == self.name => self.at = At::Cell,
            (At::ValueStart, _) => self.at = At::Skip { depth: 0 },
            (At::Skip { depth }, Start { name, .. }) if *name == self.name => {
                self.at = At::Skip { depth: depth + 1 }
            }
            (At::Skip { depth }, End { name, .. }) if *name == self.name => {
                self.at = match depth {
                    0 => At::Cell,
                    d => At::Skip { depth: d - 1 },
                }
            }
            (At::Skip { .. }, _) => {}
            (At::ValueText, End { name, .. }) if *name == self.name => self.at = At::Cell,
            (At::ValueText, _) => self.cell_text += tok.text_len(),
            (At::Inline { .. }, Start { local: b"rPh", .. }) => {
                self.at = At::Inline { phonetic: true }
            }
            (At::Inline { .. }, End { name, .. }) if *name == self.name => self.at = At::Cell,
            (At::Inline { .. }, End { local: b"rPh", .. }) => {
                self.at = At::Inline { phonetic: false }
            }
            (
                At::Inline { phonetic: false },
                Start {
                    name, local: b"t", ..
                },
            ) => {
                self.t_name.clear();
                self.t_name.extend_from_slice(name);
                self.at = At::InlineT { phonetic: false };
            }
            (At::Inline { .. }, _) => {}
            (At::InlineT { phonetic }, End { name, .. }) if *name == self.t_name => {
                self.at = At::Inline { phonetic }
            }
            (At::InlineT { .. }, _) => self.cell_text += tok.text_len(),
        }
        Ok(())
    }
}

/// One XML event as the walk needs it (quick-xml's, or the fast lexer's).
enum Tok<'a> {
    /// A start tag (a self-closing one is a start then an end, as calamine
    /// reads with `expand_empty_elements`): its name, local name, attributes.
    Start {
        name: &'a [u8],
        local: &'a [u8],
        attrs: &'a [u8],
    },
    End {
        name: &'a [u8],
        local: &'a [u8],
    },
    /// Text up to markup or an entity: its length and, read as calamine
    /// reads a shared-string index, that index (0 unless all digits).
    Text {
        len: u64,
        index: usize,
    },
    /// An entity or character reference (`&name;`): the bytes of its name.
    Ref(u64),
    /// CDATA: its length.
    CData(u64),
    /// A comment, a declaration, a processing instruction …
    Other,
}

impl Tok<'_> {
    /// The bytes of text it adds to a value (an upper bound).
    fn text_len(&self) -> u64 {
        match self {
            Tok::Text { len, .. } | Tok::CData(len) => *len,
            Tok::Ref(len) => len + 2,
            _ => 0,
        }
    }
}

/// The local name of a qualified name (after its first colon, as quick-xml's
/// `QName::local_name`).
fn local_of(name: &[u8]) -> &[u8] {
    // Names are short: a plain loop beats a vectorised search here.
    match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// One attribute by exact key in a start tag's raw attributes.
fn attr_in<'a>(raw: &'a [u8], name: &[u8]) -> Result<Option<&'a [u8]>, ()> {
    for item in raw_attrs(raw) {
        let (k, v) = item?;
        if k == name {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// Walk one inflated part: the sheet in it (if any) against the limits, and
/// its records into `records`. `Ok(None)`: the part holds XML the fast lexer
/// does not read as quick-xml would; walk it again with [`walk_slow`].
pub(crate) fn scan_part<R: Read>(
    src: &mut BufReader<Bounded<R>>,
    strings: &SharedStrings,
    records: &mut Records,
    limits: &Limits,
) -> Result<Option<SheetFacts>, Error> {
    let mut rec = records.clone();
    let facts = walk_fast(src, strings, Some(&mut rec), limits)?;
    if facts.is_some() {
        *records = rec;
    }
    Ok(facts)
}

fn new_walk<'a>(strings: &'a SharedStrings, limits: &'a Limits) -> Walk<'a> {
    Walk {
        strings,
        limits,
        at: At::Head,
        name: Vec::new(),
        t_name: Vec::new(),
        row_index: 0,
        col_index: 0,
        cell: (0, 0),
        had_ref: false,
        kind: Kind::Plain,
        filled: false,
        cell_text: 0,
        bad: false,
        widths: Vec::new(),
        facts: SheetFacts::default(),
    }
}

/// A token to the record count (when counting) and to the walk; `false` once
/// there is nothing left to learn from the part.
fn feed(
    w: &mut Walk<'_>,
    records: &mut Option<&mut Records>,
    tok: &Tok<'_>,
    limits: &Limits,
) -> Result<bool, Error> {
    if let (Some(rec), Tok::Start { local, .. }) = (records.as_deref_mut(), tok) {
        rec.count(local, limits)?;
    }
    w.token(tok)?;
    Ok(w.at != At::Done || records.is_some())
}

/// The walk with quick-xml, as calamine parses.
pub(crate) fn walk_slow<R: Read>(
    src: &mut BufReader<Bounded<R>>,
    strings: &SharedStrings,
    mut records: Option<&mut Records>,
    limits: &Limits,
) -> Result<SheetFacts, Error> {
    let mut xml = xml_reader(src);
    let mut w = new_walk(strings, limits);
    let mut buf = Vec::with_capacity(1024);
    loop {
        buf.clear();
        let ev = match xml.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break, // calamine fails here too, if it reads this far
            Ok(ev) => ev,
        };
        let tok = match &ev {
            Event::Start(e) => Tok::Start {
                name: e.name().0.as_bytes(),
                local: local_of(e.name().0.as_bytes()),
                attrs: e.attributes_raw().as_bytes(),
            },
            Event::End(e) => Tok::End {
                name: e.name().0.as_bytes(),
                local: local_of(e.name().0.as_bytes()),
            },
            Event::Text(t) => Tok::Text {
                len: t.len() as u64,
                index: sst_index(t.as_bytes()),
            },
            Event::GeneralRef(r) => Tok::Ref(r.len() as u64),
            Event::CData(t) => Tok::CData(t.len() as u64),
            _ => Tok::Other,
        };
        if !feed(&mut w, &mut records, &tok, limits)? {
            break;
        }
    }
    Ok(w.facts)
}

/// The walk with a byte-level lexer that reads well-formed XML as quick-xml
/// does, about three times as fast. `None` where the part holds something it
/// leaves to quick-xml (another encoding, comments, CDATA, DTDs, processing
/// instructions after the declaration, a stray `&`).
pub(crate) fn walk_fast<R: Read>(
    src: &mut BufReader<Bounded<R>>,
    strings: &SharedStrings,
    mut records: Option<&mut Records>,
    limits: &Limits,
) -> Result<Option<SheetFacts>, Error> {
    let mut lex = Lexer {
        src,
        buf: Vec::with_capacity(LEX_CHUNK * 2),
        pos: 0,
        first: true,
        empty: false,
    };
    let mut w = new_walk(strings, limits);
    loop {
        let lexed = match lex.next() {
            Lexed::Eof => break,
            Lexed::Slow => return Ok(None),
            t => t,
        };
        let b = &lex.buf;
        let text = |r: &std::ops::Range<usize>| &b[r.clone()];
        let tok = match &lexed {
            Lexed::Start { name, attrs } => {
                let name = text(name);
                Tok::Start {
                    name,
                    local: local_of(name),
                    attrs: text(attrs),
                }
            }
            Lexed::End { name } => {
                let name = text(name);
                Tok::End {
                    name,
                    local: local_of(name),
                }
            }
            Lexed::Text { len, index } => Tok::Text {
                len: *len,
                index: *index,
            },
            Lexed::Ref(len) => Tok::Ref(*len),
            _ => Tok::Other,
        };
        if !feed(&mut w, &mut records, &tok, limits)? {
            return Ok(Some(w.facts));
        }
        if let Lexed::Start { name, .. } = &lexed {
            if lex.empty {
                let name = text(name);
                let end = Tok::End {
                    name,
                    local: local_of(name),
                };
                if !feed(&mut w, &mut records, &end, limits)? {
                    return Ok(Some(w.facts));
                }
            }
        }
    }
    Ok(Some(w.facts))
}

const LEX_CHUNK: usize = 64 * 1024;

/// What the lexer found; ranges index its buffer until the next call.
enum Lexed {
    Start {
        name: std::ops::Range<usize>,
        attrs: std::ops::Range<usize>,
    },
    End {
        name: std::ops::Range<usize>,
    },
    Text {
        len: u64,
        index: usize,
    },
    Ref(u64),
    Other,
    Eof,
    Slow,
}

/// Where `needle` first occurs in `hay` (short needles, short haystacks).
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\r' | b'\n' | b'\t')
}

/// A byte-level XML lexer over a buffered reader, for the subset of XML that
/// spreadsheet writers produce: tags (quoted attribute values may hold `>`),
/// text, entity references and the XML declaration. Where quick-xml would
/// read something else or fail, it gives up (`Slow`), except at the end of the
/// input, where quick-xml fails and calamine with it.
struct Lexer<'a, R: Read> {
    src: &'a mut BufReader<Bounded<R>>,
    buf: Vec<u8>,
    pos: usize,
    first: bool,
    /// The last start tag was self-closing.
    empty: bool,
}

impl<R: Read> Lexer<'_, R> {
    /// Move the unread bytes to the front and read more; false at the end.
    fn more(&mut self) -> bool {
        use std::io::BufRead;
        if self.pos > 0 {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        let got = match self.src.fill_buf() {
            Ok(b) if !b.is_empty() => {
                let n = b.len().min(LEX_CHUNK);
                self.buf.extend_from_slice(&b[..n]);
                n
            }
            _ => return false,
        };
        self.src.consume(got);
        true
    }

    /// Bytes from `pos` on, reading more until `find` succeeds on them; the
    /// offset it found (relative to `pos`), or `None` at the end of input.
    fn until(&mut self, mut find: impl FnMut(&[u8]) -> Option<usize>) -> Option<usize> {
        loop {
            if let Some(i) = find(&self.buf[self.pos..]) {
                return Some(i);
            }
            if !self.more() {
                return None;
            }
        }
    }

    fn next(&mut self) -> Lexed {
        self.empty = false;
        if self.pos >= self.buf.len() && !self.more() {
            return Lexed::Eof;
        }
        if self.first {
            self.first = false;
            // Encodings other than UTF-8 are left to quick-xml, which decodes them.
            while self.buf.len() - self.pos < 4 && self.more() {}
            let head = &self.buf[self.pos..];
            if head.starts_with(&[0xFE, 0xFF])
                || head.starts_with(&[0xFF, 0xFE])
                || head.iter().take(4).any(|&b| b == 0)
            {
                return Lexed::Slow;
            }
            if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
                self.pos += 3;
            }
            if self.buf[self.pos..].starts_with(b"<?") {
                let Some(end) = self.until(|b| find(b, b"?>")) else {
                    return Lexed::Eof;
                };
                let decl = &self.buf[self.pos..self.pos + end];
                if let Some(at) = find(decl, b"encoding") {
                    let rest = &decl[at..];
                    let utf8 = rest.windows(5).any(|w| w.eq_ignore_ascii_case(b"utf-8"));
                    if !utf8 {
                        return Lexed::Slow;
                    }
                }
                self.pos += end + 2;
                return Lexed::Other;
            }
        }
        if self.pos >= self.buf.len() && !self.more() {
            return Lexed::Eof;
        }
        match self.buf[self.pos] {
            b'<' => self.tag(),
            b'&' => {
                let Some(i) = self.until(|b| memchr::memchr3(b';', b'&', b'<', &b[1..])) else {
                    return Lexed::Eof;
                };
                if self.buf[self.pos + 1 + i] != b';' {
                    return Lexed::Slow; // a stray `&`: quick-xml fails there
                }
                self.pos += i + 2;
                Lexed::Ref(i as u64)
            }
            _ => self.text(),
        }
    }

    fn text(&mut self) -> Lexed {
        // Text up to `<` or `&`: its length, and whether it is all digits.
        let mut len: u64 = 0;
        let mut index: Option<usize> = Some(0);
        loop {
            let avail = &self.buf[self.pos..];
            // Cell values are short: look at a few bytes before searching.
            let near = avail.len().min(16);
            let end = match avail[..near].iter().position(|&b| b == b'<' || b == b'&') {
                Some(i) => Some(i),
                None if near < avail.len() => {
                    memchr::memchr2(b'<', b'&', &avail[near..]).map(|i| i + near)
                }
                None => None,
            };
            let run = &avail[..end.unwrap_or(avail.len())];
            if let Some(v) = index {
                index = if run.iter().all(u8::is_ascii_digit) {
                    run.iter().try_fold(v, |acc, d| {
                        acc.checked_mul(10)?.checked_add((d - b'0') as usize)
                    })
                } else {
                    None
                };
            }
            len += run.len() as u64;
            self.pos += run.len();
            if end.is_some() || !self.more() {
                break;
            }
        }
        Lexed::Text {
            len,
            index: index.unwrap_or(0),
        }
    }

    fn tag(&mut self) -> Lexed {
        // At `<`.
        while self.buf.len() - self.pos < 2 {
            if !self.more() {
                return Lexed::Eof;
            }
        }
        match self.buf[self.pos + 1] {
            b'!' | b'?' => Lexed::Slow,
            first => {
                // Up to `>` outside quotes (quick-xml's ElementParser).
                let mut quote: Option<u8> = None;
                let mut scanned = 1;
                let gt = loop {
                    let avail = &self.buf[self.pos + scanned..];
                    let mut found = None;
                    // Tags are short: a plain loop beats a vectorised search.
                    for (i, &c) in avail.iter().enumerate() {
                        match (quote, c) {
                            (None, b'>') => {
                                found = Some(i);
                                break;
                            }
                            (None, b'"' | b'\'') => quote = Some(c),
                            (Some(q), c) if c == q => quote = None,
                            _ => {}
                        }
                    }
                    if let Some(i) = found {
                        break scanned + i;
                    }
                    scanned = self.buf.len() - self.pos;
                    if !self.more() {
                        return Lexed::Eof;
                    }
                };
                let start = self.pos;
                self.pos += gt + 1;
                if first == b'/' {
                    // `</name>`, trailing white space trimmed.
                    let mut end = start + gt;
                    while end > start + 2 && is_space(self.buf[end - 1]) {
                        end -= 1;
                    }
                    return Lexed::End {
                        name: start + 2..end,
                    };
                }
                let mut content = start + 1..start + gt;
                if gt >= 2 && self.buf[start + gt - 1] == b'/' {
                    content.end -= 1;
                    self.empty = true;
                }
                let name_end = self.buf[content.clone()]
                    .iter()
                    .position(|&b| is_space(b))
                    .map_or(content.end, |i| content.start + i);
                Lexed::Start {
                    name: content.start..name_end,
                    attrs: name_end..content.end,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_as_calamine_reads_them() {
        assert_eq!(parse_ref(b"A1"), Some((0, Some(0))));
        assert_eq!(parse_ref(b"XFD1048576"), Some((1_048_575, Some(16_383))));
        assert_eq!(parse_ref(b"7"), Some((6, None)));
        assert_eq!(parse_ref(b"B0"), None);
        assert_eq!(parse_ref(b"B-1"), None);
        assert_eq!(cell_name(6, 1), "B7");
        assert_eq!(cell_name(0, 16_383), "XFD1");
        assert_eq!(cell_name(0, 26), "AA1");
    }

    #[test]
    fn attributes_as_calamine_parses_them() {
        let got: Vec<_> = raw_attrs(br#" r="B7"  t = 's' x"#).collect();
        type Pair<'a> = Result<(&'a [u8], &'a [u8]), ()>;
        let want: Vec<Pair> = vec![Ok((b"r", b"B7")), Ok((b"t", b"s")), Err(())];
        assert_eq!(got, want);
        assert_eq!(sst_index(b"0007"), 7);
        assert_eq!(sst_index(b" 7"), 0);
        assert_eq!(sst_index(b"99999999999999999999999"), 0);
    }
}
