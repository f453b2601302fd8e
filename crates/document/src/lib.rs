//! The client report as its own WebAssembly module: the code is the core's
//! `gapscope::document` (stage 8 of the pipeline); this crate only binds it
//! (src/wasm.rs), so the engine module the page loads first does not carry it.

#[cfg(target_arch = "wasm32")]
mod wasm;

/// Everything the page needs from one call, as JSON text: the document model,
/// the article the page prints and its stylesheet, the standalone HTML file, the Markdown, each
/// table as CSV and the XLSX sheets (which the workbook module writes).
pub fn render_all(report_json: &str, inputs_json: &str) -> Result<String, String> {
    use gapscope::document::{self, DocumentInputs};
    let report: gapscope::Report =
        serde_json::from_str(report_json).map_err(|e| format!("not a Gapscope report: {e}"))?;
    let inputs = DocumentInputs::from_json(inputs_json)
        .map_err(|e| format!("not document settings: {e}"))?;
    let doc = document::build(&report, &inputs);
    let lang = inputs.lang();
    let csv: serde_json::Map<String, serde_json::Value> = doc
        .tables
        .iter()
        .map(|t| (t.id.clone(), document::csv::table_csv(t).into()))
        .collect();
    let sheets: Vec<serde_json::Value> = document::csv::sheets(&doc, lang)
        .into_iter()
        .map(|(name, rows)| serde_json::json!({ "name": name, "rows": rows }))
        .collect();
    let out = serde_json::json!({
        "document": &doc,
        "article": document::html::article(&doc, &report),
        "css": document::html::stylesheet(&doc, inputs.paper),
        "html": document::html::render(&doc, &report, inputs.paper),
        "markdown": document::markdown::render(&doc, &report),
        "json": document::to_json(&doc, &report),
        "csv": csv,
        "sheets": sheets,
    });
    Ok(out.to_string())
}
