//! The one-pass reader (src/stream.rs, docs/scale.md): whatever the chunks, the
//! gap analysis and reliability equal the in-memory report's (which the
//! reference tests check against SciPy and pingouin), and what it cannot read
//! it refuses with a reason.

use gapscope::stream::SNIFF;
use gapscope::{Evaluator, Report, SurveyConfig};
use serde_json::Value;

const SECTIONS: [&str; 11] = [
    "quality",
    "comparisons",
    "fuzzy",
    "metrics",
    "ipa",
    "drivers",
    "respondents",
    "items",
    "dimensions",
    "overall",
    "reliability",
];

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn streamed(e: &Evaluator, bytes: &[u8], chunk: usize) -> Report {
    let mut s = e.stream();
    for c in bytes.chunks(chunk.max(1)) {
        s.push(c);
    }
    s.finish()
}

/// Every number of `a` in `b` within 1e-9 relative; the same texts and shapes.
fn same(a: &Value, b: &Value, path: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) => same(v, w, &format!("{path}.{k}"), out),
                    None => out.push(format!("{path}.{k} absent")),
                }
            }
        }
        // A stream adds notes of its own: those of the answers must be there.
        (Value::Array(x), Value::Array(y)) if path.ends_with(".notes") => {
            for v in x.iter().filter(|v| !y.contains(v)) {
                out.push(format!("{path}: {v} absent"));
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                same(v, w, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            if (x - y).abs() > 1e-9 * x.abs().max(1.0) {
                out.push(format!("{path}: {x} vs {y}"));
            }
        }
        _ if a == b => {}
        _ => out.push(format!("{path}: {a} vs {b}")),
    }
}

fn assert_same_sections(raw: &Report, st: &Report) {
    let (a, b): (Value, Value) = (
        serde_json::from_str(&raw.to_json()).unwrap(),
        serde_json::from_str(&st.to_json()).unwrap(),
    );
    let mut out = Vec::new();
    for s in SECTIONS {
        same(&a[s], &b[s], s, &mut out);
    }
    assert!(
        out.is_empty(),
        "{} differences: {:?}",
        out.len(),
        &out[..out.len().min(8)]
    );
}

#[test]
fn the_servqual_fixture_streams_to_the_same_numbers_in_any_chunks() {
    let bytes = fixture("servqual_22.csv");
    // Its detected structure weights by each respondent's point allocation
    // (tested below); here equal weights.
    let mut config = Evaluator::detect_bytes(&bytes).config;
    config.weighting = gapscope::model::config::Weighting::Equal;
    let e = Evaluator::with_config(config);
    let raw = e.analyze_bytes(&bytes);
    assert!(raw.respondents.analysed > 10);
    for chunk in [1, 7, 4096, bytes.len()] {
        let st = streamed(&e, &bytes, chunk);
        assert_same_sections(&raw, &st);
        assert!(st
            .diagnostics
            .messages
            .iter()
            .any(|m| m.code == "stream_mode"));
        assert_eq!(st.quality.columns.len(), raw.quality.columns.len());
    }
}

#[test]
fn a_given_structure_with_labels_reverse_items_and_missing_codes_is_read_as_in_memory() {
    let config = SurveyConfig::from_json(
        r#"{"version": 1, "scale": {"min": 1, "max": 5},
            "dimensions": [{"id": "a"}, {"id": "b"}],
            "items": [{"id": "1", "dimension": "a"}, {"id": "2", "dimension": "a"}, {"id": "3", "dimension": "b"}, {"id": "4", "dimension": "b"}],
            "columns": [
              {"name": "E1", "role": "expectation", "item": "1"}, {"name": "P1", "role": "perception", "item": "1"},
              {"name": "E2", "role": "expectation", "item": "2", "reverse": true}, {"name": "P2", "role": "perception", "item": "2", "reverse": true},
              {"name": "E3", "role": "expectation", "item": "3"}, {"name": "P3", "role": "perception", "item": "3"},
              {"name": "E4", "role": "expectation", "item": "4"}, {"name": "P4", "role": "perception", "item": "4"}],
            "labels": [{"label": "Agree", "value": 4}, {"label": "Neutral", "value": 3}],
            "missing_codes": ["9"]}"#,
    )
    .unwrap();
    // CRLF, a BOM, a quoted field with a line break, blanks, a missing code,
    // an answer outside the scale, labels, a blank line.
    let mut text = String::from("\u{feff}id,note,E1,P1,E2,P2,E3,P3,E4,P4\r\n");
    for r in 0..300 {
        let v = |k: usize| ((r * 7 + k * 3) % 5 + 1).to_string();
        let cells = [
            r.to_string(),
            if r % 50 == 0 {
                "\"two\r\nlines\"".into()
            } else {
                "ok".into()
            },
            v(1),
            if r % 11 == 0 { "Agree".into() } else { v(2) },
            if r % 13 == 0 { "9".into() } else { v(3) },
            v(4),
            if r % 17 == 0 { "".into() } else { v(5) },
            if r % 19 == 0 { "6".into() } else { v(6) },
            v(7),
            if r % 23 == 0 {
                " neutral ".into()
            } else {
                v(8)
            },
        ];
        text += &cells.join(",");
        text += "\r\n";
        if r == 150 {
            text += "\r\n";
        }
    }
    let e = Evaluator::with_config(config);
    let raw = e.analyze_text(&text);
    assert_eq!(raw.respondents.total, 300);
    for chunk in [3, 1000, text.len()] {
        let st = streamed(&e, text.as_bytes(), chunk);
        assert_same_sections(&raw, &st);
    }
}

