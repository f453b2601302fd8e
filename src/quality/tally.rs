//! The checks of METHODS.md §12 one row at a time, in a state that merges:
//! the same code serves a table in memory ([`super::assess`]) and a file read
//! as a stream (src/stream.rs), whose parts are tallied on several threads
//! and joined in file order.
//!
//! Per row it keeps only what a check needs of it later: the lines of flagged
//! rows, the durations and the values of continuous columns (their medians and
//! quartiles need them all), and one 128-bit key per respondent id and per set
//! of answers (SipHash 1-3 of the cells). Two different ids or answer sets take
//! the same key with a chance of about n²/2¹²⁹ — 10⁻²⁷ for a million rows —
//! far below that of a memory error, so keys stand for the cells.
//!
//! Rows are named by their line in the source (`Table::line_of`), which is what
//! the report lists and what a part's lines are shifted by when it is joined.

use super::assess::{column_scale, duration_unit, report};
use super::{
    ColumnQuality, Duplicate, Flags, Outlier, Outliers, Quality, Speeder, Speeders, Straightliner,
};
use crate::common::diag::{Diagnostics, Text};
use crate::common::hash::Fx;
use crate::common::hash::Map as HashMap;
use crate::input::timecell;
use crate::input::value::{self, Cell};
use crate::model::config::{Column, Role, Scale, SurveyConfig};
use crate::model::labels::{numeric_role, LabelMaps};
use siphasher::sip128::{Hasher128, SipHasher13};
use std::hash::{BuildHasherDefault, Hasher};

/// Below this chance (that any row of the table is repeated as often by
/// coincidence), identical answers are not a coincidence (METHODS.md §12).
pub(crate) const DUPLICATE_CHANCE: f64 = 0.05;

/// How often each answer (or no answer) occurs in each item column: the
/// marginal frequencies that say how likely an identical set of answers is by
/// chance. Whole answers 0–127 are counted in one array for all items (every
/// Likert cell, one indexed add), the rest in a map per item.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct Frequencies {
    /// Item k's count of slot i at `k * SLOTS + i`.
    small: Vec<u64>,
    other: Vec<HashMap<u64, u64>>,
}

const UNANSWERED: usize = 128;
const SLOTS: usize = UNANSWERED + 1;

impl Frequencies {
    fn new(items: usize) -> Frequencies {
        Frequencies {
            small: vec![0; items * SLOTS],
            other: (0..items).map(|_| crate::common::hash::map()).collect(),
        }
    }
    #[inline(always)]
    fn slot(x: Option<f64>) -> Result<usize, u64> {
        match x {
            None => Ok(UNANSWERED),
            // A cast, not fract(): this runs for every answer of a large file.
            Some(v) if (0.0..128.0).contains(&v) && f64::from(v as u8) == v => Ok(v as usize),
            Some(v) => Err(v.to_bits()),
        }
    }
    #[inline(always)]
    fn see_slot(&mut self, k: usize, slot: Result<usize, u64>) {
        match slot {
            Ok(i) => {
                if let Some(n) = self.small.get_mut(k * SLOTS + i) {
                    *n += 1;
                }
            }
            Err(bits) => {
                if let Some(m) = self.other.get_mut(k) {
                    *m.entry(bits).or_insert(0) += 1;
                }
            }
        }
    }
    fn get(&self, k: usize, x: Option<f64>) -> u64 {
        match Frequencies::slot(x) {
            Ok(i) => self.small.get(k * SLOTS + i).copied().unwrap_or(0),
            Err(bits) => self
                .other
                .get(k)
                .and_then(|m| m.get(&bits))
                .copied()
                .unwrap_or(0),
        }
    }
    fn add(&mut self, other: Frequencies) {
        for (a, b) in self.small.iter_mut().zip(other.small) {
            *a += b;
        }
        for (mine, theirs) in self.other.iter_mut().zip(other.other) {
            for (k, v) in theirs {
                *mine.entry(k).or_insert(0) += v;
            }
        }
    }
}

