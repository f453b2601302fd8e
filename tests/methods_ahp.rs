//! AHP against independent references: ahpy 2.x and numpy.linalg.eig
//! (tests/reference/ahp_reference.py prints every number quoted here) and the
//! published worked examples of Saaty (1990) and Saaty (2008).

use gapscope::methods::ahp::{self, Child, RiTable};
use gapscope::methods::ahp_text;

const HOUSE: [[f64; 8]; 8] = [
    [1.0, 5.0, 3.0, 7.0, 6.0, 6.0, 1.0 / 3.0, 1.0 / 4.0],
    [
        1.0 / 5.0,
        1.0,
        1.0 / 3.0,
        5.0,
        3.0,
        3.0,
        1.0 / 5.0,
        1.0 / 7.0,
    ],
    [1.0 / 3.0, 3.0, 1.0, 6.0, 3.0, 4.0, 6.0, 1.0 / 5.0],
    [
        1.0 / 7.0,
        1.0 / 5.0,
        1.0 / 6.0,
        1.0,
        1.0 / 3.0,
        1.0 / 4.0,
        1.0 / 7.0,
        1.0 / 8.0,
    ],
    [
        1.0 / 6.0,
        1.0 / 3.0,
        1.0 / 3.0,
        3.0,
        1.0,
        1.0 / 2.0,
        1.0 / 5.0,
        1.0 / 6.0,
    ],
    [
        1.0 / 6.0,
        1.0 / 3.0,
        1.0 / 4.0,
        4.0,
        2.0,
        1.0,
        1.0 / 5.0,
        1.0 / 6.0,
    ],
    [3.0, 5.0, 1.0 / 6.0, 7.0, 5.0, 5.0, 1.0, 1.0 / 2.0],
    [4.0, 7.0, 5.0, 8.0, 6.0, 6.0, 2.0, 1.0],
];

const DRINKS: [[f64; 7]; 7] = [
    [1.0, 9.0, 5.0, 2.0, 1.0, 1.0, 1.0 / 2.0],
    [
        1.0 / 9.0,
        1.0,
        1.0 / 3.0,
        1.0 / 9.0,
        1.0 / 9.0,
        1.0 / 9.0,
        1.0 / 9.0,
    ],
    [
        1.0 / 5.0,
        3.0,
        1.0,
        1.0 / 3.0,
        1.0 / 4.0,
        1.0 / 3.0,
        1.0 / 9.0,
    ],
    [1.0 / 2.0, 9.0, 3.0, 1.0, 1.0 / 2.0, 1.0, 1.0 / 3.0],
    [1.0, 9.0, 4.0, 2.0, 1.0, 2.0, 1.0 / 2.0],
    [1.0, 9.0, 3.0, 1.0, 1.0 / 2.0, 1.0, 1.0 / 3.0],
    [2.0, 9.0, 9.0, 3.0, 2.0, 3.0, 1.0],
];

fn m<const N: usize>(a: &[[f64; N]; N]) -> Vec<Vec<f64>> {
    a.iter().map(|r| r.to_vec()).collect()
}

fn close(got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len());
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tol,
            "element {i}: got {g}, want {w} (tol {tol})"
        );
    }
}

#[test]
fn house_example_matches_saaty_1990_and_numpy() {
    let r = ahp::analyse(&m(&HOUSE), None, RiTable::Saaty1980).expect("valid");
    // Published (Saaty 1990, EJOR 48:9-26, Table 2), three decimals:
    close(
        &r.weights,
        &[0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333],
        0.0005,
    );
    assert!((r.lambda_max - 9.669).abs() < 0.0005);
    assert!((r.ci - 0.238).abs() < 0.0005);
    assert!((r.cr - 0.169).abs() < 0.0005);
    // numpy.linalg.eig (ahp_reference.py, "house"):
    //   weights [0.1730174746483477, 0.05397572299903931, 0.1881102988574409,
    //   0.0175079113081957, 0.031043736403902275, 0.03632220215465615,
    //   0.16683367362634788, 0.3331889800020701]; lambda_max 9.66888731711815;
    //   CI 0.23841247387402145; CR saaty1980 0.16908686090356131
    close(
        &r.weights,
        &[
            0.1730174746483477,
            0.05397572299903931,
            0.1881102988574409,
            0.0175079113081957,
            0.031043736403902275,
            0.03632220215465615,
            0.16683367362634788,
            0.3331889800020701,
        ],
        1e-9,
    );
    assert!((r.lambda_max - 9.66888731711815).abs() < 1e-9);
    assert!((r.ci - 0.23841247387402145).abs() < 1e-9);
    assert!((r.cr - 0.16908686090356131).abs() < 1e-9);
    assert!(!r.consistent);
    assert_eq!(r.ri, Some(1.41));
}

