//! The sufficient statistics in one pass over rows, without keeping them: what
//! the query of [`super::sql`] computes in a warehouse, computed here for a file
//! of any size as it streams by. Each row's answers are read as
//! `model::survey` reads them (missing codes, labels, the scale, reverse
//! coding), and its gaps, dimension scores (METHODS.md §2) and reliability
//! totals (§4) are formed in the engine's order of additions.
//!
//! Sums are kept shifted by the chunk's first value, so its sums of squares
//! stay small and exact for whole-number answers, and a constant (even −1/3)
//! gives a variance of exactly zero, as two passes do; every [`CHUNK`] rows they
//! become [`Moments`] and merge (Chan et al.), as two accumulators fed
//! different parts of a file merge into the one of the whole file.

use super::extras::{Allocation, Counts, DriverJoints, Joints};
use super::read::Values;
use super::{item_var, stat_name, Layout, Side, ANALYSED, ROWS};
use crate::analyses::compare::{GroupMoments, GroupingKind, GroupingMoments, MAX_GROUPS};
use crate::analyses::metrics::{self, MetricCounts};
use crate::common::diag::{Diagnostic, Severity, Text};
use crate::common::format::grouped;
use crate::common::hash::Map;
use crate::input::timecell::DateOrder;
use crate::input::value::{self, Cell};
use crate::methods::fuzzy::GradeCounts;
use crate::methods::indicator_sums::IndicatorSums;
use crate::model::analysis_options::ScoreKind;
use crate::model::config::{Column, Period, Role, Scale, SurveyConfig};
use crate::model::labels::LabelMaps;
use crate::model::scores::RowScores;
use crate::stats::comoments::{CoMoments, CoSums};
use crate::stats::moments::Moments;

/// Rows summed before the sums become moments.
const CHUNK: u64 = 1 << 16;

/// Sums of x − x₀ and of its square over a chunk, x₀ its first value.
#[derive(Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
struct Sums {
    n: u64,
    first: f64,
    s1: f64,
    s2: f64,
}

impl Sums {
    #[inline(always)]
    fn push(&mut self, x: f64) {
        if self.n == 0 {
            self.first = x;
        }
        let d = x - self.first;
        self.n += 1;
        self.s1 += d;
        self.s2 += d * d;
    }

    fn moments(&self) -> Moments {
        if self.n == 0 {
            return Moments::default();
        }
        let n = self.n as f64;
        Moments {
            n: self.n,
            mean: self.first + self.s1 / n,
            m2: (self.s2 - self.s1 * self.s1 / n).max(0.0),
        }
    }
}

/// A statistic kept per group: this chunk's sums and the moments of the
/// chunks before.
#[derive(Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
struct Stat {
    sums: Sums,
    done: Moments,
}

