//! The statistics of the sections beyond the gap analysis and reliability —
//! grade counts (fuzzy, §6), metric counts (§8), importance moments and
//! joint moments with overall satisfaction (IPA §7, drivers §10), point
//! allocation sums (§5) — and their names in a result. The stream's
//! accumulator writes them into its values and the query computes the same
//! names, so both are read back here by one routine into what
//! [`super::sections`] builds the report's sections from.
//!
//! A result without them (a query of an earlier version) simply has fewer
//! sections: they are looked up, never required.

use super::read::Values;
use super::{item_var, stat_name, Layout};
use crate::analyses::metrics::{self, MetricCounts};
use crate::methods::fuzzy::GradeCounts;
use crate::model::config::{Role, SurveyConfig};
use crate::stats::comoments::CoMoments;
use crate::stats::moments::Moments;

/// What the fuzzy evaluation and the customer metrics need.
pub struct Counts {
    /// Per item (as in the layout): perception answers counted on the grades;
    /// `None` without a perception column.
    pub grades: Vec<Option<GradeCounts>>,
    pub metrics: MetricCounts,
    pub present: metrics::Present,
}

/// What IPA and the driver analysis need.
pub struct Joints {
    /// Per item: importance answers' moments (None: no importance column).
    pub importance: Vec<Option<Moments>>,
    /// Per item: (P, overall) over the rows with both (None: no P column or
    /// no overall column).
    pub item_overall: Vec<Option<CoMoments>>,
    /// None without an overall column.
    pub drivers: Option<DriverJoints>,
    /// With an allocation column for every dimension.
    pub allocation: Option<Allocation>,
}

/// Per dimension (score, overall) over the rows with both; the moments of
/// the `possible` dimensions' scores and overall (last) over the rows with
/// them all; the rows left out of the regression.
pub struct DriverJoints {
    pub dims: Vec<CoMoments>,
    pub possible: Vec<usize>,
    pub all: CoMoments,
    pub missing_overall: usize,
    pub missing_score: usize,
}

/// The respondents' normalised point allocations added up (METHODS.md §5),
/// and their allocation-weighted gap and SERVPERF scores: what the
/// allocation weights, the overall scores they weight and IPA's allocation
/// importance need. Sums, so two parts add.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Allocation {
    /// Respondents with a usable allocation, and Σ of their shares per dimension.
    pub n: usize,
    pub sum: Vec<f64>,
    /// Σ_r Σ_d a_rd · gap_rd, and over how many respondents (those with every score).
    pub gap: (f64, usize),
    pub perf: (f64, usize),
}

impl Allocation {
    /// The allocation-weighted overall gap and SERVPERF scores.
    pub fn weighted(&self) -> (Option<f64>, Option<f64>) {
        let mean = |(s, n): (f64, usize)| (n > 0).then(|| s / n as f64);
        (mean(self.gap), mean(self.perf))
    }
}

// The variables' names (`item_var` forms, made into columns by `stat_name`).
pub(crate) fn grade(item: &str, k: usize) -> String {
    item_var("F", &format!("{item}/{k}"))
}
pub(crate) fn rounded(item: &str) -> String {
    item_var("F", &format!("{item}/r"))
}
pub(crate) const NPS: [&str; 3] = ["NPS", "NPS/hi", "NPS/lo"];
pub(crate) const CSAT: [&str; 2] = ["CSAT", "CSAT/top"];
pub(crate) const CES: &str = "CES";
pub(crate) fn importance(item: &str) -> String {
    item_var("I", item)
}
/// The joint variables of an item's P with overall satisfaction.
pub(crate) fn item_pair(item: &str) -> String {
    item_var("PO", item)
}
/// The joint variables of a dimension's score with overall satisfaction.
pub(crate) fn dim_pair(dim: &str) -> String {
    item_var("DO", dim)
}
/// The regression's variables: the possible dimensions' scores, then OS.
pub(crate) const ALL: &str = "DA";
/// Overall satisfaction among them (the dimensions are named by position,
/// so no dimension id can take its name).
pub(crate) const OS: &str = "os";
pub(crate) const MISSING_OVERALL: &str = "DA/missing_overall";
pub(crate) const MISSING_SCORE: &str = "DA/missing_score";
pub(crate) const ALLOCATED: &str = "AL";
pub(crate) fn allocation_share(dim: &str) -> String {
    item_var("AL", dim)
}
// Without a slash, so that no dimension's share (`AL/<id>`) takes them.
pub(crate) const ALLOCATED_GAP: &str = "ALG";
pub(crate) const ALLOCATED_PERF: &str = "ALS";

