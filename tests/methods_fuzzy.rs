//! Fuzzy comprehensive evaluation against a numpy computation
//! (tests/reference/fuzzy_reference.py prints every number quoted here).

use gapscope::methods::fuzzy::{self, Operator};

const NAN: f64 = f64::NAN;
const GRADES: [f64; 5] = [1.0, 2.0, 3.0, 4.0, 5.0];

fn items() -> Vec<Vec<f64>> {
    vec![
        vec![5.0, 4.0, 4.0, 3.0, NAN, 5.0, 2.0, 4.0],
        vec![3.0, 3.0, 4.0, 2.0, 1.0, NAN, 3.0, 4.6],
        vec![1.0, 2.0, 2.0, 3.0, 3.0, 3.0, NAN, NAN],
        vec![4.0, 5.0, 5.0, 5.0, 4.0, 3.0, 4.0, 5.0],
    ]
}

fn close(got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len());
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol, "element {i}: got {g}, want {w}");
    }
}

fn membership() -> fuzzy::Membership {
    let cols = items();
    let refs: Vec<&[f64]> = cols.iter().map(|c| c.as_slice()).collect();
    fuzzy::membership(&refs, &GRADES).expect("valid")
}

#[test]
fn membership_is_the_share_of_valid_answers() {
    let m = membership();
    // r item 1 [0, 1/7, 1/7, 3/7, 2/7]; item 2 [1/7, 1/7, 3/7, 1/7, 1/7];
    // item 3 [1/6, 1/3, 1/2, 0, 0]; item 4 [0, 0, 0.125, 0.375, 0.5]
    close(
        &m.matrix[0],
        &[0.0, 1.0 / 7.0, 1.0 / 7.0, 3.0 / 7.0, 2.0 / 7.0],
        1e-15,
    );
    close(
        &m.matrix[1],
        &[1.0 / 7.0, 1.0 / 7.0, 3.0 / 7.0, 1.0 / 7.0, 1.0 / 7.0],
        1e-15,
    );
    close(&m.matrix[2], &[1.0 / 6.0, 1.0 / 3.0, 0.5, 0.0, 0.0], 1e-15);
    close(&m.matrix[3], &[0.0, 0.0, 0.125, 0.375, 0.5], 1e-15);
    assert_eq!(m.n, vec![7, 7, 6, 8]);
    assert_eq!(m.rounded, vec![0, 1, 0, 0]);
}

#[test]
fn one_level_with_each_operator_matches_numpy() {
    let r = membership().matrix;
    let w = [0.1, 0.2, 0.3, 0.4];
    // weighted_average: b [0.07857142857142857, 0.14285714285714285, 0.3,
    // 0.22142857142857142, 0.2571428571428572] grade 2 score 3.435714285714286
    // percent score 60.89285714285714
    let e = fuzzy::evaluate(&w, &r, Operator::WeightedAverage, &GRADES).expect("valid");
    close(
        &e.b,
        &[
            0.07857142857142857,
            0.14285714285714285,
            0.3,
            0.22142857142857142,
            0.2571428571428572,
        ],
        1e-12,
    );
    assert_eq!(e.grade, 2);
    assert!((e.score - 3.435714285714286).abs() < 1e-12);
    let p = fuzzy::evaluate(&w, &r, Operator::WeightedAverage, &fuzzy::percent_scores(5))
        .expect("valid");
    assert!((p.score - 60.89285714285714).abs() < 1e-12);
    assert_eq!(e.operator_label, "M(·,+)");
    // zadeh: raw [1/6, 0.3, 0.3, 0.375, 0.4]; b [0.10810810810810811,
    // 0.1945945945945946, 0.1945945945945946, 0.24324324324324326,
    // 0.2594594594594595] grade 4 score 3.3513513513513518
    let z = fuzzy::evaluate(&w, &r, Operator::Zadeh, &GRADES).expect("valid");
    close(&z.raw, &[1.0 / 6.0, 0.3, 0.3, 0.375, 0.4], 1e-15);
    close(
        &z.b,
        &[
            0.10810810810810811,
            0.1945945945945946,
            0.1945945945945946,
            0.24324324324324326,
            0.2594594594594595,
        ],
        1e-12,
    );
    assert_eq!(z.grade, 4);
    assert!((z.score - 3.3513513513513518).abs() < 1e-12);
    assert_eq!(z.operator_label, "M(∧,∨)");
    // product_max: b [1/13, 2/13, 3/13, 3/13, 4/13] grade 4 score 3.5384615384615383
    let pm = fuzzy::evaluate(&w, &r, Operator::ProductMax, &GRADES).expect("valid");
    close(
        &pm.b,
        &[1.0 / 13.0, 2.0 / 13.0, 3.0 / 13.0, 3.0 / 13.0, 4.0 / 13.0],
        1e-12,
    );
    assert_eq!(pm.grade, 4);
    assert!((pm.score - 3.5384615384615383).abs() < 1e-12);
}

