//! Issue 8, "never a wrong number in silence": one test per finding of the
//! hostile-input review, each failing on the engine before its fix. Results
//! are read from the report JSON (what the page and the CLI see) and checked
//! against values computed by hand from the data written here.

mod common;

use common::{close, some, EXACT};
use gapscope::{Evaluator, InputOptions, SurveyConfig};
use serde_json::Value;

fn json(r: &gapscope::Report) -> Value {
    serde_json::from_str(&r.to_json()).expect("report JSON")
}

fn analyse(text: &str) -> Value {
    json(&Evaluator::detect().analyze_text(text))
}

fn with_options(text: &str, options: &str) -> Value {
    let o: InputOptions = serde_json::from_str(options).expect("options");
    json(&Evaluator::detect().with_options(o).analyze_text(text))
}

/// The diagnostics of one code, in detail.
fn diags<'a>(r: &'a Value, code: &str) -> Vec<&'a Value> {
    r["diagnostics"]["messages"]
        .as_array()
        .map(|m| m.iter().filter(|d| d["code"] == code).collect())
        .unwrap_or_default()
}

fn count(r: &Value, code: &str) -> u64 {
    r["diagnostics"]["counts"][code].as_u64().unwrap_or(0)
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// A small deterministic generator (xorshift), so the data need no crate.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

// ---------------------------------------------------------------- 1. labels

/// `rows` respondents answering E1..E3, P1..P3 with labels from `set`; returns
/// the CSV and the mean of P − E over all answers, with label k (0-based) = k + 1.
fn labelled(set: &[&str], rows: usize, seed: u64) -> (String, f64, f64) {
    let mut rng = Rng(seed);
    let mut text = String::from("序号,E1,E2,E3,P1,P2,P3\n");
    let (mut gap, mut perf) = (0.0, 0.0);
    for r in 0..rows {
        let v: Vec<usize> = (0..6).map(|_| rng.pick(set.len())).collect();
        text += &format!("{}", r + 1);
        for &x in &v {
            text += &format!(",{}", set[x]);
        }
        text.push('\n');
        gap += (0..3).map(|i| v[3 + i] as f64 - v[i] as f64).sum::<f64>() / 3.0;
        perf += (3..6).map(|i| v[i] as f64 + 1.0).sum::<f64>() / 3.0;
    }
    (text, gap / rows as f64, perf / rows as f64)
}

#[test]
fn seven_point_labels_are_read_as_seven_points() {
    let zh = [
        "非常不同意",
        "不同意",
        "比较不同意",
        "一般",
        "比较同意",
        "同意",
        "非常同意",
    ];
    let en = [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
    ];
    for (set, seed) in [(&zh, 7u64), (&en, 11)] {
        let (text, gap, perf) = labelled(set, 40, seed);
        let r = analyse(&text);
        assert_eq!(r["config"]["scale"]["max"], 7.0, "{}", set[4]);
        // One dimension holds all three items (numbers 1–3 are tangibles).
        close(num(&r["overall"]["servqual"]), gap, EXACT, "gap");
        close(num(&r["overall"]["servperf"]), perf, EXACT, "servperf");
        assert_eq!(count(&r, "labels_folded"), 0);
    }
}

#[test]
fn labels_folded_by_a_map_are_said() {
    // A saved structure with the 5-point map, on data with seven labels.
    let zh = [
        "非常不同意",
        "不同意",
        "比较不同意",
        "一般",
        "比较同意",
        "同意",
        "非常同意",
    ];
    let (text, _, _) = labelled(&zh, 30, 3);
    let config = SurveyConfig::from_json(
        r#"{"scale":{"min":1,"max":5},"dimensions":[{"id":"d"}],
            "items":[{"id":"q1","dimension":"d"},{"id":"q2","dimension":"d"},{"id":"q3","dimension":"d"}],
            "columns":[{"name":"E1","role":"expectation","item":"q1"},{"name":"E2","role":"expectation","item":"q2"},
                       {"name":"E3","role":"expectation","item":"q3"},{"name":"P1","role":"perception","item":"q1"},
                       {"name":"P2","role":"perception","item":"q2"},{"name":"P3","role":"perception","item":"q3"}],
            "labels":{"非常同意":5,"同意":4,"比较同意":4,"一般":3,"比较不同意":2,"不同意":2,"非常不同意":1}}"#,
    )
    .expect("config");
    let r = json(&Evaluator::with_config(config).analyze_text(&text));
    let d = diags(&r, "labels_folded");
    assert_eq!(d.len(), 1, "{:#}", r["diagnostics"]);
    let en = d[0]["message"]["en"].as_str().unwrap_or("");
    assert!(
        en.contains("7 different answer labels") && en.contains("5 values"),
        "{en}"
    );
    assert_eq!(d[0]["severity"], "warning");
}

