//! The shape of src/ (docs/architecture.md): one folder per pipeline stage,
//! imports pointing only down the pipeline, and no circles between files.
//! Reads the `crate::` paths of every file's code (its `#[cfg(test)]` module
//! excluded: a test may drive the whole engine) and fails on an import from a
//! later stage, on a circle, and on a file outside the stage folders.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The pipeline, in order: a stage may import from the ones before it.
const STAGES: [&str; 9] = [
    "common", "input", "model", "quality", "stats", "methods", "analyses", "report", "document",
];

/// Files allowed at the top of src/: the crate root and the bindings.
const TOP: [&str; 5] = ["lib.rs", "stream.rs", "wasm.rs", "js.rs", "ts_types.rs"];

/// A file of src/: its module path (`model::config`) and its code.
struct File {
    module: String,
    code: String,
}

fn rank(module: &str) -> Option<usize> {
    let first = module.split("::").next()?;
    STAGES.iter().position(|s| *s == first)
}

/// The code before the file's test module.
fn production(text: &str) -> &str {
    let mut from = 0;
    while let Some(i) = text[from..].find("#[cfg(test)]") {
        let at = from + i;
        let rest = text[at + "#[cfg(test)]".len()..].trim_start();
        if rest.starts_with("mod ") || rest.starts_with("pub mod ") {
            return &text[..at];
        }
        from = at + 1;
    }
    text
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every path named after `crate::`, with `use crate::{a, b::{c, d}}` groups
/// expanded to `a`, `b::c`, `b::d`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = code[from..].find("crate::") {
        let at = from + i;
        from = at + "crate::".len();
        if code[..at].ends_with(|c: char| is_ident(c) || c == '$') {
            continue; // `gapscope_crate::`, `$crate::`
        }
        expand("", &code[from..], &mut out);
    }
    out
}

/// Reads one path (or a brace group) at the start of `s`, prefixed by `prefix`.
fn expand(prefix: &str, s: &str, out: &mut Vec<String>) -> usize {
    let s_trim = s.trim_start();
    let skipped = s.len() - s_trim.len();
    if let Some(body) = s_trim.strip_prefix('{') {
        let mut i = 0;
        loop {
            let rest = &body[i..];
            let t = rest.trim_start();
            if t.starts_with('}') || t.is_empty() {
                return skipped + 1 + i + (rest.len() - t.len()) + 1;
            }
            i += expand(prefix, rest, out);
            let t = body[i..].trim_start();
            i = body.len() - t.len();
            if let Some(rest) = t.strip_prefix(',') {
                i = body.len() - rest.len();
            }
        }
    }
    let end = s_trim
        .find(|c: char| !(is_ident(c) || c == ':'))
        .unwrap_or(s_trim.len());
    let path = s_trim[..end].trim_end_matches(':');
    let full = if prefix.is_empty() {
        path.to_string()
    } else if path.is_empty() || path == "self" {
        prefix.to_string()
    } else {
        format!("{prefix}::{path}")
    };
    if s_trim[end..].starts_with('{') && s_trim[..end].ends_with("::") {
        return skipped + end + expand(&full, &s_trim[end..], out);
    }
    if !full.is_empty() {
        out.push(full);
    }
    skipped + end
}

/// The longest module of `modules` that `path` starts with.
fn module_of<'a>(path: &str, modules: &'a BTreeSet<String>) -> Option<&'a String> {
    let segs: Vec<&str> = path.split("::").collect();
    (1..=segs.len())
        .rev()
        .find_map(|k| modules.get(&segs[..k].join("::")))
}

fn related(a: &str, b: &str) -> bool {
    // A module and the files of its own folder (its children) are one unit.
    a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::"))
}

/// Everything wrong with the shape of these files.
fn violations(files: &[File]) -> Vec<String> {
    let modules: BTreeSet<String> = files.iter().map(|f| f.module.clone()).collect();
    let mut out = Vec::new();
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for f in files {
        let Some(own) = rank(&f.module) else {
            continue; // the crate root and the bindings may use every stage
        };
        for path in crate_paths(production(&f.code)) {
            let first = path.split("::").next().unwrap_or("");
            match rank(&path) {
                Some(r) if r > own => out.push(format!(
                    "{} imports crate::{path}: {} comes after {} in the pipeline",
                    f.module, STAGES[r], STAGES[own]
                )),
                Some(_) => {}
                None => out.push(format!(
                    "{} imports crate::{path}: `{first}` is not a stage below it (the crate root and the bindings are above every stage)",
                    f.module
                )),
            }
            if let Some(target) = module_of(&path, &modules) {
                if target != &f.module && !related(&f.module, target) {
                    edges.entry(&f.module).or_default().insert(target);
                }
            }
        }
    }
    for circle in circles(&edges) {
        out.push(format!("import circle: {}", circle.join(" → ")));
    }
    out
}

