//! The checks themselves. They read the table with the configuration, the same
//! way survey.rs does (missing codes, scales), but on the raw answers: a
//! respondent who ticks "5" everywhere straight-lines even where an item is
//! reverse-coded.

use super::{
    row_list, ColumnQuality, Duplicate, Flags, Outlier, Outliers, Quality, Speeder, Speeders,
    Straightliner, FLAG_DUPLICATE, FLAG_SPEEDER, FLAG_STRAIGHT,
};
use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::common::hash::Map as HashMap;
use crate::input::numbers::{self, Numbers};
use crate::input::table::Table;
use crate::input::timecell;
use crate::input::value::{self, Cell};
use crate::model::config::{Column, Role, Scale, SurveyConfig};

/// The scale a numeric column is checked against, or `None` for non-numeric roles.
pub(crate) fn column_scale(spec: &Column, config: &SurveyConfig) -> Option<Scale> {
    match spec.role {
        Role::Expectation | Role::Perception | Role::Importance | Role::Overall | Role::Effort => {
            Some(spec.scale.unwrap_or(config.scale))
        }
        Role::Recommend => Some(spec.scale.unwrap_or(Scale::ZERO_TEN)),
        Role::Allocation => Some(spec.scale.unwrap_or(Scale {
            min: 0.0,
            max: 100.0,
        })),
        _ => None,
    }
}

/// Seconds per unit of a bare number in a duration column, from its header.
fn duration_unit(header: &str) -> f64 {
    let h = header.to_ascii_lowercase();
    if h.contains("毫秒") || h.contains("(ms") || h.contains("millis") {
        0.001
    } else if h.contains("分钟") || h.contains("min") {
        60.0
    } else {
        1.0
    }
}

/// A cell read as an answer: Some(x) in scale, None otherwise.
fn answer(raw: &str, scale: Scale, missing: &[String]) -> Option<f64> {
    match value::read(raw, missing) {
        Cell::Number(x) if scale.contains(x) => Some(x),
        _ => None,
    }
}

/// Assess every row of `table`. `numbers`: answer columns already read (see
/// input::numbers), used where they fit this table and configuration.
/// One step of a row's 64-bit answer key (multiply–rotate mixing, as in
/// FxHash): cheap enough for every cell of a large file. Only a key: equal keys
/// are confirmed answer by answer.
fn mix(h: u64, answer: Option<f64>) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    // Unanswered is a bit pattern no finite answer has (a NaN).
    let v = answer.map_or(0x7ff8_dead_beef_0001, f64::to_bits);
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// How often each answer (or no answer) occurs in one item column: the
/// marginal frequencies that say how likely an identical set of answers is by
/// chance. Whole answers 0–127 are counted in an array (every Likert cell), the
/// rest in a map.
struct Frequencies {
    small: Vec<u32>,
    other: HashMap<u64, usize>,
}

const UNANSWERED: usize = 128;

impl Frequencies {
    fn new() -> Frequencies {
        Frequencies {
            small: vec![0; UNANSWERED + 1],
            other: crate::common::hash::map(),
        }
    }
    #[inline(always)]
    fn slot(x: Option<f64>) -> Result<usize, u64> {
        match x {
            None => Ok(UNANSWERED),
            Some(v) if v.fract() == 0.0 && (0.0..128.0).contains(&v) => Ok(v as usize),
            Some(v) => Err(v.to_bits()),
        }
    }
    #[inline(always)]
    fn see(&mut self, x: Option<f64>) {
        match Frequencies::slot(x) {
            Ok(i) => self.small[i] += 1,
            Err(bits) => *self.other.entry(bits).or_insert(0) += 1,
        }
    }
    fn get(&self, x: Option<f64>) -> usize {
        match Frequencies::slot(x) {
            Ok(i) => self.small[i] as usize,
            Err(bits) => self.other.get(&bits).copied().unwrap_or(0),
        }
    }
}

/// Below this chance (that any row of the table is repeated as often by
/// coincidence), identical answers are not a coincidence (METHODS.md §12).
pub(crate) const DUPLICATE_CHANCE: f64 = 0.05;

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

/// Per row, for the items of one side (E or P): the first answer, how many
/// answers, and whether one differed from the first.
struct Side {
    items: usize,
    first: Vec<f64>,
    count: Vec<u32>,
    differs: Vec<bool>,
}

