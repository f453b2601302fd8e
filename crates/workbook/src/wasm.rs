//! The WebAssembly binding of the workbook module: `sheets(bytes)`,
//! `readSheet(bytes, name?)` and `writeXlsx(sheets)`. Errors are thrown as
//! `Error` objects with `code`, `en` and `zh` properties (message: "en / zh").

use wasm_bindgen::prelude::*;

fn js_error(e: crate::Error) -> JsValue {
    let err = js_sys::Error::new(&format!("{} / {}", e.en, e.zh));
    let obj: &JsValue = err.as_ref();
    let _ = js_sys::Reflect::set(obj, &"code".into(), &e.code.into());
    let _ = js_sys::Reflect::set(obj, &"en".into(), &e.en.into());
    let _ = js_sys::Reflect::set(obj, &"zh".into(), &e.zh.into());
    err.into()
}

/// The worksheet names of a workbook (XLSX, XLS, ODS), in order.
#[wasm_bindgen]
pub fn sheets(bytes: &[u8]) -> Result<Vec<String>, JsValue> {
    crate::sheet_names(bytes).map_err(js_error)
}

/// One sheet as `{ name, rows, warnings }`, rows being `string[][]` from
/// sheet row 1, warnings `{ code, en, zh }[]` (cells that could not be read as
/// the file has them, named). Without a name: the visible worksheet with the
/// most numbers.
#[wasm_bindgen(js_name = readSheet)]
pub fn read_sheet(bytes: &[u8], name: Option<String>) -> Result<JsValue, JsValue> {
    let sheet = crate::read_sheet(bytes, name.as_deref()).map_err(js_error)?;
    let rows = rows_to_js(&sheet.rows);
    let warnings = js_sys::Array::new();
    for w in sheet.warnings {
        let o = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&o, &"code".into(), &w.code.into());
        let _ = js_sys::Reflect::set(&o, &"en".into(), &w.en.into());
        let _ = js_sys::Reflect::set(&o, &"zh".into(), &w.zh.into());
        warnings.push(&o);
    }
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &"name".into(), &sheet.name.into());
    let _ = js_sys::Reflect::set(&out, &"rows".into(), &rows);
    let _ = js_sys::Reflect::set(&out, &"warnings".into(), &warnings);
    Ok(out.into())
}

const CELL_SEP: char = '\u{1f}';
const ROW_SEP: char = '\u{1e}';

/// Rows as `string[][]`: the whole sheet crosses into JavaScript as one
/// string, split there by separators no cell holds, instead of one crossing
/// (and one text decoding) per cell — ten million of them took most of the
/// time of reading a large sheet in the page. A sheet with a separator
/// character in some cell goes cell by cell.
fn rows_to_js(rows: &[Vec<String>]) -> js_sys::Array {
    let out = js_sys::Array::new_with_length(rows.len() as u32);
    let plain = rows
        .iter()
        .flatten()
        .all(|c| !c.contains([CELL_SEP, ROW_SEP]));
    if !plain {
        for (i, r) in rows.iter().enumerate() {
            let row = js_sys::Array::new_with_length(r.len() as u32);
            for (j, c) in r.iter().enumerate() {
                row.set(j as u32, JsValue::from_str(c));
            }
            out.set(i as u32, row.into());
        }
        return out;
    }
    let len: usize = rows
        .iter()
        .map(|r| r.iter().map(|c| c.len() + 1).sum::<usize>() + 1)
        .sum();
    let mut text = String::with_capacity(len);
    for (i, r) in rows.iter().enumerate() {
        if i > 0 {
            text.push(ROW_SEP);
        }
        for (j, c) in r.iter().enumerate() {
            if j > 0 {
                text.push(CELL_SEP);
            }
            text.push_str(c);
        }
    }
    let joined = js_sys::JsString::from(text.as_str());
    drop(text);
    let parts = joined.split("\u{1e}");
    let cell_sep = "\u{1f}";
    for (i, r) in rows.iter().enumerate() {
        let row = if r.is_empty() {
            js_sys::Array::new()
        } else {
            parts
                .get(i as u32)
                .unchecked_into::<js_sys::JsString>()
                .split(cell_sep)
        };
        out.set(i as u32, row.into());
    }
    out
}

/// Write `[{ name, rows: string[][] }, …]` as XLSX bytes.
#[wasm_bindgen(js_name = writeXlsx)]
pub fn write_xlsx(sheets: JsValue) -> Result<Vec<u8>, JsValue> {
    let list: js_sys::Array = sheets.dyn_into().map_err(|_| {
        JsValue::from_str(
            "writeXlsx takes an array of { name, rows } / writeXlsx 需要 { name, rows } 数组",
        )
    })?;
    let mut owned: Vec<(String, Vec<Vec<String>>)> = Vec::new();
    for s in list.iter() {
        let name = js_sys::Reflect::get(&s, &"name".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let rows_js = js_sys::Reflect::get(&s, &"rows".into()).unwrap_or(JsValue::UNDEFINED);
        let rows: Vec<Vec<String>> = js_sys::Array::from(&rows_js)
            .iter()
            .map(|r| {
                js_sys::Array::from(&r)
                    .iter()
                    .map(|c| {
                        c.as_string()
                            .or_else(|| c.as_f64().map(|x| x.to_string()))
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .collect();
        owned.push((name, rows));
    }
    let data: Vec<crate::writer::SheetData> = owned
        .iter()
        .map(|(name, rows)| crate::writer::SheetData { name, rows })
        .collect();
    Ok(crate::write_xlsx(&data))
}
