//! Entropy and CRITIC weights (METHODS.md §5) from statistics gathered one
//! alternative at a time, for a matrix too large to hold (the respondents of a
//! file read as a stream). What the two methods need of the complete rows:
//! - their count, each indicator's range, and the first rows (the results
//!   show them normalised);
//! - CRITIC: the joint moments. Min–max normalising divides a column's SD by
//!   its range and changes no correlation, except the sign of a cost column's;
//! - entropy: each column's distinct values with their counts, since
//!   Σ p ln p over the rows is Σ count · p ln p over the values. A survey's
//!   dimension scores take a few hundred values at most; past [`MAX_VALUES`]
//!   in a column the entropy is said to need the rows.
//!
//! Two parts' statistics merge into those of both, in file order, as the
//! reading of a file in parts needs. The judgements (too few rows, constant
//! indicators …) and the last steps of each method are the in-memory code's.

use super::critic::{self, CriticResult};
use super::entropy::{self, EntropyResult};
use super::indicators::{self, Direction, Judged};
use super::{MethodError, ShownMatrix, SHOWN_ROWS};
use crate::common::hash::Map;
use crate::stats::comoments::{CoMoments, CoSums};

/// Distinct values of one indicator counted for the entropy.
pub const MAX_VALUES: usize = 1 << 14;

/// Rows summed before the joint sums become moments.
const CHUNK: u64 = 1 << 16;

/// Incomplete alternatives named in the warning, as in memory.
const NAMED: usize = 20;

/// An alternative's name, or its place among those pushed (shifted when
/// parts merge) for one without a name.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
enum Label {
    Name(String),
    Place(u64),
}

impl Label {
    fn shifted(self, by: u64) -> Label {
        match self {
            Label::Place(i) => Label::Place(i + by),
            named => named,
        }
    }
    fn text(&self) -> String {
        match self {
            Label::Name(s) => s.clone(),
            Label::Place(i) => format!("#{}", i + 1),
        }
    }
}

/// The ranges judged, the first rows' labels and normalised values, and the
/// joint moments of the complete rows.
type Judgement = (Judged, Vec<String>, Vec<Vec<f64>>, CoMoments);

/// The statistics of an m × k matrix that entropy and CRITIC weights need.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct IndicatorSums {
    /// Alternatives pushed, complete or not.
    pushed: u64,
    dropped: usize,
    dropped_names: Vec<Label>,
    shown: Vec<(Label, Vec<f64>)>,
    min: Vec<f64>,
    max: Vec<f64>,
    done: CoMoments,
    sums: CoSums,
    /// Per indicator, the count of each value (by its bits); None once past
    /// [`MAX_VALUES`], or when the entropy is not wanted.
    values: Vec<Option<Map<u64, u64>>>,
}

impl IndicatorSums {
    /// For `k` indicators; `counts`: count the values (for the entropy).
    pub fn new(k: usize, counts: bool) -> IndicatorSums {
        IndicatorSums {
            pushed: 0,
            dropped: 0,
            dropped_names: Vec::new(),
            shown: Vec::new(),
            min: vec![f64::INFINITY; k],
            max: vec![f64::NEG_INFINITY; k],
            done: CoMoments::new(k),
            sums: CoSums::new(k),
            values: (0..k)
                .map(|_| counts.then(crate::common::hash::map))
                .collect(),
        }
    }

