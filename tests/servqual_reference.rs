//! SERVQUAL and SERVPERF numbers (METHODS.md §2–3, weights §5) checked against an
//! independent numpy/SciPy implementation.
//!
//! Fixture: tests/fixtures/servqual_22.csv (16 respondents, the 22 PZB items as
//! E1..E22 / P1..P22 on 1–7, blanks and NA placed so that the min_items rule
//! matters, and 100-point allocation columns; made by
//! tests/reference/make_servqual_fixture.py).
//!
//! Every constant below is the output of
//!     python3 tests/reference/servqual_reference.py
//! (numpy 2, SciPy 1.17), which reads the fixture with the csv module and computes,
//! per METHODS.md:
//!     item gap:     both = ~isnan(e) & ~isnan(p); stats.ttest_rel(p[both], e[both]);
//!                   g = p[both] - e[both]; sd = g.std(ddof=1); se = sd/sqrt(n);
//!                   ci = g.mean() ± stats.t.ppf(0.975, n-1) * se; d_z = g.mean()/sd
//!     E, P:         np.nanmean, np.nanstd(ddof=1) over all answers of the item
//!     dimension:    D_i = mean(P-E) over the respondent's paired items if their
//!                   number >= need (need = ceil(k/2), or min_items); dimension gap =
//!                   stats.ttest_1samp(D[~isnan(D)], 0) with the same CI
//!     SERVPERF:     mean P over the respondent's answered P items (same need rule)
//!     overall:      mean of the dimension gaps / SERVPERF scores
//!     allocation:   a_i = points_i / sum(points_i) (complete and > 0); weights =
//!                   mean a_i; score = mean over respondents with every D_id of
//!                   sum_d a_id * D_id (PZB 1991)
//!     direct:       w = raw / raw.sum(); score = sum_d w_d * gap_d
//! The tests never call python.

// SciPy's numbers are pasted verbatim, and one of them happens to be √2.
#![allow(clippy::approx_constant)]

mod common;
use common::*;
use gapscope::model::config::Weighting;
use gapscope::{Evaluator, Report, SurveyConfig};

const DIMS: [&str; 5] = [
    "tangibles",
    "reliability",
    "responsiveness",
    "assurance",
    "empathy",
];

