//! The `gapscope` binary end to end: formats, languages, the detect → edit →
//! analyze --config round trip, and exit codes (0 written, 1 written but the input
//! had errors, 2 nothing written).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_gapscope");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A file in a per-test scratch directory under the system temp dir.
fn scratch(test: &str, name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gapscope-cli-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write temp file");
    path
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run gapscope")
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(o)))
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn analyze_writes_the_report_json() {
    let f = fixture("servqual_22.csv");
    let o = run(&["analyze", path(&f)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["respondents"]["total"], 16);
    assert_eq!(v["respondents"]["analysed"], 16);
    assert_eq!(v["items"].as_array().map(Vec::len), Some(22));
    assert_eq!(v["dimensions"].as_array().map(Vec::len), Some(5));
    assert_eq!(v["overall"]["weighting"]["method"], "allocation");
    // SciPy reference (tests/reference/servqual_reference.py): SERVQUAL = -0.8194583333333334
    let s = v["overall"]["servqual"].as_f64().unwrap_or(f64::NAN);
    assert!((s - -0.8194583333333334).abs() < 1e-9, "{s}");
    // Same report as the library gives for the same file bytes.
    let bytes = std::fs::read(&f).expect("fixture");
    let lib = gapscope::Evaluator::detect().analyze_bytes(&bytes);
    let lib: serde_json::Value = serde_json::from_str(&lib.to_json()).expect("json");
    assert_eq!(v, lib);
}

#[test]
fn analyze_markdown_in_english_and_chinese() {
    let f = fixture("servqual_22.csv");
    let en = run(&["analyze", path(&f), "--format", "md"]);
    assert_eq!(code(&en), 0);
    let md = stdout(&en);
    assert!(md.starts_with("# Service quality report"), "{md}");
    assert!(md.contains("Respondents analysed: 16 / 16"));
    assert!(md.contains("| SERVQUAL | -0.819 |"), "{md}");
    let zh = run(&["analyze", path(&f), "-f", "md", "--lang", "zh"]);
    assert_eq!(code(&zh), 0);
    let md = stdout(&zh);
    assert!(md.starts_with("# 服务质量评估报告"), "{md}");
    assert!(
        md.contains("纳入分析的受访者：16 / 16") || md.contains("纳入分析的受访者: 16 / 16"),
        "{md}"
    );
    assert!(md.contains("有形性") && md.contains("移情性"));
}

#[test]
fn detect_then_analyze_with_config_gives_identical_numbers() {
    let f = fixture("servqual_22.csv");
    let detected = run(&["detect", path(&f)]);
    assert_eq!(code(&detected), 0, "{}", stderr(&detected));
    let config: serde_json::Value = json(&detected);
    assert_eq!(config["items"].as_array().map(Vec::len), Some(22));
    let cfg = scratch("roundtrip", "survey.json", &detected.stdout);
    let a = json(&run(&["analyze", path(&f)]));
    let o = run(&["analyze", path(&f), "--config", path(&cfg)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let b = json(&o);
    assert_eq!(b["detected"], false);
    assert_eq!(a["detected"], true);
    for key in ["respondents", "config", "items", "dimensions", "overall"] {
        assert_eq!(a[key], b[key], "{key} differs");
    }
    // Editing the JSON changes the analysis: min_items 1 brings respondent 3's
    // tangibles score in (16 instead of 15, see tests/servqual_reference.rs).
    let mut edited = config.clone();
    edited["min_items"] = 1.into();
    let cfg = scratch("roundtrip", "edited.json", edited.to_string().as_bytes());
    let c = json(&run(&["analyze", path(&f), "-c", path(&cfg)]));
    let tangibles = c["dimensions"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["id"] == "tangibles"))
        .map(|d| d["gap"]["n"].clone());
    assert_eq!(tangibles, Some(16.into()));
}

#[test]
fn stdin_input() {
    let mut child = Command::new(BIN)
        .args(["analyze", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        stdin
            .write_all(b"E1,P1\n5,4\n6,6\n7,5\n")
            .expect("write stdin");
    }
    let o = child.wait_with_output().expect("wait");
    assert_eq!(code(&o), 0);
    assert_eq!(json(&o)["respondents"]["total"], 3);
}

#[test]
fn unreadable_files_exit_2_with_a_message_in_the_chosen_language() {
    let o = run(&["analyze", "/nonexistent/survey.csv"]);
    assert_eq!(code(&o), 2);
    assert!(o.stdout.is_empty());
    assert!(
        stderr(&o).contains("cannot read /nonexistent/survey.csv"),
        "{}",
        stderr(&o)
    );
    let o = run(&["analyze", "/nonexistent/survey.csv", "--lang", "zh"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("无法读取"), "{}", stderr(&o));
    let f = fixture("servqual_22.csv");
    let o = run(&["analyze", path(&f), "--config", "/nonexistent/survey.json"]);
    assert_eq!(code(&o), 2);
    assert!(o.stdout.is_empty());
    let o = run(&["detect", "/nonexistent/survey.csv"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn an_invalid_config_exits_2_in_both_languages() {
    let f = fixture("servqual_22.csv");
    let bad = scratch(
        "badconfig",
        "bad.json",
        br#"{"scale":{"min":7,"max":1},"dimensions":[],"items":[],"columns":[]}"#,
    );
    let o = run(&["analyze", path(&f), "--config", path(&bad)]);
    assert_eq!(code(&o), 2);
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("not valid"), "{}", stderr(&o));
    let o = run(&["analyze", path(&f), "--config", path(&bad), "--lang", "zh"]);
    assert!(stderr(&o).contains("无效"), "{}", stderr(&o));
    let garbage = scratch("badconfig", "garbage.json", b"not json");
    assert_eq!(code(&run(&["analyze", path(&f), "-c", path(&garbage)])), 2);
}

#[test]
fn input_with_errors_still_writes_the_report_and_exits_1() {
    let empty = scratch("errors", "empty.csv", b"");
    let o = run(&["analyze", path(&empty)]);
    assert_eq!(code(&o), 1);
    let v = json(&o);
    // A 0-byte file (docs/inputs.md: `empty_file`).
    assert_eq!(v["diagnostics"]["counts"]["empty_file"], 1);
    assert_eq!(v["respondents"]["total"], 0);
    let header_only = scratch("errors", "header.csv", b"E1,P1\n");
    let o = run(&["analyze", path(&header_only), "-f", "md"]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("no data rows"));
    let o = run(&["detect", path(&header_only)]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("no data rows"));
    // Warnings alone (a non-numeric cell) are not errors.
    let warn = scratch("errors", "warn.csv", b"E1,P1\n5,4\nsix,5\n6,5\n");
    let o = run(&["analyze", path(&warn)]);
    assert_eq!(code(&o), 0);
    assert_eq!(json(&o)["diagnostics"]["counts"]["non_numeric"], 1);
}

#[test]
fn usage_help_and_version() {
    let o = run(&[]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("USAGE"));
    for flag in ["--help", "-h"] {
        let o = run(&[flag]);
        assert_eq!(code(&o), 0);
        assert!(stdout(&o).contains("gapscope analyze FILE"));
    }
    let o = run(&["--version"]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o).trim(),
        format!("gapscope {}", env!("CARGO_PKG_VERSION"))
    );
    let f = fixture("servqual_22.csv");
    for args in [
        vec!["analyze"],
        vec!["analyze", path(&f), "--format", "xml"],
        vec!["analyze", path(&f), "--lang", "fr"],
        vec!["analyze", path(&f), "--bogus"],
        vec!["analyze", path(&f), "extra.csv"],
        vec!["analyze", path(&f), "--config"],
        vec!["frobnicate", path(&f)],
    ] {
        let o = run(&args);
        assert_eq!(code(&o), 2, "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(!stderr(&o).is_empty(), "{args:?}");
    }
}

/// A UTF-8 CSV from 32 MB is streamed without --stream (as the page streams
/// it), with the numbers of the file held; --in-memory holds it; a file in
/// another encoding is held and decoded.
#[test]
fn a_large_utf8_file_streams_by_itself_with_the_numbers_of_the_file_held() {
    let mut text = String::from("id,E1,E2,E3,E4,P1,P2,P3,P4,overall\n");
    let mut h: u64 = 7;
    let mut r = 0u64;
    while text.len() < 33 << 20 {
        r += 1;
        text += &r.to_string();
        for _ in 0..9 {
            h = h
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text += &format!(",{}", 1 + (h >> 33) % 7);
        }
        text.push('\n');
    }
    let path = scratch("streams", "big.csv", text.as_bytes());
    let p = path.to_str().unwrap();
    let codes = |v: &serde_json::Value| -> Vec<String> {
        v["diagnostics"]["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["code"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let streamed = json(&run(&["analyze", p]));
    let held = json(&run(&["analyze", p, "--in-memory"]));
    assert!(codes(&streamed).contains(&"stream_mode".to_string()));
    assert!(!codes(&held).contains(&"stream_mode".to_string()));
    assert_eq!(
        streamed["respondents"]["analysed"],
        held["respondents"]["analysed"]
    );
    for (a, b) in streamed["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .zip(held["dimensions"].as_array().unwrap())
    {
        let (x, y) = (
            a["gap"]["mean"].as_f64().unwrap(),
            b["gap"]["mean"].as_f64().unwrap(),
        );
        assert!((x - y).abs() < 1e-12, "{x} vs {y}");
    }
    // Analysis options go into the structure streamed as held.
    let streamed = json(&run(&[
        "analyze",
        p,
        "--csat-top",
        "2",
        "--drivers-score",
        "perception",
    ]));
    let held = json(&run(&[
        "analyze",
        p,
        "--csat-top",
        "2",
        "--drivers-score",
        "perception",
        "--in-memory",
    ]));
    assert!(codes(&streamed).contains(&"stream_mode".to_string()));
    assert_eq!(streamed["metrics"]["csat"]["top_k"], 2);
    assert_eq!(streamed["metrics"]["csat"], held["metrics"]["csat"]);
    assert_eq!(streamed["drivers"]["score"], held["drivers"]["score"]);
    // A header in GB18030: not UTF-8, so held and decoded.
    let mut gbk = vec![0xb1, 0xe0, 0xba, 0xc5];
    gbk.extend_from_slice(&text.as_bytes()[2..]);
    let path = scratch("streams", "gbk.csv", &gbk);
    let held = json(&run(&["analyze", path.to_str().unwrap()]));
    assert!(!codes(&held).contains(&"stream_mode".to_string()));
    assert_eq!(held["config"]["columns"][0]["name"], "编号");
}

/// A long-layout file from 32 MB (respondent, item, type, value): the stream
/// reads one row per respondent only, so it is read held, as before, not refused.
#[test]
fn a_large_long_layout_file_is_read_held_not_refused() {
    let mut text = String::from("respondent,item,type,value\n");
    let mut r = 0u64;
    while text.len() < 33 << 20 {
        r += 1;
        for q in 1..=4 {
            for (t, v) in [("E", 4 + (r + q) % 4), ("P", 1 + (r * q) % 7)] {
                text += &format!("{r},Q{q},{t},{v}\n");
            }
        }
    }
    let path = scratch("long", "long.csv", text.as_bytes());
    let out = run(&["analyze", path.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["input"]["layout"], "long");
    assert_eq!(v["respondents"]["total"].as_u64(), Some(r));
}