#[test]
fn what_a_stream_cannot_read_is_refused_with_a_reason() {
    let e = Evaluator::detect();
    // Not UTF-8 (GB18030 bytes).
    let gbk = b"E1,P1,E2,P2\n\xc6\xda\xcd\xfb,5,6,4\n";
    let r = streamed(&e, gbk, 4);
    assert!(r
        .diagnostics
        .messages
        .iter()
        .any(|m| m.code == "stream_refused" && m.message.zh.contains("UTF-8")));
    // NUL bytes in a "CSV": binary, as the in-memory reader says.
    let nul = b"E1,P1,E2,P2\n6,5\x00,7,6\n5,5,6,4\n";
    let r = streamed(&e, nul, 3);
    assert!(r.diagnostics.messages.iter().any(|m| m.code == "not_text"));
    assert_eq!(r.respondents.total, 0);
    // Empty input, and only a header.
    for input in [&b""[..], b"E1,P1\n"] {
        let r = streamed(&e, input, 2);
        assert!(r.diagnostics.has_errors(), "{:?}", r.diagnostics.messages);
    }
    // A table of item statistics is not answers: refused, not misread.
    let summary = fixture("inputs/summary.csv");
    let r = streamed(&e, &summary, 1000);
    assert!(
        r.diagnostics
            .messages
            .iter()
            .any(|m| m.code == "stream_refused"),
        "{:?}",
        r.diagnostics.messages
    );
    assert!(r.items.iter().all(|i| i.gap.n == 0));
    // A "row" without end (no line breaks after the header): refused, memory bounded.
    let mut endless = b"E1,P1,E2,P2\n6,5,7,6\n".to_vec();
    endless.extend(std::iter::repeat_n(b'5', 17 << 20));
    let r = streamed(&e, &endless, 1 << 16);
    assert!(
        r.diagnostics
            .messages
            .iter()
            .any(|m| m.code == "stream_row_too_long"),
        "{:?}",
        r.diagnostics.messages
    );
    // A long layout (one row per answer) needs the rows in memory.
    let long = b"respondent,item,type,score\n1,Q1,E,6\n1,Q1,P,5\n2,Q1,E,7\n2,Q1,P,4\n";
    let r = streamed(&e, long, 5);
    assert!(r.diagnostics.has_errors());
}

