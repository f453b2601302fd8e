//! Degenerate and edge inputs of the optional analyses: every undefined number
//! comes with a reason, nothing panics, sections appear only when their columns
//! exist. Expected numbers, where there are any, are worked by hand or taken from
//! tests/reference/stats_helpers.py (quoted).

use gapscope::analyses::ipa::{ImportanceKind, Quadrant};
use gapscope::model::analysis_options::{Crosshairs, EffortDirection, ImportanceSource};
use gapscope::{Evaluator, Report, SurveyConfig};
use serde_json::json;

/// A configuration: `dims` = (dimension, items); each item has `E_<item>` and
/// `P_<item>` columns; `extra` = further columns as JSON objects.
fn cfg(scale: (f64, f64), dims: &[(&str, &[&str])], extra: serde_json::Value) -> SurveyConfig {
    let mut items = Vec::new();
    let mut columns = Vec::new();
    for (d, its) in dims {
        for it in *its {
            items.push(json!({"id": it, "dimension": d}));
            columns.push(json!({"name": format!("E_{it}"), "role": "expectation", "item": it}));
            columns.push(json!({"name": format!("P_{it}"), "role": "perception", "item": it}));
        }
    }
    if let serde_json::Value::Array(more) = extra {
        columns.extend(more);
    }
    let v = json!({
        "scale": {"min": scale.0, "max": scale.1},
        "dimensions": dims.iter().map(|(d, _)| json!({"id": d})).collect::<Vec<_>>(),
        "items": items,
        "columns": columns,
    });
    SurveyConfig::from_json(&v.to_string()).expect("test config is valid")
}

fn run(config: &SurveyConfig, csv: &str) -> Report {
    Evaluator::with_config(config.clone()).analyze_text(csv)
}

fn code(u: &Option<gapscope::common::diag::Undefined>) -> Option<&str> {
    u.as_ref().map(|u| u.code.as_str())
}

#[test]
fn only_servqual_columns_give_only_reliability() {
    let c = cfg((1.0, 7.0), &[("a", &["1", "2"])], json!([]));
    let r = run(&c, "E_1,P_1,E_2,P_2\n5,4,6,5\n6,6,7,5\n4,3,5,4\n");
    assert!(r.analyses.reliability.is_some());
    assert!(r.analyses.ipa.is_none());
    assert!(r.analyses.metrics.is_none());
    assert!(r.analyses.drivers.is_none());
    assert!(r.analyses.comparisons.is_none());
    let json = r.to_json();
    for key in ["\"ipa\"", "\"metrics\"", "\"drivers\"", "\"comparisons\""] {
        assert!(!json.contains(key), "{key} should be absent");
    }
}

#[test]
fn reliability_degenerate_scales_say_why() {
    // Dimension a: P items constant for everyone -> total variance 0.
    // Dimension b: one item -> k < 2.
    let c = cfg((1.0, 7.0), &[("a", &["1", "2"]), ("b", &["3"])], json!([]));
    let csv = "E_1,P_1,E_2,P_2,E_3,P_3\n5,4,6,4,5,5\n6,4,7,4,4,4\n4,4,5,4,6,3\n";
    let rel = run(&c, csv).analyses.reliability.expect("items exist");
    let find = |d: Option<&str>, side: &str| {
        rel.scales
            .iter()
            .find(|s| {
                s.dimension.as_deref() == d
                    && serde_json::to_value(s.side).ok() == Some(json!(side))
            })
            .expect("scale")
    };
    let flat = find(Some("a"), "perception");
    assert!(flat.alpha.is_none() && flat.label.is_none());
    assert_eq!(code(&flat.undefined), Some("zero_variance"));
    // Item–total r is undefined too, because the item is constant.
    assert_eq!(
        code(&flat.item_stats[0].item_total_r_undefined),
        Some("zero_variance")
    );
    let single = find(Some("b"), "expectation");
    assert_eq!(single.k, 1);
    assert_eq!(code(&single.undefined), Some("too_few_observations"));
    assert!(single
        .undefined
        .as_ref()
        .is_some_and(|u| u.message.en.contains("items")));

    // Only one complete respondent: n < 2.
    let c = cfg((1.0, 7.0), &[("a", &["1", "2"])], json!([]));
    let rel = run(&c, "E_1,P_1,E_2,P_2\n5,4,6,5\n6,,7,5\n")
        .analyses
        .reliability
        .expect("items exist");
    let p = rel
        .scales
        .iter()
        .find(|s| s.n == 1)
        .expect("P scale with n = 1");
    assert_eq!(p.excluded, 1);
    assert_eq!(code(&p.undefined), Some("too_few_observations"));
}

