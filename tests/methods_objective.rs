//! Entropy and CRITIC weights against a numpy implementation written from
//! METHODS.md §5 (tests/reference/objective_reference.py prints every number
//! quoted here) and against published worked examples.

use gapscope::methods::combine::combine;
use gapscope::methods::critic::critic;
use gapscope::methods::entropy::{self, entropy};
use gapscope::methods::indicators::{Direction, IndicatorTable};
use gapscope::methods::SHOWN_ROWS;

const NAN: f64 = f64::NAN;

fn table(rows: &[&[f64]]) -> IndicatorTable {
    let k = rows.first().map_or(0, |r| r.len());
    IndicatorTable {
        alternatives: (1..=rows.len()).map(|i| format!("A{i}")).collect(),
        indicators: (1..=k).map(|j| format!("C{j}")).collect(),
        values: rows.iter().map(|r| r.to_vec()).collect(),
    }
}

fn close(got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len());
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol, "element {i}: got {g}, want {w}");
    }
}

/// Tuş & Aytaç Adalı (2019), OPSEARCH 56(2):528-538: five time-and-attendance
/// software packages on six criteria.
const TUS: [[f64; 6]; 5] = [
    [5000.0, 3.0, 3.0, 4.0, 3.0, 2.0],
    [680.0, 5.0, 3.0, 2.0, 2.0, 1.0],
    [2000.0, 3.0, 2.0, 3.0, 4.0, 3.0],
    [600.0, 4.0, 3.0, 1.0, 2.0, 2.0],
    [800.0, 2.0, 4.0, 3.0, 3.0, 4.0],
];

fn tus() -> IndicatorTable {
    let rows: Vec<&[f64]> = TUS.iter().map(|r| r.as_slice()).collect();
    table(&rows)
}

#[test]
fn critic_matches_tus_and_adali_2019() {
    // Published CRITIC weights 0.157 0.249 0.168 0.121 0.154 0.151; they are
    // reproduced with every criterion normalised as benefit (as the test of this
    // paper in pyrepo-mcda does too).
    let r = critic(&tus(), &[Direction::Benefit; 6]).expect("valid");
    close(
        &r.weights,
        &[0.157, 0.249, 0.168, 0.121, 0.154, 0.151],
        0.0005,
    );
    // objective_reference.py "Tus & Adali, all benefit":
    close(
        &r.weights,
        &[
            0.157003432041533,
            0.24948924316364143,
            0.1676752491926968,
            0.1211002224302237,
            0.1540992915859476,
            0.1506325615859576,
        ],
        1e-12,
    );
    close(
        &r.sd,
        &[
            0.4247799624851972,
            0.380058475033046,
            0.3535533905932738,
            0.380058475033046,
            0.4183300132670378,
            0.3800584750330461,
        ],
        1e-12,
    );
    let conflict: Vec<f64> = r.conflict.iter().map(|c| c.unwrap_or(f64::NAN)).collect();
    close(
        &conflict,
        &[
            4.402981478447192,
            7.8199349226325605,
            5.649573832707542,
            3.7957382310849255,
            4.388169076453217,
            4.721393250846546,
        ],
        1e-12,
    );
    close(
        &r.information,
        &[
            1.8702983072378163,
            2.9720325415533915,
            1.9974259839607884,
            1.4426024837307685,
            1.835702827970679,
            1.7944055189480543,
        ],
        1e-12,
    );
    let r0: Vec<f64> = r.correlation[0]
        .iter()
        .map(|c| c.unwrap_or(f64::NAN))
        .collect();
    close(
        &r0,
        &[
            1.0,
            -0.29000140382875417,
            -0.22699670534328448,
            0.7921073942765972,
            0.40543714887789084,
            -0.08352791242964118,
        ],
        1e-12,
    );
}

