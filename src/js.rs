//! Boundary helpers shared by the wasm modules built on this crate (the engine's
//! binding in src/wasm.rs and the method functions in crates/methods). No
//! exports of their own, so linking them adds no `Evaluator` to another module.

use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Values cross the boundary as JSON text parsed on the other side: the report is
/// exactly the JSON the CLI prints, and serde_json is already in the module, so
/// serde-wasm-bindgen's second serializer (~50 KB of wasm) is not needed.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("JSON.parse failed on the result"))
}

/// A request object (or its JSON text) as JSON text for `methods::api::from_json`;
/// `undefined` and values JSON cannot hold become `null`, which the method
/// explains as an invalid request.
pub fn request_json(value: &JsValue) -> String {
    value
        .as_string()
        .or_else(|| {
            js_sys::JSON::stringify(value)
                .ok()
                .and_then(|s| s.as_string())
        })
        .unwrap_or_else(|| "null".to_string())
}
