//! Group comparisons (METHODS.md §3): SERVQUAL per segment (branch, team …) and
//! per wave, with a test of whether the groups differ — Welch's t for two groups,
//! one-way ANOVA for more — on each respondent's overall gap score (the mean of
//! their dimension gap scores), and per dimension with Benjamini–Hochberg
//! adjusted p-values across the dimensions.

use crate::common::diag::Undefined;
use crate::input::value;
use crate::model::scores::RespondentScores;
use crate::model::survey::{Grouping, Survey};
use crate::stats::groups::{
    one_way_anova, one_way_anova_from, welch, welch_from, Anova, WelchTest,
};
use crate::stats::moments::Moments;
use crate::stats::undefined::{self, reason};
use crate::stats::{benjamini_hochberg, summary, Summary};
use serde::{Deserialize, Serialize};

/// A grouping column with more distinct values than this is not compared
/// (it is probably an id or free text, and the report would explode).
pub const MAX_GROUPS: usize = 100;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Comparisons {
    /// Segment columns in configuration order, then the wave column.
    pub groupings: Vec<GroupingComparison>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum GroupingKind {
    Segment,
    Wave,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct GroupingComparison {
    pub column: String,
    pub kind: GroupingKind,
    /// In order of first appearance in the data.
    pub groups: Vec<GroupResult>,
    /// Rows with an empty or missing-code group value (not in any group).
    pub unassigned: usize,
    /// Two groups with scores: Welch's t-test of the first group against the second.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub welch: Option<WelchTest>,
    /// Three or more groups with scores: one-way ANOVA.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anova: Option<Anova>,
    /// The same test per dimension (respondents' dimension gap scores).
    pub dimension_tests: Vec<DimensionTest>,
    /// Why there is no test (fewer than two groups with scores, too many groups).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undefined: Option<Undefined>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct GroupResult {
    /// The group's value as written in the data (trimmed).
    pub value: String,
    /// Rows in the group.
    pub n: usize,
    /// Unweighted SERVQUAL of the group: mean of its dimension gaps.
    pub servqual: Option<f64>,
    /// n, mean and SD of the group's respondents' overall gap scores (what the test compares).
    pub score: Summary,
    /// Mean dimension gap scores of the group's respondents, survey order.
    pub dimensions: Vec<GroupDimension>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct GroupDimension {
    pub dimension: String,
    pub gap: Summary,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DimensionTest {
    pub dimension: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub welch: Option<WelchTest>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anova: Option<Anova>,
    /// The test's p-value.
    pub p: Option<f64>,
    /// Benjamini–Hochberg adjusted over the dimensions of this grouping.
    pub p_bh: Option<f64>,
}

/// Mean of the present values; NaN if none.
fn mean_present(values: impl Iterator<Item = f64>) -> f64 {
    let (mut s, mut n) = (0.0, 0usize);
    for v in values.filter(|v| !v.is_nan()) {
        s += v;
        n += 1;
    }
    if n == 0 {
        f64::NAN
    } else {
        s / n as f64
    }
}

enum Test {
    Welch(WelchTest),
    Anova(Anova),
}

/// A grouping known by its groups' moments (a file read in one pass): per
/// group, in order of first appearance, its rows, the moments of its
/// respondents' overall gap scores and of each dimension's gap scores.
pub struct GroupingMoments {
    pub column: String,
    pub kind: GroupingKind,
    pub groups: Vec<GroupMoments>,
    pub unassigned: usize,
    /// More than [`MAX_GROUPS`] different values were seen (counting stopped).
    pub too_many: bool,
}

pub struct GroupMoments {
    pub value: String,
    pub n: usize,
    pub score: Moments,
    pub dimensions: Vec<Moments>,
}

/// The comparison of a grouping from its moments: the same groups, tests and
/// adjustments as from the answers ([`compare`]), by `welch_from` and
/// `one_way_anova_from`.
pub fn from_moments(g: GroupingMoments, dimensions: &[String]) -> GroupingComparison {
    let mut out = GroupingComparison {
        column: g.column,
        kind: g.kind,
        groups: Vec::new(),
        unassigned: g.unassigned,
        welch: None,
        anova: None,
        dimension_tests: Vec::new(),
        undefined: None,
    };
    if g.too_many {
        out.undefined = Some(reason(
            "too_many_groups",
            format!("the column has more than {MAX_GROUPS} different values; it looks like an id or free text, so groups are not compared"),
            format!("该列有超过 {MAX_GROUPS} 个不同取值，像是编号或自由文本，因此不做分组比较"),
        ));
        return out;
    }
    out.groups = g
        .groups
        .iter()
        .map(|grp| {
            let dims: Vec<GroupDimension> = dimensions
                .iter()
                .zip(&grp.dimensions)
                .map(|(d, m)| GroupDimension {
                    dimension: d.clone(),
                    gap: m.summary(),
                })
                .collect();
            group_result(grp.value.clone(), grp.n, grp.score.summary(), dims)
        })
        .collect();
    let active: Vec<&GroupMoments> = g.groups.iter().filter(|x| x.score.n > 0).collect();
    let test = |pick: &dyn Fn(&GroupMoments) -> Moments| -> Test {
        let m: Vec<Moments> = active.iter().map(|x| pick(x)).collect();
        if m.len() == 2 {
            let t = |m: &Moments| (m.n as usize, m.mean, m.variance().unwrap_or(0.0));
            Test::Welch(welch_from(t(&m[0]), t(&m[1])))
        } else {
            let groups: Vec<(usize, f64, f64)> =
                m.iter().map(|m| (m.n as usize, m.mean, m.m2)).collect();
            Test::Anova(one_way_anova_from(&groups))
        }
    };
    let overall = test(&|x| x.score);
    let tests: Vec<(String, Test)> = dimensions
        .iter()
        .enumerate()
        .map(|(d, id)| {
            (
                id.clone(),
                test(&|x: &GroupMoments| x.dimensions.get(d).copied().unwrap_or_default()),
            )
        })
        .collect();
    finish(out, overall, tests)
}

fn group_result(
    value: String,
    n: usize,
    score: Summary,
    dimensions: Vec<GroupDimension>,
) -> GroupResult {
    let gaps: Vec<f64> = dimensions.iter().filter_map(|d| d.gap.mean).collect();
    GroupResult {
        value,
        n,
        servqual: (!gaps.is_empty()).then(|| gaps.iter().sum::<f64>() / gaps.len() as f64),
        score,
        dimensions,
    }
}

/// The tests of a comparison whose groups are set: fewer than two groups
/// with scores → the reason; else the overall test and the dimensions' with
/// Benjamini–Hochberg across them.
fn finish(
    mut out: GroupingComparison,
    overall: Test,
    tests: Vec<(String, Test)>,
) -> GroupingComparison {
    let with_scores = out.groups.iter().filter(|g| g.score.n > 0).count();
    if with_scores < 2 {
        out.undefined = Some(undefined::too_few(
            with_scores,
            2,
            ("groups with gap scores", "有差距得分的组"),
        ));
        return out;
    }
    (out.welch, out.anova) = overall.split();
    let adjusted = benjamini_hochberg(&tests.iter().map(|(_, t)| t.p()).collect::<Vec<_>>());
    out.dimension_tests = tests
        .into_iter()
        .zip(adjusted)
        .map(|((dimension, t), p_bh)| {
            let p = t.p();
            let (welch, anova) = t.split();
            DimensionTest {
                dimension,
                welch,
                anova,
                p,
                p_bh,
            }
        })
        .collect();
    out
}

impl Test {
    fn run(samples: &[Vec<f64>]) -> Test {
        if samples.len() == 2 {
            Test::Welch(welch(&samples[0], &samples[1]))
        } else {
            Test::Anova(one_way_anova(samples))
        }
    }
    fn p(&self) -> Option<f64> {
        match self {
            Test::Welch(w) => w.p,
            Test::Anova(a) => a.p,
        }
    }
    fn split(self) -> (Option<WelchTest>, Option<Anova>) {
        match self {
            Test::Welch(w) => (Some(w), None),
            Test::Anova(a) => (None, Some(a)),
        }
    }
}

fn compare(
    survey: &Survey,
    grouping: &Grouping,
    kind: GroupingKind,
    scores: &RespondentScores,
    overall: &[f64],
    missing_codes: &[String],
) -> GroupingComparison {
    let mut values: Vec<String> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut unassigned = 0usize;
    let mut index = crate::common::hash::map();
    for (r, raw) in grouping.values.iter().enumerate().take(survey.n) {
        let v = raw.trim();
        if value::is_missing_code(v, missing_codes) {
            unassigned += 1;
            continue;
        }
        let g = *index.entry(v.to_string()).or_insert_with(|| {
            values.push(v.to_string());
            members.push(Vec::new());
            values.len() - 1
        });
        members[g].push(r);
    }
    let mut out = GroupingComparison {
        column: grouping.column.clone(),
        kind,
        groups: Vec::new(),
        unassigned,
        welch: None,
        anova: None,
        dimension_tests: Vec::new(),
        undefined: None,
    };
    if values.len() > MAX_GROUPS {
        out.undefined = Some(reason(
            "too_many_groups",
            format!(
                "the column has {} different values (more than {MAX_GROUPS}); it looks like an id or free text, so groups are not compared",
                values.len()
            ),
            format!(
                "该列有 {} 个不同取值（超过 {MAX_GROUPS} 个），像是编号或自由文本，因此不做分组比较",
                values.len()
            ),
        ));
        return out;
    }
    out.groups = values
        .iter()
        .zip(&members)
        .map(|(v, rows)| {
            let dimensions: Vec<GroupDimension> = survey
                .dimensions
                .iter()
                .zip(&scores.gap)
                .map(|(d, g)| GroupDimension {
                    dimension: d.id.clone(),
                    gap: summary(rows.iter().map(|&r| g[r])),
                })
                .collect();
            group_result(
                v.clone(),
                rows.len(),
                summary(rows.iter().map(|&r| overall[r])),
                dimensions,
            )
        })
        .collect();
    // Groups without any score take no part in the tests (ANOVA drops empty
    // groups itself; Welch needs exactly the two that have scores).
    let active: Vec<&Vec<usize>> = members
        .iter()
        .zip(&out.groups)
        .filter(|(_, g)| g.score.n > 0)
        .map(|(m, _)| m)
        .collect();
    let samples = |col: &[f64]| -> Vec<Vec<f64>> {
        active
            .iter()
            .map(|rows| rows.iter().map(|&r| col[r]).collect())
            .collect()
    };
    let overall_test = Test::run(&samples(overall));
    let tests: Vec<(String, Test)> = survey
        .dimensions
        .iter()
        .zip(&scores.gap)
        .map(|(d, g)| (d.id.clone(), Test::run(&samples(g))))
        .collect();
    finish(out, overall_test, tests)
}

/// The comparisons section; None without segment or wave columns.
pub(crate) fn analyse(
    survey: &Survey,
    scores: &RespondentScores,
    missing_codes: &[String],
) -> Option<Comparisons> {
    if survey.segments.is_empty() && survey.wave.is_none() {
        return None;
    }
    let overall: Vec<f64> = (0..survey.n)
        .map(|r| mean_present(scores.gap.iter().map(|g| g[r])))
        .collect();
    let groupings = survey
        .segments
        .iter()
        .map(|g| (g, GroupingKind::Segment))
        .chain(survey.wave.iter().map(|g| (g, GroupingKind::Wave)))
        .map(|(g, kind)| compare(survey, g, kind, scores, &overall, missing_codes))
        .collect();
    Some(Comparisons { groupings })
}
