//! Importance–performance analysis (METHODS.md §7): one point per item, x =
//! importance (stated or derived), y = performance, cross-hairs, quadrants.
//! The page draws the chart from `points` and `crosshairs`.

use crate::analyses::columns;
use crate::common::diag::{Text, Undefined};
use crate::methods::weights;
use crate::model::analysis_options::{
    Crosshairs, ImportanceSource, IpaOptions, PerformanceMeasure,
};
use crate::model::config::{Role, Scale, SurveyConfig};
use crate::model::survey::Survey;
use crate::stats::correlation::pearson_named;
use crate::stats::undefined::{self, reason};
use crate::stats::{summary, Summary};
use serde::{Deserialize, Serialize};

/// The importance actually used (after resolving `auto`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportanceKind {
    /// Mean of the item's importance column.
    Stated,
    /// Mean normalised point allocation of the item's dimension, in points of 100.
    Allocation,
    /// Pearson r of the item's perception with overall satisfaction.
    Derived,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// High importance, low performance.
    ConcentrateHere,
    /// High importance, high performance.
    KeepUpTheGoodWork,
    /// Low importance, low performance.
    LowPriority,
    /// Low importance, high performance.
    PossibleOverkill,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [
        Quadrant::ConcentrateHere,
        Quadrant::KeepUpTheGoodWork,
        Quadrant::LowPriority,
        Quadrant::PossibleOverkill,
    ];
    pub fn name(self) -> Text {
        match self {
            Quadrant::ConcentrateHere => Text::new("Concentrate here", "重点改进区"),
            Quadrant::KeepUpTheGoodWork => Text::new("Keep up the good work", "继续保持区"),
            Quadrant::LowPriority => Text::new("Low priority", "低优先区"),
            Quadrant::PossibleOverkill => Text::new("Possible overkill", "过度投入区"),
        }
    }
    fn of(high_importance: bool, high_performance: bool) -> Quadrant {
        match (high_importance, high_performance) {
            (true, false) => Quadrant::ConcentrateHere,
            (true, true) => Quadrant::KeepUpTheGoodWork,
            (false, false) => Quadrant::LowPriority,
            (false, true) => Quadrant::PossibleOverkill,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct QuadrantInfo {
    pub id: Quadrant,
    pub name: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CrosshairValues {
    pub method: Crosshairs,
    pub x: Option<f64>,
    pub y: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct IpaPoint {
    pub item: String,
    pub dimension: String,
    /// Importance.
    pub x: Option<f64>,
    /// Performance.
    pub y: Option<f64>,
    /// Answers behind x (respondents, or pairs with overall satisfaction).
    pub n_x: usize,
    /// Answers behind y.
    pub n_y: usize,
    /// Derived importance only: p-value of r.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p_x: Option<f64>,
    /// Null when x or y is undefined, or the cross-hairs are.
    pub quadrant: Option<Quadrant>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undefined: Option<Undefined>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Ipa {
    /// Where x came from.
    pub importance: Option<ImportanceKind>,
    /// What y is.
    pub performance: PerformanceMeasure,
    pub crosshairs: CrosshairValues,
    /// The four quadrants with their names (legend), in a fixed order.
    pub quadrants: Vec<QuadrantInfo>,
    /// Survey order.
    pub points: Vec<IpaPoint>,
    /// Items in "concentrate here", most important first.
    pub concentrate_here: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undefined: Option<Undefined>,
}

/// x of each item: (value, n, p, reason).
pub(crate) type XValue = (Option<f64>, usize, Option<f64>, Option<Undefined>);

/// Which kinds of importance the data have.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Available {
    /// Some item has an importance column.
    pub stated: bool,
    /// Every dimension has a point-allocation column.
    pub allocation: bool,
    /// There is an overall satisfaction column.
    pub derived: bool,
}

fn resolve(a: Available, source: ImportanceSource) -> Result<ImportanceKind, Undefined> {
    let Available {
        stated,
        allocation,
        derived,
    } = a;
    match source {
        ImportanceSource::Auto if stated => Ok(ImportanceKind::Stated),
        ImportanceSource::Auto if allocation => Ok(ImportanceKind::Allocation),
        ImportanceSource::Auto if derived => Ok(ImportanceKind::Derived),
        ImportanceSource::Auto => Err(reason(
            "no_importance",
            "no importance columns, point allocation or overall satisfaction: importance cannot be stated or derived",
            "没有重要性列、点数分配或总体满意度：无法得到重要性",
        )),
        ImportanceSource::Stated if stated => Ok(ImportanceKind::Stated),
        ImportanceSource::Stated => Err(reason(
            "no_importance_columns",
            "stated importance was asked for, but no column has the importance role",
            "要求使用陈述重要性，但没有重要性列",
        )),
        ImportanceSource::Allocation if allocation => Ok(ImportanceKind::Allocation),
        ImportanceSource::Allocation => Err(reason(
            "no_allocation",
            "importance from point allocation was asked for, but not every dimension has an allocation column",
            "要求使用点数分配作为重要性，但并非每个维度都有点数分配列",
        )),
        ImportanceSource::Derived if derived => Ok(ImportanceKind::Derived),
        ImportanceSource::Derived => Err(reason(
            "no_overall",
            "derived importance was asked for, but there is no overall satisfaction column",
            "要求使用推导重要性，但没有总体满意度列",
        )),
    }
}

fn nan_col(v: Option<&Vec<f64>>, n: usize) -> Vec<f64> {
    v.cloned().unwrap_or_else(|| vec![f64::NAN; n])
}

fn importance(survey: &Survey, kind: ImportanceKind) -> Vec<XValue> {
    let n = survey.n;
    match kind {
        ImportanceKind::Stated => stated(survey.items.iter().map(|it| {
            it.importance
                .as_ref()
                .map(|col| summary(col.iter().copied()))
        })),
        ImportanceKind::Allocation => {
            let (sum, used) = weights::allocation_sums(survey);
            allocation(&columns::item_dimensions(survey), &sum, used)
        }
        ImportanceKind::Derived => {
            let os = nan_col(survey.overall.as_ref(), n);
            survey
                .items
                .iter()
                .map(|it| {
                    derived(pearson_named(
                        &nan_col(it.p.as_ref(), n),
                        &os,
                        PERCEPTION,
                        OVERALL,
                    ))
                })
                .collect()
        }
    }
}

/// The names a derived importance's reasons use for its two variables.
pub(crate) const PERCEPTION: (&str, &str) = ("The item's perception", "该题项的感知");
pub(crate) const OVERALL: (&str, &str) = ("Overall satisfaction", "总体满意度");

/// Stated importance from each item's importance answers (None: no column).
pub(crate) fn stated(items: impl Iterator<Item = Option<Summary>>) -> Vec<XValue> {
    items
        .map(|s| match s {
            None => (
                None,
                0,
                None,
                Some(reason(
                    "no_importance_column",
                    "this item has no importance column",
                    "该题项没有重要性列",
                )),
            ),
            Some(s) => {
                let why = s
                    .mean
                    .is_none()
                    .then(|| undefined::too_few(0, 1, ("importance answers", "重要性回答")));
                (s.mean, s.n, None, why)
            }
        })
        .collect()
}

/// Importance from point allocation: the item's dimension's mean share, in
/// percent, over the `used` respondents whose shares add up to `sum`.
pub(crate) fn allocation(dims: &[Option<usize>], sum: &[f64], used: usize) -> Vec<XValue> {
    dims.iter()
        .map(|d| {
            if used == 0 {
                return (
                    None,
                    0,
                    None,
                    Some(reason(
                        "allocation_unusable",
                        "no respondent has a usable point allocation (a value for every dimension, total above 0)",
                        "没有受访者给出可用的点数分配（每个维度都有值且总分大于 0）",
                    )),
                );
            }
            match d.and_then(|d| sum.get(d)) {
                Some(s) => (Some(100.0 * s / used as f64), used, None, None),
                None => (
                    None,
                    0,
                    None,
                    Some(reason(
                        "no_dimension",
                        "this item belongs to no defined dimension, so it has no point allocation",
                        "该题项不属于任何已定义的维度，没有点数分配",
                    )),
                ),
            }
        })
        .collect()
}

/// Derived importance: the item's correlation with overall satisfaction.
pub(crate) fn derived(c: crate::stats::correlation::Correlation) -> XValue {
    (c.r, c.n, c.p, c.undefined)
}

/// y of each item: (value, n), from the answers.
fn performance(survey: &Survey, measure: PerformanceMeasure) -> Vec<(Option<f64>, usize)> {
    let n = survey.n;
    survey
        .items
        .iter()
        .map(|it| {
            let values: Vec<f64> = match measure {
                PerformanceMeasure::Perception => nan_col(it.p.as_ref(), n),
                PerformanceMeasure::Gap => {
                    let (p, e) = (nan_col(it.p.as_ref(), n), nan_col(it.e.as_ref(), n));
                    p.iter().zip(&e).map(|(p, e)| p - e).collect()
                }
            };
            let s = summary(values.iter().copied());
            (s.mean, s.n)
        })
        .collect()
}

/// y with the reason where there is none.
fn with_reasons(
    ys: Vec<(Option<f64>, usize)>,
    measure: PerformanceMeasure,
) -> Vec<(Option<f64>, usize, Option<Undefined>)> {
    ys.into_iter()
        .map(|(mean, n)| {
            let why = mean.is_none().then(|| {
                let what = match measure {
                    PerformanceMeasure::Perception => ("perception answers", "感知回答"),
                    PerformanceMeasure::Gap => (
                        "paired expectation and perception answers",
                        "成对的期望与感知回答",
                    ),
                };
                undefined::too_few(0, 1, what)
            });
            (mean, n, why)
        })
        .collect()
}

/// The one scale all columns of a role share, if they share one.
fn common_scale(config: &SurveyConfig, headers: &[String], role: Role) -> Option<Scale> {
    let mut scales =
        columns::present(config, headers, role).map(|c| c.scale.unwrap_or(config.scale));
    let first = scales.next()?;
    scales.all(|s| s == first).then_some(first)
}

fn midpoint(s: Scale) -> f64 {
    (s.min + s.max) / 2.0
}

pub fn analyse(
    survey: &Survey,
    config: &SurveyConfig,
    headers: &[String],
    options: &IpaOptions,
) -> Option<Ipa> {
    if survey.items.iter().all(|i| i.p.is_none()) {
        return None;
    }
    let available = Available {
        stated: survey.items.iter().any(|i| i.importance.is_some()),
        allocation: !survey.dimensions.is_empty()
            && survey.dimensions.iter().all(|d| d.allocation.is_some()),
        derived: survey.overall.is_some(),
    };
    let dims = columns::item_dimensions(survey);
    let items: Vec<(String, String)> = survey
        .items
        .iter()
        .zip(dims)
        .map(|(it, d)| {
            let dimension = config
                .items
                .iter()
                .find(|c| c.id == it.id)
                .map(|c| c.dimension.clone())
                .or_else(|| {
                    d.and_then(|d| survey.dimensions.get(d))
                        .map(|d| d.id.clone())
                })
                .unwrap_or_default();
            (it.id.clone(), dimension)
        })
        .collect();
    assemble(
        available,
        items,
        survey.dimensions.len(),
        |kind| importance(survey, kind),
        performance(survey, options.performance),
        config,
        headers,
        options,
    )
}

/// The section from the items' (id, dimension), their importance of the
/// chosen kind and their performance (mean, n): from the answers or a stream.
#[allow(clippy::too_many_arguments)]
pub(crate) fn assemble(
    available: Available,
    items: Vec<(String, String)>,
    dimensions: usize,
    importance: impl FnOnce(ImportanceKind) -> Vec<XValue>,
    performance: Vec<(Option<f64>, usize)>,
    config: &SurveyConfig,
    headers: &[String],
    options: &IpaOptions,
) -> Option<Ipa> {
    let mut out = Ipa {
        importance: None,
        performance: options.performance,
        crosshairs: CrosshairValues {
            method: options.crosshairs,
            x: None,
            y: None,
        },
        quadrants: Quadrant::ALL
            .iter()
            .map(|&q| QuadrantInfo {
                id: q,
                name: q.name(),
            })
            .collect(),
        points: Vec::new(),
        concentrate_here: Vec::new(),
        notes: Vec::new(),
        undefined: None,
    };
    let kind = match resolve(available, options.importance) {
        Ok(k) => k,
        // Nothing to plot and nothing asked for: no section at all.
        Err(_) if options.importance == ImportanceSource::Auto => return None,
        Err(u) => {
            out.undefined = Some(u);
            return Some(out);
        }
    };
    out.importance = Some(kind);
    let xs = importance(kind);
    let ys = with_reasons(performance, options.performance);
    out.points = items
        .into_iter()
        .zip(xs.into_iter().zip(ys))
        .map(
            |((item, dimension), ((x, n_x, p_x, ux), (y, n_y, uy)))| IpaPoint {
                item,
                dimension,
                x,
                y,
                n_x,
                n_y,
                p_x,
                quadrant: None,
                undefined: ux.or(uy),
            },
        )
        .collect();

    let plotted: Vec<(f64, f64)> = out
        .points
        .iter()
        .filter_map(|p| Some((p.x?, p.y?)))
        .collect();
    let mean = |f: fn(&(f64, f64)) -> f64| {
        (!plotted.is_empty()).then(|| plotted.iter().map(f).sum::<f64>() / plotted.len() as f64)
    };
    let (mut cx, mut cy) = (mean(|p| p.0), mean(|p| p.1));
    if options.crosshairs == Crosshairs::Midpoint {
        let x_mid = match kind {
            ImportanceKind::Stated => common_scale(config, headers, Role::Importance).map(midpoint),
            ImportanceKind::Allocation => Some(100.0 / dimensions.max(1) as f64),
            ImportanceKind::Derived => None,
        };
        match x_mid {
            Some(m) => cx = Some(m),
            None => out.notes.push(match kind {
                ImportanceKind::Derived => Text::new(
                    "Derived importance (a correlation) has no scale midpoint; the importance cross-hair is at the mean.",
                    "推导重要性（相关系数）没有量表中点；重要性十字线取均值。",
                ),
                _ => Text::new(
                    "The importance columns do not share one scale; the importance cross-hair is at the mean.",
                    "重要性列的量表不一致；重要性十字线取均值。",
                ),
            }),
        }
        let y_mid = match options.performance {
            PerformanceMeasure::Gap => Some(0.0),
            PerformanceMeasure::Perception => {
                common_scale(config, headers, Role::Perception).map(midpoint)
            }
        };
        match y_mid {
            Some(m) => cy = Some(m),
            None => out.notes.push(Text::new(
                "The perception columns do not share one scale; the performance cross-hair is at the mean.",
                "感知列的量表不一致；表现十字线取均值。",
            )),
        }
    }
    out.crosshairs.x = cx;
    out.crosshairs.y = cy;
    let (Some(cx), Some(cy)) = (cx, cy) else {
        out.undefined = Some(undefined::too_few(
            plotted.len(),
            1,
            (
                "items with both importance and performance",
                "同时有重要性与表现的题项",
            ),
        ));
        return Some(out);
    };
    if options.crosshairs == Crosshairs::Mean && plotted.len() < 2 {
        out.undefined = Some(undefined::too_few(
            plotted.len(),
            2,
            (
                "items with both importance and performance",
                "同时有重要性与表现的题项",
            ),
        ));
        return Some(out);
    }
    for p in &mut out.points {
        if let (Some(x), Some(y)) = (p.x, p.y) {
            // On a cross-hair counts as high (≥), so the split is deterministic.
            p.quadrant = Some(Quadrant::of(x >= cx, y >= cy));
        }
    }
    let mut focus: Vec<&IpaPoint> = out
        .points
        .iter()
        .filter(|p| p.quadrant == Some(Quadrant::ConcentrateHere))
        .collect();
    crate::common::order::sort_by(&mut focus, |a, b| {
        b.x.unwrap_or(0.0).total_cmp(&a.x.unwrap_or(0.0))
    });
    out.concentrate_here = focus.iter().map(|p| p.item.clone()).collect();
    Some(out)
}
