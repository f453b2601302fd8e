//! `gapscope analyze` with the analyses flags (docs/analyses-cli.md), run as a
//! process. Expected numbers: tests/reference/analyses_fixture.py (quoted).

use std::process::Command;

fn gapscope(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gapscope"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const CSV: &str = "tests/fixtures/analyses.csv";
const CONFIG: &str = "tests/fixtures/analyses.json";

#[test]
fn only_selects_sections_in_the_order_asked() {
    let (code, out, _) = gapscope(&["analyze", CSV, "-c", CONFIG, "--only", "metrics,drivers"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let keys: Vec<&String> = v.as_object().expect("object").keys().collect();
    assert_eq!(keys.len(), 2);
    // The text keeps the order asked (serde_json's map above sorts its keys).
    assert!(out.find("\"metrics\"") < out.find("\"drivers\""));
    // Repeated and duplicated names: each section once.
    let (_, again, _) = gapscope(&[
        "analyze",
        CSV,
        "-c",
        CONFIG,
        "--only",
        "metrics",
        "--only",
        "drivers,metrics",
    ]);
    assert_eq!(again, out);
    // NPS n 35 promoters 5 detractors 17 nps -34.285714285714285
    assert_eq!(v["metrics"]["nps"]["promoters"], 5);
    assert!(v.get("items").is_none());
}

#[test]
fn option_flags_override_the_configuration() {
    // CSAT top3 share 0.8
    let (code, out, _) = gapscope(&[
        "analyze",
        CSV,
        "-c",
        CONFIG,
        "--only",
        "metrics",
        "--csat-top",
        "3",
        "--ces-direction",
        "lower",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["metrics"]["csat"]["share"], 0.8);
    assert_eq!(v["metrics"]["ces"]["direction"], "lower_is_better");
    // Without a configuration the structure is detected first, then the flags apply.
    let (code, out, _) = gapscope(&[
        "analyze",
        CSV,
        "--only",
        "ipa",
        "--ipa-importance",
        "derived",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["ipa"]["importance"], "derived");
}

#[test]
fn markdown_sections_and_bad_flags() {
    let (code, out, _) = gapscope(&[
        "analyze", CSV, "-c", CONFIG, "--only", "ipa", "--format", "md", "--lang", "zh",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("重点改进区") && !out.contains("## 信度"));
    for bad in [
        &["analyze", CSV, "--only", "servqual"][..],
        &["analyze", CSV, "--csat-top", "0"],
        &["analyze", CSV, "--ipa-crosshairs"],
        &["analyze", CSV, "--drivers-score", "vibes"],
    ] {
        let (code, out, err) = gapscope(bad);
        assert_eq!(code, 2, "{bad:?}");
        assert!(out.is_empty() && !err.is_empty(), "{bad:?}");
    }
}
