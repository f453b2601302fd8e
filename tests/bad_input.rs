//! Every kind of bad input from issue 2: each gives the right diagnostic code with
//! its row and column and a message in both languages, the valid part is still
//! analysed, nothing panics and no NaN reaches the JSON.

mod common;
use common::*;
use gapscope::common::diag::{Diagnostic, Severity, DETAIL_LIMIT};
use gapscope::{Evaluator, Report, SurveyConfig};

fn analyse(text: &str) -> Report {
    let r = Evaluator::detect().analyze_text(text);
    assert_json_sound(&r);
    r
}

/// The diagnostics of one code, each checked for a message in both languages.
fn diags<'a>(r: &'a Report, code: &str) -> Vec<&'a Diagnostic> {
    let v: Vec<&Diagnostic> = r
        .diagnostics
        .messages
        .iter()
        .filter(|m| m.code == code)
        .collect();
    for m in &v {
        assert!(!m.message.en.is_empty(), "{code}: no English message");
        assert!(
            m.message
                .zh
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{code}: the Chinese message has no Chinese: {:?}",
            m.message.zh
        );
        assert_ne!(m.message.en, m.message.zh, "{code}");
    }
    v
}

#[test]
fn empty_paste() {
    for text in ["", "   ", "\n\n\r\n", "\u{feff}", ",,,\n,,\n"] {
        let r = analyse(text);
        let d = diags(&r, "empty_input");
        let nr = diags(&r, "no_rows");
        assert!(
            d.len() + nr.len() == 1,
            "{text:?}: {:?}",
            r.diagnostics.counts
        );
        assert!(r.diagnostics.has_errors());
        assert_eq!(r.respondents.total, 0);
        assert_eq!(r.respondents.analysed, 0);
        assert!(r.overall.servqual.is_none());
        assert!(!r.overall.notes.is_empty());
    }
    // A 0-byte file says so in its own words (docs/inputs.md).
    let r = Evaluator::detect().analyze_bytes(&[]);
    assert_eq!(count(&r, "empty_file"), 1);
    assert!(r.diagnostics.has_errors());
    assert_eq!(r.respondents.total, 0);
}

#[test]
fn header_without_rows() {
    let r = analyse("E1,P1,E2,P2\n");
    let d = diags(&r, "no_rows");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Error);
    assert_eq!(r.respondents.total, 0);
    // The structure is still detected, so the user sees what was understood.
    assert_eq!(r.items.len(), 2);
    assert_eq!(r.items[0].gap.n, 0);
    assert_eq!(
        r.items[0].gap.undefined.as_ref().map(|u| u.code.as_str()),
        Some("too_few_observations")
    );
}

#[test]
fn ragged_rows() {
    let text = "E1,P1,E2,P2\n5,4,6,5\n6,5\n7,6,6,5,9,9\n6,5,7,6\n";
    let r = analyse(text);
    let short = diags(&r, "short_row");
    let long = diags(&r, "long_row");
    assert_eq!((short.len(), long.len()), (1, 1));
    assert_eq!(short[0].row, Some(3));
    assert_eq!(long[0].row, Some(4));
    // The short row counts for item 1; its missing cells are empty, not errors.
    assert_eq!(r.respondents.total, 4);
    assert_eq!(item(&r, "Q1").gap.n, 4);
    assert_eq!(item(&r, "Q2").gap.n, 3);
    close(some(item(&r, "Q2").gap.mean, "gap"), -1.0, EXACT, "Q2");
}

#[test]
fn rows_of_empty_cells_are_skipped_and_said() {
    let r = analyse("E1,P1\n5,4\n,\n6,5\n , \n7,6\n");
    let d = diags(&r, "blank_rows");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].row, Some(3));
    assert!(d[0].message.en.starts_with("2 empty rows") && d[0].message.en.contains("3, 5"));
    assert_eq!(r.respondents.total, 3);
    assert_eq!(item(&r, "Q1").gap.n, 3);
}