#[test]
fn a_satisfaction_question_keeps_its_own_five_points_among_seven_point_items() {
    // 一般 is 4 of 7 under the items and 3 of 5 for the overall question.
    let mut text = String::from("E1,P1,E2,P2,总体满意度\n");
    let sat = ["非常不满意", "不满意", "一般", "满意", "非常满意"];
    let agree = [
        "非常不同意",
        "不同意",
        "比较不同意",
        "一般",
        "比较同意",
        "同意",
        "非常同意",
    ];
    let mut overall = 0.0;
    for r in 0..21 {
        let o = r % 5;
        overall += (o + 1) as f64;
        text += &format!(
            "{},{},{},{},{}\n",
            agree[r % 7],
            agree[(r + 3) % 7],
            agree[(r + 1) % 7],
            agree[(r + 2) % 7],
            sat[o]
        );
    }
    let r = analyse(&text);
    let col = r["config"]["columns"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["name"] == "总体满意度"))
        .expect("overall column");
    assert_eq!(col["scale"]["max"], 5.0);
    // Top-2 boxes of 1–5 are 4 and 5: 8 of the 21 answers (on a 1–7 reading: none).
    let csat = &r["metrics"]["csat"];
    assert_eq!(
        (csat["n"].as_u64(), csat["satisfied"].as_u64()),
        (Some(21), Some(8))
    );
    let _ = overall;
}

// ---------------------------------------------------------------- 2. quotes

fn stray_quote_file() -> String {
    let mut text = String::from("id,comment,E1,P1,E2,P2\n");
    for r in 1..=1000 {
        let comment = if r == 499 { "\"5 stars" } else { "fine" };
        text += &format!(
            "{r},{comment},{},{},{},{}\n",
            4 + r % 3,
            3 + r % 4,
            5,
            4 + r % 2
        );
    }
    text
}

#[test]
fn an_unclosed_quote_is_reported_with_where_it_opened() {
    let r = analyse(&stray_quote_file());
    let d = diags(&r, "unclosed_quote");
    assert_eq!(d.len(), 1, "{:#}", r["diagnostics"]);
    // Row 500 (header is row 1) holds the quote, in column 2.
    assert_eq!(
        (d[0]["row"].as_u64(), d[0]["column"].as_u64()),
        (Some(500), Some(2))
    );
    assert!(d[0]["message"]["en"]
        .as_str()
        .is_some_and(|m| m.contains("501 lines") && m.contains("never closes")));
    assert_eq!(d[0]["actions"][0]["change"]["value"], "same_line");
}

