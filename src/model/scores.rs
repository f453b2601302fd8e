//! Each respondent's dimension scores (METHODS.md §2): the E, P and gap means
//! over a dimension's items that every score of the report averages, and that
//! the objective weights (entropy, CRITIC) and the optional analyses read.

use crate::model::survey::Survey;

/// Per respondent and dimension: mean E, P and G over the items answered on both
/// sides, and mean P over all answered P items (SERVPERF). NaN = no score.
pub(crate) struct DimensionScores {
    pub e: Vec<f64>,
    pub p: Vec<f64>,
    pub g: Vec<f64>,
    pub perf: Vec<f64>,
}

/// An item's expectation and perception answers, if it has those columns.
type ItemColumns<'a> = (Option<&'a Vec<f64>>, Option<&'a Vec<f64>>);

/// Respondent r's value in a per-respondent column; every column has one value
/// per row by construction, and a missing one reads as missing rather than a panic.
pub(crate) fn at(column: &[f64], r: usize) -> f64 {
    column.get(r).copied().unwrap_or(f64::NAN)
}

pub(crate) fn dimension_scores(
    survey: &Survey,
    d: usize,
    min_items: Option<usize>,
) -> DimensionScores {
    let dim = &survey.dimensions[d];
    let need = min_items.unwrap_or(dim.items.len().div_ceil(2)).max(1);
    let n = survey.n;
    let mut out = DimensionScores {
        e: vec![f64::NAN; n],
        p: vec![f64::NAN; n],
        g: vec![f64::NAN; n],
        perf: vec![f64::NAN; n],
    };
    let columns: Vec<ItemColumns> = dim
        .items
        .iter()
        .map(|&i| (survey.items[i].e.as_ref(), survey.items[i].p.as_ref()))
        .collect();
    for r in 0..n {
        let s = RowScores::of(
            columns.iter().map(|(e, p)| {
                (
                    e.map_or(f64::NAN, |e| at(e, r)),
                    p.map_or(f64::NAN, |p| at(p, r)),
                )
            }),
            need,
        );
        (out.e[r], out.p[r], out.g[r], out.perf[r]) = (s.e, s.p, s.g, s.perf);
    }
    out
}

/// One respondent's scores in one dimension (METHODS.md §2): mean E, P and gap
/// over the items answered on both sides, and mean P over all answered P
/// items; NaN where fewer than `need` items count. The one place these
/// additions are made, so every path (answers, a stream) gives the same bits.
pub(crate) struct RowScores {
    pub e: f64,
    pub p: f64,
    pub g: f64,
    pub perf: f64,
}

impl RowScores {
    /// From the (E, P) answers of the dimension's items, in item order (NaN = missing).
    #[inline]
    pub(crate) fn of(answers: impl Iterator<Item = (f64, f64)>, need: usize) -> RowScores {
        let (mut se, mut sp, mut paired, mut sperf, mut nperf) = (0.0, 0.0, 0usize, 0.0, 0usize);
        for (ev, pv) in answers {
            if !pv.is_nan() {
                sperf += pv;
                nperf += 1;
                if !ev.is_nan() {
                    se += ev;
                    sp += pv;
                    paired += 1;
                }
            }
        }
        let mut out = RowScores {
            e: f64::NAN,
            p: f64::NAN,
            g: f64::NAN,
            perf: f64::NAN,
        };
        if paired >= need {
            out.e = se / paired as f64;
            out.p = sp / paired as f64;
            out.g = (sp - se) / paired as f64;
        }
        if nperf >= need {
            out.perf = sperf / nperf as f64;
        }
        out
    }
}

/// Each respondent's SERVPERF score in dimension `d` (NaN = none): the basis of
/// entropy and CRITIC dimension weights (src/methods/weights/objective.rs).
pub(crate) fn perception_scores(survey: &Survey, d: usize, min_items: Option<usize>) -> Vec<f64> {
    dimension_scores(survey, d, min_items).perf
}

/// Each respondent's dimension scores, for the optional analyses (src/analyses/):
/// `gap[d][r]` and `perception[d][r]` (SERVPERF: all answered P items), NaN = no
/// score. The same scores the SERVQUAL analysis averages (METHODS.md §2).
pub(crate) struct RespondentScores {
    pub gap: Vec<Vec<f64>>,
    pub perception: Vec<Vec<f64>>,
}

pub(crate) fn respondent_scores(survey: &Survey, min_items: Option<usize>) -> RespondentScores {
    let (gap, perception) = (0..survey.dimensions.len())
        .map(|d| {
            let s = dimension_scores(survey, d, min_items);
            (s.g, s.perf)
        })
        .unzip();
    RespondentScores { gap, perception }
}