#[test]
fn negative_alpha_is_labelled_poor_with_a_note() {
    // A negatively correlated pair: x = 1,2,3,4 and y = 4,3,1,2 -> var x = var y = 5/3,
    // cov = −4/3, var(x+y) = 10/3 − 8/3 = 2/3, α = 2·(1 − (10/3)/(2/3)) = −8.
    let c = cfg((1.0, 7.0), &[("a", &["1", "2"])], json!([]));
    let csv = "E_1,P_1,E_2,P_2\n1,1,4,4\n2,2,3,3\n3,3,1,1\n4,4,2,2\n";
    let rel = run(&c, csv).analyses.reliability.expect("items");
    let s = &rel.scales[0];
    assert!(
        (s.alpha.unwrap_or(0.0) + 8.0).abs() < 1e-12,
        "{:?}",
        s.alpha
    );
    assert_eq!(s.label.as_ref().map(|l| l.code.as_str()), Some("poor"));
    assert!(s.notes.iter().any(|n| n.en.contains("negative")));
}

#[test]
fn alpha_labels_follow_methods_thresholds() {
    use gapscope::analyses::reliability::label;
    let codes: Vec<String> = [0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.59, -1.0]
        .iter()
        .map(|&a| label(a).code)
        .collect();
    assert_eq!(
        codes,
        [
            "excellent",
            "excellent",
            "good",
            "good",
            "acceptable",
            "acceptable",
            "questionable",
            "questionable",
            "poor",
            "poor"
        ]
    );
    // Rounding noise just under a threshold still reaches it.
    assert_eq!(label(0.8999999999999999).code, "excellent");
    assert_eq!(label(0.9).text.zh, "优秀");
}

/// P answers for three one-item dimensions and OS.
fn driver_cfg() -> SurveyConfig {
    cfg(
        (0.0, 100.0),
        &[("x1", &["a"]), ("x2", &["b"]), ("x3", &["c"])],
        json!([{"name": "OS", "role": "overall"}]),
    )
}

fn driver_csv(rows: &[[f64; 4]]) -> String {
    let mut s = String::from("E_a,P_a,E_b,P_b,E_c,P_c,OS\n");
    for r in rows {
        s.push_str(&format!("50,{},50,{},50,{},{}\n", r[0], r[1], r[2], r[3]));
    }
    s
}

#[test]
fn singular_regressions_explain_instead_of_numbers() {
    let base: Vec<[f64; 4]> = (0..8)
        .map(|i| {
            let i = i as f64;
            [
                10.0 + i,
                20.0 + (i * 3.0) % 7.0,
                30.0 + (i * 5.0) % 11.0,
                40.0 + i * 2.0 + (i % 3.0),
            ]
        })
        .collect();
    // Perfect collinearity: x3 = x1 + x2.
    let rows: Vec<[f64; 4]> = base
        .iter()
        .map(|r| [r[0], r[1], r[0] + r[1], r[3]])
        .collect();
    let d = run(&driver_cfg(), &driver_csv(&rows))
        .analyses
        .drivers
        .expect("OS");
    assert_eq!(code(&d.regression.undefined), Some("perfect_collinearity"));
    assert!(d.regression.coefficients.is_empty() && d.regression.r2.is_none());
    let msg = &d.regression.undefined.as_ref().map(|u| u.message.clone());
    assert!(msg
        .as_ref()
        .is_some_and(|m| m.en.contains("x3") && m.zh.contains("x3")));
    // Correlations are still given.
    assert!(d.correlations.iter().all(|c| c.r.is_some()));

    // A constant predictor.
    let rows: Vec<[f64; 4]> = base.iter().map(|r| [r[0], 25.0, r[2], r[3]]).collect();
    let d = run(&driver_cfg(), &driver_csv(&rows))
        .analyses
        .drivers
        .expect("OS");
    assert_eq!(code(&d.regression.undefined), Some("constant_predictor"));
    assert_eq!(code(&d.correlations[1].undefined), Some("zero_variance"));

    // Constant OS.
    let rows: Vec<[f64; 4]> = base.iter().map(|r| [r[0], r[1], r[2], 60.0]).collect();
    let d = run(&driver_cfg(), &driver_csv(&rows))
        .analyses
        .drivers
        .expect("OS");
    assert_eq!(code(&d.regression.undefined), Some("zero_variance"));

    // n ≤ k + 1: 4 respondents for 3 predictors.
    let d = run(&driver_cfg(), &driver_csv(&base[..4]))
        .analyses
        .drivers
        .expect("OS");
    assert_eq!(d.regression.n, 4);
    assert_eq!(code(&d.regression.undefined), Some("too_few_observations"));
}

