//! AHP, entropy and CRITIC dimension weights and the fuzzy section in the survey
//! report, against tests/reference/survey_reference.py (plain numpy from
//! METHODS.md §2, §5, §6) on tests/reference/survey_weights.csv.

use gapscope::methods::fuzzy::ScoreBasis;
use gapscope::methods::survey_fuzzy::{self, FuzzyOptions};
use gapscope::methods::weights::WeightingDetails;
use gapscope::model::config::Weighting;
use gapscope::{Diagnostics, Evaluator, Report, SurveyConfig};

const DATA: &str = include_str!("reference/survey_weights.csv");
const CONFIG: &str = include_str!("reference/survey_weights_ahp.json");

fn config() -> SurveyConfig {
    SurveyConfig::from_json(CONFIG).expect("valid config")
}

fn run(weighting: Option<Weighting>) -> Report {
    let mut c = config();
    if let Some(w) = weighting {
        c.weighting = w;
    }
    Evaluator::with_config(c).analyze_text(DATA)
}

fn close(got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len());
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol, "element {i}: got {g}, want {w}");
    }
}

fn weights(r: &Report) -> Vec<f64> {
    r.overall
        .weighting
        .weights
        .iter()
        .map(|w| w.weight)
        .collect()
}

fn codes(r: &Report) -> Vec<String> {
    r.diagnostics
        .messages
        .iter()
        .map(|m| m.code.clone())
        .collect()
}

#[test]
fn ahp_weights_drive_the_weighted_servqual() {
    let r = run(None);
    // survey_reference.py: ahp weights [0.22965079406263708, 0.6483290138222367,
    // 0.12202019211512617] CR 0.0031849983307239735; servqual -0.6896825396825396;
    // weighted servqual (ahp) -0.6241089107470794; weighted servperf 3.606136223614691
    assert_eq!(r.overall.weighting.method, "ahp");
    close(
        &weights(&r),
        &[0.22965079406263708, 0.6483290138222367, 0.12202019211512617],
        1e-9,
    );
    assert!((r.overall.servqual.unwrap_or(0.0) + 0.6896825396825396).abs() < 1e-12);
    assert!((r.overall.weighted_servqual.unwrap_or(0.0) + 0.6241089107470794).abs() < 1e-9);
    assert!((r.overall.weighted_servperf.unwrap_or(0.0) - 3.606136223614691).abs() < 1e-9);
    let Some(WeightingDetails::Ahp(a)) = &r.overall.weighting.details else {
        panic!("AHP details expected");
    };
    assert!(a.used);
    let dims = a.dimensions.as_ref().expect("dimension matrix analysed");
    assert!((dims.cr - 0.0031849983307239735).abs() < 1e-9);
    assert_eq!(
        dims.labels.as_deref().map(|l| l[1].as_str()),
        Some("reliability")
    );
    // reliability item weights [0.5396145502210749, 0.2969613312124973,
    // 0.16342411856642794], global [0.34984776918895927, 0.19252864700833697,
    // 0.10595259762494051]
    let rel = &a.items[1];
    assert_eq!(
        (rel.dimension.as_str(), rel.method.as_str()),
        ("reliability", "ahp")
    );
    close(
        &rel.local_weights,
        &[0.5396145502210749, 0.2969613312124973, 0.16342411856642794],
        1e-9,
    );
    close(
        &rel.global_weights,
        &[
            0.34984776918895927,
            0.19252864700833697,
            0.10595259762494051,
        ],
        1e-9,
    );
    assert_eq!(a.items[0].method, "equal");
    assert!(r.diagnostics.messages.is_empty(), "{:?}", codes(&r));
}

#[test]
fn entropy_weights_on_respondent_perception_scores() {
    let r = run(Some(Weighting::Entropy));
    // entropy weights [0.16306255608387274, 0.5345576507132933, 0.3023797932028339]
    // weighted servqual -0.6339214886701896; complete respondents 14
    assert_eq!(r.overall.weighting.method, "entropy");
    close(
        &weights(&r),
        &[0.16306255608387274, 0.5345576507132933, 0.3023797932028339],
        1e-12,
    );
    assert!((r.overall.weighted_servqual.unwrap_or(0.0) + 0.6339214886701896).abs() < 1e-12);
    assert_eq!(r.overall.weighting.respondents, Some(14));
    let Some(WeightingDetails::Entropy(e)) = &r.overall.weighting.details else {
        panic!("entropy details expected");
    };
    assert_eq!(e.basis, "respondent_dimension_perception");
    let res = e.result.as_ref().expect("computed");
    assert_eq!((res.alternatives, res.dropped), (14, 1));
    assert_eq!(res.normalised.row_labels[0], "r1");
    assert!(codes(&r).contains(&"incomplete_alternatives_dropped".to_string()));
}

