//! Arbitrary bytes and strings never make the engine panic (a panic in wasm kills
//! the page), never put NaN or infinity in the report, and keep its invariants.
//! A small deterministic PRNG (xorshift64*) instead of a fuzzing dependency; the
//! seed is printed on failure so a case can be replayed.

mod common;
use common::assert_json_sound;
use gapscope::model::config::{Scale, Weighting};
use gapscope::report::markdown::{self, Lang};
use gapscope::{Evaluator, Report};
use std::panic::{catch_unwind, AssertUnwindSafe};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// Pieces that exercise the parser, the detector and the value reader.
const PIECES: [&str; 64] = [
    ",",
    ",",
    ",",
    "\t",
    "\t",
    ";",
    "|",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "\"",
    "\"\"",
    " ",
    "E1",
    "P1",
    "E2",
    "P2",
    "E22",
    "P22",
    "E_R1",
    "P_R1",
    "Q1_E",
    "Q1_P",
    "exp_3",
    "perc_3",
    "期望1",
    "感知1",
    "期望值5",
    "实际感受5",
    "有形性_期望2",
    "id",
    "branch",
    "NPS",
    "总体满意度",
    "points_reliability",
    "分配_有形性",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "0",
    "10",
    "55",
    "-3",
    "3,5",
    "4.5",
    "1e308",
    "-1e308",
    "NaN",
    "inf",
    "NA",
    "不适用",
    "-",
    "５",
    "\u{feff}",
    "\u{0}",
    "😀",
    "x",
    "\u{1F}",
    "999999999999999999999999",
];

fn random_text(rng: &mut Rng) -> String {
    let n = rng.below(200);
    (0..n).map(|_| rng.pick(&PIECES)).collect()
}

/// A table-shaped text: a header of item conventions and rows of mostly numbers.
fn random_table(rng: &mut Rng) -> String {
    let sep = rng.pick(&[",", "\t", ";"]);
    let cols = 1 + rng.below(12);
    let header: Vec<&str> = (0..cols).map(|_| rng.pick(&PIECES[14..37])).collect();
    let mut out = header.join(sep) + "\n";
    for _ in 0..rng.below(30) {
        let w = if rng.below(8) == 0 {
            rng.below(cols + 3)
        } else {
            cols
        };
        let row: Vec<&str> = (0..w)
            .map(|_| {
                if rng.below(6) == 0 {
                    rng.pick(&PIECES)
                } else {
                    rng.pick(&PIECES[37..48])
                }
            })
            .collect();
        out += &(row.join(sep) + rng.pick(&["\n", "\r\n"]));
    }
    out
}

fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    let mut v: Vec<u8> = match rng.below(4) {
        0 => vec![0xFF, 0xFE],
        1 => vec![0xFE, 0xFF],
        2 => vec![0xEF, 0xBB, 0xBF],
        _ => Vec::new(),
    };
    for _ in 0..rng.below(300) {
        v.push(match rng.below(3) {
            0 => (rng.next() & 0xFF) as u8,
            _ => *[b',', b'\n', b'"', b'1', b'5', b'E', b'P', b'\t', 0]
                .get(rng.below(9))
                .unwrap_or(&0),
        });
    }
    v
}

/// Twist a detected structure the way a user editing the JSON might.
fn random_config(rng: &mut Rng, mut c: gapscope::SurveyConfig) -> gapscope::SurveyConfig {
    let weights = |rng: &mut Rng, c: &gapscope::SurveyConfig| {
        c.dimensions
            .iter()
            .map(|d| d.id.clone())
            .chain(["nowhere".to_string()])
            .map(|id| (id, [0.0, 1.0, 25.0, -1.0, 1e308, f64::NAN][rng.below(6)]))
            .collect()
    };
    c.weighting = match rng.below(3) {
        0 => Weighting::Equal,
        1 => Weighting::Direct {
            weights: weights(rng, &c),
        },
        _ => Weighting::Allocation,
    };
    c.min_items = [None, Some(0), Some(1), Some(3), Some(99)][rng.below(5)];
    if rng.below(4) == 0 {
        c.scale = [
            Scale::LIKERT5,
            Scale { min: 7.0, max: 1.0 },
            Scale {
                min: -1e308,
                max: 1e308,
            },
        ][rng.below(3)];
    }
    for col in &mut c.columns {
        if rng.below(5) == 0 {
            col.reverse = true;
        }
        if rng.below(9) == 0 {
            col.scale = Some(Scale {
                min: 0.0,
                max: 100.0,
            });
        }
    }
    if rng.below(5) == 0 {
        if let Some(item) = c.items.first_mut() {
            item.dimension = "undefined-dimension".into();
        }
    }
    if rng.below(5) == 0 {
        c.missing_codes = vec!["5".into(), String::new()];
    }
    c
}

fn check(r: &Report) {
    assert_json_sound(r);
    // A structure JSON cannot hold (NaN weights from JS) is refused, not echoed as null.
    if r.config.validate().is_err() {
        assert_eq!(r.diagnostics.count("config_invalid"), 1);
    }
    assert!(r.respondents.analysed <= r.respondents.total);
    for (code, n) in &r.diagnostics.counts {
        let listed = r
            .diagnostics
            .messages
            .iter()
            .filter(|m| &m.code == code)
            .count();
        assert!(
            listed <= *n && listed <= gapscope::common::diag::DETAIL_LIMIT,
            "{code}"
        );
    }
    for m in &r.diagnostics.messages {
        assert!(
            !m.message.en.is_empty() && !m.message.zh.is_empty(),
            "{}",
            m.code
        );
    }
    for d in &r.dimensions {
        if let Some(w) = d.weight {
            assert!((0.0..=1.0 + 1e-12).contains(&w), "weight {w}");
        }
    }
    let _ = markdown::render(r, Lang::En);
    let _ = markdown::render(r, Lang::Zh);
}

fn run(seed: u64, case: impl FnOnce(&mut Rng)) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let outcome = catch_unwind(AssertUnwindSafe(|| case(&mut rng)));
    assert!(outcome.is_ok(), "panicked with seed {seed}");
}

#[test]
fn random_strings_never_panic() {
    for seed in 0..1500 {
        run(seed, |rng| {
            let text = if seed % 2 == 0 {
                random_text(rng)
            } else {
                random_table(rng)
            };
            let r = Evaluator::detect().analyze_text(&text);
            check(&r);
            let (config, _) = Evaluator::detect_text(&text);
            // Detected structures are always valid and round-trip through JSON.
            let back = gapscope::SurveyConfig::from_json(&config.to_json());
            assert!(
                back.as_ref().is_ok_and(|b| *b == config),
                "{:?}",
                back.err()
            );
        });
    }
}

#[test]
fn random_bytes_never_panic() {
    for seed in 0..1500 {
        run(seed, |rng| {
            let bytes = random_bytes(rng);
            check(&Evaluator::detect().analyze_bytes(&bytes));
            let _ = Evaluator::detect_bytes(&bytes);
        });
    }
}

#[test]
fn random_structures_never_panic() {
    for seed in 0..1500 {
        run(seed, |rng| {
            let text = random_table(rng);
            let (config, _) = Evaluator::detect_text(&text);
            let config = random_config(rng, config);
            check(&Evaluator::with_config(config).analyze_text(&text));
        });
    }
}