/// The chance that at least `m` of the other `others` respondents give, by
/// chance, the answers whose probability under independent items is `p`:
/// the Poisson tail P(X ≥ m) with λ = others · p, summed from its first term
/// (1 − P(X < m) would lose a tiny tail to rounding).
fn coincidence(p: f64, others: usize, m: usize) -> f64 {
    let lambda = p * others as f64;
    if m == 0 || !lambda.is_finite() || lambda >= m as f64 {
        return 1.0;
    }
    if lambda <= 0.0 {
        return 0.0;
    }
    let ln_fact: f64 = (2..=m).map(|i| (i as f64).ln()).sum();
    let mut term = (-lambda + m as f64 * lambda.ln() - ln_fact).exp();
    let mut sum = 0.0;
    for i in m..m + 200 {
        sum += term;
        term *= lambda / (i + 1) as f64;
        if term < sum * 1e-12 {
            break;
        }
    }
    sum.min(1.0)
}

/// A 128-bit key of cells (SipHash 1-3). Already uniform, so a map hashes one
/// of its words with one multiplication; two words, not a u128, so a map
/// entry is not padded to 16-byte alignment.
#[derive(Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Key([u64; 2]);

impl std::hash::Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0[0]);
    }
}

impl Key {
    fn of(bytes: &[u8]) -> Key {
        let mut h = SipHasher13::new();
        h.write(bytes);
        let h = h.finish128();
        Key([h.h1, h.h2])
    }
}

type KeyMap<V> = std::collections::HashMap<Key, V, BuildHasherDefault<Fx>>;

/// How a column is read and counted.
#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
enum Kind {
    /// The k-th item column (E, P, I): counted in the row's item pass.
    Item,
    Duration {
        unit: f64,
    },
    /// A number on a scale; `labels`: the label map, for a numeric role.
    Scaled {
        scale: Scale,
        labels: Option<usize>,
    },
    /// Anything but a missing code is an answer.
    Plain,
}

/// What each column is checked for: the same for every part of one file.
#[derive(serde::Serialize, serde::Deserialize)]
struct Plan {
    kinds: Vec<Kind>,
    /// The columns that are not items, with their kind and kept values.
    others: Vec<(usize, Kind, Option<usize>)>,
    /// Per column, where its values are kept for the Tukey fences (and, for
    /// the first duration column, the speeders).
    kept: Vec<Option<usize>>,
    /// (column, scale, label map) of the item columns, E then P then I.
    items: Vec<(usize, Scale, Option<usize>)>,
    ne: usize,
    np: usize,
    id: Option<usize>,
    labels: LabelMaps,
    missing: Vec<String>,
    straight_min: usize,
    duplicate_min: usize,
}

/// Values of one continuous column: (line, value), and the cells that were not one.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct Kept {
    values: Vec<(usize, f64)>,
    other: usize,
}

/// Which answer keys a part has met, as bits (16 per key, so about one in
/// sixteen new keys finds its bit already set): a row whose bit is set may
/// repeat an earlier one, and its answers are kept, so every set given twice
/// in a part has its answers for the chance of a repeat. The bits fit in a
/// cache where a map of every key would not; the keys themselves are sorted
/// once, at the end.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct Seen {
    bits: Vec<u64>,
}

impl Seen {
    const PER_KEY: usize = 16;

    /// Whether `k`'s bit was set, setting it.
    #[inline]
    fn test_and_set(&mut self, k: Key) -> bool {
        let slots = self.bits.len() * 64;
        let i = (k.0[1] as usize) & (slots - 1);
        let (w, b) = (i / 64, 1u64 << (i % 64));
        let word = &mut self.bits[w];
        let was = *word & b != 0;
        *word |= b;
        was
    }