// Items Q1..Q22 in survey order.
const ITEM_E_N: [usize; 22] = [
    15, 16, 16, 16, 14, 16, 15, 16, 15, 16, 15, 16, 15, 16, 16, 15, 16, 16, 16, 16, 15, 16,
];
const ITEM_E_MEAN: [f64; 22] = [
    6.0,
    5.8125,
    5.625,
    5.3125,
    5.857142857142857,
    6.0,
    5.8,
    5.9375,
    5.533333333333333,
    6.1875,
    5.733333333333333,
    5.8125,
    5.8,
    5.5,
    5.75,
    5.733333333333333,
    5.6875,
    5.75,
    5.8125,
    5.6875,
    5.933333333333334,
    5.9375,
];
const ITEM_E_SD: [f64; 22] = [
    0.6546536707079771,
    0.75,
    0.806225774829855,
    1.0144785195688801,
    0.9492622930986468,
    0.6324555320336759,
    0.6761234037828132,
    0.7719024117939607,
    1.0600988273786194,
    0.6551081335677849,
    0.8837151016885368,
    0.9810708435174292,
    0.7745966692414833,
    0.6324555320336759,
    1.0,
    1.0997835284835873,
    1.0144785195688801,
    1.0645812948447542,
    0.8341662504161466,
    1.0144785195688801,
    0.8837151016885368,
    0.9979144919948469,
];
const ITEM_P_N: [usize; 22] = [
    16, 15, 15, 14, 16, 15, 16, 16, 16, 16, 16, 16, 16, 15, 16, 16, 16, 15, 15, 14, 15, 15,
];
const ITEM_P_MEAN: [f64; 22] = [
    5.4375,
    5.0,
    4.866666666666666,
    4.428571428571429,
    4.8125,
    4.6,
    4.9375,
    5.375,
    4.375,
    5.3125,
    5.25,
    4.5,
    5.3125,
    5.0,
    5.1875,
    4.75,
    4.625,
    5.066666666666666,
    5.066666666666666,
    4.928571428571429,
    5.066666666666666,
    5.066666666666666,
];
const ITEM_P_SD: [f64; 22] = [
    1.3647344063956182,
    1.4142135623730951,
    1.7265434778633235,
    1.1578684470436789,
    1.3275918047351754,
    1.3522468075656264,
    1.181453906563152,
    1.5438048235879214,
    1.8929694486000912,
    1.1954775893619531,
    1.1832159566199232,
    1.505545305418162,
    0.873212459828649,
    1.1952286093343936,
    1.682012683265696,
    1.3416407864998738,
    1.4548768561863463,
    1.579632265825846,
    1.4864467059144129,
    1.4392458342578487,
    1.3870146083619754,
    1.162919151265879,
];
const ITEM_G_N: [usize; 22] = [
    15, 15, 15, 14, 14, 15, 15, 16, 15, 16, 15, 16, 15, 15, 16, 15, 16, 15, 15, 14, 14, 15,
];
const ITEM_G_MEAN: [f64; 22] = [
    -0.5333333333333333,
    -0.8,
    -0.8,
    -0.7857142857142857,
    -0.9285714285714286,
    -1.4666666666666666,
    -0.8666666666666667,
    -0.5625,
    -1.1333333333333333,
    -0.875,
    -0.3333333333333333,
    -1.3125,
    -0.5333333333333333,
    -0.5333333333333333,
    -0.5625,
    -0.9333333333333333,
    -1.0625,
    -0.6666666666666666,
    -0.8,
    -0.7142857142857143,
    -0.8571428571428571,
    -0.8,
];
const ITEM_G_SD: [f64; 22] = [
    1.4074631010979934,
    0.9411239481143203,
    1.2649110640673518,
    0.892582375303981,
    1.071611705960535,
    1.1254628677422756,
    1.0600988273786192,
    1.5041608956491324,
    1.3020130933435712,
    0.8850612031567836,
    0.48795003647426666,
    1.25,
    0.833809387832792,
    0.990430401872025,
    1.4127396551853895,
    1.0327955589886446,
    1.0626225419530053,
    1.0465362369445672,
    1.2071217242444348,
    1.2666473875533018,
    0.9492622930986466,
    0.8618916073713346,
];
const ITEM_G_T: [f64; 22] = [
    -1.4675987714106857,
    -3.292219567012406,
    -2.449489742783178,
    -3.293672093889883,
    -3.2422155576839797,
    -5.047146145152358,
    -3.1662949529084563,
    -1.4958506144577006,
    -3.3712265630369376,
    -3.9545287800622244,
    -2.6457513110645903,
    -4.2,
    -2.4772941491413287,
    -2.085548983626804,
    -1.592650133194385,
    -3.4999999999999996,
    -3.9995387187899096,
    -2.4671758189758446,
    -2.566755791678992,
    -2.1099892877738853,
    -3.378555038228838,
    -3.5948681370916686,
];
const ITEM_G_P: [f64; 22] = [
    0.1643178984695999,
    0.005344383542013967,
    0.02807137155929507,
    0.005818124959446992,
    0.0064237646789112824,
    0.00017825639947754312,
    0.006865599934068164,
    0.1554341448645053,
    0.004566964805141582,
    0.001271732557944351,
    0.019187621399825588,
    0.0007729033499262623,
    0.026607580197584184,
    0.055803833438490984,
    0.13208881163781014,
    0.0035352081058589637,
    0.001160405068626425,
    0.02713161550758154,
    0.022377804237141075,
    0.05480918528357111,
    0.00494184034996975,
    0.002928148185673593,
];
const ITEM_G_LO: [f64; 22] = [
    -1.3127604191550497,
    -1.3211770707903632,
    -1.5004843990016754,
    -1.3010760058263497,
    -1.5473016067109673,
    -2.089927228539001,
    -1.4537298295035073,
    -1.364010764370032,
    -1.8543641513027784,
    -1.3466158248152786,
    -0.6035510567386861,
    -1.97857798298743,
    -0.9950815814986357,
    -1.081815408094735,
    -1.3152958240097932,
    -1.5052764501114144,
    -1.6287315835368268,
    -1.246219117265325,
    -1.4684817293085246,
    -1.4456261423359635,
    -1.4052305874682878,
    -1.2772996629919195,
];
const ITEM_G_HI: [f64; 22] = [
    0.24609375248838294,
    -0.2788229292096369,
    -0.09951560099832457,
    -0.27035256560222176,
    -0.30984125043189004,
    -0.8434061047943321,
    -0.2796035038298261,
    0.2390107643700322,
    -0.4123025153638882,
    -0.40338417518472125,
    -0.06311560992798043,
    -0.6464220170125701,
    -0.07158508516803097,
    0.015148741428068324,
    0.19029582400979328,
    -0.3613902165552523,
    -0.4962684164631732,
    -0.08711421606800829,
    -0.13151827069147548,
    0.017054713764534934,
    -0.3090551268174264,
    -0.3227003370080805,
];
const ITEM_G_DZ: [f64; 22] = [
    -0.37893237337253677,
    -0.8500474370064828,
    -0.6324555320336759,
    -0.8802708942653052,
    -0.8665185564944041,
    -1.303167531070003,
    -0.8175338414530032,
    -0.37396265361442516,
    -0.8704469556622753,
    -0.9886321950155561,
    -0.6831300510639731,
    -1.05,
    -0.6396345988854294,
    -0.5384864320857612,
    -0.39816253329859624,
    -0.9036961141150639,
    -0.9998846796974774,
    -0.637022057270606,
    -0.6627334956636113,
    -0.5639183574723604,
    -0.9029568153865177,
    -0.9281909617845143,
];
// Dimensions in PZB order; min_items = default (half, rounded up).
const DIM_G_N: [usize; 5] = [15, 15, 16, 16, 15];
const DIM_G_MEAN: [f64; 5] = [
    -0.7722222222222221,
    -1.0044444444444445,
    -0.7864583333333334,
    -0.7708333333333333,
    -0.7633333333333334,
];
const DIM_G_SD: [f64; 5] = [
    0.4644789992461885,
    0.5505937151416089,
    0.5618823769754268,
    0.626941429126801,
    0.5044327318408085,
];
const DIM_G_T: [f64; 5] = [
    -6.439050659107903,
    -7.065457702370182,
    -5.598739989438951,
    -4.918056440499993,
    -5.86079590199548,
];
const DIM_G_P: [f64; 5] = [
    1.550549723615336e-05,
    5.634724302845903e-06,
    5.0772861327313436e-05,
    0.00018569675341810536,
    4.1404429957738194e-05,
];
const DIM_G_LO: [f64; 5] = [
    -1.0294421184492837,
    -1.3093530807914924,
    -1.0858643175989133,
    -1.1049068393845625,
    -1.042678869187914,
];
const DIM_G_HI: [f64; 5] = [
    -0.5150023259951607,
    -0.6995358080973966,
    -0.48705234906775335,
    -0.43675982728210416,
    -0.48398779747875287,
];
const DIM_E_MEAN: [f64; 5] = [
    5.6611111111111105,
    5.866666666666668,
    5.890625,
    5.671875,
    5.796666666666666,
];
const DIM_P_MEAN: [f64; 5] = [
    4.888888888888889,
    4.862222222222223,
    5.104166666666667,
    4.901041666666666,
    5.033333333333334,
];
const DIM_PERF_MEAN: [f64; 5] = [
    4.905555555555556,
    4.825,
    5.09375,
    4.890625,
    5.036666666666666,
];
const SERVQUAL: f64 = -0.8194583333333334;
const SERVPERF: f64 = 4.950319444444444;
const ALLOC_SERVQUAL: f64 = -0.8864412357902456; // mean of 12 S_i
const ALLOC_SERVPERF: f64 = 4.86824994807173;
const DIRECT_SERVQUAL: f64 = -0.8430555555555557;
const DIRECT_SERVPERF: f64 = 4.934961805555555;
const ALLOC_WEIGHTS: [f64; 5] = [
    0.1858077141047438,
    0.17414121412141217,
    0.15926092609260928,
    0.23056405640564062,
    0.25022608927559425,
]; // 15 respondents
const DIRECT_WEIGHTS: [f64; 5] = [0.1, 0.3, 0.2, 0.25, 0.15];
const ANALYSED: usize = 16;
// Dimensions in PZB order; min_items = 1.
const MIN1_DIM_G_N: [usize; 5] = [16, 16, 16, 16, 15];
const MIN1_DIM_G_MEAN: [f64; 5] = [
    -0.6614583333333333,
    -1.0041666666666667,
    -0.7864583333333334,
    -0.7708333333333333,
    -0.7633333333333334,
];
const MIN1_DIM_G_SD: [f64; 5] = [
    0.6305999127814719,
    0.5319252244859651,
    0.5618823769754268,
    0.626941429126801,
    0.5044327318408085,
];
const MIN1_DIM_G_T: [f64; 5] = [
    -4.195740087661922,
    -7.551186673931923,
    -5.598739989438951,
    -4.918056440499993,
    -5.86079590199548,
];
const MIN1_DIM_G_P: [f64; 5] = [
    0.000779582829118605,
    1.7403445442608123e-06,
    5.0772861327313436e-05,
    0.00018569675341810536,
    4.1404429957738194e-05,
];
const MIN1_DIM_G_LO: [f64; 5] = [
    -0.9974813077153589,
    -1.2876096111672646,
    -1.0858643175989133,
    -1.1049068393845625,
    -1.042678869187914,
];
const MIN1_DIM_G_HI: [f64; 5] = [
    -0.3254353589513076,
    -0.7207237221660686,
    -0.48705234906775335,
    -0.43675982728210416,
    -0.48398779747875287,
];
const MIN1_DIM_E_MEAN: [f64; 5] = [
    5.682291666666666,
    5.875000000000001,
    5.890625,
    5.671875,
    5.796666666666666,
];
const MIN1_DIM_P_MEAN: [f64; 5] = [
    5.020833333333334,
    4.870833333333334,
    5.104166666666667,
    4.901041666666666,
    5.033333333333334,
];
const MIN1_DIM_PERF_MEAN: [f64; 5] = [
    5.036458333333334,
    4.825,
    5.09375,
    4.890625,
    5.036666666666666,
];
const MIN1_SERVQUAL: f64 = -0.7972499999999999;
const MIN1_SERVPERF: f64 = 4.9765;
const MIN1_ALLOC_SERVQUAL: f64 = -0.8577533824811052; // mean of 14 S_i
const MIN1_ALLOC_SERVPERF: f64 = 4.875820839226781;
const MIN1_DIRECT_SERVQUAL: f64 = -0.8318958333333335;
const MIN1_DIRECT_SERVPERF: f64 = 4.948052083333333;

