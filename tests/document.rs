//! The client report (src/document/): every section present in every
//! rendering, numbers equal to the report JSON, formulas neutralised, the
//! priorities chosen by METHODS.md §13 on hand-made results, the PDCA check
//! against SciPy's Welch test, and the XLSX/CSV downloads read back.

use gapscope::document::{self, csv as dcsv, DocumentInputs};
use gapscope::{Evaluator, Report};

fn demo() -> Report {
    let text = std::fs::read_to_string("www/demo/bank-survey.csv").unwrap();
    Evaluator::detect().analyze_text(&text)
}

fn inputs(json: &str) -> DocumentInputs {
    DocumentInputs::from_json(json).unwrap()
}

#[test]
fn every_section_in_html_and_markdown_in_both_languages() {
    let report = demo();
    for lang in ["en", "zh"] {
        let i = inputs(&format!(
            r#"{{"lang":"{lang}","cover":{{"title":"Q3 review","organisation":"Bank A","author":"R. Chen","date":"2026-12-03","period":"2026 H1–H2"}}}}"#
        ));
        let doc = document::build(&report, &i);
        let html = document::html::render(&doc, &report, i.paper);
        for s in [
            "cover",
            "summary",
            "methods",
            "results",
            "recommendations",
            "plan",
            "appendix",
        ] {
            assert!(
                html.contains(&format!("data-section=\"{s}\"")),
                "{lang}: {s}"
            );
        }
        for t in ["Q3 review", "Bank A", "R. Chen", "2026-12-03", "2026 H1–H2"] {
            assert!(html.contains(t), "{lang}: cover field {t}");
        }
        // No script, nothing fetched: a CSP that forbids both, and no URL.
        assert!(html.contains("default-src 'none'"));
        assert!(
            !html.contains("<script")
                && !html.contains("href=")
                && !html.contains("src=")
                && !html.contains("url(")
        );
        let md = document::markdown::render(&doc, &report);
        let heads: &[&str] = if lang == "en" {
            &[
                "## Executive summary",
                "## Method",
                "## Results",
                "## Priorities and recommendations",
                "## Action plan (PDCA)",
                "## Appendix",
            ]
        } else {
            &[
                "## 摘要",
                "## 方法说明",
                "## 评估结果",
                "## 优先事项与改进建议",
                "## 行动计划（PDCA）",
                "## 附录",
            ]
        };
        for h in heads {
            assert!(md.contains(h), "{lang}: {h}");
        }
    }
}