#[test]
fn text_in_a_numeric_column() {
    let text = "id,E1,P1,E2,P2\n1,5,4,6,5\n2,six,5,7,6\n3,6,good,6,5\n4,7,6,6,6\n";
    let r = analyse(text);
    let d = diags(&r, "non_numeric");
    assert_eq!(d.len(), 2);
    assert_eq!((d[0].row, d[0].column), (Some(3), Some(2)));
    assert_eq!(d[0].column_name.as_deref(), Some("E1"));
    assert_eq!(d[0].value.as_deref(), Some("six"));
    assert_eq!((d[1].row, d[1].column), (Some(4), Some(3)));
    assert!(d[1].message.en.contains("Row 4") && d[1].message.zh.contains("第 4 行"));
    // Those two cells are missing; the rest of their rows still count.
    assert_eq!(item(&r, "Q1").gap.n, 2);
    assert_eq!(item(&r, "Q2").gap.n, 4);
    assert_eq!(r.respondents.analysed, 4);
    close(some(item(&r, "Q1").gap.mean, "gap"), -1.0, EXACT, "Q1");
}

#[test]
fn values_outside_the_scale_with_a_given_structure() {
    let config = SurveyConfig::from_json(
        r#"{"scale":{"min":1,"max":5},"dimensions":[{"id":"d"}],
            "items":[{"id":"q","dimension":"d"}],
            "columns":[{"name":"E","role":"expectation","item":"q"},
                       {"name":"P","role":"perception","item":"q"}]}"#,
    )
    .expect("valid");
    let r = Evaluator::with_config(config).analyze_text("E,P\n5,4\n6,4\n4,0\n3,2\n4,4\n");
    assert_json_sound(&r);
    let d = diags(&r, "out_of_scale");
    assert_eq!(d.len(), 2);
    assert_eq!(
        (d[0].row, d[0].column, d[0].value.as_deref()),
        (Some(3), Some(1), Some("6"))
    );
    assert_eq!(
        (d[1].row, d[1].column, d[1].value.as_deref()),
        (Some(4), Some(2), Some("0"))
    );
    let g = &item(&r, "q").gap;
    assert_eq!(g.n, 3);
    close(some(g.mean, "gap"), -2.0 / 3.0, EXACT, "gap");
}

#[test]
fn a_typing_slip_does_not_widen_the_detected_scale() {
    // 55 for 5 in a 1–7 survey: the scale stays 1–7 and 55 is reported, instead of
    // a detected 1–100 scale that lets 55 into the means.
    let mut text = String::from("E1,P1,E2,P2\n");
    for i in 0..30 {
        text += &format!("{},{},6,5\n", 5 + i % 3, 4 + i % 3);
    }
    text += "6,55,7,6\n";
    let r = analyse(&text);
    assert_eq!(r.config.scale.max, 7.0);
    assert_eq!(count(&r, "scale_outliers"), 1);
    let d = diags(&r, "out_of_scale");
    assert_eq!((d.len(), d[0].row, d[0].column), (1, Some(32), Some(2)));
    close(some(item(&r, "Q1").gap.mean, "gap"), -1.0, EXACT, "Q1");
    // A real 0–100 scale is not mistaken for a slip.
    let r = analyse("E1,P1\n80,60\n90,75\n70,72\n");
    assert_eq!(r.config.scale.max, 100.0);
    assert_eq!(count(&r, "out_of_scale"), 0);
}

#[test]
fn a_column_of_one_huge_negative_value_gets_a_valid_scale() {
    // Found by tests/random_input.rs: the detected scale was −1e308…−1e308 + 1,
    // i.e. min = max, and the detected structure failed its own validation.
    let r = analyse("E1,P1,总体满意度\n5,4,-1e308\n6,5,-1e308\n");
    assert!(
        r.config.validate().is_ok(),
        "{:?}",
        r.config.columns[2].scale
    );
    assert_eq!(count(&r, "config_invalid"), 0);
}