    /// Room for `keys` keys: the bits doubled and set again from them.
    fn fit(&mut self, keys: &[(Key, usize)]) {
        if !self.bits.is_empty() && (keys.len() + 1) * Self::PER_KEY <= self.bits.len() * 64 {
            return;
        }
        let words = ((keys.len() + 1) * Self::PER_KEY * 2)
            .next_power_of_two()
            .max(1024)
            / 64;
        self.bits = vec![0; words];
        for &(k, _) in keys {
            self.test_and_set(k);
        }
    }
}

/// The duplicates of a tally, from its keys sorted.
#[derive(serde::Serialize, serde::Deserialize)]
struct Groups {
    /// The lines of rows whose id an earlier row has, in order.
    later_ids: Vec<usize>,
    /// Of those, the first [`ROW_LIMIT`](super::ROW_LIMIT) as report entries.
    listed: Listed,
    /// Per answer set given by more than one row: its key, first line and
    /// later lines.
    repeated: Vec<(Key, usize, Vec<usize>)>,
}

/// The flagged duplicates with the lowest lines, as (line, first line, the
/// bits of the chance: none for a repeated id): a file can repeat millions of
/// rows, and the report lists the first few hundred.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct Listed(std::collections::BinaryHeap<(usize, usize, Option<u64>)>);

impl Listed {
    fn push(&mut self, line: usize, first: usize, chance: Option<f64>) {
        self.0.push((line, first, chance.map(f64::to_bits)));
        if self.0.len() > super::ROW_LIMIT {
            self.0.pop();
        }
    }
}

/// One row's first answer on a side, how many, and whether another differed.
#[derive(Clone, Copy, Default)]
struct SideRow {
    first: f64,
    count: usize,
    differs: bool,
}

impl SideRow {
    #[inline]
    fn see(&mut self, x: f64) {
        if self.count == 0 {
            self.first = x;
        } else if self.first != x {
            self.differs = true;
        }
        self.count += 1;
    }
}

/// Lines of the rows each exclusion rule can leave out.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Flagged {
    pub straight: Vec<usize>,
    pub duplicate: Vec<usize>,
    pub speeder: Vec<usize>,
}

#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct Tally {
    plan: Box<Plan>,
    rows: usize,
    /// Per column: missing, not a number, out of scale, answered (the last
    /// not kept for item columns: it is what the others leave).
    counts: Vec<[usize; 4]>,
    freq: Frequencies,
    straight: Flags<Straightliner>,
    straight_lines: Vec<usize>,
    /// (key, line) of every row with an id, and of every row whose answers
    /// can repeat another's (enough answers, not straight-lined).
    ids: Vec<(Key, usize)>,
    sets: Vec<(Key, usize)>,
    /// Rebuilt from the keys where needed; not handed to another worker.
    #[serde(skip)]
    seen: Seen,
    /// The answers (their prefix code) of the sets a row may have repeated.
    codes: KeyMap<Box<[u8]>>,
    /// The duplicates as [`needs_one_part`](Self::needs_one_part) found
    /// them, for `finish`; any row or join after that drops them.
    grouped: Option<Groups>,
    kept: Vec<Kept>,
    code: Vec<u8>,
}

const MISSING: usize = 0;
const NON_NUMERIC: usize = 1;
const OUT_OF_SCALE: usize = 2;
const ANSWERED: usize = 3;