fn detected() -> Report {
    Evaluator::detect().analyze_text(&fixture("servqual_22.csv"))
}

fn with(config: SurveyConfig) -> Report {
    Evaluator::with_config(config).analyze_text(&fixture("servqual_22.csv"))
}

#[test]
fn detection_reads_the_22_pzb_items_and_the_allocation() {
    let r = detected();
    assert_eq!(r.respondents.total, 16);
    assert_eq!(r.respondents.analysed, ANALYSED);
    assert_eq!(r.items.len(), 22);
    let dims: Vec<&str> = r.config.dimensions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(dims, DIMS);
    assert_eq!(r.config.scale.min, 1.0);
    assert_eq!(r.config.scale.max, 7.0);
    assert_eq!(r.config.weighting, Weighting::Allocation);
    let items_of = |d: &str| dimension(&r, d).items.clone();
    assert_eq!(items_of("tangibles"), ["Q1", "Q2", "Q3", "Q4"]);
    assert_eq!(items_of("reliability"), ["Q5", "Q6", "Q7", "Q8", "Q9"]);
    assert_eq!(items_of("responsiveness"), ["Q10", "Q11", "Q12", "Q13"]);
    assert_eq!(items_of("assurance"), ["Q14", "Q15", "Q16", "Q17"]);
    assert_eq!(items_of("empathy"), ["Q18", "Q19", "Q20", "Q21", "Q22"]);
    // Blanks and NA are missing answers, not errors.
    assert_eq!(count(&r, "non_numeric"), 0);
    assert_eq!(count(&r, "out_of_scale"), 0);
    assert_json_sound(&r);
}