#[test]
fn the_same_line_reading_keeps_every_respondent() {
    let r = with_options(&stray_quote_file(), r#"{"quotes":"same_line"}"#);
    assert_eq!(r["respondents"]["total"], 1000);
    assert_eq!(count(&r, "unclosed_quote"), 0);
    // The cell keeps its quote as text: the comment column is not numeric.
    let mut gap = 0.0;
    for r in 1..=1000 {
        gap += ((3 + r % 4) as f64 - (4 + r % 3) as f64 + (4 + r % 2) as f64 - 5.0) / 2.0;
    }
    close(num(&r["overall"]["servqual"]), gap / 1000.0, EXACT, "gap");
}

// ---------------------------------------------------------------- 3. scale

fn one_to_five(rows: usize) -> (String, f64) {
    let mut text = String::from("E1,P1,E2,P2,E3,P3\n");
    let mut perf = 0.0;
    for r in 0..rows {
        let v = [
            2 + r % 4,
            1 + r % 5,
            3 + r % 3,
            2 + r % 3,
            5,
            1 + (r * 7) % 5,
        ];
        perf += (v[1] + v[3] + v[5]) as f64 / 3.0;
        text += &format!("{},{},{},{},{},{}\n", v[0], v[1], v[2], v[3], v[4], v[5]);
    }
    (text, perf / rows as f64)
}

#[test]
fn a_few_stray_values_do_not_widen_the_scale() {
    let (text, _) = one_to_five(40);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // Two 0s and two 100s among 240 answers.
    lines[3] = "0,3,4,3,5,2".into();
    lines[9] = "3,100,4,3,5,2".into();
    lines[17] = "3,3,0,3,5,2".into();
    lines[30] = "3,3,4,3,5,100".into();
    let text = lines.join("\n");
    let r = analyse(&text);
    assert_eq!(
        (
            r["config"]["scale"]["min"].as_f64(),
            r["config"]["scale"]["max"].as_f64()
        ),
        (Some(1.0), Some(5.0))
    );
    let d = diags(&r, "scale_outliers");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["severity"], "warning");
    // Keep 1–5 (confirm) or use 0–100 (the scale covering every answer).
    assert_eq!(d[0]["actions"][0]["change"]["max"], 5.0);
    assert_eq!(d[0]["actions"][1]["change"]["max"], 100.0);
    assert_eq!(count(&r, "out_of_scale"), 4);
    // SERVPERF over the answers in scale, by hand: the strays are missing.
    let mut perf = 0.0;
    for line in text.lines().skip(1) {
        let v: Vec<f64> = line
            .split(',')
            .map(|x| x.parse().unwrap_or(f64::NAN))
            .collect();
        let p: Vec<f64> = [v[1], v[3], v[5]]
            .into_iter()
            .filter(|x| (1.0..=5.0).contains(x))
            .collect();
        perf += p.iter().sum::<f64>() / p.len() as f64;
    }
    // Each item is its own dimension (items 1–3: tangibles): per-respondent
    // tangibles score = mean of the answered items, overall = that mean.
    close(
        num(&r["overall"]["servperf"]),
        perf / 40.0,
        EXACT,
        "servperf",
    );
}

#[test]
fn huge_values_do_not_become_the_scale_nor_309_digits() {
    let (text, _) = one_to_five(40);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[5] = "1e308,3,4,3,5,2".into();
    lines[6] = "3,1e308,4,3,5,2".into();
    let r = analyse(&lines.join("\n"));
    assert_eq!(r["config"]["scale"]["max"], 5.0);
    let all = r["diagnostics"].to_string();
    assert!(
        !all.contains("000000000000000000000"),
        "309 digits in {all}"
    );
    assert!(all.contains("1e308"), "{all}");
}

// ---------------------------------------------------------------- 4. delimiter

#[test]
fn the_delimiter_is_found_past_a_long_first_cell() {
    let mut text = format!("{},E1,P1\n", "x".repeat(200_000));
    for r in 0..30 {
        text += &format!("a,{},{}\n", 1 + r % 7, 1 + (r + 2) % 7);
    }
    let r = analyse(&text);
    assert_eq!(r["input"]["delimiter"], ",");
    assert_eq!(r["items"].as_array().map(Vec::len), Some(1));
}

#[test]
fn a_single_column_shows_no_control_character_as_its_delimiter() {
    let r = analyse("comment\nfine\ngood\n");
    assert!(r["input"]["delimiter"].is_null(), "{}", r["input"]);
    assert!(!r.to_string().contains("\\u001f"));
}

