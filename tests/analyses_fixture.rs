//! The optional analyses on tests/fixtures/analyses.csv against independent
//! references. Every expected number was printed by
//! tests/reference/analyses_fixture.py (pingouin 0.7.0, statsmodels 0.15.0,
//! scipy 1.17.1, pandas 3.1.1); the lines of its output are quoted in comments.

use gapscope::analyses::ipa::{ImportanceKind, Quadrant};
use gapscope::analyses::reliability::Side;
use gapscope::model::analysis_options::{ImportanceSource, PerformanceMeasure, ScoreKind};
use gapscope::{Evaluator, Report, SurveyConfig};

const CSV: &str = include_str!("fixtures/analyses.csv");
const CONFIG: &str = include_str!("fixtures/analyses.json");
const EXACT: f64 = 1e-9;
const PVAL: f64 = 1e-7;

fn config() -> SurveyConfig {
    SurveyConfig::from_json(CONFIG).expect("fixture config is valid")
}

fn run(config: SurveyConfig) -> Report {
    Evaluator::with_config(config).analyze_text(CSV)
}

/// Relative agreement (exact zero only for an exact zero).
fn close(a: Option<f64>, b: f64, tol: f64) {
    let a = a.unwrap_or(f64::NAN);
    assert!((a - b).abs() <= tol * b.abs(), "got {a:e}, want {b:e}");
}

#[test]
fn reliability_matches_pingouin() {
    let report = run(config());
    let rel = report.analyses.reliability.expect("E and P items exist");
    // 3 dimensions × (E, P) + all items × (E, P)
    assert_eq!(rel.scales.len(), 8);
    let find = |dim: Option<&str>, side: Side| {
        rel.scales
            .iter()
            .find(|s| s.dimension.as_deref() == dim && s.side == side)
            .expect("scale present")
    };
    // tangibles E alpha 0.7785312603374132 n 35
    //     E_T1 alpha_if_deleted 0.7392405063291136 item_total_r 0.5789551911601533
    //     E_T2 alpha_if_deleted 0.5686746987951812 item_total_r 0.7256169334352937
    //     E_T3 alpha_if_deleted 0.7639225181598062 item_total_r 0.5545285018086261
    let s = find(Some("tangibles"), Side::Expectation);
    assert_eq!((s.k, s.n, s.excluded), (3, 35, 1));
    close(s.alpha, 0.7785312603374132, EXACT);
    assert_eq!(
        s.label.as_ref().map(|l| l.code.as_str()),
        Some("acceptable")
    );
    let want = [
        (0.7392405063291136, 0.5789551911601533),
        (0.5686746987951812, 0.7256169334352937),
        (0.7639225181598062, 0.5545285018086261),
    ];
    for (it, (a, r)) in s.item_stats.iter().zip(want) {
        close(it.alpha_if_deleted, a, EXACT);
        close(it.item_total_r, r, EXACT);
    }
    // reliability P alpha 0.6992770522388061 n 34
    //     P_R1 alpha_if_deleted 0.5856725802829552 item_total_r 0.5339801755146787
    //     P_R2 alpha_if_deleted 0.5962790697674418 item_total_r 0.5243282325113415
    //     P_R3 alpha_if_deleted 0.6416723471938195 item_total_r 0.48894599371746056
    let s = find(Some("reliability"), Side::Perception);
    assert_eq!((s.n, s.excluded), (34, 2));
    close(s.alpha, 0.6992770522388061, EXACT);
    assert_eq!(
        s.label.as_ref().map(|l| l.code.as_str()),
        Some("questionable")
    );
    let want = [
        (0.5856725802829552, 0.5339801755146787),
        (0.5962790697674418, 0.5243282325113415),
        (0.6416723471938195, 0.48894599371746056),
    ];
    for (it, (a, r)) in s.item_stats.iter().zip(want) {
        close(it.alpha_if_deleted, a, EXACT);
        close(it.item_total_r, r, EXACT);
    }
    // empathy E alpha 0.4649042844120328 n 35 (two items: no α if deleted)
    //     E_M1 ... item_total_r 0.303159247215585
    let s = find(Some("empathy"), Side::Expectation);
    close(s.alpha, 0.4649042844120328, EXACT);
    assert_eq!(s.label.as_ref().map(|l| l.code.as_str()), Some("poor"));
    assert!(s.item_stats[0].alpha_if_deleted.is_none());
    assert!(s.item_stats[0].alpha_if_deleted_undefined.is_some());
    close(s.item_stats[0].item_total_r, 0.303159247215585, EXACT);
    // empathy P alpha 0.8096969696969696 n 35
    let s = find(Some("empathy"), Side::Perception);
    close(s.alpha, 0.8096969696969696, EXACT);
    assert_eq!(s.label.as_ref().map(|l| l.code.as_str()), Some("good"));
    // all P alpha 0.7119720513622908 n 32
    //     P_M1 alpha_if_deleted 0.64138689048761 item_total_r 0.5814187702372603
    let s = find(None, Side::Perception);
    assert_eq!((s.k, s.n), (8, 32));
    close(s.alpha, 0.7119720513622908, EXACT);
    let m1 = s.item_stats.iter().find(|i| i.item == "M1").expect("M1");
    close(m1.alpha_if_deleted, 0.64138689048761, EXACT);
    close(m1.item_total_r, 0.5814187702372603, EXACT);
    // all E alpha 0.48563395367519085 n 33
    //     E_M1 alpha_if_deleted 0.5627583979328165 item_total_r -0.07755376290185943
    let s = find(None, Side::Expectation);
    assert_eq!(s.n, 33);
    close(s.alpha, 0.48563395367519085, EXACT);
    let m1 = s.item_stats.iter().find(|i| i.item == "M1").expect("M1");
    close(m1.alpha_if_deleted, 0.5627583979328165, EXACT);
    close(m1.item_total_r, -0.07755376290185943, EXACT);
}