#[test]
fn item_statistics_match_scipy() {
    let r = detected();
    for j in 0..22 {
        let it = item(&r, &format!("Q{}", j + 1));
        let w = |s: &str| format!("Q{} {s}", j + 1);
        assert_eq!(it.expectation.n, ITEM_E_N[j], "{}", w("E n"));
        close(
            some(it.expectation.mean, "E mean"),
            ITEM_E_MEAN[j],
            EXACT,
            &w("E mean"),
        );
        close(
            some(it.expectation.sd, "E sd"),
            ITEM_E_SD[j],
            EXACT,
            &w("E sd"),
        );
        assert_eq!(it.perception.n, ITEM_P_N[j], "{}", w("P n"));
        close(
            some(it.perception.mean, "P mean"),
            ITEM_P_MEAN[j],
            EXACT,
            &w("P mean"),
        );
        close(
            some(it.perception.sd, "P sd"),
            ITEM_P_SD[j],
            EXACT,
            &w("P sd"),
        );
        let g = &it.gap;
        assert_eq!(g.n, ITEM_G_N[j], "{}", w("gap n"));
        assert_eq!(g.df, Some(ITEM_G_N[j] - 1), "{}", w("df"));
        close(
            some(g.mean, "gap mean"),
            ITEM_G_MEAN[j],
            EXACT,
            &w("gap mean"),
        );
        close(some(g.sd, "gap sd"), ITEM_G_SD[j], EXACT, &w("gap sd"));
        close(some(g.t, "t"), ITEM_G_T[j], EXACT, &w("t"));
        close(some(g.d_z, "d_z"), ITEM_G_DZ[j], EXACT, &w("d_z"));
        close_rel(some(g.p, "p"), ITEM_G_P[j], SPECIAL, &w("p"));
        let ci = g.ci95.unwrap_or_else(|| panic!("{} has no CI", w("gap")));
        close(ci[0], ITEM_G_LO[j], SPECIAL, &w("ci95 low"));
        close(ci[1], ITEM_G_HI[j], SPECIAL, &w("ci95 high"));
        assert_eq!(
            it.dimension,
            DIMS[gapscope::model::config::SERVQUAL_DIMENSIONS
                .iter()
                .position(|d| (d.3..=d.4).contains(&(j + 1)))
                .unwrap_or(99)]
        );
        assert!(g.undefined.is_none());
        assert_eq!(it.significant, ITEM_G_P[j] < 0.05, "{}", w("significant"));
    }
}