impl Side {
    fn new(rows: usize, items: usize) -> Side {
        // Sides too short to straight-line keep no per-row state.
        let rows = if items == 0 { 0 } else { rows };
        Side {
            items,
            first: vec![f64::NAN; rows],
            count: vec![0; rows],
            differs: vec![false; rows],
        }
    }
    fn see(&mut self, r: usize, x: f64) {
        let (Some(first), Some(count), Some(differs)) = (
            self.first.get_mut(r),
            self.count.get_mut(r),
            self.differs.get_mut(r),
        ) else {
            return;
        };
        if *count == 0 {
            *first = x;
        } else if *first != x {
            *differs = true;
        }
        *count += 1;
    }
    /// The one answer of row `r`, if it gave any and never another.
    fn flat(&self, r: usize) -> Option<f64> {
        let count = self.count.get(r).copied().unwrap_or(0);
        let differs = self.differs.get(r).copied().unwrap_or(true);
        (count > 0 && !differs).then(|| self.first.get(r).copied().unwrap_or(f64::NAN))
    }
    fn count(&self, r: usize) -> usize {
        self.count.get(r).copied().unwrap_or(0) as usize
    }
}

pub fn assess(
    table: &Table,
    config: &SurveyConfig,
    numbers: Option<&Numbers>,
    diags: &mut Diagnostics,
) -> Quality {
    let n = table.rows();
    let missing = &config.missing_codes;
    let numbers = numbers.filter(|x| x.fits(n, missing));
    // By name through a map: a 16 384-column table must not cost W² compares.
    let by_name: HashMap<&str, &Column> = config
        .columns
        .iter()
        .rev()
        .map(|c| (c.name.as_str(), c))
        .collect();
    let spec_of: Vec<Option<&Column>> = table
        .headers
        .iter()
        .map(|h| by_name.get(h.as_str()).copied())
        .collect();
    let mut q = Quality {
        rows: n,
        row_flags: vec![0; n],
        ..Default::default()
    };

    for (c, name) in table.headers.iter().enumerate() {
        let spec = spec_of.get(c).copied().flatten();
        let role = spec.map_or(Role::Ignore, |s| s.role);
        let scale = spec.and_then(|s| column_scale(s, config));
        let mut cq = ColumnQuality {
            column: c + 1,
            name: name.clone(),
            role,
            item: spec.and_then(|s| s.item.clone()),
            answered: 0,
            missing: 0,
            missing_share: None,
            non_numeric: 0,
            out_of_scale: 0,
        };
        if matches!(
            role,
            Role::Expectation | Role::Perception | Role::Importance
        ) {
            // Counted in the row pass below, which reads these cells anyway.
            q.columns.push(cq);
            continue;
        }
        let unit = duration_unit(name);
        // One read per cell: `value::read` already says Missing for missing codes.
        for r in 0..n {
            let raw = table.cell(r, c);
            match (role, scale) {
                (Role::Duration, _) => {
                    if value::is_missing_code(raw, missing) {
                        cq.missing += 1;
                    } else if timecell::duration_seconds(raw, unit).is_some() {
                        cq.answered += 1;
                    } else {
                        cq.non_numeric += 1;
                    }
                }
                (_, Some(s)) => match value::read(raw, missing) {
                    Cell::Number(x) if s.contains(x) => cq.answered += 1,
                    Cell::Number(_) => cq.out_of_scale += 1,
                    Cell::NotNumber => cq.non_numeric += 1,
                    Cell::Missing => cq.missing += 1,
                },
                _ => {
                    if value::is_missing_code(raw, missing) {
                        cq.missing += 1;
                    } else {
                        cq.answered += 1;
                    }
                }
            }
        }
        cq.missing_share = (n > 0).then(|| cq.missing as f64 / n as f64);
        q.columns.push(cq);
    }

    let side_cols = |role: Role| -> Vec<(usize, Scale)> {
        spec_of
            .iter()
            .enumerate()
            .filter_map(|(c, s)| {
                let s = (*s)?;
                (s.role == role).then(|| (c, s.scale.unwrap_or(config.scale)))
            })
            .collect()
    };
    // The item columns in one list, E then P then I; `answers` below holds one
    // row of them, read once per row for both checks.
    let e_cols = side_cols(Role::Expectation);
    let p_cols = side_cols(Role::Perception);
    let i_cols = side_cols(Role::Importance);
    let item_cols: Vec<(usize, Scale)> = e_cols
        .iter()
        .chain(&p_cols)
        .chain(&i_cols)
        .copied()
        .collect();
    let (ne, np) = (e_cols.len(), p_cols.len());
    let pre: Vec<Option<&[f64]>> = item_cols
        .iter()
        .map(|&(c, _)| numbers.and_then(|x| x.column(c)))
        .collect();
    let read_row = |r: usize, out: &mut Vec<Option<f64>>| {
        out.clear();
        out.extend(
            item_cols
                .iter()
                .map(|&(c, s)| answer(table.cell(r, c), s, missing)),
        );
    };
    let opts = &config.quality;

    // One pass down each item column (the table is stored by column), keeping
    // per row what the checks need: the running key of its answers, how many it
    // gave, and for each side the first answer and whether another differed.
    let mut key = vec![item_cols.len() as u64; n];
    let mut answered = vec![0u32; n];
    let mut freq: Vec<Frequencies> = item_cols.iter().map(|_| Frequencies::new()).collect();
    let mut sides = [Side::new(n, ne), Side::new(n, np)];
    for (k, (&(c, s), pre)) in item_cols.iter().zip(&pre).enumerate() {
        let mut side = if k < ne {
            sides.get_mut(0)
        } else if k < ne + np {
            sides.get_mut(1)
        } else {
            None
        };
        let cq = q.columns.get_mut(c);
        let mut counts = [0usize; 3]; // out of scale, non-numeric, missing
        let mut fr = freq.get_mut(k);
        let mut on_row = |r: usize, cell: Cell| {
            let x = match cell {
                Cell::Number(x) if s.contains(x) => Some(x),
                Cell::Number(_) => {
                    counts[0] += 1;
                    None
                }
                Cell::NotNumber => {
                    counts[1] += 1;
                    None
                }
                Cell::Missing => {
                    counts[2] += 1;
                    None
                }
            };
            if let Some(h) = key.get_mut(r) {
                *h = mix(*h, x);
            }
            if let Some(f) = fr.as_deref_mut() {
                f.see(x);
            }
            if let Some(x) = x {
                if let Some(a) = answered.get_mut(r) {
                    *a += 1;
                }
                if let Some(side) = side.as_deref_mut() {
                    side.see(r, x);
                }
            }
        };
        match pre {
            Some(v) if v.len() == n => {
                for (r, &x) in v.iter().enumerate() {
                    on_row(r, numbers::kind(x));
                }
            }
            _ => {
                for (r, cell) in table.column_cells(c).enumerate() {
                    on_row(r, value::read(cell, missing));
                }
            }
        }
        if let Some(cq) = cq {
            cq.out_of_scale = counts[0];
            cq.non_numeric = counts[1];
            cq.missing = counts[2];
        }
    }

    // Straight-lining: one and the same answer to every answered item of a side,
    // with at least `straightline_min_items` answered (and half the side's items).
    let need = |k: usize| opts.straightline_min_items.max(k.div_ceil(2)).max(2);
    let flat = |side: &Side, r: usize| -> Option<f64> {
        if side.items < opts.straightline_min_items.max(2) {
            return None;
        }
        side.flat(r).filter(|_| side.count(r) >= need(side.items))
    };

    // Duplicates: the same respondent id, or (for rows that did not straight-line,
    // whose sameness is already explained) the same answers to every item when
    // that is unlikely to be a coincidence (see `coincidence`).
    let id_col = spec_of
        .iter()
        .position(|s| s.is_some_and(|s| s.role == Role::Id));
    let mut seen_id: HashMap<&str, usize> = crate::common::hash::map();
    // Answers are keyed by a hash; a hit is confirmed answer by answer, so a
    // million rows cost a million u64s, not a million copies of their answers.
    let mut seen_answers: HashMap<u64, usize> = crate::common::hash::map();
    // Different answers with the same hash (rare): checked one by one.
    let mut collided: Vec<(u64, usize)> = Vec::new();
    let mut answers: Vec<Option<f64>> = Vec::with_capacity(item_cols.len());
    let mut earlier: Vec<Option<f64>> = Vec::with_capacity(item_cols.len());
    let bits = |v: &[Option<f64>]| v.iter().map(|x| x.map(f64::to_bits)).collect::<Vec<_>>();
    let mut duplicates: Vec<Duplicate> = Vec::new();
    // Rows whose answers repeat an earlier row's, and how many rows share each set.
    // (row, index into `sets`); `sets`: (first row, rows sharing its answers);
    // `set_of`: first row → index (one map type already used above).
    let mut same: Vec<(usize, usize)> = Vec::new();
    let mut sets: Vec<(usize, usize)> = Vec::new();
    let mut set_of: HashMap<u64, usize> = crate::common::hash::map();
    for r in 0..n {
        let (e, p) = (flat(&sides[0], r), flat(&sides[1], r));
        let straight = e.is_some() || p.is_some();
        if straight {
            q.row_flags[r] |= FLAG_STRAIGHT;
            q.straightliners.push(Straightliner {
                row: table.line_of(r),
                expectation: e,
                perception: p,
            });
        }
        if let Some(c) = id_col {
            let id = table.cell(r, c);
            if !value::is_missing_code(id, &[]) {
                if let Some(&first) = seen_id.get(id) {
                    q.row_flags[r] |= FLAG_DUPLICATE;
                    duplicates.push(Duplicate {
                        row: table.line_of(r),
                        first_row: table.line_of(first),
                        kind: "same_id".into(),
                        chance: None,
                    });
                    continue;
                }
                seen_id.insert(id, r);
            }
        }
        if straight || item_cols.is_empty() {
            continue;
        }
        if (answered.get(r).copied().unwrap_or(0) as usize) < opts.duplicate_min_answers {
            continue;
        }
        let key = key.get(r).copied().unwrap_or(0);
        let mut same_as = |f: usize| {
            read_row(r, &mut answers);
            read_row(f, &mut earlier);
            bits(&earlier) == bits(&answers)
        };
        let first = match seen_answers.get(&key) {
            None => {
                seen_answers.insert(key, r);
                None
            }
            Some(&f) if same_as(f) => Some(f),
            Some(_) => {
                let hit = collided
                    .iter()
                    .find(|(k, f)| *k == key && same_as(*f))
                    .map(|x| x.1);
                if hit.is_none() {
                    collided.push((key, r));
                }
                hit
            }
        };
        if let Some(first) = first {
            let k = *set_of.entry(first as u64).or_insert_with(|| {
                sets.push((first, 1));
                sets.len() - 1
            });
            sets[k].1 += 1;
            same.push((r, k));
        }
    }
    // The chance of each repeated set of answers arising by coincidence, from
    // the answer frequencies of each item taken as independent.
    let chances: Vec<f64> = sets
        .iter()
        .map(|&(first, k)| {
            read_row(first, &mut answers);
            let ln_p: f64 = answers
                .iter()
                .zip(&freq)
                .map(|(x, f)| (f.get(*x).max(1) as f64 / n.max(1) as f64).ln())
                .sum();
            // Any of the n rows could have been repeated this often: Bonferroni
            // over them, so thousands of answer sets do not yield a few flags by luck.
            let any = coincidence(ln_p.exp(), n.saturating_sub(1), k - 1) * n as f64;
            any.min(1.0)
        })
        .collect();
    for (r, k) in same {
        let chance = chances.get(k).copied().unwrap_or(1.0);
        let first = sets.get(k).map_or(r, |s| s.0);
        if chance < DUPLICATE_CHANCE {
            q.row_flags[r] |= FLAG_DUPLICATE;
            duplicates.push(Duplicate {
                row: table.line_of(r),
                first_row: table.line_of(first),
                kind: "same_answers".into(),
                chance: Some(chance),
            });
        } else {
            q.duplicates_by_chance += 1;
        }
    }
    crate::common::order::sort_by_key(&mut duplicates, |d| d.row);
    for d in duplicates {
        q.duplicates.push(d);
    }

    for &(c, _) in &item_cols {
        if let Some(cq) = q.columns.get_mut(c) {
            cq.answered = n.saturating_sub(cq.missing + cq.non_numeric + cq.out_of_scale);
            cq.missing_share = (n > 0).then(|| cq.missing as f64 / n as f64);
        }
    }

    q.speeders = speeders(table, config, &spec_of, &mut q.row_flags);
    q.outliers = outliers(table, config, &spec_of);
    report(&q, config, diags);
    q
}

