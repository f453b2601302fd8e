//! The area each ODS sheet will take once calamine has laid it out, read from
//! content.xml before calamine opens the file.
//!
//! When an ODS is opened, calamine 0.38 (ods.rs) lays every sheet out as a
//! dense grid: `table:number-columns-repeated` and `table:number-rows-repeated`
//! are expanded into one cell each. A 1.2 KB file repeating one value over
//! 16 384 columns and thousands of rows asked for 98 million cells (6 GB) and
//! aborted the process, a row of 10⁹ repeated columns on 2 500 rows took
//! 3.5 GB (issue 8, items 9 and 12). calamine caps a row at 16 384 columns and a
//! sheet at 1 048 576 rows and 100 million cells, far more than memory allows.
//!
//! What calamine materialises, and so what is counted here, follows its code:
//!
//! - while reading a row (`read_row`), every cell with a value or a formula is
//!   pushed once per column repeat; an empty cell's repeats are pushed only when
//!   another cell follows it in the row, so trailing empty cells cost nothing;
//! - the sheet (`get_range`) is then the rectangle from the first to the last
//!   row with a value or formula, and from the leftmost to the rightmost such
//!   cell; every row in it is expanded by its row repeat, empty rows between
//!   included. Empty rows before the first and after the last cost nothing, so
//!   the million empty rows LibreOffice writes at the end of a sheet are free;
//! - text is copied into every repeat, in both phases.
//!
//! The walk uses calamine's parser settings and its control flow
//! (`parse_content`, `read_table`, `read_row`, `get_datatype`), with the same
//! calls (`read_to_end_into`), so the events it sees are the events calamine
//! sees. Where calamine would stop with an error the walk may go on: it only
//! counts more. Two places where calamine never stops — content.xml ending
//! inside a sheet or inside a cell comment (it reads the end of the file again
//! and again) — are refused here as damaged.

use crate::limits::{cell_too_long, too_many_ods_cells, too_many_records, too_many_sheets};
use crate::limits::{too_much_text, Limits};
use crate::xlsx_scan::raw_attr;
use crate::zip_parts::{xml_reader, Bounded, Xml};
use crate::Error;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Read};

/// calamine's caps (ods.rs `MAX_ROWS`, `MAX_COLUMNS`).
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;

fn never_ends() -> Error {
    Error::new(
        "workbook_corrupt",
        "The ODS workbook could not be read: its content ends inside a sheet or a cell comment (the file is cut short or damaged). Open and re-save it in LibreOffice, or save the sheet as CSV (UTF-8).",
        "无法读取该 ODS 工作簿：其内容在工作表或单元格批注中途结束（文件不完整或已损坏）。请在 LibreOffice 中打开并重新保存，或将工作表另存为 CSV（UTF-8）。",
    )
}

/// Where the walk stops: a refusal, or the place where calamine fails (after
/// which nothing more is laid out).
enum Stop {
    Refuse(Error),
    Fails,
}

impl From<Error> for Stop {
    fn from(e: Error) -> Self {
        Stop::Refuse(e)
    }
}

/// The workbook's totals against the limits.
struct Totals<'a> {
    limits: &'a Limits,
    /// Cells of all sheets as laid out, from A1 (what read.rs makes of one).
    cells: u64,
    /// Text of all laid-out sheets.
    text: u64,
    tables: u64,
    names: u64,
}

/// Check content.xml: every sheet as calamine will lay it out.
pub(crate) fn check_content<R: Read>(
    src: &mut BufReader<Bounded<R>>,
    limits: &Limits,
) -> Result<(), Error> {
    measure(src, limits).map(|_| ())
}

/// The cells (from A1, all sheets) and the text calamine and read.rs will
/// lay out from content.xml, or the refusal.
pub(crate) fn measure<R: Read>(
    src: &mut BufReader<Bounded<R>>,
    limits: &Limits,
) -> Result<(u64, u64), Error> {
    let mut xml = xml_reader(src);
    let mut totals = Totals {
        limits,
        cells: 0,
        text: 0,
        tables: 0,
        names: 0,
    };
    match content(&mut xml, &mut totals) {
        Ok(()) | Err(Stop::Fails) => Ok((totals.cells, totals.text)),
        Err(Stop::Refuse(e)) => Err(e),
    }
}

/// `parse_content`.
fn content<R: Read>(xml: &mut Xml<'_, R>, totals: &mut Totals) -> Result<(), Stop> {
    let mut buf = Vec::with_capacity(1024);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name().as_ref() == "table:table" => {
                if raw_attr(&e, "table:style-name").is_err() {
                    return Err(Stop::Fails);
                }
                match raw_attr(&e, "table:name") {
                    Ok(Some(_)) => {}
                    Ok(None) => continue,
                    Err(()) => return Err(Stop::Fails),
                }
                totals.tables += 1;
                if totals.tables > totals.limits.sheets {
                    return Err(too_many_sheets(totals.limits.sheets).into());
                }
                table(xml, totals)?;
            }
            Ok(Event::Start(e)) if e.name().as_ref() == "table:named-expressions" => {
                named_expressions(xml, totals)?;
            }
            Ok(Event::Eof) => return Ok(()),
            Err(_) => return Err(Stop::Fails),
            _ => {}
        }
    }
}