/// A joint set's component variable and the pair's covariance variable.
pub(crate) fn component(key: &str, name: &str) -> String {
    format!("{key}/{name}")
}
pub(crate) fn pair(key: &str, a: &str, b: &str) -> String {
    format!("{key}/{a}/{b}")
}

/// Names of a pair's two components.
pub(crate) const XY: [&str; 2] = ["x", "y"];

/// The names of the regression's components: the possible dimensions by
/// position (0, 1, …), then [`OS`].
pub(crate) fn all_names(possible: &[usize]) -> Vec<String> {
    (0..possible.len())
        .map(|j| j.to_string())
        .chain([OS.to_string()])
        .collect()
}

fn count(v: &mut Values, var: &str, n: usize) {
    v.insert(stat_name("count", var), Some(n as f64));
}

fn moments(v: &mut Values, var: &str, m: &Moments) {
    v.insert(stat_name("n", var), Some(m.n as f64));
    v.insert(stat_name("mean", var), (m.n > 0).then_some(m.mean));
    v.insert(stat_name("var", var), m.variance());
}

fn joint(v: &mut Values, key: &str, names: &[&str], m: &CoMoments) {
    let var = |c: f64| (m.n >= 2).then(|| c / (m.n - 1) as f64);
    for (i, a) in names.iter().enumerate() {
        let c = component(key, a);
        v.insert(stat_name("n", &c), Some(m.n as f64));
        v.insert(stat_name("mean", &c), (m.n > 0).then(|| m.mean[i]));
        v.insert(stat_name("var", &c), var(m.at(i, i)));
        for (j, b) in names.iter().enumerate().skip(i + 1) {
            v.insert(stat_name("cov", &pair(key, a, b)), var(m.at(i, j)));
        }
    }
}

/// The stream's counts and joint moments into its values.
pub(crate) fn write(v: &mut Values, layout: &Layout, counts: &Counts, joints: &Joints) {
    for (it, g) in layout.items.iter().zip(&counts.grades) {
        if let Some(g) = g {
            for (k, &c) in g.counts.iter().enumerate() {
                count(v, &grade(it.id, k), c);
            }
            count(v, &rounded(it.id), g.rounded);
        }
    }
    let p = &counts.present;
    if p.recommend {
        for (name, &c) in NPS.iter().zip(&counts.metrics.recommend) {
            count(v, name, c);
        }
    }
    if p.overall {
        for (name, &c) in CSAT.iter().zip(&counts.metrics.overall) {
            count(v, name, c);
        }
    }
    if let Some(m) = &p.effort {
        moments(v, CES, m);
    }
    for (it, m) in layout.items.iter().zip(&joints.importance) {
        if let Some(m) = m {
            moments(v, &importance(it.id), m);
        }
    }
    for (it, m) in layout.items.iter().zip(&joints.item_overall) {
        if let Some(m) = m {
            joint(v, &item_pair(it.id), &XY, m);
        }
    }
    if let Some(d) = &joints.drivers {
        for (dim, m) in layout.dims.iter().zip(&d.dims) {
            joint(v, &dim_pair(dim.id), &XY, m);
        }
        let names = all_names(&d.possible);
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        joint(v, ALL, &names, &d.all);
        count(v, MISSING_OVERALL, d.missing_overall);
        count(v, MISSING_SCORE, d.missing_score);
    }
    if let Some(a) = &joints.allocation {
        count(v, ALLOCATED, a.n);
        for (dim, s) in layout.dims.iter().zip(&a.sum) {
            v.insert(stat_name("sum", &allocation_share(dim.id)), Some(*s));
        }
        for (name, (s, n)) in [(ALLOCATED_GAP, a.gap), (ALLOCATED_PERF, a.perf)] {
            v.insert(stat_name("sum", name), Some(s));
            count(v, name, n);
        }
    }
}

/// A statistic by its column name: `None` when the result has no such
/// column, `Some(None)` when it is empty (SQL NULL).
pub(crate) type Lookup<'a> = dyn FnMut(&str) -> Option<Option<f64>> + 'a;

fn get_count(get: &mut Lookup, var: &str) -> Option<usize> {
    let x = get(&stat_name("count", var))?.unwrap_or(0.0);
    (x >= 0.0 && x.fract() == 0.0 && x < 9.0e15).then_some(x as usize)
}

fn get_moments(get: &mut Lookup, var: &str) -> Option<Moments> {
    let n = get(&stat_name("n", var))?.unwrap_or(0.0);
    if !(n >= 0.0 && n.fract() == 0.0 && n < 9.0e15) {
        return None;
    }
    let mean = get(&stat_name("mean", var)).flatten();
    let var = get(&stat_name("var", var)).flatten();
    Some(Moments::from_sql(n as u64, mean, var))
}