#[test]
fn ipa_stated_importance_matches_pandas() {
    let report = run(config());
    let ipa = report.analyses.ipa.expect("importance columns exist");
    assert_eq!(ipa.importance, Some(ImportanceKind::Stated));
    // crosshairs 5.707142857142857 4.862698412698413
    close(ipa.crosshairs.x, 5.707142857142857, EXACT);
    close(ipa.crosshairs.y, 4.862698412698413, EXACT);
    let want = [
        ("T1", 4.75, 4.944444444444445, Quadrant::PossibleOverkill),
        (
            "T2",
            4.944444444444445,
            5.057142857142857,
            Quadrant::PossibleOverkill,
        ),
        (
            "T3",
            5.166666666666667,
            4.833333333333333,
            Quadrant::LowPriority,
        ),
        (
            "R1",
            6.333333333333333,
            4.6571428571428575,
            Quadrant::ConcentrateHere,
        ),
        (
            "R2",
            6.527777777777778,
            5.085714285714285,
            Quadrant::KeepUpTheGoodWork,
        ),
        (
            "R3",
            6.472222222222222,
            4.914285714285715,
            Quadrant::KeepUpTheGoodWork,
        ),
        (
            "M1",
            5.805555555555555,
            4.742857142857143,
            Quadrant::ConcentrateHere,
        ),
        (
            "M2",
            5.6571428571428575,
            4.666666666666667,
            Quadrant::LowPriority,
        ),
    ];
    assert_eq!(ipa.points.len(), want.len());
    for (p, (id, x, y, q)) in ipa.points.iter().zip(want) {
        assert_eq!(p.item, id);
        close(p.x, x, EXACT);
        close(p.y, y, EXACT);
        assert_eq!(p.quadrant, Some(q), "{id}");
    }
    // Most important first.
    assert_eq!(ipa.concentrate_here, ["R1", "M1"]);
    assert_eq!(ipa.quadrants.len(), 4);
}