/// `read_named_expressions`: each name is two strings kept by calamine.
fn named_expressions<R: Read>(xml: &mut Xml<'_, R>, totals: &mut Totals) -> Result<(), Stop> {
    let mut buf = Vec::with_capacity(512);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e))
                if matches!(
                    e.name().as_ref(),
                    "table:named-range" | "table:named-expression"
                ) =>
            {
                totals.names += 1;
                if totals.names > totals.limits.records {
                    return Err(too_many_records(totals.limits.records).into());
                }
            }
            Ok(Event::End(e))
                if matches!(
                    e.name().as_ref(),
                    "table:named-range" | "table:named-expression"
                ) => {}
            Ok(Event::End(e)) if e.name().as_ref() == "table:named-expressions" => return Ok(()),
            _ => return Err(Stop::Fails),
        }
    }
}

/// One row as `read_row` leaves it.
#[derive(Default)]
struct Row {
    /// Cells pushed (values, formulas and the empty cells before them).
    pushed: u64,
    /// The first and last pushed cell with a value or a formula.
    span: Option<(u64, u64)>,
    /// Text in the pushed cells.
    text: u64,
}

/// `read_table` then `get_range`, counted as the rows come.
fn table<R: Read>(xml: &mut Xml<'_, R>, totals: &mut Totals) -> Result<(), Stop> {
    let limits = totals.limits;
    let mut buf = Vec::with_capacity(1024);
    let mut row_buf = Vec::with_capacity(1024);
    let mut cell_buf = Vec::with_capacity(1024);
    // read_row: cells pushed for the whole sheet, and their text.
    let mut pushed: u64 = 0;
    let mut pushed_text: u64 = 0;
    // get_range: rows up to the end of the last non-empty one, its rightmost
    // column, text of the expanded rows.
    let mut rows_total: u64 = 0;
    let mut last_row_end: u64 = 0;
    let mut col_max = 0u64;
    let mut grid_text: u64 = 0;
    let (cells_before, text_before) = (totals.cells, totals.text);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name().as_ref() == "table:table-row" => {
                let repeats = match raw_attr(&e, "table:number-rows-repeated") {
                    Ok(Some(v)) => match unescaped(v).and_then(|v| v.parse::<u64>().ok()) {
                        Some(n) => n,
                        None => return Err(Stop::Fails),
                    },
                    Ok(None) => 1,
                    Err(()) => return Err(Stop::Fails),
                };
                let repeats = repeats.min(MAX_ROWS.saturating_sub(rows_total));
                let row = read_row(xml, &mut row_buf, &mut cell_buf, limits)?;
                pushed = pushed.saturating_add(row.pushed);
                pushed_text = pushed_text.saturating_add(row.text);
                if pushed > limits.ods_cells {
                    return Err(too_many_ods_cells(pushed, limits.ods_cells).into());
                }
                if pushed_text > limits.text {
                    return Err(too_much_text(limits.text).into());
                }
                let nonempty = row.span.is_some();
                if let Some((_, hi)) = row.span {
                    last_row_end = rows_total + repeats;
                    col_max = col_max.max(hi);
                    grid_text = grid_text.saturating_add(repeats.saturating_mul(row.text));
                }
                rows_total += repeats;
                if nonempty {
                    // Laid out from A1 as read.rs lays a range out: the rows
                    // above the first non-empty one as empty rows, every row
                    // from column A to the rightmost cell; empty rows between
                    // non-empty ones are expanded too.
                    let laid = last_row_end.saturating_mul(col_max + 1);
                    totals.cells = cells_before.saturating_add(laid);
                    totals.text = text_before.saturating_add(grid_text);
                    if totals.cells > limits.ods_cells {
                        return Err(too_many_ods_cells(totals.cells, limits.ods_cells).into());
                    }
                    if totals.text > limits.text {
                        return Err(too_much_text(limits.text).into());
                    }
                }
            }
            Ok(Event::End(e)) if e.name().as_ref() == "table:table" => return Ok(()),
            Ok(Event::Eof) => return Err(never_ends().into()),
            Err(_) => return Err(Stop::Fails),
            _ => {}
        }
    }
}

/// An attribute value with its entities replaced (calamine's `decode_attr`).
fn unescaped(v: &str) -> Option<String> {
    quick_xml::escape::unescape(v).ok().map(|c| c.into_owned())
}