fn speeders(
    table: &Table,
    config: &SurveyConfig,
    spec_of: &[Option<&Column>],
    row_flags: &mut [u8],
) -> Option<Speeders> {
    let c = spec_of
        .iter()
        .position(|s| s.is_some_and(|s| s.role == Role::Duration))?;
    let name = table.headers.get(c)?.clone();
    let unit = duration_unit(&name);
    let mut secs: Vec<(usize, f64)> = Vec::new();
    let mut unreadable = 0usize;
    for r in 0..table.rows() {
        let raw = table.cell(r, c);
        if value::is_missing_code(raw, &config.missing_codes) {
            continue;
        }
        match timecell::duration_seconds(raw, unit) {
            Some(s) => secs.push((r, s)),
            None => unreadable += 1,
        }
    }
    let mut sorted: Vec<f64> = secs.iter().map(|x| x.1).collect();
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
        for &(r, s) in &secs {
            if s < t {
                if let Some(f) = row_flags.get_mut(r) {
                    *f |= FLAG_SPEEDER;
                }
                flagged.push(Speeder {
                    row: table.line_of(r),
                    seconds: s,
                });
            }
        }
    }
    Some(Speeders {
        column: name,
        n: secs.len(),
        unreadable,
        median_seconds: median,
        threshold_seconds: threshold,
        rule,
        flagged,
    })
}

