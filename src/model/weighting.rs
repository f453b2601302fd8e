//! How dimensions are weighted (METHODS.md §2, §5), as the configuration says
//! it: the [`Weighting`] a survey configuration holds, how it is read from JSON,
//! and the checks a configuration must pass before anything is computed. The
//! weights themselves are computed in src/methods/weights/.

use crate::common::diag::Text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

// Read through `WeightingFields` (see its `Deserialize` below), not serde's
// internally tagged enums, whose buffering costs ~10 KB of the wasm module.
/// How dimensions are weighted in the weighted SERVQUAL score (METHODS.md §2, §5).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Weighting {
    #[default]
    Equal,
    /// Typed-in weights per dimension id: percentages or expert scores, normalised.
    Direct { weights: BTreeMap<String, f64> },
    /// Each respondent's own 100-point allocation columns (PZB 1991).
    Allocation,
    /// AHP (METHODS.md §5): a pairwise matrix over the dimensions in the order of
    /// `dimensions` — or several experts' matrices (`experts`), aggregated by
    /// geometric mean — and optionally, per dimension id, a matrix over that
    /// dimension's items in the order they are listed (docs/methods.md).
    /// An inconsistent matrix (CR ≥ 0.10) is reported and not used — equal
    /// weights instead — unless `accept_inconsistent` is true.
    Ahp {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        matrix: Vec<Vec<f64>>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        experts: Vec<Vec<Vec<f64>>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ri: Option<RiTable>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        items: BTreeMap<String, Vec<Vec<f64>>>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        accept_inconsistent: bool,
    },
    /// Entropy weights computed on the respondents' dimension perception scores.
    Entropy,
    /// CRITIC weights computed on the respondents' dimension perception scores.
    Critic,
    /// Subjective × objective (METHODS.md §5): w_d = a_d b_d / Σ a b, with a from
    /// `subjective` (`direct` or `ahp`) and b from `objective` (`entropy` or
    /// `critic`). Either part not usable → equal weights with a note.
    Combined {
        subjective: Box<Weighting>,
        objective: Box<Weighting>,
    },
}

/// Every field any weighting method takes, flat: what a `weighting` object is
/// read into before it becomes a [`Weighting`].
#[derive(Deserialize)]
struct WeightingFields {
    method: String,
    weights: Option<BTreeMap<String, f64>>,
    #[serde(default)]
    matrix: Vec<Vec<f64>>,
    #[serde(default)]
    experts: Vec<Vec<Vec<f64>>>,
    #[serde(default)]
    ri: Option<RiTable>,
    #[serde(default)]
    items: BTreeMap<String, Vec<Vec<f64>>>,
    #[serde(default)]
    accept_inconsistent: bool,
    subjective: Option<Box<WeightingFields>>,
    objective: Option<Box<WeightingFields>>,
}

const WEIGHTING_METHODS: [&str; 7] = [
    "equal",
    "direct",
    "allocation",
    "ahp",
    "entropy",
    "critic",
    "combined",
];

impl WeightingFields {
    fn into_weighting<E: serde::de::Error>(self) -> Result<Weighting, E> {
        let part = |p: Option<Box<WeightingFields>>, name: &'static str| match p {
            Some(w) => w.into_weighting().map(Box::new),
            None => Err(E::missing_field(name)),
        };
        Ok(match self.method.as_str() {
            "equal" => Weighting::Equal,
            "direct" => Weighting::Direct {
                weights: self.weights.ok_or_else(|| E::missing_field("weights"))?,
            },
            "allocation" => Weighting::Allocation,
            "ahp" => Weighting::Ahp {
                matrix: self.matrix,
                experts: self.experts,
                ri: self.ri,
                items: self.items,
                accept_inconsistent: self.accept_inconsistent,
            },
            "entropy" => Weighting::Entropy,
            "critic" => Weighting::Critic,
            "combined" => Weighting::Combined {
                subjective: part(self.subjective, "subjective")?,
                objective: part(self.objective, "objective")?,
            },
            other => return Err(E::unknown_variant(other, &WEIGHTING_METHODS)),
        })
    }
}

impl<'de> Deserialize<'de> for Weighting {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Weighting, D::Error> {
        WeightingFields::deserialize(d)?.into_weighting()
    }
}