fn get_joint(get: &mut Lookup, key: &str, names: &[&str]) -> Option<CoMoments> {
    let k = names.len();
    let mut m = CoMoments::new(k);
    for (i, a) in names.iter().enumerate() {
        let one = get_moments(get, &component(key, a))?;
        m.n = one.n;
        m.mean[i] = one.mean;
        m.c[i * k + i] = one.m2;
    }
    let scale = m.n.saturating_sub(1) as f64;
    for i in 0..k {
        for j in i + 1..k {
            let cov = get(&stat_name("cov", &pair(key, names[i], names[j])))?.unwrap_or(0.0);
            m.c[i * k + j] = cov * scale;
            m.c[j * k + i] = cov * scale;
        }
    }
    Some(m)
}

/// The dimensions that can have a score of `score` kind from the structure's
/// columns (`present`: the column is in the data).
pub(crate) fn possible_dims(
    layout: &Layout,
    score: crate::model::analysis_options::ScoreKind,
    present: impl Fn(&str) -> bool,
) -> Vec<usize> {
    use crate::model::analysis_options::ScoreKind;
    let has = |c: Option<&crate::model::config::Column>| c.is_some_and(|c| present(&c.name));
    layout
        .dims
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            // A score needs `need` items answered (METHODS.md §2): that many
            // with the columns.
            let usable = d
                .items
                .iter()
                .filter(|&&i| {
                    let it = &layout.items[i];
                    has(it.p) && (score == ScoreKind::Perception || has(it.e))
                })
                .count();
            usable >= d.need
        })
        .map(|(d, _)| d)
        .collect()
}

/// Counts and joints back from a result (the stream's values or the query's
/// row); `present`: whether a configured column was in the data.
pub(crate) fn read(
    get: &mut Lookup,
    layout: &Layout,
    config: &SurveyConfig,
    present: &dyn Fn(&str) -> bool,
) -> (Counts, Joints) {
    let grades = crate::methods::survey_fuzzy::scale_grades(config).unwrap_or_default();
    let counts = Counts {
        grades: layout
            .items
            .iter()
            .map(|it| {
                let counts: Option<Vec<usize>> = (0..grades.len())
                    .map(|k| get_count(get, &grade(it.id, k)))
                    .collect();
                Some(GradeCounts {
                    counts: counts.filter(|c| !c.is_empty())?,
                    rounded: get_count(get, &rounded(it.id))?,
                })
            })
            .collect(),
        metrics: MetricCounts {
            recommend: [0, 1, 2].map(|k| get_count(get, NPS[k]).unwrap_or(0)),
            overall: [0, 1].map(|k| get_count(get, CSAT[k]).unwrap_or(0)),
        },
        present: metrics::Present {
            recommend: get_count(get, NPS[0]).is_some(),
            overall: get_count(get, CSAT[0]).is_some(),
            effort: get_moments(get, CES),
        },
    };
    let importance = layout
        .items
        .iter()
        .map(|it| get_moments(get, &importance(it.id)))
        .collect();
    let item_overall = layout
        .items
        .iter()
        .map(|it| get_joint(get, &item_pair(it.id), &XY))
        .collect();
    let has_overall = config
        .columns
        .iter()
        .any(|c| c.role == Role::Overall && present(&c.name));
    let drivers = if has_overall {
        let possible = possible_dims(layout, config.analyses.drivers.score, present);
        let dims: Option<Vec<CoMoments>> = layout
            .dims
            .iter()
            .map(|d| get_joint(get, &dim_pair(d.id), &XY))
            .collect();
        let names = all_names(&possible);
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let all = get_joint(get, ALL, &names);
        match (dims, all) {
            (Some(dims), Some(all)) => Some(DriverJoints {
                dims,
                possible,
                all,
                missing_overall: get_count(get, MISSING_OVERALL).unwrap_or(0),
                missing_score: get_count(get, MISSING_SCORE).unwrap_or(0),
            }),
            _ => None,
        }
    } else {
        None
    };
    let allocation = get_count(get, ALLOCATED).and_then(|n| {
        let sum: Option<Vec<f64>> = layout
            .dims
            .iter()
            .map(|d| get(&stat_name("sum", &allocation_share(d.id))).map(|x| x.unwrap_or(0.0)))
            .collect();
        let weighted = |name: &str, get: &mut Lookup| {
            let s = get(&stat_name("sum", name)).flatten().unwrap_or(0.0);
            (s, get_count(get, name).unwrap_or(0))
        };
        let gap = weighted(ALLOCATED_GAP, get);
        let perf = weighted(ALLOCATED_PERF, get);
        Some(Allocation {
            n,
            sum: sum?,
            gap,
            perf,
        })
    });
    (
        counts,
        Joints {
            importance,
            item_overall,
            drivers,
            allocation,
        },
    )
}