// ---------------------------------------------------------------- 5. nothing

#[test]
fn nothing_to_analyse_says_why_as_an_error() {
    let r = analyse("Q1,Q2,Q3\n1,2,3\n4,5,6\n");
    let d = diags(&r, "nothing_to_analyse");
    assert_eq!(d.len(), 1, "{:#}", r["diagnostics"]);
    assert_eq!(d[0]["severity"], "error");
    let en = d[0]["message"]["en"].as_str().unwrap_or("");
    assert!(
        en.contains("\"Q1\"") && en.contains("E1 and P1") && en.contains("Edit columns"),
        "{en}"
    );
    assert!(d[0]["message"]["zh"]
        .as_str()
        .is_some_and(|z| z.contains("编辑列")));
}

// ---------------------------------------------------------------- 6 and 16. options

#[test]
fn unusable_options_are_refused_not_guessed() {
    let text = "E1,P1\n5,4\n6,5\n";
    let r = with_options(text, r#"{"header_row":999999}"#);
    assert_eq!(count(&r, "header_row_not_found"), 1);
    assert_eq!(r["respondents"]["total"], 0);
    let r = with_options(text, r#"{"delimiter":"x"}"#);
    assert_eq!(count(&r, "option_invalid"), 1);
    let r = with_options(text, r#"{"sheet":"Data"}"#);
    assert_eq!(count(&r, "option_not_applicable"), 1);
    // An unknown encoding is refused as unknown, not named as the file's encoding.
    let r = json(
        &Evaluator::detect()
            .with_options(serde_json::from_str(r#"{"encoding":"<img src=x>"}"#).expect("options"))
            .analyze_bytes(text.as_bytes()),
    );
    let d = diags(&r, "encoding_unknown");
    assert_eq!(d.len(), 1, "{:#}", r["diagnostics"]);
    assert!(!r["diagnostics"]
        .to_string()
        .contains("appears to be encoded"));
}

// ---------------------------------------------------------------- 7. saved structure

#[test]
fn a_structure_for_other_data_says_what_it_leaves_out() {
    // survey.json made for E1..E5/P1..P5 on 1–5; new data has E1, E2, Q6..Q8 on 1–7.
    let mut cols = String::new();
    let mut items = String::new();
    for i in 1..=5 {
        items += &format!(r#"{{"id":"q{i}","dimension":"d"}},"#);
        cols += &format!(
            r#"{{"name":"E{i}","role":"expectation","item":"q{i}"}},{{"name":"P{i}","role":"perception","item":"q{i}"}},"#
        );
    }
    let config = SurveyConfig::from_json(&format!(
        r#"{{"scale":{{"min":1,"max":5}},"dimensions":[{{"id":"d"}}],"items":[{}],"columns":[{}]}}"#,
        items.trim_end_matches(','),
        cols.trim_end_matches(',')
    ))
    .expect("config");
    let mut text = String::from("E1,P1,E2,P2,Q6,Q7,Q8\n");
    for r in 0..30 {
        text += &format!(
            "{},{},{},{},3,4,5\n",
            1 + r % 7,
            1 + (r + 3) % 7,
            7 - r % 7,
            6 - r % 6
        );
    }
    let r = json(&Evaluator::with_config(config).analyze_text(&text));
    let unused = diags(&r, "columns_not_in_structure");
    assert_eq!(unused.len(), 1, "{:#}", r["diagnostics"]);
    let en = unused[0]["message"]["en"].as_str().unwrap_or("");
    assert!(
        en.contains("\"Q6\"") && en.contains("\"Q8\"") && en.starts_with("3 columns"),
        "{en}"
    );
    assert_eq!(count(&r, "structure_does_not_fit"), 1);
    let d = diags(&r, "scale_does_not_fit");
    assert_eq!(d.len(), 1, "{:#}", r["diagnostics"]);
    assert_eq!(d[0]["actions"][0]["change"]["max"], 7.0);
}

// ---------------------------------------------------------------- 8. duplicates

#[test]
fn identical_answers_expected_by_chance_are_not_duplicates() {
    // 20 000 respondents, 6 items on 1–5 answered at random: 5^6 = 15 625
    // possible answer sets, so thousands repeat by chance alone.
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut text = String::from("E1,E2,E3,P1,P2,P3\n");
    for _ in 0..20_000 {
        let v: Vec<String> = (0..6).map(|_| (1 + rng.pick(5)).to_string()).collect();
        text += &v.join(",");
        text.push('\n');
    }
    let r = analyse(&text);
    assert_eq!(r["quality"]["duplicates"]["count"], 0);
    assert!(r["quality"]["duplicates_by_chance"].as_u64().unwrap_or(0) > 1000);
    assert_eq!(count(&r, "duplicates_by_chance"), 1);
}

#[test]
fn a_repeated_long_answer_set_is_a_duplicate() {
    // 44 answers per row: a repeat is no coincidence.
    let mut rng = Rng(42);
    let mut header: Vec<String> = (1..=22).map(|i| format!("E{i}")).collect();
    header.extend((1..=22).map(|i| format!("P{i}")));
    let mut rows: Vec<String> = Vec::new();
    for _ in 0..300 {
        let base = 3 + rng.pick(3);
        let v: Vec<String> = (0..44)
            .map(|_| (base + rng.pick(3) - 1).to_string())
            .collect();
        rows.push(v.join(","));
    }
    rows.push(rows[10].clone());
    rows.push(rows[200].clone());
    let text = format!("{}\n{}\n", header.join(","), rows.join("\n"));
    let r = analyse(&text);
    let dup = &r["quality"]["duplicates"];
    assert_eq!(dup["count"], 2, "{dup:#}");
    assert_eq!(
        (
            dup["rows"][0]["row"].as_u64(),
            dup["rows"][0]["first_row"].as_u64()
        ),
        (Some(302), Some(12))
    );
    assert!(some(dup["rows"][0]["chance"].as_f64(), "chance") < 1e-10);
    // Flagged, never excluded without the user's choice.
    assert_eq!(r["respondents"]["analysed"], 302);
}

// ---------------------------------------------------------------- 11. config size

#[test]
fn an_oversized_structure_is_refused_with_a_reason() {
    let items: Vec<String> = (0..30_000)
        .map(|i| format!(r#"{{"id":"i{i}","dimension":"d"}}"#))
        .collect();
    let json = format!(
        r#"{{"scale":{{"min":1,"max":7}},"dimensions":[{{"id":"d"}}],"items":[{}],"columns":[]}}"#,
        items.join(",")
    );
    let err = SurveyConfig::from_json(&json).expect_err("30 000 items refused");
    assert!(
        err.en.contains("30000 items") && err.en.contains("5000"),
        "{}",
        err.en
    );
    let big = format!("{}{}", json, " ".repeat(5 * 1024 * 1024));
    let err = SurveyConfig::from_json(&big).expect_err("5 MB refused");
    assert!(err.en.contains("MB"), "{}", err.en);
}

#[test]
fn a_structure_at_the_limits_is_analysed() {
    // 5 000 items in 500 dimensions (the limits), one item in the data. Its
    // time against one tenth the size is measured by bench/config.mjs (it was
    // quadratic: items × dimensions compares in several steps).
    let (n, k) = (
        gapscope::model::config::MAX_ITEMS,
        gapscope::model::config::MAX_DIMENSIONS,
    );
    let dims: Vec<String> = (0..k).map(|i| format!(r#"{{"id":"d{i}"}}"#)).collect();
    let items: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id":"i{i}","dimension":"d{}"}}"#, i % k))
        .collect();
    let weights: Vec<String> = (0..k).map(|i| format!(r#""d{i}":1"#)).collect();
    let c = SurveyConfig::from_json(&format!(
        r#"{{"scale":{{"min":1,"max":7}},"min_items":1,"dimensions":[{}],"items":[{}],
            "columns":[{{"name":"E1","role":"expectation","item":"i1"}},{{"name":"P1","role":"perception","item":"i1"}}],
            "weighting":{{"method":"direct","weights":{{{}}}}}}}"#,
        dims.join(","),
        items.join(","),
        weights.join(",")
    ))
    .expect("a configuration at the limits is accepted");
    let r = Evaluator::with_config(c).analyze_text("E1,P1\n5,4\n6,5\n7,5\n");
    assert_eq!(r.respondents.analysed, 3);
    close(
        some(common::item(&r, "i1").gap.mean, "gap"),
        -4.0 / 3.0,
        EXACT,
        "gap of i1",
    );
}

// ---------------------------------------------------------------- 14. Markdown

#[test]
fn markdown_reports_never_link_or_load_from_data() {
    let mut text = String::from("E1,P1,branch\n");
    let names = [
        "[click](javascript:alert(1))",
        "![x](http://evil.example/t.png)",
        "<http://evil.example>",
        "www.evil.example",
        "http://evil.example/x",
        "a@evil.example",
    ];
    for (i, n) in names.iter().enumerate() {
        text += &format!("{},{},\"{n}\"\n", 4 + i % 3, 3 + i % 3);
        text += &format!("{},{},\"{n}\"\n", 5, 4);
    }
    let r = Evaluator::detect().analyze_text(&text);
    let mut opts = comrak::Options::default();
    opts.extension.autolink = true;
    opts.extension.table = true;
    opts.render.r#unsafe = true; // what a careless viewer does: raw HTML passes
    for lang in [
        gapscope::report::markdown::Lang::En,
        gapscope::report::markdown::Lang::Zh,
    ] {
        let md = gapscope::report::markdown::render(&r, lang);
        let html = comrak::markdown_to_html(&md, &opts);
        for bad in ["<a ", "<img", "href=", "src="] {
            assert!(!html.contains(bad), "{bad} in the HTML of:\n{md}\n\n{html}");
        }
        // The names are still there, as text.
        assert!(html.contains("evil.example"), "{html}");
    }
}

// ---------------------------------------------------------------- messages

#[test]
fn messages_agree_in_number() {
    // One straight-liner, one speeder.
    let text = "E1,P1,E2,P2,E3,P3,duration\n3,3,3,3,3,3,300\n1,2,3,4,5,6,310\n2,4,1,5,3,6,290\n6,5,4,3,2,1,20\n";
    let r = analyse(text);
    let all = r["diagnostics"]["messages"].to_string();
    for bad in [
        "1 respondents",
        "1 rows",
        "1 values",
        "1 answers",
        "(rows 2)",
        "(rows 5)",
    ] {
        assert!(!all.contains(bad), "\"{bad}\" in {all}");
    }
    assert!(all.contains("1 respondent gave"), "{all}");
}

#[test]
fn messages_name_the_control_not_the_config_key() {
    let text = "E1,P1,E2,P2,E3,P3\n3,3,3,3,3,3\n1,2,3,4,5,6\n2,4,1,5,3,6\n";
    let r = analyse(text);
    let d = diags(&r, "straightlining");
    let zh = d[0]["message"]["zh"].as_str().unwrap_or("");
    assert!(!zh.contains("设置 exclude"), "{zh}");
    assert!(zh.contains("勾选“排除”"), "{zh}");
}

#[test]
fn an_ahp_nan_is_not_called_empty() {
    let out = gapscope::methods::api::from_json(
        r#"{"texts":["1 NaN 3\n1/2 1 2\n1/3 1/2 1"]}"#,
        gapscope::methods::api::ahp,
    );
    let all = serde_json::to_string(&out).expect("json");
    assert!(!all.contains("empty"), "{all}");
    assert!(all.contains("NaN"), "{all}");
}