#[test]
fn drivers_drop_empty_dimensions_and_count_listwise_exclusions() {
    // x3 has no P answers at all: dropped, the model uses x1 and x2.
    let csv = "E_a,P_a,E_b,P_b,E_c,P_c,OS\n\
               50,10,50,22,50,,40\n50,12,50,21,50,,45\n50,15,50,27,50,,52\n\
               50,11,50,29,50,,47\n50,18,50,20,50,,55\n50,14,50,,50,,50\n50,16,50,25,50,,\n";
    let d = run(&driver_cfg(), csv).analyses.drivers.expect("OS");
    let g = &d.regression;
    assert_eq!(g.predictors, ["x1", "x2"]);
    assert_eq!(g.dropped.len(), 1);
    assert_eq!(g.dropped[0].dimension, "x3");
    assert_eq!(
        (g.n, g.excluded.missing_overall, g.excluded.missing_score),
        (5, 1, 1)
    );
    assert!(g.undefined.is_none() && g.coefficients.len() == 2);
}

#[test]
fn collinearity_warning_when_vif_exceeds_ten() {
    // Same design as ols_near_collinear_matches_statsmodels in tests/stats_helpers.rs:
    // VIF [573.0484781340617, 365.5462879570935, 1242.6027233928583] (statsmodels).
    let x2 = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0];
    let noise = [0.1, -0.2, 0.05, 0.15, -0.1, 0.0, 0.2, -0.05, -0.15, 0.1];
    let y = [2.0, 3.1, 3.9, 5.2, 5.8, 7.5, 7.0, 8.8, 9.1, 10.4];
    let rows: Vec<[f64; 4]> = (0..10)
        .map(|i| {
            let x1 = (i + 1) as f64;
            [x1, x2[i], x1 + x2[i] + noise[i], y[i]]
        })
        .collect();
    let d = run(&driver_cfg(), &driver_csv(&rows))
        .analyses
        .drivers
        .expect("OS");
    let g = &d.regression;
    let vifs: Vec<f64> = g.coefficients.iter().filter_map(|c| c.vif).collect();
    for (v, w) in vifs
        .iter()
        .zip([573.0484781340617, 365.5462879570935, 1242.6027233928583])
    {
        assert!((v - w).abs() < 1e-8 * w, "{v} vs {w}");
    }
    assert_eq!(g.warnings.len(), 3);
    assert!(g.warnings[0].en.contains("VIF") && g.warnings[0].zh.contains("共线性"));
    let total: f64 = g
        .coefficients
        .iter()
        .filter_map(|c| c.relative_importance)
        .sum();
    assert!((total - 1.0).abs() < 1e-12);
}

#[test]
fn metrics_degenerate_inputs_say_why() {
    // NPS column declared on 1–10: NPS needs 0–10.
    let c = cfg(
        (1.0, 5.0),
        &[("a", &["1"])],
        json!([
            {"name": "NPS", "role": "recommend", "scale": {"min": 1, "max": 10}},
            {"name": "OS", "role": "overall"},
            {"name": "CES", "role": "effort"}
        ]),
    );
    let csv = "E_1,P_1,NPS,OS,CES\n4,3,9,5,2\n5,4,3,4,1\n";
    let m = run(&c, csv).analyses.metrics.expect("columns exist");
    let nps = m.nps.expect("nps");
    assert_eq!(code(&nps.undefined), Some("nps_scale"));
    assert!(nps.nps.is_none());
    // CSAT top-2 on 1–5 = 4 or 5: one of two answers.
    let csat = m.csat.expect("csat");
    assert_eq!(csat.share, Some(1.0));
    assert!(csat.definition.en.contains("4 or 5"));
    // top-k as large as the scale: undefined.
    let mut c2 = c.clone();
    c2.analyses.csat.top_k = 5;
    let csat = run(&c2, csv)
        .analyses
        .metrics
        .and_then(|m| m.csat)
        .expect("csat");
    assert_eq!(code(&csat.undefined), Some("csat_top_k"));
    c2.analyses.csat.top_k = 0;
    let csat = run(&c2, csv)
        .analyses
        .metrics
        .and_then(|m| m.csat)
        .expect("csat");
    assert_eq!(code(&csat.undefined), Some("csat_top_k"));
    // CES direction carried through, no note then.
    c2.analyses.ces.direction = Some(EffortDirection::LowerIsBetter);
    let ces = run(&c2, csv)
        .analyses
        .metrics
        .and_then(|m| m.ces)
        .expect("ces");
    assert_eq!(ces.direction, Some(EffortDirection::LowerIsBetter));
    assert!(ces.notes.is_empty());
    assert_eq!(ces.effort.mean, Some(1.5));
}