#[test]
fn house_worst_pair_is_neighbourhood_vs_general_condition() {
    // ahp_reference.py: worst pair (2, 6) given 6.0 implied 1.1275319590381112
    // share 0.2628457059090179; Σ t = 1.6688873171181537 = λmax − n;
    // suggested 1, CR after (saaty1980) 0.08797333908857431.
    let r = ahp::analyse(&m(&HOUSE), None, RiTable::Saaty1980).expect("valid");
    let w = r
        .worst
        .expect("inconsistent matrices report their worst pair");
    assert_eq!((w.row, w.column), (2, 6));
    assert_eq!(w.given, 6.0);
    assert!((w.implied - 1.1275319590381112).abs() < 1e-9);
    assert!((w.ratio - 6.0 / 1.1275319590381112).abs() < 1e-8);
    assert!((w.share - 0.2628457059090179).abs() < 1e-9);
    assert_eq!(w.suggested, 1.0);
    assert_eq!(w.suggested_text, "1");
    assert!((w.cr_after - 0.08797333908857431).abs() < 1e-9);
    assert!(
        r.verdict.en.contains("at row 3, column 7:"),
        "{}",
        r.verdict.en
    );
    assert!(r.verdict.zh.contains("位于第 3 行第 7 列"));
}

#[test]
fn ri_tables_match_ahpy() {
    // ahpy.Compare(..., precision=15, random_index='saaty') CR 0.17029462419573,
    // random_index='dd' CR 0.181013191006014 (house); weights identical:
    // [0.173017474648348, 0.053975722999039, 0.188110298857441, 0.017507911308196,
    //  0.031043736403902, 0.036322202154656, 0.166833673626348, 0.33318898000207]
    let s = ahp::analyse(&m(&HOUSE), None, RiTable::Saaty2005).expect("valid");
    let d = ahp::analyse(&m(&HOUSE), None, RiTable::DoneganDodd).expect("valid");
    assert!((s.cr - 0.17029462419573).abs() < 1e-9);
    assert!((d.cr - 0.181013191006014).abs() < 1e-9);
    close(
        &s.weights,
        &[
            0.173017474648348,
            0.053975722999039,
            0.188110298857441,
            0.017507911308196,
            0.031043736403902,
            0.036322202154656,
            0.166833673626348,
            0.33318898000207,
        ],
        1e-9,
    );
}

#[test]
fn drinks_example_matches_saaty_2008_and_ahpy() {
    let r = ahp::analyse(&m(&DRINKS), None, RiTable::Saaty2005).expect("valid");
    // Published (Saaty 2008, Int. J. Services Sciences 1:83-98, Table 3):
    // coffee .177 wine .019 tea .042 beer .116 sodas .190 milk .129 water .327
    close(
        &r.weights,
        &[0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327],
        0.0005,
    );
    // ahpy precision=15, random_index='saaty': weights
    // [0.177456747445717, 0.019149476024354, 0.041831181662098, 0.116417031734859,
    //  0.189572375326176, 0.128780548538723, 0.326792639268074], CR 0.021806054238315
    close(
        &r.weights,
        &[
            0.177456747445717,
            0.019149476024354,
            0.041831181662098,
            0.116417031734859,
            0.189572375326176,
            0.128780548538723,
            0.326792639268074,
        ],
        1e-9,
    );
    assert!((r.cr - 0.021806054238315).abs() < 1e-9);
    // numpy: lambda_max 7.17662903933035; CR saaty1980 0.02230164638009467
    assert!((r.lambda_max - 7.17662903933035).abs() < 1e-9);
    let s80 = ahp::analyse(&m(&DRINKS), None, RiTable::Saaty1980).expect("valid");
    assert!((s80.cr - 0.02230164638009467).abs() < 1e-9);
    assert!(r.consistent && r.worst.is_none());
}