#[test]
fn table_numbers_equal_the_report_json() {
    let report = demo();
    let text = report.to_json();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let doc = document::build(&report, &inputs(r#"{"lang":"en"}"#));
    let dims = doc.tables.iter().find(|t| t.id == "dimensions").unwrap();
    let sheet = dcsv::rows(dims);
    let gap_col = sheet[0].iter().position(|c| c == "Gap P − E").unwrap();
    for (i, d) in json["dimensions"].as_array().unwrap().iter().enumerate() {
        // Full precision: the same digits as the report JSON (read as text:
        // serde_json's default float parsing is not exact to the last bit).
        let cell = &sheet[i + 1][gap_col];
        assert_eq!(cell.parse::<f64>().ok(), report.dimensions[i].gap.mean);
        assert!(
            text.contains(&format!("\"mean\": {cell}")),
            "{cell} in the JSON"
        );
        assert_eq!(d["id"], report.dimensions[i].id.as_str());
    }
    let items = doc.tables.iter().find(|t| t.id == "items").unwrap();
    assert_eq!(items.rows.len(), json["items"].as_array().unwrap().len());
    // The executive summary's score is the report's, rounded as shown.
    let s = &doc.summary.scores[0];
    assert_eq!(s.value, json["overall"]["servqual"].as_f64());
    assert_eq!(s.text, "−0.81");
}

#[test]
fn formulas_are_neutralised_in_csv_and_xlsx_cells() {
    for (raw, safe) in [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("plain", "plain"),
        ("−1.46", "−1.46"),
    ] {
        assert_eq!(dcsv::neutralise(raw), safe);
    }
    // From the data into every table: a branch named like a formula.
    let text = "branch,E1,P1,E2,P2\n=cmd|' /C calc'!A0,6,5,6,4\n@SUM(1),7,5,6,5\n=cmd|' /C calc'!A0,5,4,6,6\n@SUM(1),6,6,7,5\n";
    let report = Evaluator::detect().analyze_text(text);
    let doc = document::build(&report, &inputs(r#"{"cover":{"title":"=1+2"}}"#));
    for (_, rows) in dcsv::sheets(&doc, gapscope::report::markdown::Lang::En) {
        for r in rows {
            for c in r {
                let formula = matches!(c.chars().next(), Some('=' | '+' | '@' | '\t' | '\r'))
                    || (c.starts_with('-') && c.parse::<f64>().is_err());
                assert!(!formula, "cell {c:?}");
            }
        }
    }
    for t in &doc.tables {
        let csv = dcsv::table_csv(t);
        assert!(csv.starts_with('\u{FEFF}'), "BOM for Excel");
        let mut rd = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
        for rec in rd.records() {
            for f in rec.unwrap().iter() {
                assert!(
                    !matches!(f.chars().next(), Some('=' | '+' | '@')),
                    "{}: {f:?}",
                    t.id
                );
            }
        }
    }
}

#[test]
fn xlsx_reads_back_with_calamine_numbers_as_numbers() {
    let report = demo();
    let doc = document::build(&report, &inputs(r#"{"lang":"zh"}"#));
    let sheets = dcsv::sheets(&doc, gapscope::report::markdown::Lang::Zh);
    let data: Vec<gapscope_workbook::writer::SheetData> = sheets
        .iter()
        .map(|(name, rows)| gapscope_workbook::writer::SheetData { name, rows })
        .collect();
    let bytes = gapscope_workbook::write_xlsx(&data);
    let names = gapscope_workbook::sheet_names(&bytes).unwrap();
    assert_eq!(names[0], "说明", "the README sheet first");
    assert!(names.iter().any(|n| n == "dimensions") && names.iter().any(|n| n == "plan"));
    use calamine::{Data, Reader, Xlsx};
    let mut wb = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("dimensions").unwrap();
    let gap = range.get((1, 4)).unwrap();
    match gap {
        Data::Float(v) => assert_eq!(*v, report.dimensions[0].gap.mean.unwrap()),
        other => panic!("the gap should be a number, got {other:?}"),
    }
}

/// Results made by hand: which priorities §13 selects and in which order.
#[test]
fn priorities_follow_methods_13_on_hand_made_results() {
    let mut report = demo();
    // Reliability: −1.46 × 0.31 = 0.451; responsiveness −1.37 × 0.223 = 0.306.
    // Make tangibles the largest weighted gap and empathy not significant.
    for d in &mut report.dimensions {
        match d.id.as_str() {
            "tangibles" => {
                d.gap.mean = Some(-2.0);
                d.weight = Some(0.5);
                d.gap.p = Some(1e-6);
            }
            "empathy" => d.gap.p = Some(0.2),
            "assurance" => d.gap.mean = Some(0.3),
            _ => {}
        }
    }
    report.analyses.comparisons = None;
    report.analyses.ipa = None;
    let doc = document::build(&report, &inputs("{}"));
    let gaps: Vec<&str> = doc
        .priorities
        .iter()
        .filter(|p| p.kind == document::catalogue::FindingKind::Gap)
        .map(|p| p.dimension.as_deref().unwrap())
        .collect();
    // 2.0 × .5 = 1.0 > reliability .451 > responsiveness .306; empathy not
    // significant, assurance positive: neither is a priority.
    assert_eq!(gaps, ["tangibles", "reliability", "responsiveness"]);
    // Each gap priority has three actions, for its own dimension first.
    let first = &doc.priorities[0];
    assert_eq!(first.actions.len(), 3);
    assert!(
        first.actions[0].id.starts_with("tangibles") || first.actions[0].id.contains("tangib"),
        "{:?}",
        first.actions[0].id
    );
    // The demo's questionnaire has expectation scales below α = .7: a caveat.
    assert!(doc
        .priorities
        .iter()
        .any(|p| p.kind == document::catalogue::FindingKind::Reliability));
    // No action is recommended twice while unused ones remain.
    let mut ids: Vec<&str> = doc
        .priorities
        .iter()
        .flat_map(|p| p.actions.iter().map(|a| a.id.as_str()))
        .collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);
}

#[test]
fn no_priority_and_no_crash_on_a_survey_that_meets_expectations() {
    let text = "E1,P1,E2,P2\n5,5,4,4\n4,4,5,5\n3,3,4,4\n5,5,5,5\n";
    let report = Evaluator::detect().analyze_text(text);
    let doc = document::build(&report, &inputs(r#"{"lang":"zh"}"#));
    assert!(doc
        .priorities
        .iter()
        .all(|p| p.kind != document::catalogue::FindingKind::Gap));
    let html = document::html::render(&doc, &report, document::Paper::Letter);
    assert!(html.contains("size:letter"));
}

/// t, df and p of tests/reference/document_check.py (SciPy).
fn reference_check() -> [f64; 3] {
    let want = include_str!("reference/document_check.txt");
    let v: Vec<f64> = want
        .split_whitespace()
        .map(|x| x.parse().unwrap())
        .collect();
    [v[0], v[1], v[2]]
}

/// The Check of the reliability dimension, from 2026H1 to 2026H2.
fn reliability_check(doc: &document::Document) -> &document::plan::CheckedDimension {
    let c = doc.check.as_ref().expect("the demo has a wave column");
    assert_eq!(
        (c.baseline_wave.as_str(), c.latest_wave.as_str()),
        ("2026H1", "2026H2")
    );
    c.dimensions
        .iter()
        .find(|d| d.dimension == "reliability")
        .unwrap()
}

#[test]
fn the_plan_check_is_welch_between_the_first_and_the_latest_wave() {
    // Reference: scipy.stats.ttest_ind(h2, h1, equal_var=False) on the demo's
    // per-respondent reliability gaps by wave (tests/reference/document_check.py).
    let report = demo();
    let doc = document::build(&report, &inputs("{}"));
    let r = reliability_check(&doc);
    let [t, df, p] = reference_check();
    assert!((r.t.unwrap() - t).abs() < 1e-9, "t {} vs {t}", r.t.unwrap());
    assert!(
        (r.df.unwrap() - df).abs() < 1e-6,
        "df {} vs {df}",
        r.df.unwrap()
    );
    assert!(
        (r.p.unwrap() - p).abs() < 1e-9 * p.max(1e-12) + 1e-14,
        "p {} vs {p}",
        r.p.unwrap()
    );
    assert_eq!(r.verdict, "improved");
    // The plan's Check cell says so.
    let plan = doc.tables.iter().find(|t| t.id == "plan").unwrap();
    let check = plan.rows.iter().find_map(|row| match &row[8] {
        document::tables::Cell::Text(s) if s.contains("2026H1 → 2026H2") => Some(s.clone()),
        _ => None,
    });
    assert!(check.is_some(), "a Check cell names the waves");
}

#[test]
fn an_edited_plan_is_kept_and_long_fields_are_clipped() {
    let report = demo();
    let long = "x".repeat(5000);
    let i = inputs(&format!(
        r#"{{"plan":[{{"action":"Retrain tellers","owner":"Ms Li","deadline":"2027-03","status":"do","notes":"{long}","dimension":"reliability"}}],"cover":{{"title":"{long}"}}}}"#
    ));
    let doc = document::build(&report, &i);
    assert!(!doc.plan_prefilled);
    assert_eq!(doc.plan.len(), 1);
    assert_eq!(doc.plan[0].owner, "Ms Li");
    assert_eq!(
        doc.plan[0].notes.chars().count(),
        document::inputs::PLAN_CELL_LIMIT
    );
    assert_eq!(
        doc.cover.title.chars().count(),
        document::inputs::COVER_FIELD_LIMIT
    );
    let md = document::markdown::render(&doc, &report);
    assert!(md.contains("Retrain tellers") && md.contains("Ms Li") && md.contains("| Do |"));
}

#[test]
fn text_from_the_data_never_becomes_markup() {
    let text = "<img src=x onerror=alert(1)>,E1,P1\na,6,5\nb,7,5\n";
    let report = Evaluator::detect().analyze_text(text);
    let doc = document::build(
        &report,
        &inputs(
            r#"{"cover":{"title":"</style><script>alert(1)</script>","organisation":"\"}</style>"}}"#,
        ),
    );
    let html = document::html::render(&doc, &report, document::Paper::A4);
    assert!(!html.contains("<script>") && !html.contains("<img"));
    // The title is in the running header as a CSS string: escaped, the style element intact.
    assert_eq!(html.matches("</style>").count(), 1);
}

#[test]
fn the_builtin_catalogue_is_complete() {
    let c = document::Catalogue::builtin();
    assert!(c.actions.len() >= 40, "{}", c.actions.len());
    for key in [
        "tangibles",
        "reliability",
        "responsiveness",
        "assurance",
        "empathy",
    ] {
        let gaps: std::collections::BTreeSet<u8> = c
            .actions
            .iter()
            .filter(|a| a.dimensions.iter().any(|d| d == key))
            .flat_map(|a| a.gaps.clone())
            .collect();
        assert_eq!(
            gaps.into_iter().collect::<Vec<_>>(),
            [1, 2, 3, 4],
            "{key}: gaps 1–4"
        );
    }
    for a in &c.actions {
        for t in [&a.title, &a.action, &a.indicator, &a.target] {
            assert!(
                !t.en.trim().is_empty() && !t.zh.trim().is_empty(),
                "{}",
                a.id
            );
        }
    }
    // Dimension labels are recognised in both languages.
    let t = gapscope::Text::new("Reliability", "可靠性");
    assert_eq!(c.dimension_key("D2", Some(&t)), Some("reliability"));
    let t = gapscope::Text::new("", "服务响应性");
    assert_eq!(c.dimension_key("x", Some(&t)), Some("responsiveness"));
    // A host's catalogue that is not one is refused with a reason.
    assert!(document::Catalogue::from_json("{\"actions\": 3}").is_err());
}

#[test]
fn the_cli_writes_every_format() {
    let bin = env!("CARGO_BIN_EXE_gapscope");
    let dir = std::env::temp_dir().join(format!("gapscope-report-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let doc_file = dir.join("doc.json");
    std::fs::write(&doc_file, r#"{"cover":{"title":"Branch review"},"plan":[{"action":"Queue triage","owner":"王经理"}]}"#).unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin)
            .arg("report")
            .arg("www/demo/bank-survey.csv")
            .args(["--document", doc_file.to_str().unwrap()])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let html = String::from_utf8(run(&[
        "--format", "html", "--lang", "zh", "--paper", "letter",
    ]))
    .unwrap();
    assert!(
        html.contains("Branch review") && html.contains("王经理") && html.contains("size:letter")
    );
    let md = String::from_utf8(run(&["--format", "md"])).unwrap();
    assert!(md.contains("Queue triage"));
    let json: serde_json::Value = serde_json::from_slice(&run(&["--format", "json"])).unwrap();
    assert_eq!(json["document"]["plan"][0]["owner"], "王经理");
    assert!(json["report"]["dimensions"].is_array());
    let xlsx = dir.join("r.xlsx");
    run(&["--format", "xlsx", "-o", xlsx.to_str().unwrap()]);
    let names = gapscope_workbook::sheet_names(&std::fs::read(&xlsx).unwrap()).unwrap();
    assert_eq!(names[0], "README");
    let csvdir = dir.join("csv");
    run(&["--format", "csv", "-o", csvdir.to_str().unwrap()]);
    let items = std::fs::read_to_string(csvdir.join("items.csv")).unwrap();
    let mut rd = csv::Reader::from_reader(items.trim_start_matches('\u{FEFF}').as_bytes());
    assert_eq!(rd.records().count(), 22);
    let one = String::from_utf8(run(&["--format", "csv", "--table", "plan"])).unwrap();
    assert!(one.starts_with('\u{FEFF}') && one.contains("Queue triage"));
    // An unknown table is refused with the list of tables, and nothing is written.
    let out = std::process::Command::new(bin)
        .args([
            "report",
            "www/demo/bank-survey.csv",
            "--format",
            "csv",
            "--table",
            "nope",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("dimensions"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn waves_are_compared_in_time_order_not_data_order() {
    use gapscope::document::plan::natural_cmp;
    use std::cmp::Ordering::Less;
    for (a, b) in [
        ("Wave 2", "Wave 10"),
        ("2026-9", "2026-10"),
        ("2026H1", "2026H2"),
        ("2025-Q4", "2026-Q1"),
        ("第1期", "第2期"),
    ] {
        assert_eq!(natural_cmp(a, b), Less, "{a} < {b}");
    }
    // The demo with its later wave first in the data: the check still runs
    // from 2026H1 to 2026H2, with the same numbers.
    let text = std::fs::read_to_string("www/demo/bank-survey.csv").unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    lines.sort_by_key(|l| !l.contains(",2026H2,"));
    let flipped = format!("{header}\n{}\n", lines.join("\n"));
    let report = Evaluator::detect().analyze_text(&flipped);
    let waves = report
        .analyses
        .comparisons
        .as_ref()
        .unwrap()
        .groupings
        .iter()
        .find(|g| g.column == "wave")
        .unwrap();
    assert_eq!(waves.groups[0].value, "2026H2", "data order puts H2 first");
    let doc = document::build(&report, &inputs("{}"));
    let r = reliability_check(&doc);
    assert!((r.t.unwrap() - reference_check()[0]).abs() < 1e-9);
}

#[test]
fn an_action_for_a_dimension_and_for_any_is_recommended_once() {
    let c = document::Catalogue::from_json(
        r#"{"name":{"en":"t","zh":"t"},"dimensions":[{"key":"reliability","label":{"en":"Reliability","zh":"可靠性"},"match":[]}],
           "actions":[{"id":"both","for":["gap"],"dimensions":["reliability","*"],"gaps":[],"title":{"en":"a","zh":"a"},"action":{"en":"a","zh":"a"},"indicator":{"en":"a","zh":"a"},"target":{"en":"a","zh":"a"}}]}"#,
    )
    .unwrap();
    let picked = c.pick(
        document::catalogue::FindingKind::Gap,
        Some("reliability"),
        &[],
        3,
    );
    assert_eq!(picked.len(), 1);
}