#[test]
fn ipa_derived_importance_and_gap_performance() {
    let mut c = config();
    c.analyses.ipa.importance = ImportanceSource::Derived;
    c.analyses.ipa.performance = PerformanceMeasure::Gap;
    let ipa = run(c).analyses.ipa.expect("overall exists");
    assert_eq!(ipa.importance, Some(ImportanceKind::Derived));
    //    T1 r 0.3395598862097417 p 0.04597264820226003 n 35 gap -0.8
    //    T2 r 0.23162212494709383 p 0.1874808103997981 n 34 gap -0.5428571428571428
    //    R1 r 0.5341928495772259 p 0.0011373972654285997 n 34 gap -1.3235294117647058
    //    M2 r 0.5126989443539399 p 0.0016377534764011462 n 35 gap -1.4
    let want = [
        ("T1", 0.3395598862097417, 0.04597264820226003, 35, -0.8),
        (
            "T2",
            0.23162212494709383,
            0.1874808103997981,
            34,
            -0.5428571428571428,
        ),
        (
            "R1",
            0.5341928495772259,
            0.0011373972654285997,
            34,
            -1.3235294117647058,
        ),
        ("M2", 0.5126989443539399, 0.0016377534764011462, 35, -1.4),
    ];
    for (id, r, p, n, gap) in want {
        let pt = ipa.points.iter().find(|x| x.item == id).expect("point");
        close(pt.x, r, EXACT);
        close(pt.p_x, p, PVAL);
        assert_eq!(pt.n_x, n);
        close(pt.y, gap, EXACT);
    }
}

#[test]
fn metrics_match_hand_computation() {
    let mut c = config();
    let m = run(c.clone())
        .analyses
        .metrics
        .expect("NPS, OS and CES exist");
    // NPS n 35 promoters 5 detractors 17 nps -34.285714285714285 se 12.083287255701162
    let nps = m.nps.expect("nps");
    assert_eq!(
        (nps.n, nps.promoters, nps.passives, nps.detractors),
        (35, 5, 13, 17)
    );
    close(nps.nps, -34.285714285714285, EXACT);
    close(nps.se, 12.083287255701162, EXACT);
    // CSAT top2 n 35 satisfied 11 share 0.3142857142857143
    let csat = m.csat.expect("csat");
    assert_eq!(
        (csat.n, csat.satisfied, csat.threshold),
        (35, 11, Some(6.0))
    );
    close(csat.share, 0.3142857142857143, EXACT);
    assert!(
        csat.definition.en.contains("6 or 7"),
        "{}",
        csat.definition.en
    );
    // CES n 35 mean 3.0285714285714285 sd 0.8219673059804996
    let ces = m.ces.expect("ces");
    assert_eq!(ces.effort.n, 35);
    close(ces.effort.mean, 3.0285714285714285, EXACT);
    close(ces.effort.sd, 0.8219673059804996, EXACT);
    assert!(ces.direction.is_none() && !ces.notes.is_empty());
    // CSAT top3 share 0.8
    c.analyses.csat.top_k = 3;
    let csat = run(c).analyses.metrics.and_then(|m| m.csat).expect("csat");
    close(csat.share, 0.8, EXACT);
    assert_eq!(csat.threshold, Some(5.0));
}

