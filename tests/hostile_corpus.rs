//! The hostile-input corpus (tests/hostile/, made by make_corpus.py; issue 8):
//! every file through the `gapscope` CLI, as a user's file would go. Each must
//! end in a clear message or correct numbers — never a panic or an abort, a
//! hang (over 10 s) or more than 1 GB of memory — and what the manifest says
//! of it must hold: the exit code, the diagnostic codes, the numbers computed by
//! the generator, text that must not appear (HTML, links, 309-digit numbers).
//!
//! Peak memory is the child's own maximum resident set (wait4's rusage), the
//! time its wall clock; a run over the limits is killed and reported.

use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_gapscope");
const TIME_LIMIT: Duration = Duration::from_secs(10);
const MEMORY_LIMIT_KB: i64 = 1024 * 1024;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

struct Run {
    code: Option<i32>,
    signal: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
    elapsed: Duration,
    max_rss_kb: i64,
    killed: bool,
}

/// Run the CLI, reading its output on threads, polling wait4 so that a run
/// past the time limit is killed, and keeping the child's rusage.
// The child is reaped by wait4 (which also gives its rusage), not by Child::wait.
#[allow(clippy::zombie_processes)]
fn run(args: &[String]) -> Run {
    let start = Instant::now();
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start gapscope");
    let pid = child.id() as libc::pid_t;
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let err_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        String::from_utf8_lossy(&b).into_owned()
    });
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data, written by wait4.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut killed = false;
    loop {
        // SAFETY: pid is our child's; status and usage point to live locals.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        assert!(r == 0, "wait4 failed");
        if start.elapsed() > TIME_LIMIT && !killed {
            // SAFETY: sending a signal to our own child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            killed = true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let elapsed = start.elapsed();
    let exited = libc::WIFEXITED(status);
    Run {
        code: exited.then(|| libc::WEXITSTATUS(status)),
        signal: libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status)),
        stdout: out_t.join().unwrap_or_default(),
        stderr: err_t.join().unwrap_or_default(),
        elapsed,
        max_rss_kb: usage.ru_maxrss,
        killed,
    }
}

fn codes(report: &Value) -> Vec<String> {
    report["diagnostics"]["counts"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// What is wrong with one case (empty when it passes).
fn check(case: &Value, r: &Run, report: Option<&Value>) -> Vec<String> {
    let e = &case["expect"];
    let mut bad = Vec::new();
    if r.killed {
        bad.push(format!(
            "hung: killed after {:.1} s",
            r.elapsed.as_secs_f64()
        ));
    }
    if let Some(s) = r.signal {
        bad.push(format!("crashed (signal {s}): {}", r.stderr.trim()));
    }
    if r.max_rss_kb > MEMORY_LIMIT_KB {
        bad.push(format!("used {} MB", r.max_rss_kb / 1024));
    }
    if r.stderr.contains("panicked") || r.stderr.contains("memory allocation") {
        bad.push(format!("panic: {}", r.stderr.trim()));
    }
    let allowed: Vec<i64> = e["exit"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default();
    match r.code {
        Some(c) if allowed.contains(&i64::from(c)) => {}
        Some(c) => bad.push(format!(
            "exit {c}, expected {allowed:?}; stderr: {}",
            r.stderr.trim()
        )),
        None => {}
    }
    if let Some(want) = e["stderr"].as_str() {
        if !r.stderr.to_lowercase().contains(&want.to_lowercase()) {
            bad.push(format!("stderr lacks {want:?}: {}", r.stderr.trim()));
        }
    }
    if r.code == Some(2) && r.stderr.trim().is_empty() {
        bad.push("refused without a reason on stderr".into());
    }
    let Some(rep) = report else {
        if matches!(r.code, Some(0 | 1)) {
            bad.push("no report JSON on stdout".into());
        }
        return bad;
    };
    let have = codes(rep);
    for c in e["codes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if !have.iter().any(|h| h == c) {
            bad.push(format!("no {c} diagnostic (have {have:?})"));
        }
    }
    for c in e["absent"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if have.iter().any(|h| h == c) {
            bad.push(format!("unexpected {c} diagnostic"));
        }
    }
    if let Some(n) = e["respondents"].as_u64() {
        let got = rep["respondents"]["total"].as_u64();
        if got != Some(n) {
            bad.push(format!("{got:?} respondents, expected {n}"));
        }
    }
    for (key, path) in [("servqual", "servqual"), ("servperf", "servperf")] {
        if let Some(want) = e[key].as_f64() {
            match rep["overall"][path].as_f64() {
                Some(got) if close(got, want) => {}
                got => bad.push(format!("{key} {got:?}, expected {want}")),
            }
        }
    }
    if let Some(want) = e["scale_max"].as_f64() {
        let got = rep["config"]["scale"]["max"].as_f64();
        if got != Some(want) {
            bad.push(format!("scale max {got:?}, expected {want}"));
        }
    }
    let text = rep.to_string();
    for s in e["no_text"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if text.contains(s) {
            bad.push(format!("the report holds {s:?}"));
        }
    }
    if text.contains("unreachable") {
        bad.push("the report says \"unreachable\"".into());
    }
    bad
}

#[test]
fn every_hostile_file_gives_a_message_or_correct_numbers() {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(dir().join("manifest.json")).expect("manifest.json"),
    )
    .expect("manifest JSON");
    let cases = manifest["cases"].as_array().expect("cases");
    assert!(cases.len() >= 80, "the corpus has {} cases", cases.len());
    let corpus = dir().join("corpus");
    let mut failures = Vec::new();
    let (mut slowest, mut biggest) = ((Duration::ZERO, String::new()), (0i64, String::new()));
    for case in cases {
        let file = case["file"].as_str().expect("file");
        let mut args = vec![
            "analyze".to_string(),
            corpus.join(file).display().to_string(),
        ];
        if let Some(c) = case["config"].as_str() {
            args.push("--config".into());
            args.push(corpus.join(c).display().to_string());
        }
        args.extend(
            case["args"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a.as_str().map(str::to_string)),
        );
        let r = run(&args);
        let report: Option<Value> = serde_json::from_slice(&r.stdout).ok();
        let mut bad = check(case, &r, report.as_ref());
        // Markdown: rendered as GitHub would (GFM autolinks, raw HTML let
        // through), nothing from the data becomes markup, a link or an image.
        if case["expect"]["md_safe"].as_bool() == Some(true) {
            let mut md_args = args.clone();
            md_args.extend(["--format".into(), "md".into()]);
            let md = run(&md_args);
            let mut opts = comrak::Options::default();
            opts.extension.autolink = true;
            opts.extension.table = true;
            opts.render.r#unsafe = true;
            let html = comrak::markdown_to_html(&String::from_utf8_lossy(&md.stdout), &opts);
            for s in ["<a ", "<img", "<script", "<b>"] {
                if html.contains(s) {
                    bad.push(format!("the Markdown report renders {s:?}"));
                }
            }
        }
        if r.elapsed > slowest.0 {
            slowest = (r.elapsed, file.to_string());
        }
        if r.max_rss_kb > biggest.0 {
            biggest = (r.max_rss_kb, file.to_string());
        }
        if !bad.is_empty() {
            failures.push(format!("{file}: {}", bad.join("; ")));
        }
    }
    eprintln!(
        "hostile corpus: {} cases, {} failed; slowest {} ({:.2} s), largest {} ({} MB peak RSS)",
        cases.len(),
        failures.len(),
        slowest.1,
        slowest.0.as_secs_f64(),
        biggest.1,
        biggest.0 / 1024
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