#[test]
fn two_levels_match_numpy() {
    let r = membership().matrix;
    let groups = vec![
        (vec![0.6, 0.4], r[..2].to_vec()),
        (vec![0.5, 0.5], r[2..].to_vec()),
    ];
    // weighted_average: D1 [0.05714285714285715, 0.14285714285714288,
    // 0.2571428571428572, 0.31428571428571433, 0.22857142857142856];
    // overall b [0.07547619047619049, 0.15952380952380954, 0.2958928571428572,
    // 0.2255357142857143, 0.24357142857142858] grade 2 score 3.402202380952381
    let t = fuzzy::evaluate_two_level(&groups, &[0.3, 0.7], Operator::WeightedAverage, &GRADES)
        .expect("valid");
    close(
        &t.groups[0].b,
        &[
            0.05714285714285715,
            0.14285714285714288,
            0.2571428571428572,
            0.31428571428571433,
            0.22857142857142856,
        ],
        1e-12,
    );
    close(
        &t.overall.b,
        &[
            0.07547619047619049,
            0.15952380952380954,
            0.2958928571428572,
            0.2255357142857143,
            0.24357142857142858,
        ],
        1e-12,
    );
    assert_eq!(t.overall.grade, 2);
    assert!((t.overall.score - 3.402202380952381).abs() < 1e-12);
    // zadeh: overall b [0.09012617664730622, 0.1570198277588624,
    // 0.2523532946124575, 0.2649709593430803, 0.2355297416382936] grade 3
    // score 3.398758261566193
    let z =
        fuzzy::evaluate_two_level(&groups, &[0.3, 0.7], Operator::Zadeh, &GRADES).expect("valid");
    close(
        &z.overall.b,
        &[
            0.09012617664730622,
            0.1570198277588624,
            0.2523532946124575,
            0.2649709593430803,
            0.2355297416382936,
        ],
        1e-12,
    );
    assert_eq!(z.overall.grade, 3);
    assert!((z.overall.score - 3.398758261566193).abs() < 1e-12);
}

#[test]
fn membership_given_directly_is_checked() {
    // A row in percent is divided by its sum, with a warning.
    let e = fuzzy::evaluate(
        &[1.0, 1.0],
        &[vec![20.0, 30.0, 50.0], vec![0.2, 0.3, 0.5]],
        Operator::WeightedAverage,
        &[1.0, 2.0, 3.0],
    )
    .expect("valid");
    close(&e.b, &[0.2, 0.3, 0.5], 1e-15);
    assert_eq!(e.warnings[0].code, "membership_renormalised");
    let bad = |r: Vec<Vec<f64>>, w: Vec<f64>| {
        fuzzy::evaluate(&w, &r, Operator::WeightedAverage, &[1.0, 2.0])
            .map(|_| ())
            .map_err(|e| e.code)
            .err()
    };
    assert_eq!(
        bad(vec![vec![0.0, 0.0]], vec![1.0]),
        Some("fuzzy_membership".into())
    );
    assert_eq!(
        bad(vec![vec![-0.5, 1.5]], vec![1.0]),
        Some("fuzzy_membership".into())
    );
    assert_eq!(
        bad(vec![vec![0.5, 0.5, 0.0]], vec![1.0]),
        Some("fuzzy_shape".into())
    );
    assert_eq!(
        bad(vec![vec![0.5, 0.5]], vec![1.0, 1.0]),
        Some("fuzzy_shape".into())
    );
    assert_eq!(
        bad(vec![vec![0.5, 0.5]], vec![0.0]),
        Some("weights_sum_zero".into())
    );
    assert_eq!(
        bad(vec![vec![0.5, 0.5]], vec![NAN]),
        Some("weight_invalid".into())
    );
}

#[test]
fn grades_must_be_increasing() {
    let col = [1.0, 2.0];
    let e = fuzzy::membership(&[&col], &[2.0, 1.0]).expect_err("decreasing");
    assert_eq!(e.code, "fuzzy_grades");
    let e = fuzzy::membership(&[&col], &[1.0]).expect_err("one grade");
    assert_eq!(e.code, "fuzzy_grades");
}