impl Tally {
    pub fn new(config: &SurveyConfig, headers: &[String]) -> Tally {
        let spec = specs(config, headers);
        let mut labels = LabelMaps::new(config);
        let mut kinds = Vec::with_capacity(headers.len());
        let mut kept_at = Vec::with_capacity(headers.len());
        let mut n_kept = 0;
        let mut keep = |yes: bool| {
            yes.then(|| {
                n_kept += 1;
                n_kept - 1
            })
        };
        for (c, name) in headers.iter().enumerate() {
            let s = spec.get(c).copied().flatten();
            let role = s.map_or(Role::Ignore, |s| s.role);
            let kind = match (role, s.and_then(|s| column_scale(s, config))) {
                (Role::Expectation | Role::Perception | Role::Importance, _) => Kind::Item,
                (Role::Duration, _) => Kind::Duration {
                    unit: duration_unit(name),
                },
                (_, Some(scale)) => Kind::Scaled {
                    scale,
                    labels: s
                        .filter(|s| numeric_role(s.role))
                        .and_then(|s| labels.of(s)),
                },
                _ => Kind::Plain,
            };
            kinds.push(kind);
            kept_at.push(keep(matches!(
                role,
                Role::Duration | Role::Allocation | Role::Ignore
            )));
        }
        let side = |role: Role, labels: &mut LabelMaps| -> Vec<(usize, Scale, Option<usize>)> {
            spec.iter()
                .enumerate()
                .filter_map(|(c, s)| {
                    let s = (*s)?;
                    (s.role == role).then(|| (c, s.scale.unwrap_or(config.scale), labels.of(s)))
                })
                .collect()
        };
        let e = side(Role::Expectation, &mut labels);
        let p = side(Role::Perception, &mut labels);
        let i = side(Role::Importance, &mut labels);
        let (ne, np) = (e.len(), p.len());
        let items: Vec<_> = e.into_iter().chain(p).chain(i).collect();
        let others = kinds
            .iter()
            .zip(&kept_at)
            .enumerate()
            .filter(|(_, (k, _))| !matches!(k, Kind::Item))
            .map(|(c, (&k, &kept))| (c, k, kept))
            .collect();
        let plan = Plan {
            others,
            kept: kept_at,
            ne,
            np,
            id: spec
                .iter()
                .position(|s| s.is_some_and(|s| s.role == Role::Id)),
            labels,
            missing: config.missing_codes.clone(),
            straight_min: config.quality.straightline_min_items,
            duplicate_min: config.quality.duplicate_min_answers,
            kinds,
            items,
        };
        Tally {
            counts: vec![[0; 4]; headers.len()],
            freq: Frequencies::new(plan.items.len()),
            straight: Flags::default(),
            straight_lines: Vec::new(),
            ids: Vec::new(),
            sets: Vec::new(),
            seen: Seen::default(),
            codes: KeyMap::default(),
            grouped: None,
            kept: (0..n_kept).map(|_| Kept::default()).collect(),
            code: Vec::with_capacity(plan.items.len()),
            rows: 0,
            plan: Box::new(plan),
        }
    }

    /// The columns [`row`](Self::row) reads as numbers.
    pub fn numeric_columns(&self) -> Vec<usize> {
        let scaled = self
            .plan
            .others
            .iter()
            .filter_map(|&(c, k, _)| matches!(k, Kind::Scaled { .. }).then_some(c));
        self.plan.items.iter().map(|x| x.0).chain(scaled).collect()
    }

