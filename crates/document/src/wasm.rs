//! The binding: JSON text in, JSON text out; no logic here.

use wasm_bindgen::prelude::*;

/// The client report from a report (JSON text, as `Evaluator.analyze` gives it
/// after `JSON.stringify`) and the document settings (cover, plan, paper,
/// lang, catalogue), as JSON text: `{document, article, css, html, markdown,
/// json, csv, sheets}`, or only the parts named in `parts` (comma-separated,
/// e.g. "document,article,css"; docs/report-document.md).
#[wasm_bindgen(js_name = renderDocument)]
pub fn render_document(
    report: &str,
    inputs: &str,
    parts: Option<String>,
) -> Result<String, JsError> {
    let parts = parts.unwrap_or_default();
    let names: Vec<&str> = parts
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    crate::render(report, inputs, &names).map_err(|e| JsError::new(&e))
}

/// The built-in catalogue of improvement actions, as JSON text.
#[wasm_bindgen(js_name = builtinCatalogue)]
pub fn builtin_catalogue() -> String {
    gapscope::document::catalogue::BUILTIN.to_string()
}
