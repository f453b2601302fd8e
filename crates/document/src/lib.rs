//! The client report as its own WebAssembly module: the code is the core's
//! `gapscope::document` (stage 8 of the pipeline); this crate only binds it
//! (src/wasm.rs), so the engine module the page loads first does not carry it.

// A panic in wasm kills the page: outside tests, failures are values, never panics.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable
    )
)]

#[cfg(target_arch = "wasm32")]
mod wasm;

/// The asked-for parts of the document (`gapscope::document::render_parts`;
/// all of them when `parts` is empty) from a report and the document
/// settings, both JSON text, as one JSON object text.
pub fn render(report_json: &str, inputs_json: &str, parts: &[&str]) -> Result<String, String> {
    use gapscope::document::{self, DocumentInputs};
    let report: gapscope::Report =
        serde_json::from_str(report_json).map_err(|e| format!("not a Gapscope report: {e}"))?;
    let inputs = DocumentInputs::from_json(inputs_json)
        .map_err(|e| format!("not document settings: {e}"))?;
    let parts = if parts.is_empty() {
        &document::PARTS[..]
    } else {
        parts
    };
    let out = document::render_parts(&report, &inputs, parts)?;
    Ok(serde_json::Value::Object(out).to_string())
}