    /// One data row at source line `line`; `cell(c)` is the text of column c
    /// ("" past the row's end), `number(c)` that text read by `value::read`
    /// for every column of [`numeric_columns`](Self::numeric_columns).
    pub fn row<'c>(
        &mut self,
        line: usize,
        cell: impl Fn(usize) -> &'c str,
        number: impl Fn(usize) -> Cell,
    ) {
        self.rows += 1;
        self.grouped = None;
        let plan = &*self.plan;
        let missing = &plan.missing;
        // The item answers, once, for every check that reads them.
        self.code.clear();
        let mut answered = 0;
        let mut sides = [SideRow::default(); 2];
        for (k, &(c, scale, labels)) in plan.items.iter().enumerate() {
            let counts = &mut self.counts[c];
            let x = match number(c) {
                Cell::Number(x) => Some(x),
                Cell::Missing => {
                    counts[MISSING] += 1;
                    None
                }
                Cell::NotNumber => {
                    let label = plan.labels.value(labels, cell(c));
                    if label.is_none() {
                        counts[NON_NUMERIC] += 1;
                    }
                    label
                }
            };
            let x = match x {
                Some(x) if !scale.contains(x) => {
                    counts[OUT_OF_SCALE] += 1;
                    None
                }
                x => x,
            };
            let slot = Frequencies::slot(x);
            self.freq.see_slot(k, slot);
            // A prefix code: one byte for a whole answer 0–127 or none, else 255
            // and the number's bits.
            match slot {
                Ok(i) => self.code.push(i as u8),
                Err(bits) => {
                    self.code.push(255);
                    self.code.extend_from_slice(&bits.to_le_bytes());
                }
            }
            if let Some(x) = x {
                answered += 1;
                if k < plan.ne {
                    sides[0].see(x);
                } else if k < plan.ne + plan.np {
                    sides[1].see(x);
                }
            }
        }
        // Straight-lining: one and the same answer to every answered item of a
        // side, with at least `straight_min` answered (and half the side's items).
        let flat = |side: &SideRow, items: usize| -> Option<f64> {
            let least = plan.straight_min.max(items.div_ceil(2)).max(2);
            (items >= plan.straight_min.max(2) && side.count >= least && !side.differs)
                .then_some(side.first)
        };
        let (e, p) = (flat(&sides[0], plan.ne), flat(&sides[1], plan.np));
        let straight = e.is_some() || p.is_some();
        if straight {
            self.straight_lines.push(line);
            self.straight.push(Straightliner {
                row: line,
                expectation: e,
                perception: p,
            });
        }
        // Duplicates: the same answers (for rows that did not straight-line,
        // whose sameness is already explained) or, below, the same respondent
        // id. Whether its id repeats an earlier row's (which leaves its answers
        // out of this check) is known at the end, from the sorted ids. Before
        // the other columns: the bit's word is a likely cache miss, which
        // their work overlaps.
        if !(straight || plan.items.is_empty() || answered < plan.duplicate_min) {
            let k = Key::of(&self.code);
            self.seen.fit(&self.sets);
            if self.seen.test_and_set(k) {
                let code = &self.code;
                self.codes
                    .entry(k)
                    .or_insert_with(|| code.clone().into_boxed_slice());
            }
            self.sets.push((k, line));
        }
        for &(c, kind, kept) in &plan.others {
            let raw = cell(c);
            let counts = &mut self.counts[c];
            let kept = kept.and_then(|k| self.kept.get_mut(k));
            match kind {
                Kind::Item => {}
                Kind::Duration { unit } => {
                    if value::is_missing_code(raw, missing) {
                        counts[MISSING] += 1;
                        continue;
                    }
                    let s = timecell::duration_seconds(raw, unit);
                    counts[if s.is_some() { ANSWERED } else { NON_NUMERIC }] += 1;
                    if let Some(kept) = kept {
                        match s {
                            Some(s) => kept.values.push((line, s)),
                            None => kept.other += 1,
                        }
                    }
                }
                Kind::Scaled { scale, labels } => {
                    let x = match number(c) {
                        Cell::Number(x) => Some(x),
                        Cell::Missing => {
                            counts[MISSING] += 1;
                            continue;
                        }
                        Cell::NotNumber => plan.labels.value(labels, raw),
                    };
                    counts[match x {
                        Some(x) if scale.contains(x) => ANSWERED,
                        Some(_) => OUT_OF_SCALE,
                        None => NON_NUMERIC,
                    }] += 1;
                    if let Some(kept) = kept {
                        match x {
                            Some(x) => kept.values.push((line, x)),
                            None => kept.other += 1,
                        }
                    }
                }
                Kind::Plain => {
                    if value::is_missing_code(raw, missing) {
                        counts[MISSING] += 1;
                        continue;
                    }
                    counts[ANSWERED] += 1;
                    if let Some(kept) = kept {
                        match value::read(raw, missing) {
                            Cell::Number(x) => kept.values.push((line, x)),
                            _ => kept.other += 1,
                        }
                    }
                }
            }
        }
        if let Some(c) = plan.id {
            let id = value::trim(cell(c));
            if !value::is_missing_code(id, &[]) {
                self.ids.push((Key::of(id.as_bytes()), line));
            }
        }
    }

    /// The duplicates, from the keys sorted (again: cheap when they are).
    fn groups(&mut self) -> Groups {
        let by_key = |a: &(Key, usize), b: &(Key, usize)| (a.0 .0, a.1).cmp(&(b.0 .0, b.1));
        self.ids.sort_unstable_by(by_key);
        self.sets.sort_unstable_by(by_key);
        let mut later_ids = Vec::new();
        let mut listed = Listed::default();
        for run in self.ids.chunk_by(|a, b| a.0 == b.0) {
            let first = run[0].1;
            for &(_, line) in &run[1..] {
                later_ids.push(line);
                listed.push(line, first, None);
            }
        }
        later_ids.sort_unstable();
        let mut repeated = Vec::new();
        for run in self.sets.chunk_by(|a, b| a.0 == b.0) {
            let mut lines = run
                .iter()
                .map(|x| x.1)
                .filter(|l| later_ids.binary_search(l).is_err());
            let Some(first) = lines.next() else { continue };
            let later: Vec<usize> = lines.collect();
            if !later.is_empty() {
                repeated.push((run[0].0, first, later));
            }
        }
        Groups {
            later_ids,
            listed,
            repeated,
        }
    }

    /// Whether this tally is of parts joined after reading that met a set of
    /// answers given once in each of two parts: neither kept the answers,
    /// which the chance of a repeat needs. Rare; read the file as one part then.
    pub fn needs_one_part(&mut self) -> bool {
        let groups = self.groups();
        let missing = groups
            .repeated
            .iter()
            .any(|(k, _, _)| !self.codes.contains_key(k));
        self.grouped = Some(groups);
        missing
    }

    /// Add the rows of the part after this one, whose lines start `lines` lines
    /// further down the file.
    pub fn merge(&mut self, other: Tally, lines: usize) {
        self.grouped = None;
        self.rows += other.rows;
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        self.freq.add(other.freq);
        self.straight.count += other.straight.count - other.straight.rows.len();
        for mut s in other.straight.rows {
            s.row += lines;
            self.straight.push(s);
        }
        self.straight_lines
            .extend(other.straight_lines.into_iter().map(|l| l + lines));
        self.ids
            .extend(other.ids.into_iter().map(|(k, l)| (k, l + lines)));
        self.sets
            .extend(other.sets.into_iter().map(|(k, l)| (k, l + lines)));
        for (k, code) in other.codes {
            self.codes.entry(k).or_insert(code);
        }
        for (a, b) in self.kept.iter_mut().zip(other.kept) {
            a.other += b.other;
            a.values
                .extend(b.values.into_iter().map(|(l, x)| (l + lines, x)));
        }
    }

    /// The data-quality section (with the lines each rule flags) and its messages.
    pub fn finish(
        mut self,
        config: &SurveyConfig,
        headers: &[String],
        diags: &mut Diagnostics,
    ) -> Quality {
        let n = self.rows;
        let spec = specs(config, headers);
        let groups = match self.grouped.take() {
            Some(g) => g,
            None => self.groups(),
        };
        let mut flagged = Flagged {
            straight: std::mem::take(&mut self.straight_lines),
            ..Default::default()
        };
        let columns = headers
            .iter()
            .enumerate()
            .map(|(c, name)| {
                let s = spec.get(c).copied().flatten();
                let counts = self.counts.get(c).copied().unwrap_or_default();
                let answered = match self.plan.kinds.get(c) {
                    Some(Kind::Item) => n.saturating_sub(
                        counts[MISSING] + counts[NON_NUMERIC] + counts[OUT_OF_SCALE],
                    ),
                    _ => counts[ANSWERED],
                };
                ColumnQuality {
                    column: c + 1,
                    name: name.clone(),
                    role: s.map_or(Role::Ignore, |s| s.role),
                    item: s.and_then(|s| s.item.clone()),
                    answered,
                    missing: counts[MISSING],
                    missing_share: (n > 0).then(|| counts[MISSING] as f64 / n as f64),
                    non_numeric: counts[NON_NUMERIC],
                    out_of_scale: counts[OUT_OF_SCALE],
                }
            })
            .collect();

        let Groups {
            later_ids,
            mut listed,
            repeated,
        } = groups;
        let mut count = later_ids.len();
        flagged.duplicate = later_ids;
        let mut by_chance = 0;
        let mut unknown = 0;
        for (k, first, later) in &repeated {
            // The chance of this set of answers arising this often by
            // coincidence, from each item's answer frequencies taken as
            // independent; any of the n rows could have been repeated this
            // often, so Bonferroni over them (thousands of answer sets must not
            // yield a few flags by luck).
            let Some(code) = self.codes.get(k) else {
                unknown += later.len();
                continue;
            };
            let ln_p: f64 = answers_of(code)
                .take(self.plan.items.len())
                .enumerate()
                .map(|(k, x)| (self.freq.get(k, x).max(1) as f64 / n.max(1) as f64).ln())
                .sum();
            let chance =
                (coincidence(ln_p.exp(), n.saturating_sub(1), later.len()) * n as f64).min(1.0);
            for &line in later {
                if chance < DUPLICATE_CHANCE {
                    flagged.duplicate.push(line);
                    listed.push(line, *first, Some(chance));
                    count += 1;
                } else {
                    by_chance += 1;
                }
            }
        }
        if unknown > 0 {
            // Only parts joined after their reading, each with one of the rows,
            // leave a repeat without its answers (the file reader reads the
            // file as one part then).
            diags.push(crate::common::diag::Diagnostic::new(
                "duplicate_chance_unknown",
                crate::common::diag::Severity::Warning,
                Text::new(
                    format!("{} an earlier row's answers, but the parts of the file they were read in kept no copy of them, so the chance of that is unknown; they are not flagged. Read the file as one part to check them.", crate::common::format::count(unknown, "row repeats", "rows repeat")),
                    format!("{unknown} 行的答案与前面某行相同，但读取它们的文件分段未保留答案，无法计算巧合的概率；未标记为重复。请将文件作为一段读取以检查。"),
                ),
            ));
        }
        let dup_flags = Flags {
            count,
            rows: listed
                .0
                .into_sorted_vec()
                .into_iter()
                .map(|(line, first, chance)| Duplicate {
                    row: line,
                    first_row: first,
                    kind: if chance.is_some() {
                        "same_answers"
                    } else {
                        "same_id"
                    }
                    .into(),
                    chance: chance.map(f64::from_bits),
                })
                .collect(),
        };

        let kept_of = |c: usize| {
            self.plan
                .kept
                .get(c)
                .copied()
                .flatten()
                .and_then(|k| self.kept.get(k))
        };
        let speeders = spec
            .iter()
            .position(|s| s.is_some_and(|s| s.role == Role::Duration))
            .and_then(|c| Some((headers.get(c)?, kept_of(c)?)))
            .map(|(name, kept)| speeders(name, kept, config, &mut flagged.speeder));
        let outliers = headers
            .iter()
            .enumerate()
            .filter_map(|(c, name)| {
                let role = spec
                    .get(c)
                    .copied()
                    .flatten()
                    .map_or(Role::Ignore, |s| s.role);
                outliers(c, name, role, kept_of(c)?)
            })
            .collect();
        let q = Quality {
            rows: n,
            columns,
            straightliners: self.straight,
            duplicates: dup_flags,
            duplicates_by_chance: by_chance,
            speeders,
            outliers,
            excluded: Flags::default(),
            flagged,
        };
        report(&q, config, diags);
        q
    }
}