/// The strongly connected components with more than one module (Tarjan).
fn circles<'a>(edges: &BTreeMap<&'a str, BTreeSet<&'a str>>) -> Vec<Vec<&'a str>> {
    struct State<'a, 'b> {
        edges: &'b BTreeMap<&'a str, BTreeSet<&'a str>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<&'a str>>,
    }
    fn visit<'a>(v: &'a str, s: &mut State<'a, '_>) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on.insert(v);
        for &w in s.edges.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(w, s);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if s.on.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                comp.push(w);
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    let nodes: Vec<&str> = edges.keys().copied().collect();
    for v in nodes {
        if !s.index.contains_key(v) {
            visit(v, &mut s);
        }
    }
    s.out
}

fn read_src(dir: &Path, prefix: &str, out: &mut Vec<File>, loose: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/ readable")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if p.is_dir() {
            if prefix.is_empty() && name == "bin" {
                continue; // the command-line binding: a crate of its own
            }
            if prefix.is_empty() && !STAGES.contains(&name.as_str()) {
                loose.push(format!("src/{name}/ is not a pipeline stage"));
            }
            let sub = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}::{name}")
            };
            read_src(&p, &sub, out, loose);
        } else if let Some(stem) = name.strip_suffix(".rs") {
            if prefix.is_empty() && !TOP.contains(&name.as_str()) {
                loose.push(format!("src/{name} is outside the stage folders"));
            }
            let module = match (prefix.is_empty(), stem) {
                (true, "lib") => "crate".to_string(),
                (true, _) => stem.to_string(),
                (false, "mod") => prefix.to_string(),
                (false, _) => format!("{prefix}::{stem}"),
            };
            let code = std::fs::read_to_string(&p).expect("source readable");
            out.push(File { module, code });
        }
    }
}

#[test]
fn src_follows_the_pipeline() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (mut files, mut problems) = (Vec::new(), Vec::new());
    read_src(&src, "", &mut files, &mut problems);
    assert!(files.len() > 50, "read {} files of src/", files.len());
    for stage in STAGES {
        let f = files.iter().find(|f| f.module == stage);
        let doc = f.map_or("", |f| f.code.as_str());
        if !doc.contains("//! ") || !doc.contains("In: ") || !doc.contains("Out: ") {
            problems.push(format!(
                "src/{stage}/mod.rs needs a module comment saying what comes in (`In: `) and what goes out (`Out: `)"
            ));
        }
    }
    problems.extend(violations(&files));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn file(module: &str, code: &str) -> File {
    File {
        module: module.into(),
        code: code.into(),
    }
}

#[test]
fn the_check_sees_groups_upward_imports_and_circles() {
    assert_eq!(
        crate_paths("use crate::{common::diag::{Text, Diagnostics}, input::table::Table};"),
        [
            "common::diag::Text",
            "common::diag::Diagnostics",
            "input::table::Table"
        ]
    );
    assert_eq!(
        crate_paths("x = crate::stats::mean(&v); $crate::a; my_crate::b"),
        ["stats::mean"]
    );
    let files = [
        file("input::table", "use crate::model::config::SurveyConfig;"),
        file("model::config", "use crate::model::labels::Label;"),
        file("model::labels", "fn f() { crate::model::config::one() }"),
        file("model", "pub mod config; pub mod labels;"),
        file("quality", "use crate::Evaluator;"),
        file("stats", "use crate::common::diag::Text;\n#[cfg(test)]\nmod tests { use crate::report::Report; }"),
        file("common::diag", ""),
        file("report", ""),
    ];
    let v = violations(&files);
    assert!(
        v.iter().any(|m| m.starts_with(
            "input::table imports crate::model::config::SurveyConfig: model comes after input"
        )),
        "{v:?}"
    );
    assert!(
        v.iter()
            .any(|m| m == "import circle: model::config → model::labels"),
        "{v:?}"
    );
    assert!(
        v.iter()
            .any(|m| m.starts_with("quality imports crate::Evaluator")),
        "{v:?}"
    );
    assert!(
        !v.iter().any(|m| m.starts_with("stats")),
        "a test module may import anything: {v:?}"
    );
    assert_eq!(v.len(), 3, "{v:?}");
}