#[test]
fn nps_by_hand_and_without_answers() {
    // 10, 9 promoters; 8, 7 passives; 6, 0 detractors -> p = q = 1/3, NPS = 0,
    // SE = sqrt((1/3 + 1/3 − 0)/6)·100 = sqrt(1/9)·100 = 33.333…
    let c = cfg(
        (1.0, 5.0),
        &[("a", &["1"])],
        json!([{"name": "NPS", "role": "recommend"}]),
    );
    let csv = "E_1,P_1,NPS\n4,3,10\n4,3,9\n4,3,8\n4,3,7\n4,3,6\n4,3,0\n4,3,11\n";
    let nps = run(&c, csv)
        .analyses
        .metrics
        .and_then(|m| m.nps)
        .expect("nps");
    // 11 is outside 0–10: rejected by the survey model, not counted.
    assert_eq!(
        (nps.n, nps.promoters, nps.passives, nps.detractors),
        (6, 2, 2, 2)
    );
    assert!(nps.nps.is_some_and(|v| v.abs() < 1e-12));
    assert!((nps.se.unwrap_or(0.0) - 100.0 / 3.0).abs() < 1e-9);
    let nps = run(&c, "E_1,P_1,NPS\n4,3,\n")
        .analyses
        .metrics
        .and_then(|m| m.nps)
        .expect("nps");
    assert_eq!(nps.n, 0);
    assert_eq!(code(&nps.undefined), Some("too_few_observations"));
}

#[test]
fn ipa_sources_and_midpoints() {
    let dims: &[(&str, &[&str])] = &[("a", &["1", "2"]), ("b", &["3"])];
    // No importance source at all: no section.
    let plain = cfg((1.0, 7.0), dims, json!([]));
    let csv = "E_1,P_1,E_2,P_2,E_3,P_3\n5,4,6,5,5,6\n6,6,7,5,6,2\n";
    assert!(run(&plain, csv).analyses.ipa.is_none());
    // Asked for stated importance without columns: a section that says why.
    let mut asked = plain.clone();
    asked.analyses.ipa.importance = ImportanceSource::Stated;
    let ipa = run(&asked, csv).analyses.ipa.expect("explicit request");
    assert_eq!(code(&ipa.undefined), Some("no_importance_columns"));
    assert!(ipa.points.is_empty());

    // Point allocation: respondent 1 gives 60/40, respondent 2 gives 20/30 (= .4/.6):
    // mean share a = (.6 + .4)/2 = .5, b = .5 -> x = 50 points for every item.
    let alloc = cfg(
        (1.0, 7.0),
        dims,
        json!([
            {"name": "W_a", "role": "allocation", "dimension": "a"},
            {"name": "W_b", "role": "allocation", "dimension": "b"}
        ]),
    );
    let csv = "E_1,P_1,E_2,P_2,E_3,P_3,W_a,W_b\n5,4,6,5,5,6,60,40\n6,6,7,5,6,2,20,30\n";
    let mut c = alloc.clone();
    c.analyses.ipa.crosshairs = Crosshairs::Midpoint;
    let ipa = run(&c, csv).analyses.ipa.expect("allocation exists");
    assert_eq!(ipa.importance, Some(ImportanceKind::Allocation));
    for p in &ipa.points {
        assert!((p.x.unwrap_or(0.0) - 50.0).abs() < 1e-12);
    }
    // Midpoints: x = 100 / 2 dimensions = 50, y = (1 + 7)/2 = 4.
    assert_eq!(
        (ipa.crosshairs.x, ipa.crosshairs.y),
        (Some(50.0), Some(4.0))
    );
    // y: item 1 mean P 5, item 2 5, item 3 4 -> all ≥ 4 with x = 50 ≥ 50: keep up.
    assert!(ipa
        .points
        .iter()
        .all(|p| p.quadrant == Some(Quadrant::KeepUpTheGoodWork)));
    assert!(ipa.concentrate_here.is_empty());
}