/// The answers of a prefix code (see [`Tally::row`]).
fn answers_of(code: &[u8]) -> impl Iterator<Item = Option<f64>> + '_ {
    let mut rest = code;
    std::iter::from_fn(move || {
        let (&b, tail) = rest.split_first()?;
        rest = tail;
        Some(match b {
            255 => {
                let (bits, tail) = rest.split_first_chunk::<8>()?;
                rest = tail;
                Some(f64::from_bits(u64::from_le_bytes(*bits)))
            }
            b if usize::from(b) == UNANSWERED => None,
            b => Some(f64::from(b)),
        })
    })
}

/// Each header's column of the configuration (by name: the last configured
/// column of a name wins, as everywhere the table is read).
fn specs<'a>(config: &'a SurveyConfig, headers: &[String]) -> Vec<Option<&'a Column>> {
    // Through a map: a 16 384-column table must not cost W² compares.
    let by_name: HashMap<&str, &Column> = config
        .columns
        .iter()
        .rev()
        .map(|c| (c.name.as_str(), c))
        .collect();
    headers
        .iter()
        .map(|h| by_name.get(h.as_str()).copied())
        .collect()
}

fn speeders(name: &str, kept: &Kept, config: &SurveyConfig, lines: &mut Vec<usize>) -> Speeders {
    let mut sorted: Vec<f64> = kept.values.iter().map(|x| x.1).collect();
    crate::common::order::sort_f64(&mut sorted);
    let median = super::quantile(&sorted, 0.5);
    let opts = &config.quality;
    let (threshold, rule) = match opts.speeder_seconds {
        Some(t) => (
            Some(t),
            Text::new(
                format!(
                    "faster than {} seconds (set in the configuration)",
                    crate::common::format::number(t)
                ),
                format!(
                    "用时少于 {} 秒（配置中设定）",
                    crate::common::format::number(t)
                ),
            ),
        ),
        None => {
            let f = opts.speeder_fraction;
            (
                median.map(|m| m * f),
                Text::new(
                    format!("faster than {:.3} × the median duration", f),
                    format!("用时少于中位用时的 {:.3} 倍", f),
                ),
            )
        }
    };
    let mut flagged = Flags::default();
    if let Some(t) = threshold {
        for &(line, s) in kept.values.iter().filter(|(_, s)| *s < t) {
            lines.push(line);
            flagged.push(Speeder {
                row: line,
                seconds: s,
            });
        }
    }
    Speeders {
        column: name.to_string(),
        n: kept.values.len(),
        unreadable: kept.other,
        median_seconds: median,
        threshold_seconds: threshold,
        rule,
        flagged,
    }
}