#[test]
fn a_single_respondent() {
    let r = analyse("E1,P1,E5,P5\n6,5,7,4\n");
    assert_eq!(r.respondents.total, 1);
    assert_eq!(r.respondents.analysed, 1);
    let g = &item(&r, "Q1").gap;
    close(some(g.mean, "gap"), -1.0, EXACT, "gap");
    assert!(g.sd.is_none() && g.t.is_none() && g.p.is_none() && g.ci95.is_none());
    let u = g.undefined.as_ref().expect("a reason");
    assert_eq!(u.code, "too_few_observations");
    assert!(u.message.zh.contains("至少需要 2"));
    let e = &item(&r, "Q1").expectation;
    assert_eq!(e.sd, None);
    assert!(e.undefined.is_some());
    close(
        some(r.overall.servqual, "servqual"),
        -2.0,
        EXACT,
        "servqual",
    );
}

#[test]
fn an_item_with_no_variance() {
    let r = analyse("E1,P1,E2,P2\n6,5,6,5\n7,6,6,4\n5,4,7,6\n");
    let flat = &item(&r, "Q1").gap; // every gap is −1
    close(some(flat.mean, "gap"), -1.0, EXACT, "mean");
    assert_eq!(flat.sd, Some(0.0));
    assert!(flat.t.is_none() && flat.p.is_none() && flat.ci95.is_none() && flat.d_z.is_none());
    assert_eq!(
        flat.undefined.as_ref().map(|u| u.code.as_str()),
        Some("zero_variance")
    );
    assert!(!item(&r, "Q1").significant);
    // The other item is tested normally: gaps −1, −2, −1.
    let g = &item(&r, "Q2").gap;
    assert!(g.t.is_some() && g.p.is_some() && g.undefined.is_none());
}

#[test]
fn duplicate_column_names() {
    let r = analyse("E1,P1,E1,P1,E1_2\n5,4,1,1,3\n6,5,1,1,3\n");
    let d = diags(&r, "duplicate_column");
    assert_eq!(d.len(), 2);
    assert_eq!(
        (d[0].column, d[0].column_name.as_deref()),
        (Some(3), Some("E1"))
    );
    assert_eq!(d[1].column, Some(4));
    // The first E1/P1 are used; the renamed copies never collide with "E1_2".
    let names: Vec<&str> = r.config.columns.iter().map(|c| c.name.as_str()).collect();
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "{names:?}");
    close(some(item(&r, "Q1").gap.mean, "gap"), -1.0, EXACT, "Q1");
    assert_eq!(item(&r, "Q1").gap.n, 2);
}

#[test]
fn missing_codes_and_user_missing_codes() {
    let r = analyse("E1,P1\n5,4\nNA,4\n6,n/a\n-,5\n不适用,3\n6,5\n");
    assert_eq!(count(&r, "non_numeric"), 0);
    assert_eq!(item(&r, "Q1").gap.n, 2);
    let mut config = r.config.clone();
    config.missing_codes = vec!["99".into()];
    let r = Evaluator::with_config(config).analyze_text("E1,P1\n5,4\n99,4\n6,5\n");
    assert_eq!(count(&r, "out_of_scale"), 0);
    assert_eq!(item(&r, "Q1").gap.n, 2);
}

#[test]
fn an_invalid_structure_given_from_rust_is_reported() {
    let mut config = analyse("E1,P1\n5,4\n6,5\n").config;
    config.scale.min = 9.0; // above the maximum
    let r = Evaluator::with_config(config).analyze_text("E1,P1\n5,4\n6,5\n");
    assert_json_sound(&r);
    let d = diags(&r, "config_invalid");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Error);
    // An item naming an undefined dimension is reported, not silently moved.
    let mut config = analyse("E1,P1\n5,4\n6,5\n").config;
    config.items[0].dimension = "nowhere".into();
    let r = Evaluator::with_config(config).analyze_text("E1,P1\n5,4\n6,5\n");
    assert_json_sound(&r);
    assert_eq!(count(&r, "dimension_not_defined"), 1);
    assert!(r.dimensions.iter().all(|d| d.items.is_empty()));
    assert_eq!(item(&r, "Q1").dimension, "nowhere");
}