#[test]
fn critic_weights_on_respondent_perception_scores() {
    let r = run(Some(Weighting::Critic));
    // critic weights [0.32309165183984706, 0.3345931091492356, 0.3423152390109173]
    // weighted servqual -0.6881100189803195
    assert_eq!(r.overall.weighting.method, "critic");
    close(
        &weights(&r),
        &[0.32309165183984706, 0.3345931091492356, 0.3423152390109173],
        1e-12,
    );
    assert!((r.overall.weighted_servqual.unwrap_or(0.0) + 0.6881100189803195).abs() < 1e-12);
    let json = r.to_json();
    assert!(json.contains("\"kind\": \"critic\""));
}

fn inconsistent(accept: bool) -> Weighting {
    Weighting::Ahp {
        matrix: vec![
            vec![1.0, 5.0, 1.0 / 3.0],
            vec![0.2, 1.0, 7.0],
            vec![3.0, 1.0 / 7.0, 1.0],
        ],
        experts: vec![],
        ri: None,
        items: Default::default(),
        accept_inconsistent: accept,
    }
}

#[test]
fn inconsistent_ahp_is_reported_and_not_used() {
    let r = run(Some(inconsistent(false)));
    // inconsistent CR 2.525570643884656
    assert_eq!(r.overall.weighting.method, "equal");
    close(&weights(&r), &[1.0 / 3.0; 3], 1e-15);
    let (ws, s) = (r.overall.weighted_servqual, r.overall.servqual);
    assert!((ws.unwrap_or(0.0) - s.unwrap_or(1.0)).abs() < 1e-15);
    assert!(codes(&r).contains(&"ahp_inconsistent".to_string()));
    assert!(r
        .overall
        .notes
        .iter()
        .any(|n| n.en.contains("inconsistent")));
    let Some(WeightingDetails::Ahp(a)) = &r.overall.weighting.details else {
        panic!("AHP details expected");
    };
    assert!(!a.used);
    let d = a.dimensions.as_ref().expect("analysed");
    assert!((d.cr - 2.525570643884656).abs() < 1e-9);
    assert!(d.worst.is_some());
}

#[test]
fn inconsistent_ahp_is_used_when_accepted() {
    let r = run(Some(inconsistent(true)));
    // weights [0.3876806418749816, 0.3657917260917701, 0.24652763203324835]
    assert_eq!(r.overall.weighting.method, "ahp");
    close(
        &weights(&r),
        &[0.3876806418749816, 0.3657917260917701, 0.24652763203324835],
        1e-9,
    );
    assert!(codes(&r).contains(&"ahp_inconsistent_accepted".to_string()));
}

#[test]
fn wrong_size_or_invalid_ahp_matrix_falls_back_with_reason() {
    let w = Weighting::Ahp {
        matrix: vec![vec![1.0, 2.0], vec![0.5, 1.0]],
        experts: vec![],
        ri: None,
        items: Default::default(),
        accept_inconsistent: false,
    };
    let r = run(Some(w));
    assert_eq!(r.overall.weighting.method, "equal");
    let Some(WeightingDetails::Ahp(a)) = &r.overall.weighting.details else {
        panic!("AHP details expected");
    };
    assert_eq!(
        a.error.as_ref().map(|e| e.code.as_str()),
        Some("ahp_dimension_count")
    );
    assert!(codes(&r).contains(&"ahp_invalid".to_string()));
    let zero = Weighting::Ahp {
        matrix: vec![
            vec![1.0, 0.0, 1.0],
            vec![0.0, 1.0, 1.0],
            vec![1.0, 1.0, 1.0],
        ],
        experts: vec![],
        ri: None,
        items: Default::default(),
        accept_inconsistent: true,
    };
    let r = run(Some(zero));
    assert_eq!(r.overall.weighting.method, "equal");
    assert!(r
        .diagnostics
        .messages
        .iter()
        .any(|m| m.message.en.contains("not positive")));
}