    /// One alternative: its name ("" or None: named by its place, `#n`) and
    /// its k values (NaN: missing, which leaves it out, listwise).
    pub fn push(&mut self, name: Option<&str>, x: &[f64]) {
        let label = match name.filter(|s| !s.is_empty()) {
            Some(s) => Label::Name(s.to_string()),
            None => Label::Place(self.pushed),
        };
        self.pushed += 1;
        if !x.iter().all(|v| v.is_finite()) {
            self.dropped += 1;
            if self.dropped_names.len() < NAMED {
                self.dropped_names.push(label);
            }
            return;
        }
        if self.shown.len() < SHOWN_ROWS {
            self.shown.push((label, x.to_vec()));
        }
        for (j, &v) in x.iter().enumerate() {
            self.min[j] = self.min[j].min(v);
            self.max[j] = self.max[j].max(v);
            if let Some(counts) = &mut self.values[j] {
                *counts.entry(v.to_bits()).or_insert(0) += 1;
                if counts.len() > MAX_VALUES {
                    self.values[j] = None;
                }
            }
        }
        self.sums.push(x.iter().copied());
        if self.sums.len() == CHUNK {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let chunk = self.sums.take();
        self.done = std::mem::replace(&mut self.done, CoMoments::new(0)).merge(&chunk);
    }

    /// Add the alternatives of a part that follows these.
    pub fn merge(&mut self, mut other: IndicatorSums) {
        self.flush();
        other.flush();
        self.done = std::mem::replace(&mut self.done, CoMoments::new(0)).merge(&other.done);
        let by = self.pushed;
        self.pushed += other.pushed;
        self.dropped += other.dropped;
        let room = NAMED.saturating_sub(self.dropped_names.len());
        self.dropped_names.extend(
            other
                .dropped_names
                .into_iter()
                .take(room)
                .map(|l| l.shifted(by)),
        );
        let room = SHOWN_ROWS.saturating_sub(self.shown.len());
        self.shown.extend(
            other
                .shown
                .into_iter()
                .take(room)
                .map(|(l, x)| (l.shifted(by), x)),
        );
        for ((a, b), (lo, hi)) in self
            .min
            .iter_mut()
            .zip(self.max.iter_mut())
            .zip(other.min.iter().zip(&other.max))
        {
            *a = a.min(*lo);
            *b = b.max(*hi);
        }
        for (mine, theirs) in self.values.iter_mut().zip(other.values) {
            *mine = match (mine.take(), theirs) {
                (Some(mut a), Some(b)) => {
                    for (v, c) in b {
                        *a.entry(v).or_insert(0) += c;
                    }
                    (a.len() <= MAX_VALUES).then_some(a)
                }
                _ => None,
            };
        }
    }

    /// The ranges judged as in memory, and the first rows normalised.
    fn judged(
        &self,
        indicators: &[String],
        directions: &[Direction],
        method: (&str, &str),
    ) -> Result<Judgement, MethodError> {
        indicators::check_shape(indicators.len(), directions)?;
        let moments = self.done.clone().merge(&self.sums.clone().take());
        let names: Vec<String> = self.dropped_names.iter().map(Label::text).collect();
        let j = indicators::judge(
            indicators,
            moments.n as usize,
            self.dropped,
            &names,
            self.min.clone(),
            self.max.clone(),
            method,
        )?;
        let labels = self.shown.iter().map(|(l, _)| l.text()).collect();
        let rows = self
            .shown
            .iter()
            .map(|(_, x)| {
                x.iter()
                    .enumerate()
                    .map(|(c, &v)| normalised(v, &j, directions, c))
                    .collect()
            })
            .collect();
        Ok((j, labels, rows, moments))
    }

    /// Entropy weights (METHODS.md §5), as `entropy::entropy` gives them for the rows.
    pub fn entropy(
        &self,
        indicators: &[String],
        directions: &[Direction],
    ) -> Result<EntropyResult, MethodError> {
        let (j, labels, rows, moments) =
            self.judged(indicators, directions, ("entropy", "熵权法"))?;
        let m = moments.n as usize;
        let k = indicators.len();
        let mut sums = vec![0.0; k];
        let mut plogp: Vec<Option<f64>> = vec![None; k];
        for c in (0..k).filter(|&c| !j.constant[c]) {
            let Some(counts) = &self.values[c] else {
                return Err(MethodError::new(
                    "entropy_too_many_values",
                    format!("Indicator \"{}\" takes more than {MAX_VALUES} different values: read as a stream, the entropy method needs each value's count, and holds that many at most.", indicators[c]),
                    format!("指标“{}”的不同取值超过 {MAX_VALUES} 个：按流读取时，熵权法需要每个取值的计数，最多保存这么多个。", indicators[c]),
                ));
            };
            let x = |bits: u64| normalised(f64::from_bits(bits), &j, directions, c);
            sums[c] = counts.iter().map(|(&v, &n)| n as f64 * x(v)).sum();
            if sums[c] > 0.0 {
                let s: f64 = counts
                    .iter()
                    .map(|(&v, &n)| {
                        let p = x(v) / sums[c];
                        // 0 · ln 0 = 0 (METHODS.md §5).
                        if p > 0.0 {
                            n as f64 * p * p.ln()
                        } else {
                            0.0
                        }
                    })
                    .sum();
                plogp[c] = Some(s);
            }
        }
        let ln_m = (m as f64).ln();
        let entropy: Vec<Option<f64>> = plogp.iter().map(|s| s.map(|s| -s / ln_m)).collect();
        let (divergence, weights) = entropy::divergences(&entropy)?;
        let usable: Vec<bool> = j.constant.iter().map(|c| !c).collect();
        let p: Vec<Vec<f64>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .enumerate()
                    .map(|(c, &x)| if plogp[c].is_some() { x / sums[c] } else { 0.0 })
                    .collect()
            })
            .collect();
        Ok(EntropyResult {
            method: "entropy".into(),
            indicators: indicators.to_vec(),
            directions: directions.to_vec(),
            alternatives: m,
            dropped: self.dropped,
            normalised: ShownMatrix::from_first(&labels, &rows, &usable, m),
            p: ShownMatrix::from_first(&labels, &p, &usable, m),
            min: j.min,
            max: j.max,
            constant: j.constant,
            entropy,
            divergence,
            weights,
            warnings: j.warnings,
        })
    }

    /// CRITIC weights (METHODS.md §5), as `critic::critic` gives them for the rows.
    pub fn critic(
        &self,
        indicators: &[String],
        directions: &[Direction],
    ) -> Result<CriticResult, MethodError> {
        let (j, labels, rows, c) = self.judged(indicators, directions, ("CRITIC", "CRITIC 法"))?;
        let m = c.n as usize;
        let k = indicators.len();
        let usable: Vec<bool> = j.constant.iter().map(|c| !c).collect();
        let sd: Vec<f64> = (0..k)
            .map(|a| {
                if usable[a] {
                    (c.at(a, a) / (m as f64 - 1.0)).sqrt() / (j.max[a] - j.min[a])
                } else {
                    0.0
                }
            })
            .collect();
        let sign = |a: usize| match directions[a] {
            Direction::Benefit => 1.0,
            Direction::Cost => -1.0,
        };
        let correlation = critic::correlations(&usable, |a, b| {
            sign(a) * sign(b) * c.at(a, b) / (c.at(a, a) * c.at(b, b)).sqrt()
        });
        let (conflict, information, weights) = critic::weigh(&sd, &correlation, &usable)?;
        Ok(CriticResult {
            method: "critic".into(),
            indicators: indicators.to_vec(),
            directions: directions.to_vec(),
            alternatives: m,
            dropped: self.dropped,
            min: j.min,
            max: j.max,
            normalised: ShownMatrix::from_first(&labels, &rows, &usable, m),
            constant: j.constant,
            sd,
            correlation,
            conflict,
            information,
            weights,
            warnings: j.warnings,
        })
    }
}