/// Random-index tables (METHODS.md §5), for n = 3..=15.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum RiTable {
    /// Saaty 1980, the default.
    #[default]
    #[serde(rename = "saaty1980")]
    Saaty1980,
    /// Saaty 2005, as in ahpy `random_index='saaty'`.
    #[serde(rename = "saaty2005")]
    Saaty2005,
    /// Donegan & Dodd 1991, as in ahpy `random_index='dd'`.
    #[serde(rename = "donegan_dodd")]
    DoneganDodd,
}

/// A JS caller can pass NaN or Infinity, which JSON (and so the report) cannot hold.
fn check_direct(weighting: &Weighting) -> Result<(), Text> {
    if let Weighting::Direct { weights } = weighting {
        if let Some((d, w)) = weights.iter().find(|(_, w)| !w.is_finite()) {
            return Err(Text::new(
                format!("The weight of dimension \"{d}\" ({w}) is not a finite number."),
                format!("维度“{d}”的权重（{w}）不是有限数值。"),
            ));
        }
    }
    Ok(())
}

/// Configuration check: every AHP judgment is a finite number. A JS caller can
/// pass NaN or Infinity, which JSON (and so the report's copy of the
/// configuration) cannot hold. Whether the matrices make sense is judged when the
/// weights are resolved, with an explanation in the report.
pub(crate) fn check_judgments(w: &Weighting) -> Result<(), Text> {
    let Weighting::Ahp {
        matrix,
        experts,
        items,
        ..
    } = w
    else {
        return Ok(());
    };
    let all = std::iter::once(matrix)
        .chain(experts.iter())
        .chain(items.values());
    for m in all {
        if let Some(x) = m.iter().flatten().find(|x| !x.is_finite()) {
            return Err(Text::new(
                format!(
                    "An AHP judgment in the weighting ({}) is not a finite number.",
                    crate::common::format::number(*x)
                ),
                format!(
                    "权重设置中的 AHP 判断值（{}）不是有限数值。",
                    crate::common::format::number(*x)
                ),
            ));
        }
    }
    Ok(())
}

impl Weighting {
    /// Whether the weights are computed from each respondent's dimension
    /// scores (entropy, CRITIC, or a combination with either).
    pub fn needs_scores(&self) -> bool {
        match self {
            Weighting::Entropy | Weighting::Critic => true,
            Weighting::Combined { objective, .. } => objective.needs_scores(),
            _ => false,
        }
    }

    /// Whether they are entropy weights, which count each score's value.
    pub fn needs_counts(&self) -> bool {
        match self {
            Weighting::Entropy => true,
            Weighting::Combined { objective, .. } => objective.needs_counts(),
            _ => false,
        }
    }
}

/// The name a weighting reports in `overall.weighting.method` when it is used.
pub fn method_name(w: &Weighting) -> &'static str {
    match w {
        Weighting::Equal => "equal",
        Weighting::Direct { .. } => "direct",
        Weighting::Allocation => "allocation",
        Weighting::Ahp { .. } => "ahp",
        Weighting::Entropy => "entropy",
        Weighting::Critic => "critic",
        Weighting::Combined { .. } => "combined",
    }
}

/// Configuration check: the subjective part is `direct` or `ahp`, the objective
/// part `entropy` or `critic` (so a combination cannot nest).
fn check_combined(subjective: &Weighting, objective: &Weighting) -> Result<(), Text> {
    if !matches!(subjective, Weighting::Direct { .. } | Weighting::Ahp { .. }) {
        return Err(Text::new(
            format!(
                "The subjective part of combined weights must be \"direct\" or \"ahp\", not \"{}\".",
                method_name(subjective)
            ),
            format!(
                "组合权重的主观部分必须是 \"direct\" 或 \"ahp\"，而不是 \"{}\"。",
                method_name(subjective)
            ),
        ));
    }
    if !matches!(objective, Weighting::Entropy | Weighting::Critic) {
        return Err(Text::new(
            format!(
                "The objective part of combined weights must be \"entropy\" or \"critic\", not \"{}\".",
                method_name(objective)
            ),
            format!(
                "组合权重的客观部分必须是 \"entropy\" 或 \"critic\"，而不是 \"{}\"。",
                method_name(objective)
            ),
        ));
    }
    check_judgments(subjective)
}

/// The checks of a weighting that need no data besides its AHP judgments
/// ([`check_judgments`]): finite direct weights, and a combination of one
/// subjective and one objective part.
pub(crate) fn check_parts(w: &Weighting) -> Result<(), Text> {
    check_direct(w)?;
    if let Weighting::Combined {
        subjective,
        objective,
    } = w
    {
        check_combined(subjective, objective)?;
        check_direct(subjective)?;
    }
    Ok(())
}