#[allow(clippy::too_many_arguments)]
fn check_dimensions(
    r: &Report,
    n: [usize; 5],
    mean: [f64; 5],
    sd: [f64; 5],
    t: [f64; 5],
    p: [f64; 5],
    lo: [f64; 5],
    hi: [f64; 5],
    e: [f64; 5],
    pm: [f64; 5],
    perf: [f64; 5],
) {
    for (k, id) in DIMS.iter().enumerate() {
        let d = dimension(r, id);
        let w = |s: &str| format!("{id} {s}");
        assert_eq!(d.gap.n, n[k], "{}", w("n"));
        close(some(d.gap.mean, "gap"), mean[k], EXACT, &w("gap mean"));
        close(some(d.gap.sd, "sd"), sd[k], EXACT, &w("gap sd"));
        close(some(d.gap.t, "t"), t[k], EXACT, &w("t"));
        close_rel(some(d.gap.p, "p"), p[k], SPECIAL, &w("p"));
        let ci = d.gap.ci95.unwrap_or([f64::NAN; 2]);
        close(ci[0], lo[k], SPECIAL, &w("ci low"));
        close(ci[1], hi[k], SPECIAL, &w("ci high"));
        close(some(d.expectation.mean, "E"), e[k], EXACT, &w("E mean"));
        close(some(d.perception.mean, "P"), pm[k], EXACT, &w("P mean"));
        close(
            some(d.servperf.mean, "SERVPERF"),
            perf[k],
            EXACT,
            &w("SERVPERF"),
        );
    }
}

