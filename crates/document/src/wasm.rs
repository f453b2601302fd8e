//! The binding: JSON text in, JSON text out; no logic here.

use wasm_bindgen::prelude::*;

/// The client report from a report (JSON text, as `Evaluator.analyze` gives it
/// after `JSON.stringify`) and the document settings (cover, plan, paper,
/// lang, catalogue): `{document, article, html, markdown, json, csv, sheets}`
/// as JSON text (docs/report-document.md).
#[wasm_bindgen(js_name = renderDocument)]
pub fn render_document(report: &str, inputs: &str) -> Result<String, JsError> {
    crate::render_all(report, inputs).map_err(|e| JsError::new(&e))
}

/// The built-in catalogue of improvement actions, as JSON text.
#[wasm_bindgen(js_name = builtinCatalogue)]
pub fn builtin_catalogue() -> String {
    gapscope::document::catalogue::BUILTIN.to_string()
}
