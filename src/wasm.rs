//! The WebAssembly binding of the engine module: the `Evaluator` type over the
//! core. It converts at the boundary and holds no logic (DEVELOPERS.md). The
//! method functions (`ahp`, `objectiveWeights`, `combineWeights`, `fuzzy`) are
//! in their own, lazily loaded module (crates/methods).

use crate::js::to_js;
use crate::{InputOptions, SurveyConfig};
use wasm_bindgen::prelude::*;

// The report and configuration types (generated from the Rust types by ts-rs, see
// src/ts_types.rs), so the methods below can be typed with them in gapscope.d.ts.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("../docs/types/gapscope.d.ts");

fn config_from_js(value: JsValue) -> Result<Option<SurveyConfig>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let json = match value.as_string() {
        Some(s) => s,
        None => js_sys::JSON::stringify(&value)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| {
                JsError::new(
                    "The survey configuration cannot be read as JSON: it is not an object, is nested too deeply, or contains itself / 问卷结构配置无法读取为 JSON：它不是对象、嵌套过深或引用了自身",
                )
            })?,
    };
    // from_json also validates.
    let config = SurveyConfig::from_json(&json)
        .map_err(|t| JsError::new(&format!("{} / {}", t.en, t.zh)))?;
    Ok(Some(config))
}

fn options_from_js(value: &JsValue) -> Result<Option<InputOptions>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let json = match value.as_string() {
        Some(s) => s,
        None => js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default(),
    };
    serde_json::from_str(&json).map(Some).map_err(|e| {
        JsError::new(&format!(
            "The input options are not valid: {e} / 输入选项无效：{e}"
        ))
    })
}

/// Legacy encodings (GB18030, Big5, Windows-1252 …) through the browser's
/// `TextDecoder`, so no code tables ship in this module.
fn text_decoder(label: &str, bytes: &[u8]) -> Option<String> {
    let ctor = js_sys::Reflect::get(&js_sys::global(), &"TextDecoder".into()).ok()?;
    let ctor: js_sys::Function = ctor.dyn_into().ok()?;
    let decoder = js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(&label.into())).ok()?;
    let decode: js_sys::Function = js_sys::Reflect::get(&decoder, &"decode".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let view = js_sys::Uint8Array::from(bytes);
    decode.call1(&decoder, &view).ok()?.as_string()
}

/// Cells of a `string[][]` (numbers and booleans are turned into text, null and
/// undefined into empty cells).
fn rows_from_js(value: &JsValue) -> Result<Vec<Vec<String>>, JsError> {
    if !js_sys::Array::is_array(value) {
        return Err(JsError::new(
            "analyzeRows() takes an array of rows (string[][]) / analyzeRows() 需要行数组（string[][]）",
        ));
    }
    let rows = js_sys::Array::from(value);
    let mut out = Vec::with_capacity(rows.length() as usize);
    for row in rows.iter() {
        let cells = if js_sys::Array::is_array(&row) {
            js_sys::Array::from(&row)
        } else {
            js_sys::Array::of1(&row)
        };
        out.push(
            cells
                .iter()
                .map(|c| {
                    if let Some(s) = c.as_string() {
                        s
                    } else if let Some(x) = c.as_f64() {
                        crate::input::number_text(x)
                    } else if let Some(b) = c.as_bool() {
                        if b { "TRUE" } else { "FALSE" }.to_string()
                    } else {
                        String::new()
                    }
                })
                .collect(),
        );
    }
    Ok(out)
}

/// Analyses survey data in the browser. `new Evaluator()` detects the survey
/// structure from the headers; `new Evaluator(config)` uses the given one (an
/// object or a JSON string in the format of docs/survey-config.md).
#[wasm_bindgen]
pub struct Evaluator {
    inner: crate::Evaluator,
}

impl Evaluator {
    /// This evaluator with the caller's input options, if any.
    fn with_options(&self, options: &JsValue) -> Result<crate::Evaluator, JsError> {
        Ok(match options_from_js(options)? {
            Some(o) => self.inner.clone().with_options(o),
            None => self.inner.clone(),
        })
    }
}

#[wasm_bindgen]
impl Evaluator {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "SurveyConfigInput | string | null")]
        config: JsValue,
    ) -> Result<Evaluator, JsError> {
        Ok(Evaluator {
            inner: match config_from_js(config)? {
                Some(c) => crate::Evaluator::with_config(c),
                None => crate::Evaluator::detect(),
            },
        })
    }

    /// Analyse a string (pasted text) or a Uint8Array (file bytes); returns the
    /// report. `options` (optional): `{ encoding, delimiter, header_row, layout }`.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn analyze(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "InputOptions | null")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let evaluator = self.with_options(&options)?;
        let report = if let Some(text) = input.as_string() {
            evaluator.analyze_text(&text)
        } else if let Some(bytes) = input.dyn_ref::<js_sys::Uint8Array>() {
            let len = bytes.length() as usize;
            match crate::input::too_large_error(len, crate::input::BROWSER_MAX_BYTES) {
                Some(e) => evaluator.error_report(e),
                None => evaluator.analyze_bytes_with(&bytes.to_vec(), &text_decoder),
            }
        } else {
            return Err(JsError::new(
                "analyze() takes a string or a Uint8Array / analyze() 需要字符串或 Uint8Array",
            ));
        };
        to_js(&report)
    }

    /// Analyse rows of cells (`string[][]`, e.g. `readSheet(...).rows` from the
    /// workbook module); row numbers in the report are positions in `rows`.
    #[wasm_bindgen(js_name = analyzeRows, unchecked_return_type = "Report")]
    pub fn analyze_rows(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[][]")] rows: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "InputOptions | null")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let evaluator = self.with_options(&options)?;
        to_js(&evaluator.analyze_rows(&rows_from_js(&rows)?))
    }

    /// What encoding file bytes appear to be in:
    /// `{ encoding, confidence, bom, first_invalid?, mixed? }` (encoding is a
    /// TextDecoder label).
    #[wasm_bindgen(js_name = detectEncoding, unchecked_return_type = "EncodingGuess")]
    pub fn detect_encoding(bytes: &[u8]) -> Result<JsValue, JsError> {
        to_js(&crate::input::decode::detect_encoding(bytes))
    }

    /// The survey configuration in use (null when detecting).
    #[wasm_bindgen(getter, unchecked_return_type = "SurveyConfig | null")]
    pub fn config(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.config())
    }

    /// Detect the survey structure of delimited text: `{ config, diagnostics }`.
    #[wasm_bindgen(unchecked_return_type = "Detection")]
    pub fn detect(text: &str) -> Result<JsValue, JsError> {
        let (config, diagnostics) = crate::Evaluator::detect_text(text);
        to_js(&crate::Detection {
            config,
            diagnostics,
        })
    }
}

/// The engine's version string.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