/// `read_row`: the cells of one `<table:table-row>` up to its end tag.
fn read_row<R: Read>(
    xml: &mut Xml<'_, R>,
    row_buf: &mut Vec<u8>,
    cell_buf: &mut Vec<u8>,
    limits: &Limits,
) -> Result<Row, Stop> {
    let mut row = Row::default();
    let mut empty_repeats: u64 = 0;
    loop {
        row_buf.clear();
        match xml.read_event_into(row_buf) {
            Ok(Event::Start(e))
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                let repeats = match raw_attr(&e, "table:number-columns-repeated") {
                    Ok(Some(v)) => v.parse::<u64>().map_err(|_| Stop::Fails)?,
                    Ok(None) => 1,
                    Err(()) => return Err(Stop::Fails),
                };
                let cell = datatype(xml, &e, cell_buf, limits)?;
                let remaining = MAX_COLUMNS.saturating_sub(row.pushed);
                row.pushed += empty_repeats.min(remaining);
                empty_repeats = 0;
                let repeats = repeats.min(MAX_COLUMNS.saturating_sub(row.pushed));
                if cell.empty {
                    empty_repeats = repeats;
                } else if repeats > 0 {
                    let (lo, hi) = (row.pushed, row.pushed + repeats - 1);
                    row.span = Some(row.span.map_or((lo, hi), |(a, _)| (a, hi)));
                    row.text = row.text.saturating_add(repeats.saturating_mul(cell.text));
                    row.pushed += repeats;
                }
                if !cell.closed && xml.read_to_end_into(e.name(), cell_buf).is_err() {
                    return Err(Stop::Fails);
                }
            }
            Ok(Event::End(e)) if e.name().as_ref() == "table:table-row" => return Ok(row),
            _ => return Err(Stop::Fails),
        }
    }
}

/// A cell as `get_datatype` reads it.
struct Cell {
    /// No value and no formula: calamine pushes its repeats only when another
    /// cell follows.
    empty: bool,
    /// Bytes of text it holds (value and formula; an upper bound).
    text: u64,
    /// Its content was read up to the end tag.
    closed: bool,
}

/// `get_datatype`.
fn datatype<R: Read>(
    xml: &mut Xml<'_, R>,
    e: &BytesStart<'_>,
    buf: &mut Vec<u8>,
    limits: &Limits,
) -> Result<Cell, Stop> {
    let mut is_string = false;
    let mut is_error = false;
    let mut value_set = false;
    // Text of the value; a value of "" (an empty string) still counts as a value.
    let mut value_text: Option<u64> = None;
    // The value is office:string-value="" (then an error cell's text is its content).
    let mut empty_string = false;
    let mut formula: u64 = 0;
    let raw = e.attributes_raw();
    for item in crate::xlsx_scan::raw_attrs(raw.as_bytes()) {
        let Ok((key, value)) = item else {
            return Err(Stop::Fails);
        };
        match key {
            b"office:value" | b"office:boolean-value" if !value_set => {
                value_text = Some(0);
                value_set = true;
            }
            b"office:string-value" | b"office:date-value" | b"office:time-value" if !value_set => {
                value_text = Some(value.len() as u64);
                empty_string = key == b"office:string-value" && value.is_empty();
                value_set = true;
            }
            b"office:value-type" if !value_set => is_string = value == b"string",
            b"calcext:value-type" => is_error = value == b"error",
            b"table:formula" => formula = value.len() as u64,
            _ => {}
        }
    }
    let reads_content = (!value_set && is_string) || (is_error && empty_string);
    if !reads_content {
        let text = value_text.unwrap_or(0) + formula;
        if text > limits.cell_text {
            return Err(cell_too_long(limits.cell_text).into());
        }
        return Ok(Cell {
            empty: value_text.is_none() && formula == 0,
            text,
            closed: false,
        });
    }
    let mut len: u64 = 0;
    let mut first_paragraph = true;
    loop {
        if len.saturating_add(formula) > limits.cell_text {
            return Err(cell_too_long(limits.cell_text).into());
        }
        buf.clear();
        match xml.read_event_into(buf) {
            Ok(Event::Text(t)) => len += t.len() as u64,
            Ok(Event::GeneralRef(r)) => len += r.len() as u64 + 2,
            Ok(Event::End(end))
                if matches!(
                    end.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                return Ok(Cell {
                    empty: false,
                    text: len + formula,
                    closed: true,
                });
            }
            Ok(Event::Start(s)) if s.name().as_ref() == "office:annotation" => loop {
                buf.clear();
                match xml.read_event_into(buf) {
                    Ok(Event::End(end)) if end.name().as_ref() == "office:annotation" => break,
                    Ok(Event::Eof) => return Err(never_ends().into()),
                    Err(_) => return Err(Stop::Fails),
                    _ => {}
                }
            },
            Ok(Event::Start(s)) if s.name().as_ref() == "text:p" => {
                if !first_paragraph {
                    len += 1;
                }
                first_paragraph = false;
            }
            Ok(Event::Start(s)) if s.name().as_ref() == "text:s" => {
                let count = match raw_attr(&s, "text:c") {
                    Ok(Some(v)) => unescaped(v)
                        .and_then(|v| v.parse::<u64>().ok())
                        .ok_or(Stop::Fails)?,
                    Ok(None) => 1,
                    Err(()) => return Err(Stop::Fails),
                };
                len = len.saturating_add(count);
            }
            Ok(Event::Start(s)) if matches!(s.name().as_ref(), "text:tab" | "text:line-break") => {
                len += 1
            }
            Ok(Event::Eof) | Err(_) => return Err(Stop::Fails),
            _ => {}
        }
    }
}
