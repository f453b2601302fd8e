//! The binding: bytes in, the report out; no logic here.

use gapscope::js::{request_json, to_js};
use gapscope::stream::StreamAnalysis;
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