#[test]
fn critic_and_entropy_with_a_cost_indicator() {
    let mut dirs = [Direction::Benefit; 6];
    dirs[0] = Direction::Cost;
    // "Tus & Adali, first indicator cost": critic weights
    let c = critic(&tus(), &dirs).expect("valid");
    close(
        &c.weights,
        &[
            0.18406640733144122,
            0.21302897851094377,
            0.1422141623205031,
            0.15830064122283902,
            0.16838222128267458,
            0.13400758933159843,
        ],
        1e-12,
    );
    let e = entropy(&tus(), &dirs).expect("valid");
    // normalised row 1 [0.0, 1/3, 0.5, 1.0, 0.5, 1/3];
    // p row 1 [0.0, 0.14285714285714288, 0.2, 0.375, 0.25, 0.14285714285714288]
    let n0: Vec<f64> = e.normalised.rows[0]
        .iter()
        .map(|x| x.unwrap_or(f64::NAN))
        .collect();
    close(&n0, &[0.0, 1.0 / 3.0, 0.5, 1.0, 0.5, 1.0 / 3.0], 1e-15);
    let p0: Vec<f64> = e.p.rows[0].iter().map(|x| x.unwrap_or(f64::NAN)).collect();
    close(
        &p0,
        &[
            0.0,
            0.14285714285714288,
            0.2,
            0.375,
            0.25,
            0.14285714285714288,
        ],
        1e-15,
    );
    let ej: Vec<f64> = e.entropy.iter().map(|x| x.unwrap_or(f64::NAN)).collect();
    close(
        &ej,
        &[
            0.8545813214671658,
            0.793465998035776,
            0.8277293767706428,
            0.8207140722512382,
            0.6460148371100896,
            0.793465998035776,
        ],
        1e-12,
    );
    let dj: Vec<f64> = e.divergence.iter().map(|x| x.unwrap_or(f64::NAN)).collect();
    close(
        &dj,
        &[
            0.1454186785328342,
            0.206534001964224,
            0.17227062322935716,
            0.17928592774876184,
            0.35398516288991044,
            0.206534001964224,
        ],
        1e-12,
    );
    close(
        &e.weights,
        &[
            0.11504383837825499,
            0.16339348274452578,
            0.1362869882746497,
            0.14183694628174576,
            0.2800452615762979,
            0.16339348274452578,
        ],
        1e-12,
    );
}

#[test]
fn entropy_all_benefit_matches_numpy() {
    // "Tus & Adali, all benefit": entropy weights
    let e = entropy(&tus(), &[Direction::Benefit; 6]).expect("valid");
    close(
        &e.weights,
        &[
            0.32528381762351677,
            0.12457591876704252,
            0.1039091431012199,
            0.10814059166476833,
            0.21351461007641007,
            0.12457591876704252,
        ],
        1e-12,
    );
}

#[test]
fn entropy_stage_matches_published_examples() {
    // The p/e/d/w stage on raw data (these papers take p_ij = x_ij / Σ x_ij with
    // no min–max step, so only the stage is comparable).
    // Xu (2004) EJOR 156(2):530-532: 0.4630 0.3992 0.1378 0.0000
    let xu = vec![
        vec![30.0, 30.0, 38.0, 29.0],
        vec![19.0, 54.0, 86.0, 29.0],
        vec![19.0, 15.0, 85.0, 28.9],
        vec![68.0, 70.0, 60.0, 29.0],
    ];
    let s = entropy::stage(&xu, &[true; 4]).expect("valid");
    close(&s.weights, &[0.4630, 0.3992, 0.1378, 0.0000], 0.00005);
    // numpy: [0.4629522868993801, 0.39920354898959204, 0.13784085613853284, 3.307972495039232e-06]
    close(
        &s.weights,
        &[
            0.4629522868993801,
            0.39920354898959204,
            0.13784085613853284,
            3.307972495039232e-06,
        ],
        1e-12,
    );
    // Zavadskas & Podvezko (2016) IJITDM 15(2):267-283: 0.1146 0.1981 0.4185 0.2689
    let zp = vec![
        vec![3.0, 100.0, 10.0, 7.0],
        vec![2.5, 80.0, 8.0, 5.0],
        vec![1.8, 50.0, 20.0, 11.0],
        vec![2.2, 70.0, 12.0, 9.0],
    ];
    let s = entropy::stage(&zp, &[true; 4]).expect("valid");
    close(&s.weights, &[0.1146, 0.1981, 0.4185, 0.2689], 0.00005);
    close(
        &s.weights,
        &[
            0.11457544989508994,
            0.1980819718190378,
            0.4184612445596035,
            0.26888133372626877,
        ],
        1e-12,
    );
}