#[test]
fn dimension_gaps_use_the_min_items_rule() {
    let r = detected();
    check_dimensions(
        &r,
        DIM_G_N,
        DIM_G_MEAN,
        DIM_G_SD,
        DIM_G_T,
        DIM_G_P,
        DIM_G_LO,
        DIM_G_HI,
        DIM_E_MEAN,
        DIM_P_MEAN,
        DIM_PERF_MEAN,
    );
    // Worst gap first.
    let gaps: Vec<f64> = r.dimensions.iter().filter_map(|d| d.gap.mean).collect();
    assert!(gaps.windows(2).all(|w| w[0] <= w[1]), "{gaps:?}");
}

#[test]
fn overall_unweighted_and_allocation_weighted() {
    let r = detected();
    let o = &r.overall;
    close(some(o.servqual, "servqual"), SERVQUAL, EXACT, "SERVQUAL");
    close(some(o.servperf, "servperf"), SERVPERF, EXACT, "SERVPERF");
    assert_eq!(o.weighting.method, "allocation");
    assert_eq!(o.weighting.respondents, Some(15));
    close(
        some(o.weighted_servqual, "weighted"),
        ALLOC_SERVQUAL,
        EXACT,
        "allocation SERVQUAL",
    );
    close(
        some(o.weighted_servperf, "weighted"),
        ALLOC_SERVPERF,
        EXACT,
        "allocation SERVPERF",
    );
    for (k, id) in DIMS.iter().enumerate() {
        let w = o.weighting.weights.iter().find(|w| w.dimension == *id);
        close(
            w.map_or(f64::NAN, |w| w.weight),
            ALLOC_WEIGHTS[k],
            EXACT,
            id,
        );
        close(
            some(dimension(&r, id).weight, "weight"),
            ALLOC_WEIGHTS[k],
            EXACT,
            id,
        );
    }
}

