//! The binding: request objects in, `Outcome` objects out; no logic here.

use gapscope::js::{request_json, to_js};
use gapscope::methods::api;
use wasm_bindgen::prelude::*;

// The request and outcome types are declared in the engine module's typings.
#[wasm_bindgen(typescript_custom_section)]
const TS_IMPORTS: &'static str = r#"import type { Outcome, AhpOutput, AhpRequestInput, ObjectiveOutput, ObjectiveRequestInput, CombineOutput, CombineRequest, FuzzyOutput, FuzzyRequestInput } from '../gapscope.js';"#;

/// AHP on one pairwise matrix, or group AHP on several experts' (numbers or
/// pasted text): `{result, diagnostics}` or `{error, diagnostics}`, the JSON of
/// `gapscope ahp` (docs/methods-cli.md).
#[wasm_bindgen(js_name = ahp, unchecked_return_type = "Outcome<AhpOutput>")]
pub fn ahp_js(
    #[wasm_bindgen(unchecked_param_type = "AhpRequestInput | string")] request: JsValue,
) -> Result<JsValue, JsError> {
    to_js(&api::from_json(&request_json(&request), api::ahp))
}

/// Entropy or CRITIC weights of an indicator table (text or numbers), as
/// `gapscope weights` prints them.
#[wasm_bindgen(
    js_name = objectiveWeights,
    unchecked_return_type = "Outcome<ObjectiveOutput>"
)]
pub fn objective_weights_js(
    #[wasm_bindgen(unchecked_param_type = "ObjectiveRequestInput | string")] request: JsValue,
) -> Result<JsValue, JsError> {
    to_js(&api::from_json(&request_json(&request), api::objective))
}

/// Combined subjective × objective weights w_j = a_j b_j / Σ a b, with the working.
#[wasm_bindgen(
    js_name = combineWeights,
    unchecked_return_type = "Outcome<CombineOutput>"
)]
pub fn combine_weights_js(
    #[wasm_bindgen(unchecked_param_type = "CombineRequest | string")] request: JsValue,
) -> Result<JsValue, JsError> {
    to_js(&api::from_json(&request_json(&request), api::combine))
}

/// Fuzzy comprehensive evaluation of a membership matrix or answer columns, as
/// `methods::api::fuzzy` (docs/methods.md §6).
#[wasm_bindgen(js_name = fuzzy, unchecked_return_type = "Outcome<FuzzyOutput>")]
pub fn fuzzy_js(
    #[wasm_bindgen(unchecked_param_type = "FuzzyRequestInput | string")] request: JsValue,
) -> Result<JsValue, JsError> {
    to_js(&api::from_json(&request_json(&request), api::fuzzy))
}

/// The engine's version string (the same crate version as the engine module).
#[wasm_bindgen]
pub fn version() -> String {
    gapscope::VERSION.to_string()
}
