//! The sections a stream adds to what the sufficient statistics give: the
//! fuzzy evaluation and the customer metrics from counted answers, IPA and the
//! driver analysis from joint moments ([`super::accumulate`]). Each is built
//! by the same code as from the answers, so the two cannot drift.

use super::extras::{Counts, Joints};
use super::Layout;
use crate::analyses::drivers::{self, Drivers, RegressionExclusions};
use crate::analyses::ipa::{self, Available, ImportanceKind, Ipa};
use crate::analyses::metrics::{self, Metrics};
use crate::analyses::servqual::ItemResult;
use crate::common::diag::Diagnostics;
use crate::methods::survey_fuzzy::{self, DimensionCounts, FuzzySection};
use crate::methods::weights::WeightingResult;
use crate::model::analysis_options::PerformanceMeasure;
use crate::model::config::{Role, SurveyConfig};
use crate::stats::comoments::CoMoments;
use crate::stats::correlation::{pearson_from, Correlation};
use crate::stats::ols::ols_from;
use crate::stats::undefined::reason;

/// The fuzzy section from each item's perception answers counted on the grades.
pub(crate) fn fuzzy(
    config: &SurveyConfig,
    counts: &mut Counts,
    perception: bool,
    weighting: &WeightingResult,
    diags: &mut Diagnostics,
) -> Option<FuzzySection> {
    let layout = Layout::new(config);
    survey_fuzzy::evaluate_counts(
        perception,
        |_| {
            layout
                .dims
                .iter()
                .map(|d| DimensionCounts {
                    id: d.id.to_string(),
                    items: d
                        .items
                        .iter()
                        .map(|&i| {
                            let id = layout.items.get(i).map_or("", |it| it.id).to_string();
                            (id, counts.grades.get_mut(i).and_then(Option::take))
                        })
                        .collect(),
                })
                .collect()
        },
        config,
        weighting,
        &config.analyses.fuzzy,
        diags,
    )
}

pub(crate) fn metrics(
    config: &SurveyConfig,
    headers: &[String],
    counts: Counts,
) -> Option<Metrics> {
    metrics::from_counts(
        config,
        headers,
        &config.analyses,
        counts.metrics,
        counts.present,
    )
}

fn correlation(m: Option<&CoMoments>, names: [(&str, &str); 2]) -> Correlation {
    match m {
        Some(m) => pearson_from(
            [m.n as usize; 2],
            [m.mean[0], m.mean[1]],
            [m.at(0, 0), m.at(1, 1), m.at(0, 1)],
            names[0],
            names[1],
        ),
        None => pearson_from([0; 2], [0.0; 2], [0.0; 3], names[0], names[1]),
    }
}

/// IPA from the importance answers' moments, each item's (P, overall)
/// moments, and the items' P and gap summaries (`items`, any order).
pub(crate) fn ipa(
    config: &SurveyConfig,
    headers: &[String],
    joints: &Joints,
    perception: bool,
    items: &[ItemResult],
) -> Option<Ipa> {
    if !perception {
        return None;
    }
    let present: crate::common::hash::Set<&str> = headers.iter().map(String::as_str).collect();
    let available = Available {
        stated: joints.importance.iter().any(Option::is_some),
        allocation: !config.dimensions.is_empty()
            && config.dimensions.iter().all(|d| {
                config.columns.iter().any(|c| {
                    c.role == Role::Allocation
                        && c.dimension.as_deref() == Some(d.id.as_str())
                        && present.contains(c.name.as_str())
                })
            }),
        derived: joints.drivers.is_some(),
    };
    let options = &config.analyses.ipa;
    let performance = config
        .items
        .iter()
        .map(|it| {
            let r = items.iter().find(|r| r.id == it.id);
            match options.performance {
                PerformanceMeasure::Perception => {
                    r.map_or((None, 0), |r| (r.perception.mean, r.perception.n))
                }
                PerformanceMeasure::Gap => r.map_or((None, 0), |r| (r.gap.mean, r.gap.n)),
            }
        })
        .collect();
    let importance = |kind| match kind {
        ImportanceKind::Stated => ipa::stated(
            joints
                .importance
                .iter()
                .map(|m| m.as_ref().map(|m| m.summary())),
        ),
        ImportanceKind::Derived => (0..config.items.len())
            .map(|i| {
                let m = joints.item_overall.get(i).and_then(Option::as_ref);
                ipa::derived(correlation(m, [ipa::PERCEPTION, ipa::OVERALL]))
            })
            .collect(),
        ImportanceKind::Allocation => {
            let (sum, used) = joints
                .allocation
                .as_ref()
                .map_or((&[][..], 0), |a| (a.sum.as_slice(), a.n));
            let dims: Vec<Option<usize>> = config
                .items
                .iter()
                .map(|it| config.dimensions.iter().position(|d| d.id == it.dimension))
                .collect();
            ipa::allocation(&dims, sum, used)
        }
    };
    ipa::assemble(
        available,
        config
            .items
            .iter()
            .map(|it| (it.id.clone(), it.dimension.clone()))
            .collect(),
        config.dimensions.len(),
        importance,
        performance,
        config,
        headers,
        options,
    )
}

/// The driver analysis from each dimension score's moments with overall
/// satisfaction and the joint moments of the dimensions that could score.
/// `scored[d]`: some respondent has a score of the drivers' kind in dimension d.
pub(crate) fn drivers(
    config: &SurveyConfig,
    headers: &[String],
    joints: Joints,
    scored: &[bool],
) -> Option<Drivers> {
    let d = joints.drivers?;
    if config.dimensions.is_empty() {
        return None;
    }
    let options = &config.analyses.drivers;
    let correlations = config
        .dimensions
        .iter()
        .zip(&d.dims)
        .map(|(dim, m)| {
            drivers::correlation(
                &dim.id,
                correlation(Some(m), [drivers::SCORE, drivers::OVERALL]),
            )
        })
        .collect();
    // A dimension is a predictor when some respondent has its score.
    let (mut used, mut dropped) = (Vec::new(), Vec::new());
    for (k, dim) in config.dimensions.iter().enumerate() {
        if scored.get(k).copied().unwrap_or(false) {
            used.push(k);
        } else {
            dropped.push(drivers::dropped(&dim.id));
        }
    }
    let names: Vec<String> = used
        .iter()
        .map(|&k| config.dimensions[k].id.clone())
        .collect();
    let excluded = RegressionExclusions {
        missing_overall: d.missing_overall,
        missing_score: d.missing_score,
    };
    let regression = if used == d.possible {
        drivers::fitted(names, dropped, excluded, d.all.n as usize, ols_from(&d.all))
    } else {
        // A dimension with columns but no score at all: the rows were
        // gathered over it, so the model over the others cannot be formed.
        let mut r = drivers::fitted(
            names,
            dropped,
            excluded,
            0,
            Err(crate::stats::ols::OlsError::NoPredictors),
        );
        r.undefined = Some(reason(
            "stream_predictors",
            "a dimension whose columns are in the file has no score for anyone, so the regression over the other dimensions is not formed in a stream",
            "文件中有某个维度的列，但没有任何受访者在该维度上有得分，按流读取时无法对其余维度建立回归",
        ));
        r
    };
    Some(drivers::section(
        config,
        headers,
        options,
        correlations,
        regression,
    ))
}