#[test]
fn bad_configuration_json_is_rejected_in_both_languages() {
    for json in [
        "",
        "{",
        "[]",
        r#"{"scale":{"min":5,"max":1},"dimensions":[],"items":[],"columns":[]}"#,
        r#"{"scale":{"min":1,"max":5},"dimensions":[],"items":[{"id":"q","dimension":"x"}],"columns":[]}"#,
        r#"{"scale":{"min":1,"max":5},"dimensions":[{"id":"a"},{"id":"a"}],"items":[],"columns":[]}"#,
        r#"{"scale":{"min":1,"max":5},"dimensions":[{"id":"a"}],"items":[{"id":"q","dimension":"a"},{"id":"q","dimension":"a"}],"columns":[]}"#,
        r#"{"scale":{"min":1,"max":5},"dimensions":[],"items":[],"columns":[],"alpha":1.5}"#,
        r#"{"scale":{"min":1,"max":5},"dimensions":[],"items":[],"columns":[{"name":"x","role":"bogus"}]}"#,
    ] {
        let e = SurveyConfig::from_json(json).expect_err(json);
        assert!(
            !e.en.is_empty() && !e.zh.is_empty() && e.en != e.zh,
            "{json}"
        );
    }
}

#[test]
fn bad_weights_fall_back_to_equal_and_say_so() {
    let base = analyse("E1,P1,E5,P5\n5,4,6,5\n6,5,7,5\n").config;
    let mut config = base.clone();
    config.weighting = gapscope::model::config::Weighting::Direct {
        weights: [
            ("tangibles".to_string(), 0.0),
            ("reliability".to_string(), 0.0),
        ]
        .into(),
    };
    let r = Evaluator::with_config(config).analyze_text("E1,P1,E5,P5\n5,4,6,5\n6,5,7,5\n");
    assert_json_sound(&r);
    assert_eq!(count(&r, "weights_sum_zero"), 1);
    assert_eq!(r.overall.weighting.method, "equal");
    let mut config = base;
    config.weighting = gapscope::model::config::Weighting::Direct {
        weights: [("tangibles".to_string(), 1.0), ("service".to_string(), 1.0)].into(),
    };
    let r = Evaluator::with_config(config).analyze_text("E1,P1,E5,P5\n5,4,6,5\n6,5,7,5\n");
    assert_json_sound(&r);
    assert_eq!(count(&r, "weight_unknown_dimension"), 1);
    assert_eq!(count(&r, "weight_missing"), 1); // reliability
    close(
        some(dimension(&r, "tangibles").weight, "w"),
        1.0,
        EXACT,
        "tangibles weight",
    );
    // Allocation asked for without allocation columns: equal weights and a note.
    let mut config = r.config.clone();
    config.weighting = gapscope::model::config::Weighting::Allocation;
    let r = Evaluator::with_config(config).analyze_text("E1,P1,E5,P5\n5,4,6,5\n6,5,7,5\n");
    assert_json_sound(&r);
    assert_eq!(count(&r, "allocation_unusable"), 1);
    assert_eq!(r.overall.weighting.method, "equal");
    assert!(!r.overall.notes.is_empty());
}

#[test]
fn huge_numbers_never_become_inf_or_nan() {
    let config = SurveyConfig::from_json(
        r#"{"scale":{"min":-1e308,"max":1e308},"dimensions":[{"id":"d"}],
            "items":[{"id":"q","dimension":"d"}],
            "columns":[{"name":"E","role":"expectation","item":"q"},
                       {"name":"P","role":"perception","item":"q"}]}"#,
    )
    .expect("valid");
    let r = Evaluator::with_config(config)
        .analyze_text("E,P\n-1e308,1e308\n1e308,-1e308\n1e308,1e308\n");
    assert_json_sound(&r);
    assert_eq!(
        item(&r, "q")
            .gap
            .undefined
            .as_ref()
            .map(|u| u.code.as_str()),
        Some("overflow")
    );
}