#[test]
fn triantaphyllou_mann_matrix_from_text_matches_ahpy() {
    // The same matrix as typed in ahpy's examples: '1 5 3 7; 1/5 1 1/3 5; ...'.
    let p = ahp_text::parse("1 5 3 7\n1/5 1 1/3 5\n1/3 3 1 6\n1/7 1/5 1/6 1\n").expect("parses");
    let r = ahp::analyse(&p.values, None, RiTable::DoneganDodd).expect("valid");
    // ahpy 'dd': weights [0.5535694790608, 0.133363401909082, 0.26666023657741,
    // 0.046406882452708], CR 0.095153679891702; numpy lambda 4.236533017474793
    close(
        &r.weights,
        &[
            0.5535694790608,
            0.133363401909082,
            0.26666023657741,
            0.046406882452708,
        ],
        1e-9,
    );
    assert!((r.cr - 0.095153679891702).abs() < 1e-9);
    assert!((r.lambda_max - 4.236533017474793).abs() < 1e-9);
    assert!(r.consistent);
}

#[test]
fn group_ahp_uses_geometric_mean_of_judgments() {
    let e1 = vec![
        vec![1.0, 3.0, 5.0, 0.5],
        vec![1.0 / 3.0, 1.0, 2.0, 0.25],
        vec![0.2, 0.5, 1.0, 1.0 / 7.0],
        vec![2.0, 4.0, 7.0, 1.0],
    ];
    let e2 = vec![
        vec![1.0, 2.0, 4.0, 1.0],
        vec![0.5, 1.0, 3.0, 1.0 / 3.0],
        vec![0.25, 1.0 / 3.0, 1.0, 0.2],
        vec![1.0, 3.0, 5.0, 1.0],
    ];
    let e3 = vec![
        vec![1.0, 4.0, 6.0, 1.0 / 3.0],
        vec![0.25, 1.0, 1.0, 0.2],
        vec![1.0 / 6.0, 1.0, 1.0, 1.0 / 9.0],
        vec![3.0, 5.0, 9.0, 1.0],
    ];
    let g = ahp::group(&[e1, e2, e3], None, RiTable::Saaty1980).expect("valid");
    // ahp_reference.py: group matrix a01 2.8844991406148166; numpy weights
    // [0.3156075193165114, 0.11923931397489794, 0.06735487833197083,
    //  0.49779828837661977]; lambda 4.010439943365119; CR saaty1980
    // 0.0038666456907848964
    assert_eq!(g.experts, 3);
    assert!((g.result.matrix[0][1] - 2.8844991406148166).abs() < 1e-12);
    close(
        &g.result.weights,
        &[
            0.3156075193165114,
            0.11923931397489794,
            0.06735487833197083,
            0.49779828837661977,
        ],
        1e-9,
    );
    assert!((g.result.cr - 0.0038666456907848964).abs() < 1e-9);
    // Individual CRs (saaty1980): 0.007954096884763973, 0.016845782768630555,
    // 0.041127572133217244; expert 3 weights [0.282177824788869,
    // 0.07946926386554956, 0.061271716764657, 0.5770811945809244]
    let crs: Vec<f64> = g.individual.iter().map(|e| e.cr).collect();
    close(
        &crs,
        &[
            0.007954096884763973,
            0.016845782768630555,
            0.041127572133217244,
        ],
        1e-9,
    );
    close(
        &g.individual[2].weights,
        &[
            0.282177824788869,
            0.07946926386554956,
            0.061271716764657,
            0.5770811945809244,
        ],
        1e-9,
    );
}