#[test]
fn fuzzy_section_uses_the_weighting_in_use() {
    let r = run(None);
    let f = r.fuzzy.as_ref().expect("perception data present");
    assert_eq!(f.dimension_weighting, "ahp");
    assert_eq!(f.operator_label, "M(·,+)");
    assert_eq!(f.grades, vec![1.0, 2.0, 3.0, 4.0, 5.0]);
    // fuzzy reliability [0.03451633065021168, 0.08473337842074759,
    // 0.1851674739618194, 0.5149460321278614, 0.18063678483936]
    assert_eq!(f.dimensions[1].item_weighting, "ahp");
    close(
        &f.dimensions[1].evaluation.b,
        &[
            0.03451633065021168,
            0.08473337842074759,
            0.1851674739618194,
            0.5149460321278614,
            0.18063678483936,
        ],
        1e-9,
    );
    // fuzzy empathy [0.2, 0.1333…, 0.1666…, 0.2333…, 0.2666…]
    close(
        &f.dimensions[2].evaluation.b,
        &[
            0.2,
            0.13333333333333333,
            0.16666666666666669,
            0.23333333333333334,
            0.26666666666666666,
        ],
        1e-12,
    );
    // two-level b [0.04678197703423922, 0.1023713600979625, 0.2032667190362451,
    // 0.4569200869909364, 0.19065985684061687] score 3.6423044865057297 grade 3
    let two = [
        0.04678197703423922,
        0.1023713600979625,
        0.2032667190362451,
        0.4569200869909364,
        0.19065985684061687,
    ];
    close(&f.two_level.b, &two, 1e-9);
    assert!((f.two_level.score - 3.6423044865057297).abs() < 1e-9);
    assert_eq!(f.two_level.grade, 3);
    // one-level b (same with M(·,+)), score 3.642304486505729
    close(&f.one_level.b, &two, 1e-9);
    assert!((f.one_level.score - 3.642304486505729).abs() < 1e-9);
    assert_eq!(
        f.items.iter().map(|i| i.n).collect::<Vec<_>>(),
        vec![15, 14, 14, 13, 14, 15, 15]
    );
}

#[test]
fn fuzzy_percent_scores_through_the_public_pipeline() {
    let c = config();
    let mut diags = Diagnostics::default();
    let table = gapscope::input::table::parse(DATA, None, &mut diags);
    let survey = gapscope::model::survey::build(&table, &c, &mut diags);
    let analysis = gapscope::analyses::servqual::analyse(&survey, &c, &mut diags);
    let options = FuzzyOptions {
        scores: ScoreBasis::Percent,
        ..Default::default()
    };
    let f = survey_fuzzy::evaluate(
        &survey,
        &c,
        &analysis.overall.weighting,
        &options,
        &mut diags,
    )
    .expect("section");
    // percent 66.05761216264324
    assert_eq!(f.scores, vec![0.0, 25.0, 50.0, 75.0, 100.0]);
    assert!((f.two_level.score - 66.05761216264324).abs() < 1e-9);
}

#[test]
fn new_weighting_methods_read_from_config_json() {
    let mut v: serde_json::Value = serde_json::from_str(CONFIG).expect("json");
    for (w, method) in [
        (serde_json::json!({"method": "entropy"}), "entropy"),
        (serde_json::json!({"method": "critic"}), "critic"),
        (
            serde_json::json!({"method": "ahp", "ri": "donegan_dodd",
                "experts": [[[1, 2, 3], [0.5, 1, 2], [0.3333333333, 0.5, 1]],
                            [[1, 3, 2], [0.3333333333, 1, 1], [0.5, 1, 1]]]}),
            "ahp",
        ),
    ] {
        v["weighting"] = w;
        let c = SurveyConfig::from_json(&v.to_string()).expect("valid");
        let r = Evaluator::with_config(c.clone()).analyze_text(DATA);
        assert_eq!(r.overall.weighting.method, method);
        // The configuration round-trips through JSON unchanged.
        assert_eq!(SurveyConfig::from_json(&c.to_json()).ok(), Some(c));
    }
    // Non-finite judgments (possible from JS) are refused with the configuration.
    let mut c = config();
    c.weighting = Weighting::Ahp {
        matrix: vec![vec![1.0, f64::NAN], vec![1.0, 1.0]],
        experts: vec![],
        ri: None,
        items: Default::default(),
        accept_inconsistent: false,
    };
    let e = c.validate().expect_err("NaN judgment");
    assert!(e.en.contains("not a finite number"), "{}", e.en);
    v["weighting"] = serde_json::json!({"method": "ahp", "matrix": [[1]], "ri": "saaty1999"});
    let e = SurveyConfig::from_json(&v.to_string()).expect_err("unknown RI table");
    assert!(e.en.contains("saaty1999"), "{}", e.en);
}