/// x' of a value of indicator `c`, as `indicators::prepare` normalises it.
fn normalised(x: f64, j: &Judged, directions: &[Direction], c: usize) -> f64 {
    if j.constant[c] {
        return 0.0;
    }
    let range = j.max[c] - j.min[c];
    match directions[c] {
        Direction::Benefit => (x - j.min[c]) / range,
        Direction::Cost => (j.max[c] - x) / range,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::indicators::IndicatorTable;

    /// A matrix with a cost column, an incomplete row, repeated values, and
    /// a row without a name, pushed in two parts and merged.
    fn matrix() -> IndicatorTable {
        let values: Vec<Vec<f64>> = (0..300)
            .map(|i| {
                let a = (i * 7 % 11) as f64 / 2.0;
                let b = (i * 3 % 5) as f64 + if i % 4 == 0 { 0.25 } else { 0.0 };
                let c = if i == 17 {
                    f64::NAN
                } else {
                    (i % 9) as f64 * 1.5
                };
                vec![a, b, c]
            })
            .collect();
        IndicatorTable {
            alternatives: (0..300)
                .map(|i| {
                    if i % 50 == 3 {
                        String::new()
                    } else {
                        format!("r{i}")
                    }
                })
                .collect(),
            indicators: vec!["A".into(), "B".into(), "C".into()],
            values,
        }
    }

    fn sums(t: &IndicatorTable, cut: usize) -> IndicatorSums {
        let mut one = IndicatorSums::new(3, true);
        let mut two = IndicatorSums::new(3, true);
        for (i, (name, x)) in t.alternatives.iter().zip(&t.values).enumerate() {
            let s = if i < cut { &mut one } else { &mut two };
            s.push(Some(name), x);
        }
        one.merge(two);
        one
    }

    fn close(a: &serde_json::Value, b: &serde_json::Value) -> bool {
        match (a, b) {
            (serde_json::Value::Number(x), serde_json::Value::Number(y)) => {
                let (x, y) = (x.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0));
                (x - y).abs() <= 1e-12 * x.abs().max(1.0)
            }
            (serde_json::Value::Array(x), serde_json::Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(a, b)| close(a, b))
            }
            (serde_json::Value::Object(x), serde_json::Value::Object(y)) => {
                x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| close(v, w)))
            }
            _ => a == b,
        }
    }

    // Unnamed alternatives are named by their place in both: the in-memory
    // table names them "#n" the way a survey does.
    fn named(t: &IndicatorTable) -> IndicatorTable {
        let mut t = t.clone();
        for (i, a) in t.alternatives.iter_mut().enumerate() {
            if a.is_empty() {
                *a = format!("#{}", i + 1);
            }
        }
        t
    }

    #[test]
    fn merged_parts_give_the_weights_of_the_whole_matrix() {
        let t = matrix();
        let dirs = [Direction::Benefit, Direction::Cost, Direction::Benefit];
        let want_e = serde_json::to_value(entropy::entropy(&named(&t), &dirs).unwrap()).unwrap();
        let want_c = serde_json::to_value(critic::critic(&named(&t), &dirs).unwrap()).unwrap();
        for cut in [0, 1, 150, 300] {
            let got_e = serde_json::to_value(sums(&t, cut).entropy(&t.indicators, &dirs).unwrap());
            let got_c = serde_json::to_value(sums(&t, cut).critic(&t.indicators, &dirs).unwrap());
            assert!(close(&want_e, &got_e.unwrap()), "entropy, cut {cut}");
            assert!(close(&want_c, &got_c.unwrap()), "CRITIC, cut {cut}");
        }
    }

    #[test]
    fn too_few_rows_constant_columns_and_too_many_values_are_said() {
        let mut s = IndicatorSums::new(2, true);
        s.push(None, &[1.0, 2.0]);
        let e = s.entropy(&["A".into(), "B".into()], &[Direction::Benefit; 2]);
        assert_eq!(
            e.err().map(|e| e.code),
            Some("indicators_too_few_rows".into())
        );
        s.push(None, &[1.0, 3.0]);
        let e = s
            .entropy(&["A".into(), "B".into()], &[Direction::Benefit; 2])
            .unwrap();
        assert_eq!(e.constant, [true, false]);
        assert_eq!(e.weights, [0.0, 1.0]);
        let mut s = IndicatorSums::new(1, true);
        for i in 0..=MAX_VALUES {
            s.push(None, &[i as f64]);
        }
        let e = s.entropy(&["A".into()], &[Direction::Benefit]);
        assert_eq!(
            e.err().map(|e| e.code),
            Some("entropy_too_many_values".into())
        );
        // CRITIC needs no counts.
        let c = s.critic(&["A".into()], &[Direction::Benefit]);
        assert_eq!(c.err().map(|e| e.code), Some("weights_sum_zero".into()));
    }
}