/// Continuous columns: durations, point allocations, and unassigned columns that
/// are (almost) all numbers with many distinct values (KPIs, amounts, ages).
fn outliers(table: &Table, config: &SurveyConfig, spec_of: &[Option<&Column>]) -> Vec<Outliers> {
    let mut out = Vec::new();
    for (c, name) in table.headers.iter().enumerate() {
        let role = spec_of
            .get(c)
            .copied()
            .flatten()
            .map_or(Role::Ignore, |s| s.role);
        let unit = duration_unit(name);
        let mut vals: Vec<(usize, f64)> = Vec::new();
        let mut other = 0usize;
        for r in 0..table.rows() {
            let raw = table.cell(r, c);
            if value::is_missing_code(raw, &config.missing_codes) {
                continue;
            }
            let x = match role {
                Role::Duration => timecell::duration_seconds(raw, unit),
                Role::Allocation | Role::Ignore => match value::read(raw, &config.missing_codes) {
                    Cell::Number(x) => Some(x),
                    _ => None,
                },
                _ => break,
            };
            match x {
                Some(x) => vals.push((r, x)),
                None => other += 1,
            }
        }
        if role == Role::Ignore {
            let mut distinct: Vec<u64> = vals.iter().map(|v| v.1.to_bits()).collect();
            crate::common::order::sort_by(&mut distinct, |a, b| a.cmp(b));
            distinct.dedup();
            if distinct.len() < 10 || other * 10 > vals.len() {
                continue;
            }
        }
        let xs: Vec<f64> = vals.iter().map(|v| v.1).collect();
        let Some((q1, q3, lower, upper)) = super::tukey_fences(&xs) else {
            continue;
        };
        let mut flagged = Flags::default();
        for &(r, x) in &vals {
            if x < lower || x > upper {
                flagged.push(Outlier {
                    row: table.line_of(r),
                    value: x,
                });
            }
        }
        out.push(Outliers {
            column: c + 1,
            name: name.clone(),
            n: vals.len(),
            q1,
            q3,
            lower,
            upper,
            flagged,
        });
    }
    out
}

