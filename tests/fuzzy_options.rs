//! The fuzzy evaluation's operator and grade scores are chosen in the survey
//! configuration (`analyses.fuzzy`), as the page's selects write them.
//!
//! Expected values by hand (METHODS.md §6), one dimension, two items, scale 1–3,
//! equal item weights w = (0.5, 0.5):
//!   item A answers 1,1,2,3 → r_A = (0.5, 0.25, 0.25)
//!   item B answers 3,3,3,3 → r_B = (0,   0,    1)
//!   M(·,+):  b = 0.5 r_A + 0.5 r_B = (0.25, 0.125, 0.625); score = 0.25·1 + 0.125·2 + 0.625·3 = 2.375
//!            0–100 banding s = (0, 50, 100): score = 0.125·50 + 0.625·100 = 68.75
//!   M(∧,∨):  b_k = max_j min(w_j, r_jk) = (0.5, 0.25, 0.5), normalised (0.4, 0.2, 0.4); score = 2.0

use gapscope::{Evaluator, SurveyConfig};

const DATA: &str = "PA,PB\n1,3\n1,3\n2,3\n3,3\n";

fn fuzzy_of(options: &str) -> (Vec<f64>, f64, String) {
    let json = format!(
        r#"{{"scale":{{"min":1,"max":3}},"dimensions":[{{"id":"d"}}],
            "items":[{{"id":"A","dimension":"d"}},{{"id":"B","dimension":"d"}}],
            "columns":[{{"name":"PA","role":"perception","item":"A"}},
                       {{"name":"PB","role":"perception","item":"B"}}],
            "analyses":{{"fuzzy":{options}}}}}"#
    );
    let config = SurveyConfig::from_json(&json).unwrap_or_else(|t| panic!("{}", t.en));
    let report = Evaluator::with_config(config).analyze_text(DATA);
    let fz = report.fuzzy.expect("a fuzzy section");
    (
        fz.two_level.b.clone(),
        fz.two_level.score,
        fz.operator_label,
    )
}

fn close(a: &[f64], b: &[f64]) {
    assert_eq!(a.len(), b.len(), "{a:?} vs {b:?}");
    for (x, y) in a.iter().zip(b) {
        assert!((x - y).abs() < 1e-12, "{a:?} vs {b:?}");
    }
}

#[test]
fn default_operator_is_the_weighted_average() {
    let (b, score, label) = fuzzy_of("{}");
    close(&b, &[0.25, 0.125, 0.625]);
    assert!((score - 2.375).abs() < 1e-12, "{score}");
    assert_eq!(label, "M(·,+)");
}

#[test]
fn zadeh_operator_from_the_configuration() {
    let (b, score, label) = fuzzy_of(r#"{"operator":"zadeh"}"#);
    close(&b, &[0.4, 0.2, 0.4]);
    assert!((score - 2.0).abs() < 1e-12, "{score}");
    assert_eq!(label, "M(∧,∨)");
}

#[test]
fn percent_banding_from_the_configuration() {
    let (_, score, _) = fuzzy_of(r#"{"scores":"percent"}"#);
    assert!((score - 68.75).abs() < 1e-12, "{score}");
}