fn missing_table() -> IndicatorTable {
    table(&[
        &[3.0, 7.0, 5.0, 1.0],
        &[4.0, NAN, 5.0, 2.0],
        &[1.0, 2.0, 5.0, 9.0],
        &[5.0, 3.0, 5.0, 4.0],
        &[2.0, 8.0, 5.0, 6.0],
        &[NAN, 1.0, 5.0, 1.0],
    ])
}

const MISSING_DIRS: [Direction; 4] = [
    Direction::Benefit,
    Direction::Benefit,
    Direction::Benefit,
    Direction::Cost,
];

#[test]
fn missing_rows_are_dropped_and_constant_indicator_gets_zero() {
    // "missing + constant": entropy e [0.6893917467430878, 0.6625056054120887, -, 0.7386085007312413]
    // entropy weights [0.3415175944151754, 0.37107923746293586, 0.0, 0.28740316812188876]
    let e = entropy(&missing_table(), &MISSING_DIRS).expect("valid");
    assert_eq!(e.alternatives, 4);
    assert_eq!(e.dropped, 2);
    assert_eq!(e.constant, vec![false, false, true, false]);
    assert_eq!(e.entropy[2], None);
    assert!((e.entropy[0].unwrap_or(0.0) - 0.6893917467430878).abs() < 1e-12);
    close(
        &e.weights,
        &[
            0.3415175944151754,
            0.37107923746293586,
            0.0,
            0.28740316812188876,
        ],
        1e-12,
    );
    assert!(e.normalised.rows.iter().all(|r| r[2].is_none()));
    let codes: Vec<&str> = e.warnings.iter().map(|w| w.code.as_str()).collect();
    assert!(codes.contains(&"incomplete_alternatives_dropped"));
    assert!(codes.contains(&"constant_indicator"));
    assert!(
        e.warnings[0].message.en.contains("A2, A6"),
        "{}",
        e.warnings[0].message.en
    );
    // critic sd [0.42695628191498325, 0.4906533814626582, 0.0, 0.4208127057650866]
    // critic weights [0.35110294025847166, 0.44111720902877477, 0.0, 0.2077798507127536]
    // critic r row 1 [1.0, -0.06629935441317959, nan, 0.6377481392176932]
    let c = critic(&missing_table(), &MISSING_DIRS).expect("valid");
    close(
        &c.sd,
        &[
            0.42695628191498325,
            0.4906533814626582,
            0.0,
            0.4208127057650866,
        ],
        1e-12,
    );
    close(
        &c.weights,
        &[
            0.35110294025847166,
            0.44111720902877477,
            0.0,
            0.2077798507127536,
        ],
        1e-12,
    );
    assert_eq!(c.correlation[0][2], None);
    assert!((c.correlation[0][1].unwrap_or(0.0) + 0.06629935441317959).abs() < 1e-12);
    assert!((c.correlation[0][3].unwrap_or(0.0) - 0.6377481392176932).abs() < 1e-12);
    let json = serde_json::to_string(&c).expect("serialises");
    assert!(!json.contains("NaN") && !json.contains("nan"));
}

#[test]
fn large_tables_are_truncated_in_the_working_only() {
    // x_ij = ((i (j + 3) 37 + 11 j) mod 101) / 10, 150 × 4, column 2 cost.
    let rows: Vec<Vec<f64>> = (0..150)
        .map(|i| {
            (0..4)
                .map(|j| ((i * (j + 3) * 37 + 11 * j) % 101) as f64 / 10.0)
                .collect()
        })
        .collect();
    let t = IndicatorTable {
        alternatives: (0..150).map(|i| format!("r{i}")).collect(),
        indicators: (0..4).map(|j| format!("x{j}")).collect(),
        values: rows,
    };
    let dirs = [
        Direction::Benefit,
        Direction::Cost,
        Direction::Benefit,
        Direction::Benefit,
    ];
    let e = entropy(&t, &dirs).expect("valid");
    // entropy weights [0.2448839085021612, 0.2468024499995199, 0.2626529811521517, 0.24566066034616718]
    close(
        &e.weights,
        &[
            0.2448839085021612,
            0.2468024499995199,
            0.2626529811521517,
            0.24566066034616718,
        ],
        1e-12,
    );
    assert_eq!(e.normalised.rows.len(), SHOWN_ROWS);
    assert_eq!(e.normalised.total_rows, 150);
    assert!(e.normalised.truncated && e.p.truncated);
    // critic weights [0.2681539477832114, 0.2426003146409901, 0.23790402751268636, 0.25134171006311207]
    let c = critic(&t, &dirs).expect("valid");
    close(
        &c.weights,
        &[
            0.2681539477832114,
            0.2426003146409901,
            0.23790402751268636,
            0.25134171006311207,
        ],
        1e-12,
    );
}