#[test]
fn direct_weights_are_normalised() {
    let mut config = detected().config;
    config.weighting = Weighting::Direct {
        weights: [
            ("tangibles", 10.0),
            ("reliability", 30.0),
            ("responsiveness", 20.0),
            ("assurance", 25.0),
            ("empathy", 15.0),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect(),
    };
    let r = with(config);
    let o = &r.overall;
    assert_eq!(o.weighting.method, "direct");
    close(some(o.servqual, "servqual"), SERVQUAL, EXACT, "SERVQUAL");
    close(
        some(o.weighted_servqual, "weighted"),
        DIRECT_SERVQUAL,
        EXACT,
        "direct SERVQUAL",
    );
    close(
        some(o.weighted_servperf, "weighted"),
        DIRECT_SERVPERF,
        EXACT,
        "direct SERVPERF",
    );
    for (k, id) in DIMS.iter().enumerate() {
        close(
            some(dimension(&r, id).weight, "weight"),
            DIRECT_WEIGHTS[k],
            EXACT,
            id,
        );
    }
    assert!(r
        .diagnostics
        .messages
        .iter()
        .all(|m| !m.code.starts_with("weight")));
}

#[test]
fn equal_weights_reproduce_the_unweighted_score() {
    let mut config = detected().config;
    config.weighting = Weighting::Equal;
    let r = with(config);
    close(
        some(r.overall.weighted_servqual, "w"),
        SERVQUAL,
        EXACT,
        "equal SERVQUAL",
    );
    close(
        some(r.overall.weighted_servperf, "w"),
        SERVPERF,
        EXACT,
        "equal SERVPERF",
    );
    for d in &r.dimensions {
        close(some(d.weight, "weight"), 0.2, EXACT, &d.id);
    }
}

#[test]
fn min_items_one_keeps_every_respondent_with_one_pair() {
    let mut config = detected().config;
    config.min_items = Some(1);
    let r = with(config);
    check_dimensions(
        &r,
        MIN1_DIM_G_N,
        MIN1_DIM_G_MEAN,
        MIN1_DIM_G_SD,
        MIN1_DIM_G_T,
        MIN1_DIM_G_P,
        MIN1_DIM_G_LO,
        MIN1_DIM_G_HI,
        MIN1_DIM_E_MEAN,
        MIN1_DIM_P_MEAN,
        MIN1_DIM_PERF_MEAN,
    );
    let o = &r.overall;
    close(
        some(o.servqual, "servqual"),
        MIN1_SERVQUAL,
        EXACT,
        "SERVQUAL",
    );
    close(
        some(o.servperf, "servperf"),
        MIN1_SERVPERF,
        EXACT,
        "SERVPERF",
    );
    close(
        some(o.weighted_servqual, "w"),
        MIN1_ALLOC_SERVQUAL,
        EXACT,
        "allocation SERVQUAL",
    );
    close(
        some(o.weighted_servperf, "w"),
        MIN1_ALLOC_SERVPERF,
        EXACT,
        "allocation SERVPERF",
    );

    let mut config = r.config.clone();
    config.weighting = Weighting::Direct {
        weights: DIMS
            .iter()
            .zip([10.0, 30.0, 20.0, 25.0, 15.0])
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    };
    let r = with(config);
    let o = &r.overall;
    close(
        some(o.weighted_servqual, "w"),
        MIN1_DIRECT_SERVQUAL,
        EXACT,
        "direct SERVQUAL",
    );
    close(
        some(o.weighted_servperf, "w"),
        MIN1_DIRECT_SERVPERF,
        EXACT,
        "direct SERVPERF",
    );
}

#[test]
fn min_items_above_a_dimension_size_is_reported() {
    let mut config = detected().config;
    config.min_items = Some(5); // tangibles, responsiveness and assurance have 4 items
    let r = with(config);
    assert_eq!(count(&r, "min_items_unreachable"), 3);
    assert!(dimension(&r, "tangibles").gap.mean.is_none());
    assert!(dimension(&r, "reliability").gap.mean.is_some());
    assert_json_sound(&r);
}

#[test]
fn the_config_json_round_trip_gives_identical_numbers() {
    let a = detected();
    let config = SurveyConfig::from_json(&a.config.to_json()).expect("detected config is valid");
    let b = with(config);
    let strip = |r: &Report| {
        let mut v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap_or_default();
        if let Some(m) = v.as_object_mut() {
            m.remove("detected");
            m.remove("diagnostics");
        }
        v
    };
    assert_eq!(strip(&a), strip(&b));
}

#[test]
fn servperf_on_perception_columns_alone() {
    // Drop the E columns: SERVPERF uses P alone, so every SERVPERF number is the
    // reference's, gaps are all undefined, and respondents count by SERVPERF score.
    let text = fixture("servqual_22.csv");
    let mut lines = text.lines().map(|l| l.split(',').collect::<Vec<_>>());
    let header = lines.next().unwrap_or_default();
    let keep: Vec<usize> = (0..header.len())
        .filter(|&c| !header[c].starts_with('E'))
        .collect();
    let p_only: String = std::iter::once(header)
        .chain(lines)
        .map(|cells| {
            keep.iter()
                .map(|&c| cells.get(c).copied().unwrap_or(""))
                .collect::<Vec<_>>()
                .join(",")
                + "\n"
        })
        .collect();
    let r = Evaluator::detect().analyze_text(&p_only);
    assert_json_sound(&r);
    close(
        some(r.overall.servperf, "servperf"),
        SERVPERF,
        EXACT,
        "SERVPERF",
    );
    close(
        some(r.overall.weighted_servperf, "w"),
        ALLOC_SERVPERF,
        EXACT,
        "allocation SERVPERF",
    );
    for (k, id) in DIMS.iter().enumerate() {
        close(
            some(dimension(&r, id).servperf.mean, "servperf"),
            DIM_PERF_MEAN[k],
            EXACT,
            id,
        );
        assert!(dimension(&r, id).gap.mean.is_none());
    }
    assert!(r.overall.servqual.is_none());
    assert_eq!(r.respondents.analysed, 16);
    assert!(r.respondents.excluded.is_empty());
}