/// ~50 MB of pasted data with a bad cell every 1000 rows: it completes, the counts
/// are exact, and the report stays small because only the first DETAIL_LIMIT
/// diagnostics of a kind are listed.
#[test]
fn a_fifty_megabyte_paste() {
    let mut header: Vec<String> = (1..=22).map(|j| format!("E{j}")).collect();
    header.extend((1..=22).map(|j| format!("P{j}")));
    let mut text = header.join(",") + "\n";
    let row_ok = {
        let mut v: Vec<String> = (1..=22).map(|j| (5 + j % 3).to_string()).collect();
        v.extend((1..=22).map(|j| (4 + j % 3).to_string()));
        v.join(",") + "\n"
    };
    let row_bad = row_ok.replacen('5', "x", 1); // E1 (or the first 5) becomes text
    let mut rows = 0usize;
    let mut bad = 0usize;
    while text.len() < 50_000_000 {
        if rows % 1000 == 999 {
            text += &row_bad;
            bad += 1;
        } else {
            text += &row_ok;
        }
        rows += 1;
    }
    let start = std::time::Instant::now();
    let r = Evaluator::detect().analyze_text(&text);
    let took = start.elapsed();
    assert_eq!(r.respondents.total, rows);
    assert_eq!(r.respondents.analysed, rows);
    assert_eq!(count(&r, "non_numeric"), bad);
    assert!(bad > DETAIL_LIMIT);
    assert_eq!(
        r.diagnostics
            .messages
            .iter()
            .filter(|m| m.code == "non_numeric")
            .count(),
        DETAIL_LIMIT
    );
    let json = r.to_json();
    assert!(json.len() < 200_000, "report is {} bytes", json.len());
    assert_eq!(item(&r, "Q22").gap.n, rows);
    close(some(item(&r, "Q2").gap.mean, "gap"), -1.0, EXACT, "Q2");
    eprintln!("50 MB ({rows} rows) analysed in {took:?}");
    let md = gapscope::report::markdown::render(&r, gapscope::report::markdown::Lang::Zh);
    assert!(md.len() < 100_000 && md.contains("条同类提示未列出"));
}

#[test]
fn an_allocation_column_for_an_unknown_dimension_is_reported() {
    let mut config = analyse("E1,P1,pts\n5,4,100\n6,5,100\n").config;
    let mut col =
        gapscope::model::config::Column::new("pts", gapscope::model::config::Role::Allocation);
    col.dimension = Some("speed".into());
    config.columns.retain(|c| c.name != "pts");
    config.columns.push(col);
    let r = Evaluator::with_config(config).analyze_text("E1,P1,pts\n5,4,100\n6,5,100\n");
    assert_json_sound(&r);
    let d = diags(&r, "allocation_dimension_unknown");
    assert_eq!((d.len(), d[0].column), (1, Some(3)));
}

#[test]
fn markdown_shows_data_as_text_not_html() {
    let config = SurveyConfig::from_json(
        r#"{"scale":{"min":1,"max":5},"dimensions":[{"id":"<script>d</script>"}],
            "items":[{"id":"<img src=x onerror=alert(1)>|x","dimension":"<script>d</script>"}],
            "columns":[{"name":"E","role":"expectation","item":"<img src=x onerror=alert(1)>|x"},
                       {"name":"P","role":"perception","item":"<img src=x onerror=alert(1)>|x"}]}"#,
    )
    .expect("valid");
    let r = Evaluator::with_config(config).analyze_text("E,P\n5,4\n4,<b>bold</b>\n3,2\n");
    for lang in [
        gapscope::report::markdown::Lang::En,
        gapscope::report::markdown::Lang::Zh,
    ] {
        let md = gapscope::report::markdown::render(&r, lang);
        assert!(
            !md.contains("<img") && !md.contains("<script") && !md.contains("<b>"),
            "{md}"
        );
        assert!(
            md.contains("&lt;img src=x onerror=alert(1)&gt;\\|x"),
            "{md}"
        );
    }
}