// ---- Degenerate input: an explanation, never a number ----

#[test]
fn all_constant_is_an_error_for_both_methods() {
    let t = table(&[&[1.0, 5.0], &[1.0, 5.0], &[1.0, 5.0]]);
    let e = entropy(&t, &[Direction::Benefit; 2]).expect_err("all constant");
    assert_eq!(e.code, "all_constant");
    assert!(!e.message.zh.is_empty());
    let c = critic(&t, &[Direction::Benefit; 2]).expect_err("all constant");
    assert_eq!(c.code, "all_constant");
}

#[test]
fn critic_with_one_varying_or_perfectly_correlated_indicators_is_explained() {
    let one = table(&[&[1.0, 5.0], &[2.0, 5.0], &[3.0, 5.0]]);
    let e = critic(&one, &[Direction::Benefit; 2]).expect_err("one varying");
    assert_eq!(e.code, "weights_sum_zero");
    assert!(e.message.en.contains("Only one indicator varies"));
    let twins = table(&[&[1.0, 10.0], &[2.0, 20.0], &[4.0, 40.0]]);
    let e = critic(&twins, &[Direction::Benefit; 2]).expect_err("r = 1");
    assert!(e.message.en.contains("perfectly correlated"));
    // Entropy still has an answer for them (equal information).
    let w = entropy(&twins, &[Direction::Benefit; 2])
        .expect("valid")
        .weights;
    close(&w, &[0.5, 0.5], 1e-12);
}

#[test]
fn too_few_alternatives_and_bad_shapes_are_explained() {
    let t = table(&[&[1.0, 2.0]]);
    assert_eq!(
        entropy(&t, &[Direction::Benefit; 2])
            .map_err(|e| e.code)
            .err(),
        Some("indicators_too_few_rows".into())
    );
    let t = table(&[&[1.0, 2.0], &[3.0, 4.0]]);
    assert_eq!(
        critic(&t, &[Direction::Benefit]).map_err(|e| e.code).err(),
        Some("indicators_directions".into())
    );
    assert_eq!(
        entropy::stage(&[vec![1.0], vec![-1.0]], &[true])
            .map(|_| ())
            .map_err(|e| e.code)
            .err(),
        Some("entropy_negative".into())
    );
    // A uniform column has maximal entropy: d = 0 for all, no weights.
    assert_eq!(
        entropy::stage(&[vec![1.0], vec![1.0]], &[true])
            .map(|_| ())
            .map_err(|e| e.code)
            .err(),
        Some("weights_sum_zero".into())
    );
}

#[test]
fn combined_weights_follow_methods() {
    // a = Tus CRITIC (all benefit), b = Tus entropy (all benefit), both from
    // objective_reference.py; w_j = a_j b_j / Σ a b computed by hand from them.
    let a = [
        0.157003432041533,
        0.24948924316364143,
        0.1676752491926968,
        0.1211002224302237,
        0.1540992915859476,
        0.1506325615859576,
    ];
    let b = [
        0.32528381762351677,
        0.12457591876704252,
        0.1039091431012199,
        0.10814059166476833,
        0.21351461007641007,
        0.12457591876704252,
    ];
    let w = combine(&a, &b).expect("valid");
    let products: Vec<f64> = a.iter().zip(&b).map(|(x, y)| x * y).collect();
    let s: f64 = products.iter().sum();
    close(
        &w,
        &products.iter().map(|p| p / s).collect::<Vec<_>>(),
        1e-15,
    );
    assert_eq!(
        combine(&[0.5, 0.5, 0.0], &[0.0, 0.0, 1.0])
            .map_err(|e| e.code)
            .err(),
        Some("weights_sum_zero".into())
    );
}
