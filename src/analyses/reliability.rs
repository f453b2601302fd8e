//! Internal consistency (METHODS.md §4): Cronbach's α of the expectation items and
//! of the perception items, per dimension and over all items, with α if item
//! deleted and the corrected item–total correlation. Agrees with
//! `pingouin.cronbach_alpha(..., nan_policy='listwise')`.
//!
//! Each scale uses the respondents who answered every item of that scale
//! (listwise within the set); α if deleted and the item–total correlations use
//! the same respondents, so the numbers of one scale are comparable.

use crate::common::diag::{Text, Undefined};
use crate::model::survey::Survey;
use crate::stats::correlation::pearson_from;
use crate::stats::moments::Moments;
use crate::stats::undefined::{self, reason};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Reliability {
    /// Per dimension (survey order) expectation then perception; then the scales
    /// of all items (only when there is more than one dimension).
    pub scales: Vec<ReliabilityScale>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Expectation,
    Perception,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReliabilityScale {
    /// Dimension id; null for the scale made of all items.
    pub dimension: Option<String>,
    pub side: Side,
    /// Item ids in the scale (items with this side's column and some answer).
    pub items: Vec<String>,
    /// Number of items.
    pub k: usize,
    /// Respondents who answered every item of the scale.
    pub n: usize,
    /// Respondents left out because they missed at least one item of the scale.
    pub excluded: usize,
    pub alpha: Option<f64>,
    /// Rule-of-thumb label of α (null when α is undefined).
    pub label: Option<AlphaLabel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undefined: Option<Undefined>,
    pub item_stats: Vec<ItemReliability>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AlphaLabel {
    /// `excellent` (≥ .9), `good` (≥ .8), `acceptable` (≥ .7), `questionable` (≥ .6), `poor`.
    pub code: String,
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ItemReliability {
    pub item: String,
    /// α of the scale without this item (same respondents).
    pub alpha_if_deleted: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpha_if_deleted_undefined: Option<Undefined>,
    /// Pearson r of the item with the sum of the other items of the scale.
    pub item_total_r: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_total_r_undefined: Option<Undefined>,
}

/// α rounded this close to a threshold counts as reaching it (0.9 computed as
/// 0.8999999999999999 is "excellent").
const EDGE: f64 = 1e-12;

pub fn label(alpha: f64) -> AlphaLabel {
    let (code, en, zh) = if alpha >= 0.9 - EDGE {
        ("excellent", "excellent", "优秀")
    } else if alpha >= 0.8 - EDGE {
        ("good", "good", "良好")
    } else if alpha >= 0.7 - EDGE {
        ("acceptable", "acceptable", "可接受")
    } else if alpha >= 0.6 - EDGE {
        ("questionable", "questionable", "存疑")
    } else {
        ("poor", "poor", "差")
    };
    AlphaLabel {
        code: code.into(),
        text: Text::new(en, zh),
    }
}

fn variance(x: &[f64]) -> f64 {
    let n = x.len() as f64;
    let m = x.iter().sum::<f64>() / n;
    x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (n - 1.0)
}

/// Each row's sum over the columns, added column by column: the same
/// additions in the same order as summing each row across the columns, but
/// reading each column straight through (a million rows: one pass per
/// column instead of k strided reads per row).
fn row_totals(cols: &[Vec<f64>]) -> Vec<f64> {
    let Some((first, rest)) = cols.split_first() else {
        return Vec::new();
    };
    let mut total = first.clone();
    for c in rest {
        for (t, x) in total.iter_mut().zip(c) {
            *t += x;
        }
    }
    total
}

/// α of complete columns (same length, no NaN).
pub fn cronbach_alpha(cols: &[Vec<f64>]) -> Result<f64, Undefined> {
    let n = cols.first().map_or(0, Vec::len);
    let total = row_totals(cols);
    let sum_var: f64 = if n > 1 {
        cols.iter().map(|c| variance(c)).sum()
    } else {
        0.0
    };
    alpha_from(cols.len(), sum_var, &Moments::of(&total))
}

/// α = k/(k−1) · (1 − Σ var_j / var(total)) from its parts.
fn alpha_from(k: usize, sum_var: f64, total: &Moments) -> Result<f64, Undefined> {
    if k < 2 {
        return Err(undefined::too_few(k, 2, ("items", "题项")));
    }
    let n = total.n as usize;
    if n < 2 {
        return Err(undefined::too_few(
            n,
            2,
            (
                "respondents who answered every item",
                "回答了全部题项的受访者",
            ),
        ));
    }
    let var_total = total.variance().unwrap_or(0.0);
    let mean_total = total.mean;
    if var_total <= 1e-24 * (mean_total * mean_total).max(1.0) {
        return Err(reason(
            "zero_variance",
            "the total score does not vary between respondents, so α is not defined",
            "受访者之间总分没有差异，α 无定义",
        ));
    }
    let k = k as f64;
    Ok(k / (k - 1.0) * (1.0 - sum_var / var_total))
}

/// One item of a scale over the scale's complete rows: its moments, those of
/// the sum of the other items, and their co-moment Σ (x − x̄)(rest − r̄).
pub(crate) struct ItemMoments {
    pub id: String,
    pub x: Moments,
    pub rest: Moments,
    pub c: f64,
}

/// What a scale's α, α if deleted and item–total r are computed from: the
/// rows that answered every item, and the moments over them (from the
/// answers here, or from a warehouse's sums in src/analyses/sufficient/).
pub(crate) struct ScaleMoments {
    pub dimension: Option<String>,
    pub side: Side,
    pub excluded: usize,
    pub total: Moments,
    pub items: Vec<ItemMoments>,
    pub notes: Vec<Text>,
}

fn scale(
    survey: &Survey,
    dimension: Option<String>,
    side: Side,
    items: &[usize],
) -> Option<ReliabilityScale> {
    let mut notes = Vec::new();
    let mut ids = Vec::new();
    let mut columns: Vec<&Vec<f64>> = Vec::new();
    for &i in items {
        let it = &survey.items[i];
        let col = match side {
            Side::Expectation => it.e.as_ref(),
            Side::Perception => it.p.as_ref(),
        };
        let Some(col) = col else { continue };
        if col.iter().all(|v| v.is_nan()) {
            notes.push(unanswered(&it.id));
            continue;
        }
        ids.push(it.id.clone());
        columns.push(col);
    }
    if ids.is_empty() {
        return None;
    }
    let rows: Vec<usize> = (0..survey.n)
        .filter(|&r| columns.iter().all(|c| !c[r].is_nan()))
        .collect();
    let complete: Vec<Vec<f64>> = columns
        .iter()
        .map(|c| rows.iter().map(|&r| c[r]).collect())
        .collect();
    // α if deleted and item–total r from the total minus the item, instead of
    // rebuilding the k − 1 other columns for every item (k² · n copies).
    let total = row_totals(&complete);
    let items = ids
        .into_iter()
        .zip(&complete)
        .map(|(id, x)| {
            let rest: Vec<f64> = total.iter().zip(x).map(|(t, x)| t - x).collect();
            let (mx, mr) = (Moments::of(x), Moments::of(&rest));
            let c = x
                .iter()
                .zip(&rest)
                .map(|(a, b)| (a - mx.mean) * (b - mr.mean))
                .sum();
            ItemMoments {
                id,
                x: mx,
                rest: mr,
                c,
            }
        })
        .collect();
    Some(from_moments(ScaleMoments {
        dimension,
        side,
        excluded: survey.n - rows.len(),
        total: Moments::of(&total),
        items,
        notes,
    }))
}

pub(crate) fn unanswered(item: &str) -> Text {
    Text::new(
        format!("Item {item} has no answers and is left out of this scale."),
        format!("题项 {item} 没有任何回答，未纳入本量表。"),
    )
}

/// A scale's section from its moments.
pub(crate) fn from_moments(m: ScaleMoments) -> ReliabilityScale {
    let ScaleMoments {
        dimension,
        side,
        excluded,
        total,
        items,
        mut notes,
    } = m;
    let k = items.len();
    let vars: Vec<f64> = items
        .iter()
        .map(|it| it.x.variance().unwrap_or(0.0))
        .collect();
    let sum_var: f64 = vars.iter().sum();
    // As `cronbach_alpha` computes it, from the parts already at hand.
    let (alpha, undefined) = match alpha_from(k, sum_var, &total) {
        Ok(a) => (Some(a), None),
        Err(u) => (None, Some(u)),
    };
    // Within rounding of 0 is not negative (a constant item makes α 0 up to
    // the last bits of var(total)), and should not send anyone hunting for
    // reverse-worded items.
    if alpha.is_some_and(|a| a < -EDGE) {
        notes.push(Text::new(
            "α is negative: the items correlate negatively on average. Check for reverse-worded items that were not reverse-coded.",
            "α 为负：题项之间平均呈负相关。请检查是否有反向题未做反向计分。",
        ));
    }
    let item_stats = items
        .iter()
        .enumerate()
        .map(|(j, it)| {
            let (alpha_if_deleted, alpha_if_deleted_undefined) = if k < 3 {
                (
                    None,
                    Some(reason(
                        "too_few_items",
                        "deleting an item would leave a single item, which has no α",
                        "删除该题后只剩一个题项，无法计算 α",
                    )),
                )
            } else {
                match alpha_from(k - 1, sum_var - vars[j], &it.rest) {
                    Ok(a) => (Some(a), None),
                    Err(u) => (None, Some(u)),
                }
            };
            let c = pearson_from(
                [it.x.n as usize, it.rest.n as usize],
                [it.x.mean, it.rest.mean],
                [it.x.m2, it.rest.m2, it.c],
                ("The item", "该题项"),
                ("The sum of the other items", "其余题项之和"),
            );
            ItemReliability {
                item: it.id.clone(),
                alpha_if_deleted,
                alpha_if_deleted_undefined,
                item_total_r: c.r,
                item_total_r_undefined: c.undefined,
            }
        })
        .collect();
    ReliabilityScale {
        dimension,
        side,
        items: items.into_iter().map(|it| it.id).collect(),
        k,
        n: total.n as usize,
        excluded,
        alpha,
        label: alpha.map(label),
        undefined,
        item_stats,
        notes,
    }
}

/// The reliability section; None when no item has an E or P column.
pub fn analyse(survey: &Survey) -> Option<Reliability> {
    let mut scales = Vec::new();
    for dim in &survey.dimensions {
        for side in [Side::Expectation, Side::Perception] {
            scales.extend(scale(survey, Some(dim.id.clone()), side, &dim.items));
        }
    }
    if survey.dimensions.len() > 1 {
        let all: Vec<usize> = survey
            .dimensions
            .iter()
            .flat_map(|d| d.items.clone())
            .collect();
        for side in [Side::Expectation, Side::Perception] {
            scales.extend(scale(survey, None, side, &all));
        }
    }
    (!scales.is_empty()).then_some(Reliability { scales })
}