#[test]
fn point_allocation_weights_the_stream_as_it_weights_the_answers() {
    // The detected structure weights dimensions by each respondent's 100-point
    // allocation (METHODS.md §5) and IPA takes its importance from it.
    let bytes = fixture("servqual_22.csv");
    let e = Evaluator::detect();
    let raw = e.analyze_bytes(&bytes);
    assert_eq!(raw.overall.weighting.method, "allocation");
    assert!(raw.overall.weighted_servqual.is_some());
    for chunk in [3, 1 << 12] {
        let st = streamed(&e, &bytes, chunk);
        assert_eq!(st.overall.weighting.method, "allocation");
        assert_same_sections(&raw, &st);
    }
    // In parts: the sums add.
    let dir = std::env::temp_dir().join(format!("gapscope-alloc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("s.csv");
    let mut big = bytes.clone();
    let body = bytes
        .split(|&b| b == b'\n')
        .skip(1)
        .collect::<Vec<_>>()
        .join(&b'\n');
    for _ in 0..400 {
        big.extend_from_slice(b"\n");
        big.extend_from_slice(body.strip_suffix(b"\n").unwrap_or(&body));
    }
    big.push(b'\n');
    std::fs::write(&path, &big).unwrap();
    let whole = e.analyze_bytes(&big);
    let parts = gapscope::stream::analyze_file(&e, &path, 3).unwrap();
    assert_same_sections(&whole, &parts);
    std::fs::remove_dir_all(&dir).ok();
}

/// A 13 MB file: read on one thread and in parts on three, the same report;
/// with a quoted field somewhere it is read on one thread, and still right.
#[test]
fn a_file_read_in_parts_on_several_threads_gives_the_same_report() {
    let dir = std::env::temp_dir().join(format!("gapscope-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut text = String::from("id,E1,P1,E2,P2,E3,P3,E4,P4\n");
    for r in 0..600_000u64 {
        let v = |k: u64| (r * 7 + k * 3 + r / 11) % 5 + 1;
        text += &format!(
            "{r},{},{},{},{},{},{},{},{}\n",
            v(1),
            v(2),
            v(3),
            v(4),
            v(5),
            v(6),
            v(7),
            v(8)
        );
    }
    let plain = dir.join("plain.csv");
    std::fs::write(&plain, &text).unwrap();
    let e = Evaluator::detect();
    let raw = e.analyze_text(&text);
    assert_eq!(raw.respondents.total, 600_000);
    for threads in [1, 3] {
        let st = gapscope::stream::analyze_file(&e, &plain, threads).unwrap();
        assert_eq!(st.respondents.total, 600_000, "{threads} threads");
        assert_same_sections(&raw, &st);
    }
    let quoted = dir.join("quoted.csv");
    let with_quote = text.replacen("\n5,", "\n\"5\",", 1);
    std::fs::write(&quoted, &with_quote).unwrap();
    let st = gapscope::stream::analyze_file(&e, &quoted, 3).unwrap();
    assert_same_sections(&e.analyze_text(&with_quote), &st);
    std::fs::remove_dir_all(&dir).ok();
}

/// Segments and waves: the comparisons section (Welch, ANOVA, BH) from the
/// groups' moments equals the one from the answers.
#[test]
fn comparisons_by_segment_and_wave_stream_to_the_same_tests() {
    let bytes = fixture("analyses.csv");
    let e = Evaluator::detect();
    let raw = e.analyze_bytes(&bytes);
    let cmp = raw
        .analyses
        .comparisons
        .as_ref()
        .expect("the fixture has groupings");
    assert!(cmp
        .groupings
        .iter()
        .any(|g| g.anova.is_some() || g.welch.is_some()));
    for chunk in [5, 1 << 12] {
        let st = streamed(&e, &bytes, chunk);
        assert!(st.analyses.comparisons.is_some());
        assert_same_sections(&raw, &st);
    }
}

/// The structure comes from the first megabyte: answers later in the file that
/// do not fit it are counted and named, never dropped in silence.
#[test]
fn answers_beyond_the_detected_scale_are_counted_with_their_first_row() {
    let mut text = String::from("E1,P1,E2,P2\n");
    let mut sevens = 0;
    for r in 0..120_000u64 {
        let v = |k: u64| (r * 3 + k) % 5 + 1;
        if r >= 110_000 && r % 10 == 0 {
            text += &format!("7,{},{},oops\n", v(2), v(3));
            sevens += 1;
        } else {
            text += &format!("{},{},{},{}\n", v(1), v(2), v(3), v(4));
        }
    }
    let st = streamed(&Evaluator::detect(), text.as_bytes(), 1 << 16);
    let m = |code: &str| {
        st.diagnostics
            .messages
            .iter()
            .find(|m| m.code == code)
            .unwrap_or_else(|| panic!("{code} in {:?}", st.diagnostics.messages))
            .clone()
    };
    let scale = m("stream_out_of_scale");
    assert!(
        scale.message.en.contains(&format!(
            "{},{:03} answers outside",
            sevens / 1000,
            sevens % 1000
        )) && scale.message.en.contains("data row 110001"),
        "{}",
        scale.message.en
    );
    assert!(scale.message.zh.contains("E1"));
    let text_cells = m("stream_non_numeric");
    assert!(
        text_cells.message.en.contains("\"P2\""),
        "{}",
        text_cells.message.en
    );
}

#[test]
fn fuzzy_evaluation_ipa_drivers_and_customer_metrics_stream_as_from_the_answers() {
    // Overall satisfaction, recommendation and effort beside the items.
    let bytes = fixture("analyses.csv");
    let mut config = Evaluator::detect_bytes(&bytes).config;
    config.weighting = gapscope::model::config::Weighting::Equal;
    let e = Evaluator::with_config(config);
    let raw = e.analyze_bytes(&bytes);
    let m = raw.analyses.metrics.as_ref().expect("metrics in memory");
    assert!(m.nps.is_some() && m.csat.is_some() && m.ces.is_some());
    assert!(raw.fuzzy.is_some());
    let (ipa, drivers) = (
        raw.analyses.ipa.as_ref().unwrap(),
        raw.analyses.drivers.as_ref().unwrap(),
    );
    assert!(ipa.points.iter().all(|p| p.x.is_some()) && drivers.regression.r2.is_some());
    for chunk in [5, bytes.len()] {
        let st = streamed(&e, &bytes, chunk);
        assert!(st.fuzzy.is_some() && st.analyses.metrics.is_some());
        assert!(st.analyses.ipa.is_some() && st.analyses.drivers.is_some());
        assert_same_sections(&raw, &st);
    }

    // Answers between grades (counted at the nearest, ties up), labels and a
    // reverse-coded overall column on its own 1–10 scale, a missing code, an
    // NPS answer outside 0–10 and text in the effort column.
    let config = SurveyConfig::from_json(
        r#"{"version": 1, "scale": {"min": 1, "max": 5},
            "dimensions": [{"id": "a"}],
            "items": [{"id": "1", "dimension": "a"}, {"id": "2", "dimension": "a"}],
            "columns": [
              {"name": "E1", "role": "expectation", "item": "1"}, {"name": "P1", "role": "perception", "item": "1"},
              {"name": "E2", "role": "expectation", "item": "2"}, {"name": "P2", "role": "perception", "item": "2"},
              {"name": "sat", "role": "overall", "reverse": true, "scale": {"min": 1, "max": 10}},
              {"name": "nps", "role": "recommend"}, {"name": "ces", "role": "effort"}],
            "labels": [{"label": "Agree", "value": 4}],
            "missing_codes": ["99"],
            "analyses": {"csat": {"top_k": 3}, "ces": {"direction": "lower_is_better"}}}"#,
    )
    .unwrap();
    let mut text = String::from("E1,P1,E2,P2,sat,nps,ces\n");
    for r in 0..400usize {
        let v = |k: usize| ((r * 7 + k * 3) % 5 + 1) as f64;
        let p1 = if r % 9 == 0 { v(2) + 0.5 } else { v(2) };
        let p2 = if r % 13 == 0 {
            "Agree".to_string()
        } else {
            (v(4) - 0.25).max(1.0).to_string()
        };
        let sat = if r % 31 == 0 {
            "99".to_string()
        } else {
            ((r * 3) % 10 + 1).to_string()
        };
        let nps = if r % 37 == 0 {
            "11".to_string()
        } else {
            ((r * 7) % 11).to_string()
        };
        let ces = if r % 41 == 0 {
            "hard".to_string()
        } else {
            ((r % 5) + 1).to_string()
        };
        text += &format!("{},{p1},{},{p2},{sat},{nps},{ces}\n", v(1), v(3));
    }
    let e = Evaluator::with_config(config);
    let raw = e.analyze_text(&text);
    let f = raw.fuzzy.as_ref().expect("fuzzy in memory");
    assert!(f.items.iter().any(|i| i.rounded > 0));
    assert!(raw
        .analyses
        .metrics
        .as_ref()
        .unwrap()
        .csat
        .as_ref()
        .unwrap()
        .share
        .is_some());
    for chunk in [1, 64, text.len()] {
        let st = streamed(&e, text.as_bytes(), chunk);
        assert_same_sections(&raw, &st);
    }
}

#[test]
fn dimension_ids_that_look_like_statistics_constants_and_unusable_dimensions_stream_as_in_memory() {
    // Dimensions called S, G and OS (the names of other statistics once);
    // S's gap is −1/3 for everyone (a constant that is not a whole number);
    // OS has one item of three with columns, so nobody has its score; item 4's
    // first importance column is not in the data, its second is.
    let config = SurveyConfig::from_json(
        r#"{"version": 1, "scale": {"min": 1, "max": 7},
            "dimensions": [{"id": "S"}, {"id": "G"}, {"id": "OS"}],
            "items": [{"id": "1", "dimension": "S"}, {"id": "2", "dimension": "S"}, {"id": "3", "dimension": "S"},
                      {"id": "4", "dimension": "G"}, {"id": "5", "dimension": "G"},
                      {"id": "6", "dimension": "OS"}, {"id": "7", "dimension": "OS"}, {"id": "8", "dimension": "OS"}],
            "columns": [
              {"name": "E1", "role": "expectation", "item": "1"}, {"name": "P1", "role": "perception", "item": "1"},
              {"name": "E2", "role": "expectation", "item": "2"}, {"name": "P2", "role": "perception", "item": "2"},
              {"name": "E3", "role": "expectation", "item": "3"}, {"name": "P3", "role": "perception", "item": "3"},
              {"name": "E4", "role": "expectation", "item": "4"}, {"name": "P4", "role": "perception", "item": "4"},
              {"name": "E5", "role": "expectation", "item": "5"}, {"name": "P5", "role": "perception", "item": "5"},
              {"name": "E6", "role": "expectation", "item": "6"}, {"name": "P6", "role": "perception", "item": "6"},
              {"name": "imp4_old", "role": "importance", "item": "4"}, {"name": "imp4", "role": "importance", "item": "4"},
              {"name": "sat", "role": "overall"},
              {"name": "aS", "role": "allocation", "dimension": "S"}, {"name": "aG", "role": "allocation", "dimension": "G"},
              {"name": "aOS", "role": "allocation", "dimension": "OS"}],
            "weighting": {"method": "allocation"},
            "analyses": {"drivers": {"score": "gap"}, "ipa": {"importance": "stated"}}}"#,
    )
    .unwrap();
    let mut text = String::from("E1,P1,E2,P2,E3,P3,E4,P4,E5,P5,E6,P6,imp4,sat,aS,aG,aOS\n");
    for r in 0..300usize {
        let v = |k: usize| (r * 7 + k * 5) % 7 + 1;
        text += &format!(
            "4,4,4,4,5,4,{},{},{},{},{},{},{},{},{},{},{}\n",
            v(1),
            v(2),
            v(3),
            v(4),
            v(5),
            v(6),
            v(7),
            (r * 3) % 7 + 1,
            10 + r % 30,
            20 + r % 50,
            r % 20
        );
    }
    let e = Evaluator::with_config(config);
    let raw = e.analyze_text(&text);
    assert_eq!(raw.overall.weighting.method, "allocation");
    let d = raw.analyses.drivers.as_ref().unwrap();
    assert!(d.correlations[0].undefined.is_some(), "S's gap is constant");
    // OS is dropped (nobody has its score); S's constant scores leave no model.
    assert_eq!(d.regression.dropped.len(), 1, "{:?}", d.regression.dropped);
    let why = d
        .regression
        .undefined
        .as_ref()
        .expect("a constant predictor");
    assert_eq!(why.code, "constant_predictor");
    assert!(raw.analyses.ipa.as_ref().unwrap().points[3].x.is_some());
    for chunk in [7, text.len()] {
        let st = streamed(&e, text.as_bytes(), chunk);
        assert_same_sections(&raw, &st);
    }
}

/// Every committed text input that a stream reads (fixtures, the hostile
/// corpus, the demo): its report's sections, the data-quality checks among
/// them, equal the in-memory report's. One known difference: an item whose
/// expectation answers are all text is dropped from the reliability scale in
/// memory before listwise deletion, while a stream's totals keep it
/// (docs/scale.md).
#[test]
fn every_committed_input_a_stream_reads_gives_the_in_memory_sections() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files = Vec::new();
    for dir in [
        "tests/fixtures",
        "tests/fixtures/inputs",
        "tests/hostile/corpus",
        "www/demo",
    ] {
        for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
            let path = entry.unwrap().path();
            if path
                .extension()
                .is_some_and(|x| x == "csv" || x == "txt" || x == "tsv")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    let (mut compared, mut flagged) = (0, 0);
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let e = Evaluator::detect();
        let raw = e.analyze_bytes(&bytes);
        let st = streamed(&e, &bytes, 4096);
        let refused = st
            .diagnostics
            .messages
            .iter()
            .any(|m| m.severity == gapscope::common::diag::Severity::Error);
        if refused || raw.items.is_empty() {
            continue;
        }
        let (a, b): (Value, Value) = (
            serde_json::from_str(&raw.to_json()).unwrap(),
            serde_json::from_str(&st.to_json()).unwrap(),
        );
        let mut out = Vec::new();
        for s in SECTIONS {
            if s == "reliability" && path.ends_with("shape_free_text_item.csv") {
                continue;
            }
            same(&a[s], &b[s], s, &mut out);
        }
        assert!(
            out.is_empty(),
            "{}: {:?}",
            path.display(),
            &out[..out.len().min(6)]
        );
        compared += 1;
        let q = &raw.quality;
        if q.straightliners.count + q.duplicates.count + q.outliers.len() > 0
            || q.speeders.is_some()
        {
            flagged += 1;
        }
    }
    eprintln!("{compared} inputs compared, {flagged} with quality flags");
    // The corpus is what makes this test: most inputs stream, and many flag rows.
    assert!(compared >= 60, "only {compared} inputs compared");
    assert!(flagged >= 10, "only {flagged} inputs with quality flags");
}

const SIXTEEN_ITEMS: [&str; 16] = [
    "E1", "P1", "E2", "P2", "E3", "P3", "E4", "P4", "E5", "P5", "E6", "P6", "E7", "P7", "E8", "P8",
];

/// A row of 16 answers on 1–7 from a mixing of the row number: answer sets
/// practically unique, so a repeat is one put there.
fn row(r: u64) -> String {
    let mut h = r.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5555;
    let cells: Vec<String> = (0..16)
        .map(|_| {
            h ^= h >> 29;
            h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
            (h % 7 + 1).to_string()
        })
        .collect();
    cells.join(",") + "\n"
}

/// Duplicates whose first occurrence lies in another part than the repeat:
/// an id given twice far apart, and a set of answers given by two rows only,
/// one in each half of the file. Parts cannot decide these alone (the join
/// reads the file again as one part), and the report must not show it.
#[test]
fn duplicates_across_the_parts_of_a_file_are_found_as_in_memory() {
    let dir = std::env::temp_dir().join(format!("gapscope-dupes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut text = format!("id,{}\n", SIXTEEN_ITEMS.join(","));
    let n = 450_000u64;
    for r in 0..n {
        let id = if r == n - 10 { 17 } else { r }; // row 17's id again, at the end
        let answers = if r == n - 5 { row(123) } else { row(r) }; // row 123's answers again
        text += &format!("{id},{answers}");
    }
    let path = dir.join("dupes.csv");
    std::fs::write(&path, &text).unwrap();
    let e = Evaluator::detect();
    let raw = e.analyze_text(&text);
    let kinds: Vec<&str> = raw
        .quality
        .duplicates
        .rows
        .iter()
        .map(|d| d.kind.as_str())
        .collect();
    assert_eq!(
        kinds,
        ["same_id", "same_answers"],
        "{:?}",
        raw.quality.duplicates
    );
    for threads in [1, 2, 3] {
        let st = gapscope::stream::analyze_file(&e, &path, threads).unwrap();
        assert_same_sections(&raw, &st);
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Parts joined by hand (the push API), one with each of two rows that share
/// their answers: neither part kept the answers, so the chance of the repeat
/// is unknown. The report says so and flags nothing, rather than counting the
/// repeat as chance; `needs_one_part` says to read the file as one part.
#[test]
fn a_repeat_split_across_parts_joined_by_hand_is_said_not_guessed() {
    // The first part must pass the megabyte the structure is decided on.
    let mut first = SIXTEEN_ITEMS.join(",") + "\n";
    for r in 0..40_000 {
        first += &row(r);
    }
    let mut second = row(5); // row 5's answers again, in the other part
    for r in 100_000..100_200 {
        second += &row(r);
    }
    let e = Evaluator::detect();
    let raw = e.analyze_text(&(first.clone() + &second));
    assert_eq!(
        raw.quality.duplicates.count, 1,
        "{:?}",
        raw.quality.duplicates
    );
    let mut s = e.stream();
    s.push(first.as_bytes());
    s.end_part();
    let mut part = s.part().expect("started");
    part.push(second.as_bytes());
    s.join(part);
    assert!(s.needs_one_part());
    let st = s.finish();
    assert!(
        st.diagnostics
            .messages
            .iter()
            .any(|m| m.code == "duplicate_chance_unknown"),
        "{:?}",
        st.diagnostics
            .messages
            .iter()
            .map(|m| &m.code)
            .collect::<Vec<_>>()
    );
    assert_eq!(st.quality.rows, raw.quality.rows);
    // Neither flagged nor put down to chance: said unknown.
    assert_eq!(
        st.quality.duplicates.count + st.quality.duplicates_by_chance,
        0
    );
}

/// A file with every kind of row the rules leave out: a repeated id, a
/// repeated set of answers, speeders, straight-liners and rows chosen by
/// line (one a data row, one the header, one past the end).
fn with_rows_to_leave_out(n: u64) -> String {
    let mut text = format!("id,duration,{}\n", SIXTEEN_ITEMS.join(","));
    for r in 0..n {
        // Repeats near their first occurrence, so parts find them alone.
        let id = if r % 1013 == 7 { r - 2 } else { r };
        let answers = match r % 997 {
            5 => row(r - 5),               // an earlier row's answers again
            11 => "6,".repeat(15) + "6\n", // the same answer throughout
            _ => row(r),
        };
        let duration = if r % 1009 == 3 { 20 } else { 300 + (r % 200) };
        text += &format!("{id},{duration},{answers}");
    }
    text
}

fn leaving_out(config: &SurveyConfig) -> SurveyConfig {
    let mut c = config.clone();
    c.exclude.duplicates = true;
    c.exclude.speeders = true;
    c.exclude.straightliners = true;
    c.exclude.rows = vec![1, 40, 10_000_000];
    c
}

fn streamed_twice(e: &Evaluator, bytes: &[u8], chunk: usize) -> Report {
    let mut s = e.stream();
    let mut passes = 0;
    loop {
        for c in bytes.chunks(chunk.max(1)) {
            s.push(c);
        }
        passes += 1;
        if !s.another_pass() {
            break;
        }
    }
    assert_eq!(passes, 2, "the exclusions need a second reading");
    s.finish()
}

/// What the rules leave out is known after every row is read: a second
/// reading analyses the rows kept, and gives what the answers in memory give,
/// counts of each reason, the rows listed and the unknown chosen rows included.
#[test]
fn exclusions_are_applied_by_a_second_reading_as_in_memory() {
    let text = with_rows_to_leave_out(3000);
    let config = leaving_out(&Evaluator::detect_text(&text).0);
    let e = Evaluator::with_config(config);
    let raw = e.analyze_text(&text);
    let reasons: Vec<(&str, usize)> = raw
        .respondents
        .excluded
        .iter()
        .map(|x| (x.code.as_str(), x.count))
        .collect();
    for code in ["row", "duplicate", "speeder", "straightliner"] {
        assert!(
            reasons.iter().any(|(c, n)| *c == code && *n > 0),
            "{reasons:?}"
        );
    }
    assert!(raw.diagnostics.count("exclude_row_unknown") == 1);
    for chunk in [333, text.len()] {
        let st = streamed_twice(&e, text.as_bytes(), chunk);
        assert_same_sections(&raw, &st);
        assert_eq!(st.diagnostics.count("exclude_row_unknown"), 1);
        assert_eq!(st.diagnostics.count("stream_exclusions_not_applied"), 0);
    }
    // Read once only, the rows are all analysed, and the report says so:
    // it names no row left out, and no chosen row as unknown.
    let once = streamed(&e, text.as_bytes(), 4096);
    assert_eq!(once.respondents.analysed, raw.respondents.total);
    assert_eq!(once.diagnostics.count("stream_exclusions_not_applied"), 1);
    assert_eq!(once.quality.excluded.count, 0);
    assert!(once
        .respondents
        .excluded
        .iter()
        .all(|x| x.code == "too_few_answers"));
    assert_eq!(once.diagnostics.count("exclude_row_unknown"), 0);
    // A second reading that is not the same file is refused, not mixed in.
    let mut s = e.stream();
    s.push(text.as_bytes());
    assert!(s.another_pass());
    s.push(&text.as_bytes()[..text.len() / 2]);
    let changed = s.finish();
    assert_eq!(changed.diagnostics.count("stream_changed"), 1);
    assert!(changed.items.is_empty());
}

/// The same on several threads: the second reading's parts start where the
/// first's did and leave out the lines numbered from the file's start.
#[test]
fn exclusions_in_a_file_read_in_parts_are_those_of_one_reading() {
    let dir = std::env::temp_dir().join(format!("gapscope-leave-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Over 4 MB a part for three threads, so that three parts are read.
    let text = with_rows_to_leave_out(310_000);
    assert!(text.len() > 12 * SNIFF);
    let path = dir.join("leave-out.csv");
    std::fs::write(&path, &text).unwrap();
    let config = leaving_out(&Evaluator::detect_text(&text).0);
    let e = Evaluator::with_config(config);
    let raw = e.analyze_text(&text);
    assert!(raw.respondents.analysed + 700 < raw.respondents.total);
    let mode = |r: &Report| {
        r.diagnostics
            .messages
            .iter()
            .find(|m| m.code == "stream_mode")
            .map(|m| m.message.en.clone())
    };
    let one = gapscope::stream::analyze_file(&e, &path, 1).unwrap();
    for threads in [1, 2, 3] {
        let st = gapscope::stream::analyze_file(&e, &path, threads).unwrap();
        assert_same_sections(&raw, &st);
        // The rows and the size of the whole file, whichever part read them.
        assert_eq!(mode(&st), mode(&one));
    }
    std::fs::remove_dir_all(&dir).ok();
    // By hand, as a page's workers would: two parts, each read twice, the
    // second in this thread or (as bytes) in another worker.
    let cut = text[text.len() / 2..].find('\n').unwrap() + text.len() / 2 + 1;
    let (one, two) = text.as_bytes().split_at(cut);
    for elsewhere in [false, true] {
        assert_same_sections(&raw, &by_hand(&e, one, two, elsewhere));
    }
    // A quote character anywhere: a part may start inside a quoted line
    // break, so the analysis asks for one reading in one part.
    let quoted = [two, b"\"x\",,\n"].concat();
    let mut s = e.stream();
    s.push(one);
    s.end_part();
    let mut part = gapscope::stream::StreamPart::from_spec(&s.part_spec().unwrap(), 0).unwrap();
    part.push(&quoted);
    s.join_bytes(&part.into_bytes()).unwrap();
    assert!(s.needs_one_part());
}

/// Two parts read twice (the second reading leaves rows out), joined as a
/// thread joins them or, `elsewhere`, as bytes from another worker.
fn by_hand(e: &Evaluator, one: &[u8], two: &[u8], elsewhere: bool) -> Report {
    let mut s = e.stream();
    let mut line = 0;
    for pass in 0..2 {
        s.push(one);
        s.end_part();
        if elsewhere {
            let spec = s.part_spec().expect("started");
            let mut part = gapscope::stream::StreamPart::from_spec(&spec, line).unwrap();
            part.push(two);
            line = s.lines();
            s.join_bytes(&part.into_bytes()).unwrap();
        } else {
            let mut part = if pass == 0 { s.part() } else { s.part_at(line) }.expect("started");
            part.push(two);
            line = s.lines();
            s.join(part);
        }
        assert!(!s.needs_one_part());
        assert_eq!(s.another_pass(), pass == 0);
    }
    s.finish()
}

fn weighted(config: &SurveyConfig, json: &str) -> SurveyConfig {
    let mut c = config.clone();
    let w: SurveyConfig = SurveyConfig::from_json(
        &serde_json::json!({
            "dimensions": config.dimensions,
            "items": config.items,
            "columns": config.columns,
            "scale": config.scale,
            "weighting": serde_json::from_str::<Value>(json).unwrap(),
        })
        .to_string(),
    )
    .unwrap();
    c.weighting = w.weighting;
    c
}

/// Entropy, CRITIC and combined weights need each respondent's dimension
/// scores: a stream keeps their ranges, joint moments and value counts, and
/// gives the weights, the working shown (the first rows normalised, p) and
/// the weighted scores of the answers in memory.
#[test]
fn entropy_and_critic_weights_stream_as_from_the_answers() {
    let bytes = fixture("servqual_22.csv");
    let detected = Evaluator::detect_bytes(&bytes).config;
    assert!(detected.dimensions.len() >= 2);
    for json in [
        r#"{"method": "entropy"}"#,
        r#"{"method": "critic"}"#,
        r#"{"method": "combined", "subjective": {"method": "direct", "weights": {"tangibles": 3, "reliability": 1}}, "objective": {"method": "entropy"}}"#,
    ] {
        let e = Evaluator::with_config(weighted(&detected, json));
        let raw = e.analyze_bytes(&bytes);
        let method = raw.overall.weighting.method.clone();
        assert!(
            ["entropy", "critic", "combined"].contains(&method.as_str()),
            "{json}: {method}"
        );
        for chunk in [7, bytes.len()] {
            let st = streamed(&e, &bytes, chunk);
            assert_same_sections(&raw, &st);
            assert_eq!(
                st.diagnostics.count("entropy_unusable") + st.diagnostics.count("critic_unusable"),
                0
            );
        }
    }
}

/// The same in parts, respondents without ids: the rows shown are named by
/// their place in the whole file, wherever the part they were read in began.
#[test]
fn entropy_weights_of_a_file_read_in_parts_name_the_rows_by_their_place() {
    let dir = std::env::temp_dir().join(format!("gapscope-entropy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut text = SIXTEEN_ITEMS.join(",") + "\n";
    for r in 0..300_000 {
        let mut line = row(r);
        if r % 1000 == 999 {
            line = line.replacen("1,", ",", 1); // some respondents miss an answer
        }
        text += &line;
    }
    let path = dir.join("entropy.csv");
    std::fs::write(&path, &text).unwrap();
    let detected = Evaluator::detect_text(&text).0;
    assert!(detected.dimensions.len() >= 2, "{:?}", detected.dimensions);
    let e = Evaluator::with_config(weighted(&detected, r#"{"method": "entropy"}"#));
    let raw = e.analyze_text(&text);
    assert_eq!(raw.overall.weighting.method, "entropy");
    for threads in [1, 2, 3] {
        let st = gapscope::stream::analyze_file(&e, &path, threads).unwrap();
        assert_same_sections(&raw, &st);
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Waves from a date column (the structure's `waves` rule): the stream keeps
/// the groups as the slash dates read month first and as day first, and the
/// first date that proves the order — here one far into the file, read by the
/// last part — decides, as it does for the table in memory; cells that are
/// not dates are counted under the order chosen.
#[test]
fn waves_from_dates_stream_as_from_the_answers_whichever_date_decides_the_order() {
    let dir = std::env::temp_dir().join(format!("gapscope-waves-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut text = format!("date,{}\n", SIXTEEN_ITEMS.join(","));
    let n = 300_000u64;
    for r in 0..n {
        // Days and months both ≤ 12 until the last rows: 25/03/2024 proves day first.
        let date = if r == n - 3 {
            "25/03/2024".to_string()
        } else if r % 5000 == 7 {
            "soon".to_string()
        } else {
            format!("{:02}/{:02}/2024", 1 + r % 12, 1 + (r / 7) % 12)
        };
        text += &format!("{date},{}", row(r));
    }
    let path = dir.join("waves.csv");
    std::fs::write(&path, &text).unwrap();
    let mut config = Evaluator::detect_text(&text).0;
    config.waves = Some(gapscope::model::config::WaveRule {
        column: "date".into(),
        period: gapscope::model::config::Period::Quarter,
    });
    let e = Evaluator::with_config(config);
    let raw = e.analyze_text(&text);
    let groups = |r: &Report| -> Vec<String> {
        r.analyses.comparisons.as_ref().map_or(Vec::new(), |c| {
            c.groupings
                .iter()
                .flat_map(|g| g.groups.iter().map(|x| x.value.clone()))
                .collect()
        })
    };
    // Day first: the second field is the month, so the quarters of the year.
    assert_eq!(
        groups(&raw),
        ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"],
        "{:?}",
        groups(&raw)
    );
    assert_eq!(raw.diagnostics.count("wave_date_unreadable"), 1);
    for threads in [1, 2, 3] {
        let st = gapscope::stream::analyze_file(&e, &path, threads).unwrap();
        assert_same_sections(&raw, &st);
        assert_eq!(groups(&st), groups(&raw));
        assert_eq!(st.diagnostics.count("wave_date_unreadable"), 1);
    }
    // The row that proves the order left out: a table's waves are made from
    // every row, and so are the stream's, whose second reading skips it.
    let mut config = e.config().cloned().unwrap();
    config.exclude.rows = vec![n as usize - 1];
    let e = Evaluator::with_config(config);
    let raw = e.analyze_text(&text);
    assert_eq!(raw.respondents.total - raw.respondents.analysed, 1);
    assert_eq!(groups(&raw), ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
    for threads in [1, 2] {
        let st = gapscope::stream::analyze_file(&e, &path, threads).unwrap();
        assert_same_sections(&raw, &st);
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// A record with bytes that are not UTF-8 keeps its row: only the fields
/// holding them read as missing, and the report counts such rows.
#[test]
fn a_row_with_bytes_that_are_not_utf8_is_kept_with_those_cells_missing() {
    // Past the first megabyte, which must be UTF-8 for the structure to be read.
    let mut bytes = b"id,E1,E2,E3,P1,P2,P3\n".to_vec();
    let n = 120_000u64;
    for r in 0..n {
        let name: &[u8] = if r == n - 100 { b"caf\xe9" } else { b"x" };
        bytes.extend_from_slice(name);
        bytes.extend_from_slice(
            format!(
                ",{},{},{},{},{},{}\n",
                1 + r % 7,
                1 + (r / 2) % 7,
                3,
                4,
                1 + (r * 3) % 7,
                5
            )
            .as_bytes(),
        );
    }
    assert!(bytes.len() > SNIFF);
    let st = streamed(&Evaluator::detect(), &bytes, 4096);
    assert_eq!(st.respondents.total as u64, n);
    assert_eq!(st.respondents.analysed as u64, n);
    assert_eq!(st.diagnostics.count("stream_invalid_utf8"), 1);
}

/// The bytes of a part are joined only to the analysis they were read for.
#[test]
fn a_part_of_another_analysis_is_refused_not_merged() {
    let text = with_rows_to_leave_out(40_000);
    let e = Evaluator::detect();
    let mut s = e.stream();
    s.push(text.as_bytes());
    let other = Evaluator::detect();
    let mut t = other.stream();
    t.push(b"a,b\n1,2\n3,4\n");
    t.push(&vec![b'\n'; SNIFF]);
    let spec = t.part_spec().expect("started");
    let mut part = gapscope::stream::StreamPart::from_spec(&spec, 0).unwrap();
    part.push(b"5,6\n");
    assert!(s.join_bytes(&part.into_bytes()).is_err());
    assert!(s.join_bytes(b"not a part").is_err());
    assert_eq!(s.finish().respondents.total, 40_000);
}
