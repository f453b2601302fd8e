//! `gapscope ahp | weights | fuzzy`: JSON envelopes, exit codes and the numbers
//! of the published examples (see tests/reference/README.md).

use std::path::PathBuf;
use std::process::Command;

fn gapscope(args: &[&str]) -> (i32, serde_json::Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gapscope"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let json = serde_json::from_str(&stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.code().unwrap_or(-1),
        json,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn temp(name: &str, text: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!(
        "gapscope-methods-cli-{}-{name}",
        std::process::id()
    ));
    std::fs::write(&p, text).expect("temp file");
    p
}

fn floats(v: &serde_json::Value) -> Vec<f64> {
    v.as_array()
        .map(|a| a.iter().filter_map(|x| x.as_f64()).collect())
        .unwrap_or_default()
}

#[test]
fn ahp_one_matrix_reports_weights_cr_and_worst_pair() {
    let (code, json, _) = gapscope(&["ahp", "tests/reference/house_saaty1990.csv"]);
    assert_eq!(code, 0);
    let r = &json["result"];
    // Saaty (1990): .173 .054 .188 .018 .031 .036 .167 .333, CR 0.169
    let want = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333];
    for (g, w) in floats(&r["weights"]).iter().zip(want) {
        assert!((g - w).abs() < 0.0005, "{g} vs {w}");
    }
    assert!((r["cr"].as_f64().unwrap_or(0.0) - 0.169).abs() < 0.0005);
    assert_eq!(r["labels"][2], "neighbourhood");
    assert_eq!(r["worst"]["row"], 2);
    assert_eq!(r["worst"]["column"], 6);
    assert_eq!(r["consistent"], false);
}

#[test]
fn ahp_ri_option_and_group_of_files() {
    let (code, json, _) = gapscope(&[
        "ahp",
        "tests/reference/house_saaty1990.csv",
        "--ri",
        "donegan_dodd",
    ]);
    assert_eq!(code, 0);
    // ahpy random_index='dd': CR 0.181013191006014
    assert!((json["result"]["cr"].as_f64().unwrap_or(0.0) - 0.181013191006014).abs() < 1e-9);
    let a = temp("e1.csv", "1,3\n1/3,1\n");
    let b = temp("e2.csv", "1 1/3\n3 1\n");
    let (code, json, _) = gapscope(&["ahp", &a.to_string_lossy(), &b.to_string_lossy()]);
    assert_eq!(code, 0);
    // Geometric mean of 3 and 1/3 is 1: equal weights.
    assert_eq!(json["result"]["experts"], 2);
    assert_eq!(floats(&json["result"]["result"]["weights"]), vec![0.5, 0.5]);
}

#[test]
fn ahp_errors_are_json_with_exit_1_and_bilingual_stderr() {
    let f = temp("bad.csv", "1,2\n2,1\n");
    let (code, json, stderr) = gapscope(&["ahp", &f.to_string_lossy()]);
    assert_eq!(code, 1);
    assert_eq!(json["error"]["code"], "ahp_not_reciprocal");
    assert!(stderr.contains("not reciprocal") && stderr.contains("互反"));
    let f = temp("text.csv", "1,3\n1/3,much\n");
    let (code, json, _) = gapscope(&["ahp", &f.to_string_lossy()]);
    assert_eq!(code, 1);
    assert_eq!(json["error"]["code"], "ahp_text_in_matrix");
    let (code, _, _) = gapscope(&["ahp", "--ri", "saaty1999", &f.to_string_lossy()]);
    assert_eq!(code, 2);
    let (code, _, _) = gapscope(&["ahp"]);
    assert_eq!(code, 2);
}

#[test]
fn weights_entropy_and_critic_with_cost_columns() {
    let (code, json, _) = gapscope(&[
        "weights",
        "--method",
        "critic",
        "tests/reference/tus_adali_2019.csv",
    ]);
    assert_eq!(code, 0);
    // Tuş & Aytaç Adalı (2019): 0.157 0.249 0.168 0.121 0.154 0.151
    let want = [0.157, 0.249, 0.168, 0.121, 0.154, 0.151];
    for (g, w) in floats(&json["result"]["weights"]).iter().zip(want) {
        assert!((g - w).abs() < 0.0005, "{g} vs {w}");
    }
    let (code, json, _) = gapscope(&[
        "weights",
        "--method",
        "entropy",
        "--cost",
        "C1",
        "tests/reference/tus_adali_2019.csv",
    ]);
    assert_eq!(code, 0);
    // objective_reference.py "first indicator cost": entropy weights
    let want = [
        0.11504383837825499,
        0.16339348274452578,
        0.1362869882746497,
        0.14183694628174576,
        0.2800452615762979,
        0.16339348274452578,
    ];
    for (g, w) in floats(&json["result"]["weights"]).iter().zip(want) {
        assert!((g - w).abs() < 1e-12, "{g} vs {w}");
    }
    assert_eq!(json["result"]["directions"][0], "cost");
}

#[test]
fn weights_degenerate_tables_explain_themselves() {
    let f = temp("const.csv", "name,a,b\nx,1,5\ny,1,5\nz,1,5\n");
    let (code, json, _) = gapscope(&["weights", "--method", "entropy", &f.to_string_lossy()]);
    assert_eq!(code, 1);
    assert_eq!(json["error"]["code"], "all_constant");
    let (code, json, _) = gapscope(&[
        "weights",
        "--method",
        "critic",
        "--cost",
        "c",
        &f.to_string_lossy(),
    ]);
    assert_eq!(code, 1);
    assert_eq!(json["error"]["code"], "unknown_indicator");
    let f = temp("text.csv", "name,a,b\nx,1,5\ny,high,6\nz,3,7\nw,2,9\n");
    let (code, json, _) = gapscope(&["weights", "--method", "entropy", &f.to_string_lossy()]);
    assert_eq!(code, 0);
    assert_eq!(json["result"]["dropped"], 1);
    assert_eq!(json["diagnostics"]["counts"]["non_numeric"], 1);
    let (code, _, _) = gapscope(&["weights", &f.to_string_lossy()]);
    assert_eq!(code, 2);
    let (code, _, _) = gapscope(&["weights", "--method", "topsis", &f.to_string_lossy()]);
    assert_eq!(code, 2);
}

#[test]
fn fuzzy_command_matches_the_report_section_and_takes_options() {
    let (code, json, _) = gapscope(&[
        "fuzzy",
        "tests/reference/survey_weights.csv",
        "--config",
        "tests/reference/survey_weights_ahp.json",
        "--scores",
        "percent",
    ]);
    assert_eq!(code, 0);
    // survey_reference.py: percent 66.05761216264324
    let score = json["result"]["two_level"]["score"].as_f64().unwrap_or(0.0);
    assert!((score - 66.05761216264324).abs() < 1e-9);
    let (code, json, _) = gapscope(&[
        "fuzzy",
        "tests/reference/survey_weights.csv",
        "--config",
        "tests/reference/survey_weights_ahp.json",
        "--operator",
        "zadeh",
    ]);
    assert_eq!(code, 0);
    assert_eq!(json["result"]["operator_label"], "M(∧,∨)");
    let f = temp("noperc.csv", "E1,E2\n5,4\n4,4\n");
    let (code, json, _) = gapscope(&["fuzzy", &f.to_string_lossy()]);
    assert_eq!(code, 1);
    assert_eq!(json["error"]["code"], "fuzzy_unavailable");
    let (code, _, _) = gapscope(&["fuzzy", &f.to_string_lossy(), "--operator", "avg"]);
    assert_eq!(code, 2);
}
