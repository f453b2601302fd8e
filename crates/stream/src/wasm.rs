//! The binding: bytes in, the report out; no logic here.

use gapscope::js::{request_json, to_js};
use gapscope::stream::{StreamAnalysis, StreamPart};
use gapscope::{Evaluator, InputOptions, SurveyConfig};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_IMPORTS: &'static str =
    r#"import type { Report, SurveyConfig, InputOptions } from '../gapscope.js';"#;

/// A file read as a stream: `push` its bytes in chunks of any size; while
/// `anotherPass()` is true, push them all again from the start; then `finish`.
#[wasm_bindgen]
pub struct StreamAnalyzer {
    inner: Option<StreamAnalysis>,
}

fn bad(what: &str, e: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("{what}: {e}"))
}

#[wasm_bindgen]
impl StreamAnalyzer {
    /// `config`: a survey structure (object or JSON), or nothing to detect it
    /// from the file's first megabyte; `options`: input options as for `analyze`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "SurveyConfig | string | null | undefined")]
        config: JsValue,
        #[wasm_bindgen(unchecked_param_type = "InputOptions | null | undefined")] options: JsValue,
    ) -> Result<StreamAnalyzer, JsError> {
        let given = |v: &JsValue| !(v.is_undefined() || v.is_null());
        let evaluator = if given(&config) {
            let c = SurveyConfig::from_json(&request_json(&config))
                .map_err(|t| JsError::new(&format!("{} / {}", t.en, t.zh)))?;
            Evaluator::with_config(c)
        } else {
            Evaluator::detect()
        };
        let evaluator = if given(&options) {
            let o: InputOptions = serde_json::from_str(&request_json(&options))
                .map_err(|e| bad("The input options are not valid / 输入选项无效", e))?;
            evaluator.with_options(o)
        } else {
            evaluator
        };
        Ok(StreamAnalyzer {
            inner: Some(evaluator.stream()),
        })
    }

    /// The next bytes of the file.
    pub fn push(&mut self, bytes: &[u8]) {
        if let Some(s) = self.inner.as_mut() {
            s.push(bytes);
        }
    }

    /// Data rows read so far.
    pub fn rows(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |s| s.rows() as f64)
    }

    /// After the last chunk: true when the rows to analyse are known only now
    /// (the structure leaves out duplicates, speeders, straight-liners or
    /// chosen rows, and some rows are such). Then push the same file again
    /// from its start before `finish`.
    #[wasm_bindgen(js_name = anotherPass)]
    pub fn another_pass(&mut self) -> bool {
        self.inner
            .as_mut()
            .is_some_and(StreamAnalysis::another_pass)
    }

    /// Whether the structure is known (the first megabyte, or all of a
    /// shorter file, was read): parts may then be read elsewhere.
    pub fn started(&self) -> bool {
        self.inner.as_ref().is_some_and(StreamAnalysis::started)
    }

    /// What a `StreamPartReader` in another worker needs (JSON); undefined
    /// until the structure is known.
    #[wasm_bindgen(js_name = partSpec)]
    pub fn part_spec(&self) -> Option<String> {
        self.inner.as_ref().and_then(StreamAnalysis::part_spec)
    }

    /// The bytes pushed so far end at a line end: end their last record
    /// before parts read elsewhere are joined.
    #[wasm_bindgen(js_name = endPart)]
    pub fn end_part(&mut self) {
        if let Some(s) = self.inner.as_mut() {
            s.end_part();
        }
    }

    /// Line ends read so far, over this analyzer and the parts joined to it
    /// (for a second reading's parts: `new StreamPartReader(spec, lines)`).
    pub fn lines(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |s| s.lines() as f64)
    }

    /// Add a part read elsewhere (`StreamPartReader.finish()`), in file order.
    #[wasm_bindgen(js_name = joinPart)]
    pub fn join_part(&mut self, bytes: &[u8]) -> Result<(), JsError> {
        match self.inner.as_mut() {
            Some(s) => s
                .join_bytes(bytes)
                .map_err(|e| bad("A part could not be joined / 无法合并分段", e)),
            None => Ok(()),
        }
    }

    /// After the joins: whether the parts met what only one reading in file
    /// order decides (an id or a set of answers first seen in two parts, or a
    /// quote character, which may hide a line break): read the file again
    /// with a new analyzer, in one part.
    #[wasm_bindgen(js_name = needsOnePart)]
    pub fn needs_one_part(&mut self) -> bool {
        self.inner
            .as_mut()
            .is_some_and(StreamAnalysis::needs_one_part)
    }

    /// The report of everything pushed; the analyzer is used up.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn finish(&mut self) -> Result<JsValue, JsError> {
        let s = self
            .inner
            .take()
            .ok_or_else(|| JsError::new("finish() was already called / finish() 已调用过"))?;
        to_js(&s.finish())
    }
}

/// The engine's version string (the same crate version as the engine module).
#[wasm_bindgen]
pub fn version() -> String {
    gapscope::VERSION.to_string()
}

/// A part of a file read in another worker: the bytes from a line end on,
/// read as the `StreamAnalyzer` it will be joined to reads them.
#[wasm_bindgen]
pub struct StreamPartReader {
    inner: Option<StreamPart>,
}

#[wasm_bindgen]
impl StreamPartReader {
    /// `spec`: the analyzer's `partSpec()`; `lines`: the line ends before the
    /// part's first byte, for a second reading (0 for a first).
    #[wasm_bindgen(constructor)]
    pub fn new(spec: &str, lines: f64) -> Result<StreamPartReader, JsError> {
        let part = StreamPart::from_spec(spec, lines.max(0.0) as usize)
            .map_err(|e| bad("The part's structure is not valid / 分段结构无效", e))?;
        Ok(StreamPartReader { inner: Some(part) })
    }

    pub fn push(&mut self, bytes: &[u8]) {
        if let Some(p) = self.inner.as_mut() {
            p.push(bytes);
        }
    }

    /// Data rows read so far.
    pub fn rows(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |p| p.rows() as f64)
    }

    /// The part's statistics, for the analyzer's `joinPart`; the reader is used up.
    pub fn finish(&mut self) -> Result<Vec<u8>, JsError> {
        let p = self
            .inner
            .take()
            .ok_or_else(|| JsError::new("finish() was already called / finish() 已调用过"))?;
        Ok(p.into_bytes())
    }
}