#[test]
fn report_json_round_trips_without_nan() {
    for w in [
        None,
        Some(Weighting::Entropy),
        Some(Weighting::Critic),
        Some(inconsistent(false)),
        Some(combined(ahp_matrix(), Weighting::Critic)),
        Some(combined(inconsistent(false), Weighting::Entropy)),
    ] {
        let r = run(w);
        let json = r.to_json();
        assert!(!json.contains("NaN") && !json.contains("Infinity"));
        // The new sections read back into their own types (the page can keep a
        // report and re-render it). serde_json's default float parsing may differ
        // in the last bit, so compare the re-serialised values.
        let v: serde_json::Value = serde_json::from_str(&json).expect("json");
        let details_json = &v["overall"]["weighting"]["details"];
        let details: Option<WeightingDetails> =
            serde_json::from_value(details_json.clone()).expect("details");
        assert_eq!(
            serde_json::to_value(&details).ok().as_ref(),
            Some(details_json)
        );
        assert_eq!(details.is_some(), r.overall.weighting.details.is_some());
        let fuzzy: Option<survey_fuzzy::FuzzySection> =
            serde_json::from_value(v["fuzzy"].clone()).expect("fuzzy");
        assert_eq!(
            serde_json::to_value(&fuzzy).ok().as_ref(),
            Some(&v["fuzzy"])
        );
    }
}

fn ahp_matrix() -> Weighting {
    config().weighting
}

fn combined(subjective: Weighting, objective: Weighting) -> Weighting {
    Weighting::Combined {
        subjective: Box::new(subjective),
        objective: Box::new(objective),
    }
}

#[test]
fn combined_ahp_times_entropy() {
    let r = run(Some(combined(ahp_matrix(), Weighting::Entropy)));
    // survey_reference.py: combined ahp x entropy [0.088967161311949,
    // 0.823374748064126, 0.08765809062392507], weighted servqual
    // -0.5765935795643916, weighted servperf 3.6257159220192348
    assert_eq!(r.overall.weighting.method, "combined");
    close(
        &weights(&r),
        &[0.088967161311949, 0.823374748064126, 0.08765809062392507],
        1e-9,
    );
    assert!((r.overall.weighted_servqual.unwrap_or(0.0) + 0.5765935795643916).abs() < 1e-9);
    assert!((r.overall.weighted_servperf.unwrap_or(0.0) - 3.6257159220192348).abs() < 1e-9);
    assert_eq!(r.overall.weighting.respondents, Some(14));
    let Some(WeightingDetails::Combined(c)) = &r.overall.weighting.details else {
        panic!("combined details expected");
    };
    assert!(c.used);
    assert_eq!(
        (c.subjective.method.as_str(), c.objective.method.as_str()),
        ("ahp", "entropy")
    );
    close(
        &c.subjective.weights,
        &[0.22965079406263708, 0.6483290138222367, 0.12202019211512617],
        1e-9,
    );
    close(
        &c.objective.weights,
        &[0.16306255608387274, 0.5345576507132933, 0.3023797932028339],
        1e-12,
    );
    // products a·b before normalisation
    close(
        &c.products,
        &[
            0.22965079406263708 * 0.16306255608387274,
            0.6483290138222367 * 0.5345576507132933,
            0.12202019211512617 * 0.3023797932028339,
        ],
        1e-9,
    );
    assert!(matches!(
        c.subjective.details.as_deref(),
        Some(WeightingDetails::Ahp(_))
    ));
    // The AHP part's reliability item matrix still gives the fuzzy section its
    // within-dimension weights.
    let f = r.fuzzy.as_ref().expect("fuzzy section");
    assert_eq!(f.dimension_weighting, "combined");
    assert_eq!(f.dimensions[1].item_weighting, "ahp");
}