impl Stat {
    #[inline]
    fn push(&mut self, x: f64) {
        if !x.is_nan() {
            self.sums.push(x);
        }
    }
    fn flush(&mut self) {
        self.done = self.done.merge(self.sums.moments());
        self.sums = Sums::default();
    }
    fn merge(&mut self, mut other: Stat) {
        self.flush();
        other.flush();
        self.done = self.done.merge(other.done);
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct GroupAcc {
    value: String,
    n: u64,
    score: Stat,
    dims: Vec<Stat>,
}

/// A segment or wave column: its groups in order of first appearance.
#[derive(serde::Serialize, serde::Deserialize)]
struct GroupingAcc {
    column: String,
    kind: GroupingKind,
    col: usize,
    index: Map<String, usize>,
    groups: Vec<GroupAcc>,
    unassigned: u64,
    too_many: bool,
    /// Waves made from this date column by the structure's `waves` rule.
    dates: Option<Box<FromDates>>,
}

/// Waves made from a date column, read one cell at a time: the groups as the
/// dates read month first (the grouping itself) and as day first, until the
/// end says which order the column uses — the first date that proves one, in
/// file order, as `model::waves` decides for a table.
#[derive(serde::Serialize, serde::Deserialize)]
struct FromDates {
    period: Period,
    /// The date column's name, for what is said of it.
    source: String,
    day_first: GroupingAcc,
    proved: Option<DateOrder>,
    /// Cells that are not dates, read month first and day first, and the
    /// first of them (its data row, from 0).
    unreadable: [u64; 2],
    first_bad: [Option<u64>; 2],
}

/// One respondent into a grouping: its value, overall and dimension gaps.
fn add_to(gr: &mut GroupingAcc, v: &str, missing: &[String], overall: f64, dg: &[f64]) {
    if value::is_missing_code(v, missing) {
        gr.unassigned += 1;
        return;
    }
    if let Some(g) = gr.group(v, dg.len()) {
        g.n += 1;
        g.score.push(overall);
        for (st, &x) in g.dims.iter_mut().zip(dg) {
            st.push(x);
        }
    }
}

impl GroupingAcc {
    /// The group of `value`, made on first sight; none once there are too many.
    fn group(&mut self, value: &str, dims: usize) -> Option<&mut GroupAcc> {
        let g = match self.index.get(value) {
            Some(&g) => g,
            None => {
                if self.groups.len() >= MAX_GROUPS {
                    self.too_many = true;
                    return None;
                }
                self.index.insert(value.to_string(), self.groups.len());
                self.groups.push(GroupAcc {
                    value: value.to_string(),
                    n: 0,
                    score: Stat::default(),
                    dims: vec![Stat::default(); dims],
                });
                self.groups.len() - 1
            }
        };
        self.groups.get_mut(g)
    }

    fn flush(&mut self) {
        for g in &mut self.groups {
            g.score.flush();
            g.dims.iter_mut().for_each(Stat::flush);
        }
        if let Some(d) = &mut self.dates {
            d.day_first.flush();
        }
    }

    /// Waves from dates: the groups of the order the column uses, and what
    /// is said of its cells that are not dates.
    fn decide(&mut self) -> Option<Diagnostic> {
        let d = *self.dates.take()?;
        let k = match d.proved.unwrap_or(DateOrder::MonthFirst) {
            DateOrder::MonthFirst => 0,
            DateOrder::DayFirst => {
                let day = d.day_first;
                self.index = day.index;
                self.groups = day.groups;
                self.unassigned = day.unassigned;
                self.too_many = day.too_many;
                1
            }
        };
        let first = d.first_bad[k]? + 1;
        Some(crate::model::waves::unreadable_dates(
            &d.source,
            d.unreadable[k] as usize,
            &format!("data row {first}"),
            &format!("第 {first} 个数据行"),
        ))
    }

    /// Another part's groups, which come after this part's in the file
    /// (`offset` data rows after this part's first).
    fn merge(&mut self, mut other: GroupingAcc, offset: u64) {
        if let (Some(a), Some(b)) = (self.dates.as_mut(), other.dates.take()) {
            let b = *b;
            a.day_first.merge(b.day_first, offset);
            a.proved = a.proved.or(b.proved);
            for k in 0..2 {
                a.unreadable[k] += b.unreadable[k];
                a.first_bad[k] = a.first_bad[k].or(b.first_bad[k].map(|r| r + offset));
            }
        }
        self.unassigned += other.unassigned;
        self.too_many |= other.too_many;
        for og in other.groups {
            let dims = og.dims.len();
            let Some(g) = self.group(&og.value, dims) else {
                continue;
            };
            g.n += og.n;
            g.score.merge(og.score);
            for (a, b) in g.dims.iter_mut().zip(og.dims) {
                a.merge(b);
            }
        }
    }

    fn moments(mut self) -> GroupingMoments {
        self.flush();
        GroupingMoments {
            column: self.column,
            kind: self.kind,
            groups: self
                .groups
                .into_iter()
                .map(|g| GroupMoments {
                    value: g.value,
                    n: g.n as usize,
                    score: g.score.done,
                    dimensions: g.dims.into_iter().map(|s| s.done).collect(),
                })
                .collect(),
            unassigned: self.unassigned as usize,
            too_many: self.too_many,
        }
    }
}

/// Answers that were not answers: how many, and the first (data row, column).
#[derive(Clone, Default, serde::Serialize, serde::Deserialize)]
struct Rejected {
    count: u64,
    first: Option<(u64, String)>,
}

/// One answer as `model::survey::numeric_column` reads it; NaN = missing,
/// Err(0) outside the scale, Err(1) not a number nor a label.
#[inline]
fn answer(r: &Reader, raw: &str, cell: Cell, label_maps: &LabelMaps) -> Result<f64, usize> {
    let x = match cell {
        Cell::Number(x) => x,
        Cell::Missing => return Ok(f64::NAN),
        Cell::NotNumber => match label_maps.value(r.labels, raw) {
            Some(x) => x,
            None => return Err(1),
        },
    };
    Ok(if !r.scale.contains(x) {
        return Err(0);
    } else if r.reverse {
        r.scale.min + r.scale.max - x
    } else {
        x
    })
}

/// [`answer`], counting what was not one (`rows`: the data rows before this one).
#[inline]
fn read(
    r: &Reader,
    (raw, cell): (&str, Cell),
    label_maps: &LabelMaps,
    rejected: &mut [Rejected; 2],
    rows: u64,
) -> f64 {
    match answer(r, raw, cell, label_maps) {
        Ok(x) => x,
        Err(k) => {
            let rej = &mut rejected[k];
            rej.count += 1;
            if rej.first.is_none() {
                rej.first = Some((rows + 1, r.name.clone()));
            }
            f64::NAN
        }
    }
}

/// One answer column: where it is in the row and how its cells read.
#[derive(serde::Serialize, serde::Deserialize)]
struct Reader {
    name: String,
    col: usize,
    scale: Scale,
    reverse: bool,
    labels: Option<usize>,
}

/// Per reliability scale: the total's variable, then per item x and rest.
#[derive(serde::Serialize, serde::Deserialize)]
struct ScaleVars {
    side: Side,
    items: Vec<usize>,
    total: usize,
    first: usize,
}

#[derive(serde::Serialize, serde::Deserialize)]
pub struct Accumulator {
    readers: Vec<[Option<Reader>; 2]>,
    label_maps: LabelMaps,
    missing: Vec<String>,
    dims: Vec<(Vec<usize>, usize)>,
    scales: Vec<ScaleVars>,
    perception_only: bool,
    vars: Vec<String>,
    /// Index of each item's E, P, G variable; each dimension's DE, DP, DG, DS.
    item_vars: Vec<[Option<usize>; 3]>,
    dim_vars: Vec<[usize; 4]>,
    sums: Vec<Sums>,
    done: Vec<Moments>,
    rows: u64,
    analysed: u64,
    in_chunk: u64,
    // One row's answers, reused.
    e: Vec<f64>,
    p: Vec<f64>,
    /// This row's dimension gap and SERVPERF scores (NaN: none).
    dg: Vec<f64>,
    dperf: Vec<f64>,
    groupings: Vec<GroupingAcc>,
    /// Outside the scale, and not a number (nor a label).
    rejected: [Rejected; 2],
    /// The fuzzy evaluation's grades (the scale points; empty when the scale
    /// has none) and each item's perception answers counted on them.
    grades: Vec<f64>,
    grade_counts: Vec<Option<GradeCounts>>,
    /// The recommend, overall and effort columns (METHODS.md §8), as
    /// `model::survey` reads them, and what the metrics need of them.
    singles: [Option<Reader>; 3],
    csat_threshold: Option<f64>,
    metric_counts: MetricCounts,
    effort: Stat,
    /// Importance answers per item (IPA's stated importance).
    importance: Vec<Option<(Reader, Stat)>>,
    /// With an overall-satisfaction column: each item's perception with it
    /// (IPA's derived importance), each dimension score with it, and the
    /// scores of the dimensions that can have one with it, over the rows that
    /// have them all (the drivers' correlations and regression, §10).
    drivers: Option<Drivers>,
    /// With an allocation column for every dimension: the points, read per
    /// row as `model::survey` reads them.
    allocation: Option<(Vec<Reader>, Allocation)>,
    /// With entropy or CRITIC weights: each row's SERVPERF dimension scores,
    /// named by the id column (the last, as `model::survey` takes it).
    objective: Option<(Option<usize>, IndicatorSums)>,
}

/// A pair or a set of variables: this chunk's sums and the chunks before.
#[derive(serde::Serialize, serde::Deserialize)]
struct Joint {
    sums: CoSums,
    done: CoMoments,
}

impl Joint {
    fn new(k: usize) -> Joint {
        Joint {
            done: CoMoments::new(k),
            sums: CoSums::new(k),
        }
    }
    fn flush(&mut self) {
        let chunk = self.sums.take();
        self.done = std::mem::replace(&mut self.done, CoMoments::new(0)).merge(&chunk);
    }
    fn merge(&mut self, mut other: Joint) {
        self.flush();
        other.flush();
        self.done = std::mem::replace(&mut self.done, CoMoments::new(0)).merge(&other.done);
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Drivers {
    score: ScoreKind,
    items: Vec<Option<Joint>>,
    dims: Vec<Joint>,
    /// Dimensions whose columns could give a score, and their joint moments
    /// with overall satisfaction (last).
    possible: Vec<usize>,
    all: Joint,
    missing_overall: u64,
    missing_score: u64,
}

impl Accumulator {
    /// An accumulator for rows whose header is `headers`; a configured column
    /// that is not among them reads as missing.
    pub fn new<'c>(config: &'c SurveyConfig, headers: &[String]) -> Accumulator {
        let layout = Layout::new(config);
        let index = crate::common::hash::first_index(headers.iter().map(String::as_str));
        let mut label_maps = LabelMaps::new(config);
        let mut reader = |c: Option<&Column>| -> Option<Reader> {
            let c = c?;
            let labels = label_maps.of(c);
            Some(Reader {
                name: c.name.clone(),
                col: index.get(c.name.as_str()).copied().unwrap_or(usize::MAX),
                scale: layout.scale_of(c),
                reverse: c.reverse,
                labels,
            })
        };
        // Of an item's columns of one kind, the first in the data, as
        // model::survey binds them (else the configured one, read as missing).
        let bound = |id: &str, role: Role, configured: Option<&'c Column>| -> Option<&'c Column> {
            config
                .columns
                .iter()
                .find(|c| {
                    c.role == role
                        && c.item.as_deref() == Some(id)
                        && index.contains_key(c.name.as_str())
                })
                .or(configured)
        };
        let readers: Vec<[Option<Reader>; 2]> = layout
            .items
            .iter()
            .map(|it| {
                [
                    reader(bound(it.id, Role::Expectation, it.e)),
                    reader(bound(it.id, Role::Perception, it.p)),
                ]
            })
            .collect();
        let mut vars = Vec::new();
        // A variable's name; its sums and moments are at the same index.
        let mut add = |name: String| {
            vars.push(name);
            vars.len() - 1
        };
        let item_vars: Vec<[Option<usize>; 3]> = layout
            .items
            .iter()
            .map(|it| {
                let (e, p) = (it.e.is_some(), it.p.is_some());
                [
                    e.then(|| add(item_var("E", it.id))),
                    p.then(|| add(item_var("P", it.id))),
                    (e && p).then(|| add(item_var("G", it.id))),
                ]
            })
            .collect();
        let dim_vars: Vec<[usize; 4]> = layout
            .dims
            .iter()
            .map(|d| {
                [
                    add(item_var("DE", d.id)),
                    add(item_var("DP", d.id)),
                    add(item_var("DG", d.id)),
                    add(item_var("DS", d.id)),
                ]
            })
            .collect();
        let scales = layout
            .scales
            .iter()
            .map(|s| {
                let key = layout.scale_key(s);
                let total = add(key.clone());
                let first = total + 1;
                for &i in &s.items {
                    let id = layout.items[i].id;
                    add(format!("{key}/{id}"));
                    add(format!("{key}/{id}/rest"));
                }
                ScaleVars {
                    side: s.side,
                    items: s.items.clone(),
                    total,
                    first,
                }
            })
            .collect();
        let k = vars.len();
        let n_items = layout.items.len();
        // Columns not in the header are left out, as model::survey does.
        let grouping = |column: &str, kind, col| GroupingAcc {
            column: column.to_string(),
            kind,
            col,
            index: crate::common::hash::map(),
            groups: Vec::new(),
            unassigned: 0,
            too_many: false,
            dates: None,
        };
        let mut groupings: Vec<GroupingAcc> = layout
            .groupings
            .iter()
            .filter_map(|&(c, kind)| {
                let &col = index.get(c.name.as_str())?;
                Some(grouping(&c.name, kind, col))
            })
            .collect();
        // The layout leaves a wave column made from dates out (a warehouse
        // has no such column); read here from its date column, last, as the
        // comparisons of a table take the wave after the segments.
        let made = config.waves.as_ref().and_then(|rule| {
            let name = crate::model::waves::derived_name(rule);
            let wave = config.columns.iter().rev().find(|c| c.role == Role::Wave)?;
            let &col = index
                .get(rule.column.as_str())
                .filter(|_| wave.name == name)?;
            let mut g = grouping(&name, GroupingKind::Wave, col);
            g.dates = Some(Box::new(FromDates {
                period: rule.period,
                source: rule.column.clone(),
                day_first: grouping(&name, GroupingKind::Wave, col),
                proved: None,
                unreadable: [0; 2],
                first_bad: [None; 2],
            }));
            Some(g)
        });
        groupings.extend(made);
        let n_dims = layout.dims.len();
        // The single-column roles: the last present column of each, with the
        // scale and reverse coding model::survey reads it with.
        let mut single = |role: Role, default: Scale, reverse: bool| {
            let c = crate::analyses::columns::single(config, headers, role)?;
            let mut r = reader(Some(c))?;
            r.scale = c.scale.unwrap_or(default);
            r.reverse = reverse && c.reverse;
            Some(r)
        };
        let singles = [
            single(Role::Recommend, Scale::ZERO_TEN, false),
            single(Role::Overall, config.scale, true),
            single(Role::Effort, config.scale, false),
        ];
        let csat_threshold = singles[1]
            .as_ref()
            .and_then(|r| metrics::csat_threshold(r.scale, config.analyses.csat.top_k));
        let grades = crate::methods::survey_fuzzy::scale_grades(config).unwrap_or_default();
        let grade_counts = readers
            .iter()
            .map(|[_, p]| {
                p.as_ref()
                    .filter(|r| r.col != usize::MAX)
                    .map(|_| GradeCounts::new(grades.len()))
            })
            .collect();
        let importance: Vec<Option<(Reader, Stat)>> = layout
            .items
            .iter()
            .map(|it| {
                reader(bound(it.id, Role::Importance, it.importance))
                    .filter(|r| r.col != usize::MAX)
                    .map(|r| (r, Stat::default()))
            })
            .collect();
        // The last present column of each dimension, as model::survey keeps it.
        let allocation = (!layout.dims.is_empty())
            .then(|| {
                layout
                    .dims
                    .iter()
                    .map(|d| {
                        let c = config.columns.iter().rev().find(|c| {
                            c.role == Role::Allocation
                                && c.dimension.as_deref() == Some(d.id)
                                && index.contains_key(c.name.as_str())
                        })?;
                        let mut r = reader(Some(c))?;
                        r.scale = c.scale.unwrap_or(Scale {
                            min: 0.0,
                            max: 100.0,
                        });
                        r.reverse = false;
                        Some(r)
                    })
                    .collect::<Option<Vec<Reader>>>()
            })
            .flatten()
            .map(|readers| {
                let k = readers.len();
                (
                    readers,
                    Allocation {
                        sum: vec![0.0; k],
                        ..Default::default()
                    },
                )
            });
        let score = config.analyses.drivers.score;
        let drivers = singles[1].as_ref().map(|_| {
            let present = |r: &Option<Reader>| r.as_ref().is_some_and(|r| r.col != usize::MAX);
            let possible =
                super::extras::possible_dims(&layout, score, |name| index.contains_key(name));
            Drivers {
                score,
                items: (0..layout.items.len())
                    .map(|i| present(&readers[i][1]).then(|| Joint::new(2)))
                    .collect(),
                dims: (0..layout.dims.len()).map(|_| Joint::new(2)).collect(),
                all: Joint::new(possible.len() + 1),
                possible,
                missing_overall: 0,
                missing_score: 0,
            }
        });
        Accumulator {
            perception_only: layout.items.iter().all(|i| i.e.is_none())
                && layout.items.iter().any(|i| i.p.is_some()),
            dims: layout
                .dims
                .iter()
                .map(|d| (d.items.clone(), d.need))
                .collect(),
            readers,
            label_maps,
            missing: config.missing_codes.clone(),
            scales,
            vars,
            item_vars,
            dim_vars,
            sums: vec![Sums::default(); k],
            done: vec![Moments::default(); k],
            rows: 0,
            analysed: 0,
            in_chunk: 0,
            e: vec![f64::NAN; n_items],
            p: vec![f64::NAN; n_items],
            dg: vec![f64::NAN; n_dims],
            dperf: vec![f64::NAN; n_dims],
            groupings,
            rejected: Default::default(),
            grades,
            grade_counts,
            singles,
            csat_threshold,
            metric_counts: MetricCounts::default(),
            effort: Stat::default(),
            importance,
            drivers,
            allocation,
            objective: config.weighting.needs_scores().then(|| {
                // The id column as model::survey takes it: the last present.
                let id = crate::analyses::columns::single(config, headers, Role::Id)
                    .and_then(|c| index.get(c.name.as_str()).copied());
                (
                    id,
                    IndicatorSums::new(n_dims, config.weighting.needs_counts()),
                )
            }),
        }
    }

    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The columns [`push`](Self::push) reads as numbers.
    pub fn numeric_columns(&self) -> Vec<usize> {
        let items = self.readers.iter().flatten().flatten();
        let singles = self.singles.iter().flatten();
        let importance = self.importance.iter().flatten().map(|x| &x.0);
        let allocation = self.allocation.iter().flat_map(|a| a.0.iter());
        items
            .chain(singles)
            .chain(importance)
            .chain(allocation)
            .map(|r| r.col)
            .collect()
    }

    /// One answer, counting what was not one.
    #[inline]
    fn read(&mut self, i: usize, side: usize, cell: (&str, Cell)) -> f64 {
        match &self.readers[i][side] {
            Some(r) => read(r, cell, &self.label_maps, &mut self.rejected, self.rows),
            None => f64::NAN,
        }
    }

    /// One data row; `cell(c)` is the text of column c ("" past the row's end),
    /// `number(c)` that text read by `value::read` for every column of
    /// [`numeric_columns`](Self::numeric_columns), once for every reader of the row.
    pub fn push<'c>(&mut self, cell: impl Fn(usize) -> &'c str, number: impl Fn(usize) -> Cell) {
        let row = |c: usize| (cell(c), number(c));
        for i in 0..self.readers.len() {
            let cols = self.readers[i]
                .each_ref()
                .map(|r| r.as_ref().map_or(usize::MAX, |r| r.col));
            self.e[i] = self.read(i, 0, row(cols[0]));
            self.p[i] = self.read(i, 1, row(cols[1]));
        }
        if !self.grades.is_empty() {
            let lo = self.grades[0];
            for (c, &x) in self.grade_counts.iter_mut().zip(&self.p) {
                let Some(c) = c else { continue };
                // A whole answer on the scale is its own grade (the usual case,
                // without the search for the nearest).
                let k = x - lo;
                match c.counts.get_mut(k as usize) {
                    Some(slot) if k >= 0.0 && k.fract() == 0.0 => *slot += 1,
                    _ if x.is_finite() => c.push(x, &self.grades),
                    _ => {}
                }
            }
        }
        let mut single = |k: usize| match &self.singles[k] {
            Some(r) => read(
                r,
                row(r.col),
                &self.label_maps,
                &mut self.rejected,
                self.rows,
            ),
            None => f64::NAN,
        };
        let (recommend, overall, effort) = (single(0), single(1), single(2));
        self.metric_counts.recommend(recommend);
        self.metric_counts.overall(overall, self.csat_threshold);
        self.effort.push(effort);
        for (r, stat) in self.importance.iter_mut().flatten() {
            let x = read(
                r,
                row(r.col),
                &self.label_maps,
                &mut self.rejected,
                self.rows,
            );
            stat.push(x);
        }
        if let Some(dr) = &mut self.drivers {
            if !overall.is_nan() {
                for (j, &x) in dr.items.iter_mut().zip(&self.p) {
                    if let Some(j) = j {
                        if !x.is_nan() {
                            j.sums.push([x, overall].into_iter());
                        }
                    }
                }
            }
        }
        let (e, p) = (&self.e, &self.p);
        let push = |sums: &mut [Sums], v: usize, x: f64| {
            if !x.is_nan() {
                sums[v].push(x);
            }
        };
        for (i, [ve, vp, vg]) in self.item_vars.iter().enumerate() {
            if let Some(v) = *ve {
                push(&mut self.sums, v, e[i]);
            }
            if let Some(v) = *vp {
                push(&mut self.sums, v, p[i]);
            }
            if let Some(v) = *vg {
                push(&mut self.sums, v, p[i] - e[i]);
            }
        }
        let mut scored = false;
        for ((((items, need), dv), dg), dperf) in self
            .dims
            .iter()
            .zip(&self.dim_vars)
            .zip(&mut self.dg)
            .zip(&mut self.dperf)
        {
            let s = RowScores::of(items.iter().map(|&i| (e[i], p[i])), *need);
            *dg = s.g;
            *dperf = s.perf;
            push(&mut self.sums, dv[0], s.e);
            push(&mut self.sums, dv[1], s.p);
            push(&mut self.sums, dv[2], s.g);
            push(&mut self.sums, dv[3], s.perf);
            scored |= !(if self.perception_only { s.perf } else { s.g }).is_nan();
        }
        if let Some((readers, al)) = &mut self.allocation {
            let pts: Vec<f64> = readers
                .iter()
                .map(|r| {
                    read(
                        r,
                        row(r.col),
                        &self.label_maps,
                        &mut self.rejected,
                        self.rows,
                    )
                })
                .collect();
            if let Some(a) = crate::methods::weights::normalised_allocation(&pts) {
                al.n += 1;
                for (s, x) in al.sum.iter_mut().zip(&a) {
                    *s += x;
                }
                for (acc, scores) in [(&mut al.gap, &self.dg), (&mut al.perf, &self.dperf)] {
                    let v: f64 = a.iter().zip(scores).map(|(a, s)| a * s).sum();
                    if !v.is_nan() {
                        acc.0 += v;
                        acc.1 += 1;
                    }
                }
            }
        }
        if let Some(dr) = &mut self.drivers {
            let scores = match dr.score {
                ScoreKind::Gap => &self.dg,
                ScoreKind::Perception => &self.dperf,
            };
            if overall.is_nan() {
                dr.missing_overall += 1;
            } else {
                for (j, &x) in dr.dims.iter_mut().zip(scores) {
                    if !x.is_nan() {
                        j.sums.push([x, overall].into_iter());
                    }
                }
                if dr.possible.iter().all(|&d| !scores[d].is_nan()) {
                    let row = dr.possible.iter().map(|&d| scores[d]).chain([overall]);
                    dr.all.sums.push(row);
                } else {
                    dr.missing_score += 1;
                }
            }
        }
        for s in &self.scales {
            let x = if s.side == Side::E { e } else { p };
            let mut total = 0.0;
            let mut complete = true;
            for (k, &i) in s.items.iter().enumerate() {
                let v = x[i];
                complete &= !v.is_nan();
                // row_totals: the first column, then the others added in order.
                total = if k == 0 { v } else { total + v };
            }
            if !complete {
                continue;
            }
            push(&mut self.sums, s.total, total);
            for (k, &i) in s.items.iter().enumerate() {
                push(&mut self.sums, s.first + 2 * k, x[i]);
                push(&mut self.sums, s.first + 2 * k + 1, total - x[i]);
            }
        }
        if let Some((id, sums)) = &mut self.objective {
            sums.push(id.map(|c| cell(c).trim()), &self.dperf);
        }
        if !self.groupings.is_empty() {
            // The respondent's overall gap: the mean of their dimension gaps.
            let (mut s, mut n) = (0.0, 0usize);
            for &g in self.dg.iter().filter(|g| !g.is_nan()) {
                s += g;
                n += 1;
            }
            let overall = if n == 0 { f64::NAN } else { s / n as f64 };
            for gr in &mut self.groupings {
                let raw = cell(gr.col);
                let Some(d) = gr.dates.as_mut() else {
                    add_to(gr, raw.trim(), &self.missing, overall, &self.dg);
                    continue;
                };
                let (dates, proof) = crate::input::timecell::date_either_way(raw);
                d.proved = d.proved.or(proof);
                let waves = dates.map(|x| x.map(|x| crate::model::waves::wave_of(x, d.period)));
                for (k, w) in waves.iter().enumerate() {
                    if w.is_none() && !raw.trim().is_empty() {
                        d.unreadable[k] += 1;
                        d.first_bad[k].get_or_insert(self.rows);
                    }
                }
                let [month_first, day_first] = waves;
                add_to(
                    &mut d.day_first,
                    day_first.as_deref().unwrap_or(""),
                    &self.missing,
                    overall,
                    &self.dg,
                );
                add_to(
                    gr,
                    month_first.as_deref().unwrap_or(""),
                    &self.missing,
                    overall,
                    &self.dg,
                );
            }
        }
        self.rows += 1;
        self.analysed += u64::from(scored);
        self.in_chunk += 1;
        if self.in_chunk == CHUNK {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for (d, s) in self.done.iter_mut().zip(&mut self.sums) {
            *d = d.merge(s.moments());
            *s = Sums::default();
        }
        self.groupings.iter_mut().for_each(GroupingAcc::flush);
        self.effort.flush();
        for (_, stat) in self.importance.iter_mut().flatten() {
            stat.flush();
        }
        if let Some(dr) = &mut self.drivers {
            dr.items.iter_mut().flatten().for_each(Joint::flush);
            dr.dims.iter_mut().for_each(Joint::flush);
            dr.all.flush();
        }
        self.in_chunk = 0;
    }

    /// The segment and wave columns' groups (taken: call before
    /// [`values`](Self::values)), and what is said of a date column's cells
    /// that are not dates.
    pub fn take_groupings(&mut self) -> (Vec<GroupingMoments>, Vec<Diagnostic>) {
        let mut said = Vec::new();
        let groupings = std::mem::take(&mut self.groupings)
            .into_iter()
            .map(|mut g| {
                said.extend(g.decide());
                g.moments()
            })
            .collect();
        (groupings, said)
    }

    /// A wave column made from dates: its name, how many rows have no wave
    /// as the dates read month first and day first, and the order the column
    /// proved (what the data-quality section says of the column).
    pub fn dates_read(&self) -> Option<(String, [u64; 2], Option<DateOrder>)> {
        self.groupings.iter().find_map(|g| {
            let d = g.dates.as_ref()?;
            Some((
                g.column.clone(),
                [g.unassigned, d.day_first.unassigned],
                d.proved,
            ))
        })
    }

    /// For a second reading, which leaves rows out: the order the first
    /// reading proved, from every row, as a table's waves are made.
    pub fn prove_dates(&mut self, order: Option<DateOrder>) {
        for d in self.groupings.iter_mut().filter_map(|g| g.dates.as_mut()) {
            d.proved = order;
        }
    }

    /// The statistics of the respondents' dimension scores, for entropy and
    /// CRITIC weights (none unless the structure asks for them).
    pub fn take_objective(&mut self) -> Option<IndicatorSums> {
        self.objective.take().map(|(_, s)| s)
    }

    /// Add another accumulator's rows (made for the same structure and header).
    pub fn merge(&mut self, mut other: Accumulator) {
        self.flush();
        other.flush();
        if let (Some((_, a)), Some((_, b))) = (&mut self.objective, other.objective.take()) {
            a.merge(b);
        }
        for (d, o) in self.done.iter_mut().zip(&other.done) {
            *d = d.merge(*o);
        }
        // Another part's rows come after these: its first rejection is later.
        for (a, b) in self.rejected.iter_mut().zip(other.rejected) {
            a.count += b.count;
            if a.first.is_none() {
                a.first = b.first.map(|(r, c)| (r + self.rows, c));
            }
        }
        let offset = self.rows;
        self.rows += other.rows;
        self.analysed += other.analysed;
        for (a, b) in self.groupings.iter_mut().zip(other.groupings) {
            a.merge(b, offset);
        }
        for (a, b) in self.grade_counts.iter_mut().zip(&other.grade_counts) {
            if let (Some(a), Some(b)) = (a, b) {
                a.add(b);
            }
        }
        self.metric_counts.add(&other.metric_counts);
        self.effort.merge(other.effort);
        for (a, b) in self.importance.iter_mut().zip(other.importance) {
            if let (Some((_, a)), Some((_, b))) = (a, b) {
                a.merge(b);
            }
        }
        if let (Some((_, a)), Some((_, b))) = (&mut self.allocation, other.allocation) {
            a.n += b.n;
            for (x, y) in a.sum.iter_mut().zip(b.sum) {
                *x += y;
            }
            (a.gap.0, a.gap.1) = (a.gap.0 + b.gap.0, a.gap.1 + b.gap.1);
            (a.perf.0, a.perf.1) = (a.perf.0 + b.perf.0, a.perf.1 + b.perf.1);
        }
        if let (Some(a), Some(b)) = (&mut self.drivers, other.drivers) {
            for (x, y) in a.items.iter_mut().zip(b.items) {
                if let (Some(x), Some(y)) = (x, y) {
                    x.merge(y);
                }
            }
            for (x, y) in a.dims.iter_mut().zip(b.dims) {
                x.merge(y);
            }
            a.all.merge(b.all);
            a.missing_overall += b.missing_overall;
            a.missing_score += b.missing_score;
        }
    }

    /// IPA's and the drivers' moments (taken: call before [`values`](Self::values)).
    fn take_joints(&mut self) -> Joints {
        self.flush();
        let importance = std::mem::take(&mut self.importance)
            .into_iter()
            .map(|i| i.map(|(_, s)| s.done))
            .collect();
        let allocation = self.allocation.take().map(|(_, a)| a);
        let Some(dr) = self.drivers.take() else {
            return Joints {
                importance,
                item_overall: Vec::new(),
                drivers: None,
                allocation,
            };
        };
        Joints {
            allocation,
            importance,
            item_overall: dr.items.into_iter().map(|j| j.map(|j| j.done)).collect(),
            drivers: Some(DriverJoints {
                dims: dr.dims.into_iter().map(|j| j.done).collect(),
                possible: dr.possible,
                all: dr.all.done,
                missing_overall: dr.missing_overall as usize,
                missing_score: dr.missing_score as usize,
            }),
        }
    }

    /// The fuzzy evaluation's and the metrics' counts (taken: call before
    /// [`values`](Self::values)).
    fn take_counts(&mut self) -> Counts {
        self.effort.flush();
        Counts {
            grades: std::mem::take(&mut self.grade_counts),
            metrics: self.metric_counts,
            present: metrics::Present {
                recommend: self.singles[0].is_some(),
                overall: self.singles[1].is_some(),
                effort: self.singles[2].as_ref().map(|_| self.effort.done),
            },
        }
    }

    /// What was not an answer, counted (the in-memory path lists each cell).
    pub fn rejections(&self) -> Vec<Diagnostic> {
        let answers = |n: u64| {
            if n == 1 {
                "1 answer".to_string()
            } else {
                format!("{} answers", grouped(n))
            }
        };
        let mut out = Vec::new();
        let [scale, text] = &self.rejected;
        if let Some((row, col)) = &scale.first {
            out.push(Diagnostic::new(
                "stream_out_of_scale",
                Severity::Warning,
                Text::new(
                    format!("{} outside the answer scale {} read as missing, the first in data row {row}, column \"{col}\". The scale was taken from the structure, or detected from the file's first megabyte: if these are answers, set the scale and analyse again.", answers(scale.count), if scale.count == 1 { "was" } else { "were" }),
                    format!("有 {} 个答案超出答案量表范围，按缺失处理；第一个在第 {row} 个数据行的“{col}”列。量表取自问卷结构，或根据文件的前 1 MB 识别：如果这些是有效答案，请设置量表后重新分析。", grouped(scale.count)),
                ),
            ));
        }
        if let Some((row, col)) = &text.first {
            out.push(Diagnostic::new(
                "stream_non_numeric",
                Severity::Warning,
                Text::new(
                    format!("{} that {} neither a number nor a known answer label {} read as missing, the first in data row {row}, column \"{col}\".", answers(text.count), if text.count == 1 { "is" } else { "are" }, if text.count == 1 { "was" } else { "were" }),
                    format!("有 {} 个答案既不是数字也不是已知的答案标签，按缺失处理；第一个在第 {row} 个数据行的“{col}”列。", grouped(text.count)),
                ),
            ));
        }
        out
    }

    /// The statistics by the names the query's result has.
    pub fn values(mut self, config: &SurveyConfig) -> Values {
        self.flush();
        let counts = self.take_counts();
        let joints = self.take_joints();
        let mut out: Values = crate::common::hash::map();
        super::extras::write(&mut out, &Layout::new(config), &counts, &joints);
        out.insert(ROWS.into(), Some(self.rows as f64));
        out.insert(ANALYSED.into(), Some(self.analysed as f64));
        for (v, m) in self.vars.iter().zip(&self.done) {
            out.insert(stat_name("n", v), Some(m.n as f64));
            out.insert(stat_name("mean", v), (m.n > 0).then_some(m.mean));
            out.insert(stat_name("var", v), m.variance());
        }
        out
    }
}