#[test]
fn two_level_hierarchy_matches_ahpy_global_weights() {
    let top = vec![
        vec![1.0, 3.0, 0.5],
        vec![1.0 / 3.0, 1.0, 0.25],
        vec![2.0, 4.0, 1.0],
    ];
    let d1 = vec![
        vec![1.0, 2.0, 4.0],
        vec![0.5, 1.0, 2.0],
        vec![0.25, 0.5, 1.0],
    ];
    let d2 = vec![vec![1.0, 1.0 / 3.0], vec![3.0, 1.0]];
    let d3 = vec![
        vec![1.0, 5.0, 3.0, 7.0],
        vec![0.2, 1.0, 0.5, 2.0],
        vec![1.0 / 3.0, 2.0, 1.0, 3.0],
        vec![1.0 / 7.0, 0.5, 1.0 / 3.0, 1.0],
    ];
    let children = [
        Child {
            size: 3,
            matrix: Some(d1),
            labels: None,
        },
        Child {
            size: 2,
            matrix: Some(d2),
            labels: None,
        },
        Child {
            size: 4,
            matrix: Some(d3),
            labels: None,
        },
    ];
    let h = ahp::hierarchy(&top, None, &children, RiTable::DoneganDodd).expect("valid");
    // ahpy add_children, precision=15: top [0.319618263935976, 0.121957192969227,
    // 0.558424543094797]; target weights i1..i9:
    close(
        &h.top.weights,
        &[0.319618263935976, 0.121957192969227, 0.558424543094797],
        1e-9,
    );
    close(
        &h.global_weights,
        &[
            0.182639007963415,
            0.091319503981708,
            0.045659751990854,
            0.030489298242307,
            0.09146789472692,
            0.327887727787297,
            0.068566878288533,
            0.121667543313703,
            0.040302393705265,
        ],
        1e-9,
    );
    assert!((h.global_weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    assert_eq!(h.groups[1].local.as_ref().map(|r| r.cr), Some(0.0));
}

#[test]
fn hierarchy_groups_without_matrix_or_with_one_element() {
    let top = vec![vec![1.0, 3.0], vec![1.0 / 3.0, 1.0]];
    let children = [
        Child {
            size: 1,
            matrix: None,
            labels: None,
        },
        Child {
            size: 2,
            matrix: None,
            labels: None,
        },
    ];
    let h = ahp::hierarchy(&top, None, &children, RiTable::Saaty1980).expect("valid");
    // Two elements with a_12 = 3: weights exactly (3/4, 1/4).
    close(&h.global_weights, &[0.75, 0.125, 0.125], 1e-12);
    assert_eq!(h.groups[0].local_method, "single");
    assert_eq!(h.groups[1].local_method, "equal");
    let bad = [Child {
        size: 1,
        matrix: None,
        labels: None,
    }];
    assert_eq!(
        ahp::hierarchy(&top, None, &bad, RiTable::Saaty1980)
            .map_err(|e| e.code)
            .err(),
        Some("ahp_hierarchy_shape".to_string())
    );
}

// ---- Degenerate input: an explanation, never a number ----

fn code(r: Result<ahp::AhpResult, gapscope::methods::MethodError>) -> String {
    match r {
        Ok(x) => panic!("expected an error, got weights {:?}", x.weights),
        Err(e) => {
            assert!(!e.message.en.is_empty() && !e.message.zh.is_empty());
            e.code
        }
    }
}

#[test]
fn not_square_is_explained() {
    let a = vec![vec![1.0, 2.0, 3.0], vec![0.5, 1.0]];
    assert_eq!(
        code(ahp::analyse(&a, None, RiTable::Saaty1980)),
        "ahp_not_square"
    );
}

#[test]
fn one_by_one_is_explained() {
    let e = ahp::analyse(&[vec![1.0]], None, RiTable::Saaty1980).expect_err("1×1");
    assert_eq!(e.code, "ahp_single_element");
    assert!(e.message.en.contains("weight 1"));
}

#[test]
fn non_reciprocal_is_explained_with_position() {
    let a = vec![
        vec![1.0, 3.0, 2.0],
        vec![3.0, 1.0, 1.0],
        vec![0.5, 1.0, 1.0],
    ];
    let e = ahp::analyse(&a, None, RiTable::Saaty1980).expect_err("not reciprocal");
    assert_eq!(e.code, "ahp_not_reciprocal");
    assert_eq!((e.row, e.column), (Some(2), Some(1)));
    assert!(e.message.en.contains("should be 1/3"), "{}", e.message.en);
}

#[test]
fn rounded_reciprocals_are_accepted_and_made_exact() {
    let a = vec![vec![1.0, 3.0], vec![0.333, 1.0]];
    let r = ahp::analyse(&a, None, RiTable::Saaty1980).expect("0.333 ≈ 1/3");
    assert_eq!(r.matrix[1][0], 1.0 / 3.0);
    close(&r.weights, &[0.75, 0.25], 1e-12);
    assert_eq!(r.warnings[0].code, "ahp_reciprocal_rounded");
}

#[test]
fn zero_negative_and_non_finite_judgments_are_explained() {
    let mut a = vec![vec![1.0, 0.0], vec![0.0, 1.0]];
    assert_eq!(
        code(ahp::analyse(&a, None, RiTable::Saaty1980)),
        "ahp_not_positive"
    );
    a[0][1] = -3.0;
    assert_eq!(
        code(ahp::analyse(&a, None, RiTable::Saaty1980)),
        "ahp_not_positive"
    );
    a[0][1] = f64::NAN;
    assert_eq!(
        code(ahp::analyse(&a, None, RiTable::Saaty1980)),
        "ahp_not_finite"
    );
    a[0][1] = f64::INFINITY;
    assert_eq!(
        code(ahp::analyse(&a, None, RiTable::Saaty1980)),
        "ahp_not_finite"
    );
}

#[test]
fn judgments_outside_the_scale_and_bad_diagonal_are_explained() {
    let a = vec![vec![1.0, 12.0], vec![1.0 / 12.0, 1.0]];
    assert_eq!(
        code(ahp::analyse(&a, None, RiTable::Saaty1980)),
        "ahp_out_of_scale"
    );
    let a = vec![vec![2.0, 3.0], vec![1.0 / 3.0, 1.0]];
    assert_eq!(
        code(ahp::analyse(&a, None, RiTable::Saaty1980)),
        "ahp_diagonal"
    );
    let big = vec![vec![1.0; 16]; 16];
    assert_eq!(
        code(ahp::analyse(&big, None, RiTable::Saaty1980)),
        "ahp_too_large"
    );
    assert_eq!(
        code(ahp::analyse(&[], None, RiTable::Saaty1980)),
        "ahp_empty"
    );
}

#[test]
fn two_elements_are_always_consistent() {
    let r = ahp::analyse(
        &[vec![1.0, 9.0], vec![1.0 / 9.0, 1.0]],
        None,
        RiTable::Saaty1980,
    )
    .expect("valid");
    assert!(r.consistent && r.cr == 0.0 && r.ri.is_none());
    close(&r.weights, &[0.9, 0.1], 1e-12);
}

#[test]
fn group_errors_name_the_expert() {
    let ok = vec![vec![1.0, 2.0], vec![0.5, 1.0]];
    let bad = vec![vec![1.0, 2.0], vec![2.0, 1.0]];
    let e = ahp::group(&[ok.clone(), bad], None, RiTable::Saaty1980).expect_err("expert 2");
    assert!(e.message.en.starts_with("Expert 2: "));
    assert!(e.message.zh.starts_with("专家 2："));
    let three = vec![vec![1.0; 3]; 3];
    let e = ahp::group(&[ok, three], None, RiTable::Saaty1980).expect_err("sizes");
    assert_eq!(e.code, "ahp_group_sizes");
    assert_eq!(
        ahp::group(&[], None, RiTable::Saaty1980)
            .map_err(|e| e.code)
            .err(),
        Some("ahp_no_experts".into())
    );
}

#[test]
fn text_matrix_with_names_and_upper_triangle() {
    let text = "\u{feff},Tangibles,Reliability,Empathy\nTangibles,1,1/3,2\nReliability,,1,5\nEmpathy,,,1\n";
    let p = ahp_text::parse(text).expect("parses");
    let r = ahp::analyse(&p.values, p.labels.as_deref(), RiTable::Saaty1980).expect("valid");
    assert_eq!(r.labels.as_deref().map(|l| l.len()), Some(3));
    assert_eq!(r.matrix[2][0], 0.5);
    let e = ahp_text::parse("1,3\n1/3,very important\n").expect_err("text cell");
    assert_eq!(e.code, "ahp_text_in_matrix");
    assert_eq!(e.value.as_deref(), Some("very important"));
}
