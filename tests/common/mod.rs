//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test binary uses a different subset

use gapscope::report::{DimensionResult, ItemResult, Report};

/// Tolerance for numbers the reference computes with exact floating arithmetic
/// (means, SDs, t): relative to the value, absolute below 1.
pub const EXACT: f64 = 1e-9;
/// Tolerance for p-values and t quantiles (special-function approximations differ
/// between SciPy/cephes and statrs in the last digits): relative.
pub const SPECIAL: f64 = 1e-7;

#[track_caller]
pub fn close(actual: f64, expected: f64, tol: f64, what: &str) {
    let err = (actual - expected).abs();
    assert!(
        err <= tol * expected.abs().max(1.0),
        "{what}: got {actual:?}, expected {expected:?} (error {err:e}, tolerance {tol:e})"
    );
}

/// Relative closeness, for p-values that can be 1e-6 and smaller.
#[track_caller]
pub fn close_rel(actual: f64, expected: f64, tol: f64, what: &str) {
    let err = (actual - expected).abs();
    assert!(
        err <= tol * expected.abs(),
        "{what}: got {actual:?}, expected {expected:?} (relative error {:e}, tolerance {tol:e})",
        err / expected.abs()
    );
}

#[track_caller]
pub fn some(x: Option<f64>, what: &str) -> f64 {
    match x {
        Some(v) => v,
        None => panic!("{what} is null"),
    }
}

pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

#[track_caller]
pub fn item<'a>(r: &'a Report, id: &str) -> &'a ItemResult {
    r.items
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item {id} in the report"))
}

#[track_caller]
pub fn dimension<'a>(r: &'a Report, id: &str) -> &'a DimensionResult {
    r.dimensions
        .iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("no dimension {id} in the report"))
}

/// Codes of the diagnostics a report carries (counts, including those past the detail limit).
pub fn count(r: &Report, code: &str) -> usize {
    r.diagnostics.count(code)
}

/// Every number in the JSON is finite and every null statistic has a reason:
/// serde_json writes NaN and infinity as null, so a null `mean`, `sd`, `t`, `p` or
/// `ci95` must sit next to an `undefined` object.
pub fn assert_json_sound(r: &Report) {
    let v: serde_json::Value = serde_json::from_str(&r.to_json()).expect("report JSON parses");
    fn walk(v: &serde_json::Value, path: &str) {
        match v {
            serde_json::Value::Object(m) => {
                let stat_keys = ["mean", "sd", "t", "p", "ci95", "se", "df", "d_z"];
                let is_stat = m.contains_key("n") && m.contains_key("mean");
                if is_stat {
                    let has_null = stat_keys
                        .iter()
                        .any(|k| m.get(*k).is_some_and(serde_json::Value::is_null));
                    assert!(
                        !has_null || m.get("undefined").is_some_and(|u| u.is_object()),
                        "{path}: a null statistic without an `undefined` reason: {v}"
                    );
                }
                for (k, x) in m {
                    walk(x, &format!("{path}.{k}"));
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, &format!("{path}[{i}]"));
                }
            }
            serde_json::Value::Number(n) => {
                assert!(n.as_f64().is_some_and(f64::is_finite), "{path}: {n}");
            }
            _ => {}
        }
    }
    walk(&v, "report");
    let o = &r.overall;
    let any_null = [
        o.servqual,
        o.weighted_servqual,
        o.servperf,
        o.weighted_servperf,
    ]
    .iter()
    .any(Option::is_none);
    assert!(
        !any_null || !o.notes.is_empty(),
        "an overall score is null but overall.notes does not say why"
    );
}