#[test]
fn ipa_items_without_importance_are_unplotted_with_a_reason() {
    let c = cfg(
        (1.0, 5.0),
        &[("a", &["1", "2", "3"])],
        json!([
            {"name": "I_1", "role": "importance", "item": "1"},
            {"name": "I_2", "role": "importance", "item": "2"}
        ]),
    );
    // Means: I_1 = 5, I_2 = 3; P_1 = 2, P_2 = 4, P_3 = 3.
    // Cross-hairs over plotted items 1 and 2: x = 4, y = 3.
    let csv = "E_1,P_1,E_2,P_2,E_3,P_3,I_1,I_2\n4,2,4,4,4,3,5,3\n4,2,4,4,4,3,5,3\n";
    let ipa = run(&c, csv).analyses.ipa.expect("importance columns");
    assert_eq!((ipa.crosshairs.x, ipa.crosshairs.y), (Some(4.0), Some(3.0)));
    assert_eq!(ipa.points[0].quadrant, Some(Quadrant::ConcentrateHere));
    assert_eq!(ipa.points[1].quadrant, Some(Quadrant::PossibleOverkill));
    assert_eq!(ipa.points[2].quadrant, None);
    assert_eq!(code(&ipa.points[2].undefined), Some("no_importance_column"));
    assert_eq!(ipa.concentrate_here, ["1"]);
}

#[test]
fn comparisons_degenerate_groupings_say_why() {
    let c = cfg(
        (1.0, 7.0),
        &[("a", &["1"])],
        json!([
            {"name": "branch", "role": "segment"},
            {"name": "wave", "role": "wave"}
        ]),
    );
    // One branch only; two waves but the second has a single respondent.
    let csv = "E_1,P_1,branch,wave\n5,4,X,w1\n6,4,X,w1\n5,5,X,w1\n6,6, x ,w2\n";
    let cmp = run(&c, csv).analyses.comparisons.expect("groupings");
    // " x " is trimmed but case is kept: "X" and "x" are different groups.
    let b = &cmp.groupings[0];
    assert_eq!(b.groups.len(), 2);
    let w = &cmp.groupings[1];
    let t = w.welch.as_ref().expect("two waves");
    assert!(t.t.is_none());
    assert_eq!(code(&t.undefined), Some("too_few_observations"));

    let csv = "E_1,P_1,branch,wave\n5,4,X,w1\n6,4,X,w1\n5,5,,w1\n";
    let cmp = run(&c, csv).analyses.comparisons.expect("groupings");
    let b = &cmp.groupings[0];
    assert_eq!(b.unassigned, 1);
    assert_eq!(code(&b.undefined), Some("too_few_observations"));
    assert!(b.welch.is_none() && b.anova.is_none());

    // More than MAX_GROUPS distinct values: not compared.
    let mut csv = String::from("E_1,P_1,branch,wave\n");
    for i in 0..=gapscope::analyses::compare::MAX_GROUPS {
        csv.push_str(&format!("5,4,b{i},w\n"));
    }
    let cmp = run(&c, &csv).analyses.comparisons.expect("groupings");
    assert_eq!(code(&cmp.groupings[0].undefined), Some("too_many_groups"));
    assert!(cmp.groupings[0].groups.is_empty());
}

#[test]
fn hostile_tables_do_not_panic() {
    let c = cfg(
        (1.0, 7.0),
        &[("a", &["1", "2"]), ("b", &["3"])],
        json!([
            {"name": "OS", "role": "overall"},
            {"name": "NPS", "role": "recommend"},
            {"name": "CES", "role": "effort"},
            {"name": "I_1", "role": "importance", "item": "1"},
            {"name": "seg", "role": "segment"},
            {"name": "wave", "role": "wave"}
        ]),
    );
    for csv in [
        "",
        "E_1,P_1,E_2,P_2,E_3,P_3,OS,NPS,CES,I_1,seg,wave\n",
        "E_1,P_1,E_2,P_2,E_3,P_3,OS,NPS,CES,I_1,seg,wave\n,,,,,,,,,,,\n",
        "E_1,P_1,E_2,P_2,E_3,P_3,OS,NPS,CES,I_1,seg,wave\nx,y,z,1e400,NaN,inf,-inf,∞,,,,\n",
        "E_1,P_1,OS\n5,4,3\n",
        "E_1,P_1,E_2,P_2,E_3,P_3,OS,NPS,CES,I_1,seg,wave\n5,4,5,4,5,4,4,10,2,5,a,1\n",
    ] {
        let r = run(&c, csv);
        // Valid JSON (the cell text "NaN" may appear in a diagnostic, as text).
        let v: serde_json::Value = serde_json::from_str(&r.to_json()).expect("valid JSON");
        assert!(v.get("schema").is_some());
    }
    // Detection mode as well.
    let _ = Evaluator::detect().analyze_text("OS,推荐\n1,2\n");
}