#[test]
fn drivers_on_perception_match_statsmodels() {
    let d = run(config()).analyses.drivers.expect("OS exists");
    assert_eq!(d.score, ScoreKind::Perception);
    //   r tangibles 0.27941909679137844 p 0.10403581993143833 n 35
    //   r reliability 0.5528289107062435 p 0.000697405023614582 n 34
    //   r empathy 0.5627580789976862 p 0.0004330226891529111 n 35
    let want = [
        (0.27941909679137844, 0.10403581993143833, 35),
        (0.5528289107062435, 0.000697405023614582, 34),
        (0.5627580789976862, 0.0004330226891529111, 35),
    ];
    for (c, (r, p, n)) in d.correlations.iter().zip(want) {
        close(c.r, r, EXACT);
        close(c.p, p, PVAL);
        assert_eq!(c.n, n);
    }
    let g = &d.regression;
    //   n 34 missing OS 1
    assert_eq!(g.n, 34);
    assert_eq!(
        (g.excluded.missing_overall, g.excluded.missing_score),
        (1, 1)
    );
    //   params ['0.8245975336015143', '0.18630269864719848', '0.42158097090782065', '0.29157086790216397']
    //   bse ['0.9988647846379022', '0.16595337510663388', '0.13909826553482987', '0.1149992669382678']
    //   tvalues ['0.825534693267256', '1.122620727222264', '3.03081400251003', '2.535415013199003']
    //   pvalues ['0.4155848928828326', '0.2705031415265055', '0.004987190614652855', '0.016679408897650704']
    //   rsquared 0.486761600569251 adj 0.435437760626176 F 9.484122799641174 F p 0.0001456299447919881
    //   vif ['1.1146962383552734', '1.1365745858845053', '1.2569475069796021']
    //   beta ['0.15502804410253182', '0.42262696116563053', '0.371797591164173']
    //   rel ['0.163281499977003', '0.44512697395709305', '0.3915915260659039']
    let params = [
        0.8245975336015143,
        0.18630269864719848,
        0.42158097090782065,
        0.29157086790216397,
    ];
    let bse = [
        0.9988647846379022,
        0.16595337510663388,
        0.13909826553482987,
        0.1149992669382678,
    ];
    let tv = [
        0.825534693267256,
        1.122620727222264,
        3.03081400251003,
        2.535415013199003,
    ];
    let pv = [
        0.4155848928828326,
        0.2705031415265055,
        0.004987190614652855,
        0.016679408897650704,
    ];
    let coefs: Vec<_> = g.intercept.iter().chain(&g.coefficients).collect();
    assert_eq!(coefs.len(), 4);
    for (i, c) in coefs.iter().enumerate() {
        close(Some(c.b), params[i], EXACT);
        close(c.se, bse[i], EXACT);
        close(c.t, tv[i], EXACT);
        close(c.p, pv[i], PVAL);
    }
    close(g.r2, 0.486761600569251, EXACT);
    close(g.adj_r2, 0.435437760626176, EXACT);
    close(g.f, 9.484122799641174, EXACT);
    close(g.f_p, 0.0001456299447919881, PVAL);
    assert_eq!((g.df_model, g.df_resid), (Some(3), Some(30)));
    let vif = [1.1146962383552734, 1.1365745858845053, 1.2569475069796021];
    let beta = [0.15502804410253182, 0.42262696116563053, 0.371797591164173];
    let rel = [0.163281499977003, 0.44512697395709305, 0.3915915260659039];
    for (j, c) in g.coefficients.iter().enumerate() {
        close(c.vif, vif[j], EXACT);
        close(c.beta, beta[j], EXACT);
        close(c.relative_importance, rel[j], EXACT);
    }
    assert!(g.warnings.is_empty() && g.undefined.is_none());
}

#[test]
fn drivers_on_gap_match_statsmodels() {
    let mut c = config();
    c.analyses.drivers.score = ScoreKind::Gap;
    let d = run(c).analyses.drivers.expect("OS exists");
    //   r reliability 0.4161231227206629 p 0.01601140948484967 n 33
    close(d.correlations[1].r, 0.4161231227206629, EXACT);
    close(d.correlations[1].p, 0.01601140948484967, PVAL);
    assert_eq!(d.correlations[1].n, 33);
    let g = &d.regression;
    //   n 32
    //   params ['6.080618426161758', '0.18448874499189127', '0.30607905102238414', '0.3405945429144812']
    //   pvalues ['4.932375892821622e-21', '0.1638786268794398', '0.012337638196041762', '0.0018916834588575723']
    //   rsquared 0.4390931346306668 adj 0.3789959704839525 F 7.306386929651383 F p 0.0009122220115228856
    //   vif ['1.0180368000040636', '1.0172344398159527', '1.0074936942179342']
    assert_eq!(g.n, 32);
    let params = [
        6.080618426161758,
        0.18448874499189127,
        0.30607905102238414,
        0.3405945429144812,
    ];
    let pv = [
        4.932375892821622e-21,
        0.1638786268794398,
        0.012337638196041762,
        0.0018916834588575723,
    ];
    let coefs: Vec<_> = g.intercept.iter().chain(&g.coefficients).collect();
    for (i, c) in coefs.iter().enumerate() {
        close(Some(c.b), params[i], EXACT);
        // Relative agreement also for the tiny intercept p-value.
        let p = c.p.unwrap_or(f64::NAN);
        assert!((p - pv[i]).abs() <= PVAL * pv[i], "{p:e} vs {:e}", pv[i]);
    }
    close(g.r2, 0.4390931346306668, EXACT);
    close(g.adj_r2, 0.3789959704839525, EXACT);
    close(g.f, 7.306386929651383, EXACT);
    close(g.f_p, 0.0009122220115228856, PVAL);
    for (c, v) in
        g.coefficients
            .iter()
            .zip([1.0180368000040636, 1.0172344398159527, 1.0074936942179342])
    {
        close(c.vif, v, EXACT);
    }
}