/// One summary diagnostic per kind of flag, saying what will happen to them.
fn report(q: &Quality, config: &SurveyConfig, diags: &mut Diagnostics) {
    let ex = &config.exclude;
    // Where to leave them out: the box in the page, and the key for survey.json.
    let fate = |excluded: bool, card: (&str, &str), key: &str| -> (String, String) {
        if excluded {
            (
                "they are excluded from the analysis".into(),
                "已从分析中排除".into(),
            )
        } else {
            (
                format!("they are still analysed; to leave them out, tick \"Exclude\" under {} in Data quality (survey.json: exclude.{key})", card.0),
                format!("仍纳入分析；如需排除，请在“数据质量”的“{}”中勾选“排除”（survey.json：exclude.{key}）", card.1),
            )
        }
    };
    let f = crate::common::format::count;
    if q.straightliners.count > 0 {
        let rows = row_list(
            q.straightliners.rows.iter().map(|s| s.row),
            q.straightliners.count,
        );
        let n = q.straightliners.count;
        let (en, zh) = fate(
            ex.straightliners,
            ("Straight-lining", "直线作答"),
            "straightliners",
        );
        diags.push(Diagnostic::new(
            "straightlining",
            Severity::Warning,
            Text::new(
                format!("{} the same answer to every expectation or every perception item ({} {rows}); {en}.", f(n, "respondent gave", "respondents gave"), if n == 1 { "row" } else { "rows" }),
                format!("{n} 位受访者对全部期望题或全部感知题给出相同答案（第 {rows} 行）；{zh}。"),
            ),
        ));
    }
    if q.duplicates.count > 0 {
        let rows = row_list(q.duplicates.rows.iter().map(|s| s.row), q.duplicates.count);
        let n = q.duplicates.count;
        let (en, zh) = fate(ex.duplicates, ("Duplicates", "重复答卷"), "duplicates");
        diags.push(Diagnostic::new(
            "duplicate_respondent",
            Severity::Warning,
            Text::new(
                format!("{} an earlier respondent id, or an earlier respondent's answers where a coincidence is unlikely ({} {rows}); the first occurrence is kept and {en}.", f(n, "row repeats", "rows repeat"), if n == 1 { "row" } else { "rows" }),
                format!("{n} 行与前面的受访者编号重复，或与前面某位受访者的全部答案相同且不太可能是巧合（第 {rows} 行）；保留首次出现者，重复者{zh}。"),
            ),
        ));
    }
    if q.duplicates_by_chance > 0 {
        let n = q.duplicates_by_chance;
        diags.push(Diagnostic::new(
            "duplicates_by_chance",
            Severity::Info,
            Text::new(
                format!("{} an earlier row's answers, as many as chance alone gives with this few items and answer options; they are not flagged as duplicates.", f(n, "row repeats", "rows repeat")),
                format!("{n} 行的答案与前面某行相同，但在题项和选项如此少的情况下这属于偶然重复，未标记为重复答卷。"),
            ),
        ));
    }
    if let Some(s) = &q.speeders {
        if s.flagged.count > 0 {
            let rows = row_list(s.flagged.rows.iter().map(|s| s.row), s.flagged.count);
            let (en, zh) = fate(ex.speeders, ("Speeders", "过快作答"), "speeders");
            let t = s.threshold_seconds.unwrap_or(0.0);
            let n = s.flagged.count;
            diags.push(Diagnostic::new(
                "speeder",
                Severity::Warning,
                Text::new(
                    format!(
                        "{} in under {t:.0} seconds ({}) ({} {rows}); {en}.",
                        f(n, "respondent answered", "respondents answered"),
                        s.rule.en,
                        if n == 1 { "row" } else { "rows" }
                    ),
                    format!(
                        "{} 位受访者答题用时不足 {t:.0} 秒（{}）（第 {rows} 行）；{zh}。",
                        s.flagged.count, s.rule.zh
                    ),
                ),
            ));
        }
        if s.unreadable > 0 {
            diags.push(Diagnostic::new(
                "duration_unreadable",
                Severity::Warning,
                Text::new(
                    format!(
                        "{} in column \"{}\" could not be read; {} not checked for speeding.",
                        f(s.unreadable, "duration", "durations"),
                        s.column,
                        if s.unreadable == 1 {
                            "that respondent is"
                        } else {
                            "those respondents are"
                        }
                    ),
                    format!(
                        "列“{}”中有 {} 个用时无法识别；这些受访者未做过快作答检查。",
                        s.column, s.unreadable
                    ),
                ),
            ));
        }
    } else if ex.speeders {
        diags.push(Diagnostic::new(
            "no_duration",
            Severity::Warning,
            Text::new(
                "Speeders were to be excluded, but the data have no duration column; nobody was excluded for speed.",
                "设置了排除过快作答者，但数据中没有答题用时列；未因用时排除任何人。",
            ),
        ));
    }
    for o in &q.outliers {
        if o.flagged.count > 0 {
            let rows = row_list(o.flagged.rows.iter().map(|s| s.row), o.flagged.count);
            diags.push(
                Diagnostic::new(
                    "outlier",
                    Severity::Info,
                    Text::new(
                        format!("Column \"{}\": {} outside the Tukey fences [{:.4}, {:.4}] ({} {rows}); reported, not removed.", o.name, f(o.flagged.count, "value lies", "values lie"), o.lower, o.upper, if o.flagged.count == 1 { "row" } else { "rows" }),
                        format!("列“{}”：{} 个值超出 Tukey 界限 [{:.4}, {:.4}]（第 {rows} 行）；仅提示，未删除。", o.name, o.flagged.count, o.lower, o.upper),
                    ),
                )
                .at_column(o.column, &o.name),
            );
        }
    }
}