/// Tukey outliers of a continuous column: durations, point allocations, and
/// unassigned columns that are (almost) all numbers with many distinct values
/// (KPIs, amounts, ages).
fn outliers(c: usize, name: &str, role: Role, kept: &Kept) -> Option<Outliers> {
    if role == Role::Ignore {
        let mut distinct: Vec<u64> = kept.values.iter().map(|v| v.1.to_bits()).collect();
        crate::common::order::sort_by(&mut distinct, |a, b| a.cmp(b));
        distinct.dedup();
        if distinct.len() < 10 || kept.other * 10 > kept.values.len() {
            return None;
        }
    }
    let xs: Vec<f64> = kept.values.iter().map(|v| v.1).collect();
    let (q1, q3, lower, upper) = super::tukey_fences(&xs)?;
    let mut flagged = Flags::default();
    for &(line, x) in kept.values.iter().filter(|(_, x)| *x < lower || *x > upper) {
        flagged.push(Outlier {
            row: line,
            value: x,
        });
    }
    Some(Outliers {
        column: c + 1,
        name: name.to_string(),
        n: kept.values.len(),
        q1,
        q3,
        lower,
        upper,
        flagged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poisson_tail() {
        // scipy.stats.poisson.sf(2, 0.5) = P(X ≥ 3) = 0.01438767796...
        assert!((coincidence(0.5 / 100.0, 100, 3) - 0.014_387_677_966_970_687).abs() < 1e-12);
        assert_eq!(coincidence(0.1, 100, 3), 1.0); // λ = 10 ≥ m
        assert_eq!(coincidence(0.0, 100, 3), 0.0);
    }
}