#[test]
fn comparisons_match_scipy() {
    let cmp = run(config()).analyses.comparisons.expect("branch and wave");
    assert_eq!(cmp.groupings.len(), 2);
    // branch groups ['A', 'B', 'C'] unassigned 1
    //    A n 12 score n 12 mean -0.8611111111111113 sd 0.6083500528120741 servqual -0.861111111111111
    //    B n 11 score n 11 mean -1.4545454545454546 sd 0.48674922043231894 servqual -1.4545454545454548
    //    C n 12 score n 12 mean -0.7777777777777778 sd 0.8236814787593433 servqual -0.7825757575757574
    //    anova F 3.5492297978705922 p 0.04053641106200459
    //    dimension p ['0.12170649102085507', '0.11338597180533662', '0.05632915205613128']
    //    BH ['0.12170649102085507', '0.12170649102085507', '0.12170649102085507']
    let b = &cmp.groupings[0];
    assert_eq!(b.column, "branch");
    assert_eq!(b.unassigned, 1);
    let want = [
        (
            "A",
            12,
            -0.8611111111111113,
            0.6083500528120741,
            -0.861111111111111,
        ),
        (
            "B",
            11,
            -1.4545454545454546,
            0.48674922043231894,
            -1.4545454545454548,
        ),
        (
            "C",
            12,
            -0.7777777777777778,
            0.8236814787593433,
            -0.7825757575757574,
        ),
    ];
    for (g, (v, n, mean, sd, sq)) in b.groups.iter().zip(want) {
        assert_eq!((g.value.as_str(), g.n, g.score.n), (v, n, n));
        close(g.score.mean, mean, EXACT);
        close(g.score.sd, sd, EXACT);
        close(g.servqual, sq, EXACT);
    }
    let a = b.anova.as_ref().expect("three groups: ANOVA");
    assert!(b.welch.is_none());
    close(a.f, 3.5492297978705922, EXACT);
    close(a.p, 0.04053641106200459, PVAL);
    let ps = [
        0.12170649102085507,
        0.11338597180533662,
        0.05632915205613128,
    ];
    for (t, p) in b.dimension_tests.iter().zip(ps) {
        close(t.p, p, PVAL);
        close(t.p_bh, 0.12170649102085507, PVAL);
    }
    // wave groups ['2023', '2024'] unassigned 0
    //    2023 n 18 score n 18 mean -1.1481481481481481 ... servqual -1.1568627450980393
    //    2024 n 18 score n 18 mean -0.882716049382716 ... servqual -0.870551924473493
    //    welch t -1.147609143269538 df 30.176977615445956 p 0.2601469640219955
    //    dimension p ['0.8262983148031356', '0.14309280525960874', '0.6636568982494053']
    //    BH ['0.8262983148031356', '0.42927841577882625', '0.8262983148031356']
    let w = &cmp.groupings[1];
    assert_eq!((w.column.as_str(), w.unassigned), ("wave", 0));
    close(w.groups[0].servqual, -1.1568627450980393, EXACT);
    close(w.groups[1].servqual, -0.870551924473493, EXACT);
    let t = w.welch.as_ref().expect("two groups: Welch");
    close(t.t, -1.147609143269538, EXACT);
    close(t.df, 30.176977615445956, EXACT);
    close(t.p, 0.2601469640219955, PVAL);
    let bh = [0.8262983148031356, 0.42927841577882625, 0.8262983148031356];
    let ps = [0.8262983148031356, 0.14309280525960874, 0.6636568982494053];
    for ((d, p), q) in w.dimension_tests.iter().zip(ps).zip(bh) {
        close(d.p, p, PVAL);
        close(d.p_bh, q, PVAL);
    }
}

#[test]
fn sections_serialise_as_top_level_keys() {
    let json = run(config()).to_json();
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    for key in ["reliability", "ipa", "metrics", "drivers", "comparisons"] {
        assert!(v.get(key).is_some(), "{key} missing");
    }
    assert!(!json.contains("NaN"));
    // The sections read back into the same values (through a JSON value, which
    // keeps f64 exactly; text parsing may move the last bit).
    let analyses = run(config()).analyses;
    let json = serde_json::to_value(&analyses).expect("serialises");
    let back: gapscope::analyses::Analyses = serde_json::from_value(json).expect("round trip");
    assert_eq!(back, analyses);
}