#[test]
fn combined_direct_times_critic_from_json() {
    let mut v: serde_json::Value = serde_json::from_str(CONFIG).expect("json");
    v["weighting"] = serde_json::json!({
        "method": "combined",
        "subjective": {"method": "direct", "weights": {"tangibles": 20, "reliability": 50, "empathy": 30}},
        "objective": {"method": "critic"}
    });
    let c = SurveyConfig::from_json(&v.to_string()).expect("valid");
    let r = Evaluator::with_config(c).analyze_text(DATA);
    // survey_reference.py: combined direct 20/50/30 x critic [0.1931156728674257,
    // 0.49997557227343387, 0.30690875485914054], weighted servqual -0.6436099123659736
    close(
        &weights(&r),
        &[0.1931156728674257, 0.49997557227343387, 0.30690875485914054],
        1e-12,
    );
    assert!((r.overall.weighted_servqual.unwrap_or(0.0) + 0.6436099123659736).abs() < 1e-12);
}

#[test]
fn combined_with_an_unusable_part_falls_back_to_equal_with_reason() {
    // Inconsistent AHP: not multiplied in silently.
    let r = run(Some(combined(inconsistent(false), Weighting::Critic)));
    assert_eq!(r.overall.weighting.method, "equal");
    close(&weights(&r), &[1.0 / 3.0; 3], 1e-15);
    let c = codes(&r);
    assert!(c.contains(&"ahp_inconsistent".to_string()), "{c:?}");
    assert!(c.contains(&"combined_unusable".to_string()), "{c:?}");
    assert!(r
        .overall
        .notes
        .iter()
        .any(|n| n.en.contains("Combined weights")));
    let Some(WeightingDetails::Combined(d)) = &r.overall.weighting.details else {
        panic!("combined details expected");
    };
    assert!(!d.used);
    assert_eq!(d.subjective.method, "equal");
    assert_eq!(
        d.error.as_ref().map(|e| e.code.as_str()),
        Some("combined_part_unusable")
    );
    assert!(d.weights.is_empty());
    // Typed-in weights adding up to zero: the subjective part falls back, so no product.
    let zero = Weighting::Direct {
        weights: [("tangibles", 0.0), ("reliability", 0.0), ("empathy", 0.0)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    };
    let r = run(Some(combined(zero, Weighting::Entropy)));
    assert_eq!(r.overall.weighting.method, "equal");
    assert!(codes(&r).contains(&"weights_sum_zero".to_string()));
    // A zero typed-in weight is a weight, not a failure: it zeroes that dimension.
    let only_t = Weighting::Direct {
        weights: [("tangibles", 1.0), ("reliability", 0.0), ("empathy", 0.0)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    };
    let r = run(Some(combined(only_t, Weighting::Entropy)));
    // tangibles has entropy weight 0.163 > 0, so this one combines to (1, 0, 0).
    close(&weights(&r), &[1.0, 0.0, 0.0], 1e-15);
}

#[test]
fn combined_parts_are_checked_when_the_config_is_loaded() {
    for (s, o) in [
        (r#"{"method": "entropy"}"#, r#"{"method": "critic"}"#),
        (
            r#"{"method": "ahp", "matrix": [[1]]}"#,
            r#"{"method": "direct", "weights": {}}"#,
        ),
        (
            r#"{"method": "combined", "subjective": {"method": "equal"}, "objective": {"method": "critic"}}"#,
            r#"{"method": "critic"}"#,
        ),
    ] {
        let mut v: serde_json::Value = serde_json::from_str(CONFIG).expect("json");
        v["weighting"] = serde_json::from_str(&format!(
            r#"{{"method": "combined", "subjective": {s}, "objective": {o}}}"#
        ))
        .expect("json");
        let e = SurveyConfig::from_json(&v.to_string()).expect_err("refused");
        assert!(
            e.en.contains("combined weights") && e.zh.contains("组合权重"),
            "{e:?}"
        );
    }
}
