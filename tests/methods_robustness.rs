//! Garbage in, explanation out: random matrices, tables and texts never panic
//! and never produce a non-finite number (a panic in wasm kills the page).

use gapscope::methods::api::{self, AhpRequest, FuzzyRequest, ObjectiveMethod, ObjectiveRequest};
use gapscope::methods::{ahp, ahp_text, fuzzy};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn value(&mut self) -> f64 {
        match self.below(12) {
            0 => f64::NAN,
            1 => 0.0,
            2 => -3.0,
            3 => f64::INFINITY,
            4 => 1e300,
            5 => 1e-300,
            _ => {
                let scale = [1.0 / 9.0, 0.2, 1.0 / 3.0, 0.5, 1.0, 2.0, 3.0, 5.0, 9.0];
                scale[self.below(scale.len() as u64) as usize]
            }
        }
    }
}

/// serde_json writes a non-finite f64 as `null`, so look at the numbers before
/// serialisation: every number in a result must be finite.
fn finite(xs: &[f64]) {
    assert!(xs.iter().all(|x| x.is_finite()), "{xs:?}");
}

fn message_ok(e: &gapscope::methods::MethodError) {
    assert!(!e.message.en.is_empty() && !e.message.zh.is_empty());
}

#[test]
fn random_pairwise_matrices() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let n = rng.below(18) as usize;
        let mut a: Vec<Vec<f64>> = (0..n)
            .map(|_| (0..n).map(|_| rng.value()).collect())
            .collect();
        // Half of them made valid reciprocal matrices, to exercise the numerics.
        if rng.below(2) == 0 {
            let scale = [1.0 / 9.0, 0.25, 0.5, 1.0, 3.0, 7.0, 9.0];
            let upper: Vec<f64> = (0..n * n).map(|_| scale[rng.below(7) as usize]).collect();
            a = (0..n)
                .map(|i| {
                    (0..n)
                        .map(|j| match i.cmp(&j) {
                            std::cmp::Ordering::Equal => 1.0,
                            std::cmp::Ordering::Less => upper[i * n + j],
                            std::cmp::Ordering::Greater => 1.0 / upper[j * n + i],
                        })
                        .collect()
                })
                .collect();
        }
        if rng.below(5) == 0 {
            if let Some(row) = a.first_mut() {
                row.pop();
            }
        }
        for table in [ahp::RiTable::Saaty1980, ahp::RiTable::DoneganDodd] {
            match ahp::analyse(&a, None, table) {
                Ok(r) => {
                    finite(&[r.cr, r.ci, r.lambda_max]);
                    finite(&r.weights);
                    finite(&r.aw);
                    r.matrix.iter().for_each(|row| finite(row));
                    assert!((r.weights.iter().sum::<f64>() - 1.0).abs() < 1e-9);
                    assert_eq!(r.worst.is_some(), !r.consistent);
                    if let Some(w) = &r.worst {
                        finite(&[
                            w.given,
                            w.implied,
                            w.ratio,
                            w.share,
                            w.suggested,
                            w.cr_after,
                        ]);
                    }
                }
                Err(e) => message_ok(&e),
            }
        }
        let out = api::ahp(&AhpRequest {
            matrices: vec![a.clone(), a],
            ..Default::default()
        });
        match (out.result, out.error) {
            (Some(api::AhpOutput::Group(g)), None) => {
                finite(&g.result.weights);
                g.individual.iter().for_each(|e| finite(&[e.cr]));
            }
            (None, Some(e)) => message_ok(&e),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn random_matrix_texts() {
    let mut rng = Rng(42);
    let pieces = [
        "1", "3", "1/3", "0.333", "", "x", "1/0", "0", "-2", ",", ";", "\t", " ", "\n", "名", "９",
        "1/", "/3", "\"", "#",
    ];
    for _ in 0..3000 {
        let len = rng.below(40);
        let text: String = (0..len)
            .map(|_| pieces[rng.below(pieces.len() as u64) as usize])
            .collect();
        match ahp_text::parse(&text) {
            Ok(p) => {
                if let Ok(r) = ahp::analyse(&p.values, p.labels.as_deref(), ahp::RiTable::Saaty1980)
                {
                    finite(&r.weights);
                }
            }
            Err(e) => message_ok(&e),
        }
        let out = api::ahp(&AhpRequest {
            texts: vec![text],
            ..Default::default()
        });
        assert!(out.result.is_some() != out.error.is_some());
    }
}

#[test]
fn random_indicator_tables_and_memberships() {
    let mut rng = Rng(7);
    for _ in 0..2000 {
        let m = rng.below(6) as usize;
        let k = rng.below(5) as usize;
        let values: Vec<Vec<Option<f64>>> = (0..m)
            .map(|_| {
                (0..k)
                    .map(|_| match rng.below(8) {
                        0 => None,
                        1 => Some(5.0),
                        2 => Some(if rng.below(2) == 0 { 1e308 } else { -1e308 }),
                        _ => Some(rng.below(10) as f64 - 2.0),
                    })
                    .collect()
            })
            .collect();
        for method in [ObjectiveMethod::Entropy, ObjectiveMethod::Critic] {
            let out = api::objective(&ObjectiveRequest {
                method,
                text: None,
                table: Some(api::TableInput {
                    alternatives: (0..m).map(|i| i.to_string()).collect(),
                    indicators: (0..k).map(|j| j.to_string()).collect(),
                    values: values.clone(),
                }),
                cost: if rng.below(2) == 0 && k > 0 {
                    vec!["0".into()]
                } else {
                    vec![]
                },
            });
            if let Some(e) = &out.error {
                message_ok(e);
            }
            if let Some(r) = out.result {
                let w = match r {
                    api::ObjectiveOutput::Entropy(e) => {
                        finite(&e.entropy.iter().flatten().copied().collect::<Vec<_>>());
                        e.weights
                    }
                    api::ObjectiveOutput::Critic(c) => {
                        finite(&c.sd);
                        finite(&c.information);
                        c.correlation
                            .iter()
                            .for_each(|r| finite(&r.iter().flatten().copied().collect::<Vec<_>>()));
                        c.weights
                    }
                };
                finite(&w);
                assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-9, "{w:?}");
            }
        }
        let membership: Vec<Vec<f64>> = (0..m)
            .map(|_| (0..k).map(|_| rng.value().abs()).collect())
            .collect();
        let weights: Vec<f64> = (0..m)
            .map(|_| {
                if rng.below(9) == 0 {
                    1e308
                } else {
                    rng.value()
                }
            })
            .collect();
        for operator in [
            fuzzy::Operator::WeightedAverage,
            fuzzy::Operator::Zadeh,
            fuzzy::Operator::ProductMax,
        ] {
            let out = api::fuzzy(&FuzzyRequest {
                membership: Some(membership.clone()),
                weights: weights.clone(),
                groups: Some((0..m).map(|j| j % 2).collect()),
                group_weights: Some(vec![1.0, rng.value()]),
                operator,
                ..Default::default()
            });
            if let Some(e) = &out.error {
                message_ok(e);
            }
            if let Some(r) = out.result {
                finite(&r.one_level.b);
                finite(&[r.one_level.score]);
                if let Some(t) = r.two_level {
                    finite(&t.overall.b);
                    finite(&[t.overall.score]);
                }
            }
        }
    }
}
