//! JSON-shaped entry points for a page or a script: one serde request in, one
//! [`Outcome`] out — `{"result": …, "diagnostics": …}` or `{"error": …,
//! "diagnostics": …}` — never a panic. The CLI uses these too, so a page that
//! binds them (a few lines in src/wasm.rs) gets exactly the CLI's JSON
//! (docs/methods-cli.md).

use super::ahp::{self, AhpResult, GroupResult, RiTable};
use super::critic::{self, CriticResult};
use super::entropy::{self, EntropyResult};
use super::fuzzy::{self, Evaluation, Membership, Operator, ScoreBasis, TwoLevel};
use super::indicators::{self, IndicatorTable};
use super::{ahp_text, combine as combine_weights, normalise_weights, Matrix, MethodError};
use crate::common::diag::Diagnostics;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A method's answer or the reason there is none, with what was noticed on the way.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Outcome<T> {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub result: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub error: Option<MethodError>,
    pub diagnostics: Diagnostics,
}

impl<T> Outcome<T> {
    pub fn new(r: Result<T, MethodError>, diagnostics: Diagnostics) -> Self {
        match r {
            Ok(result) => Outcome {
                result: Some(result),
                error: None,
                diagnostics,
            },
            Err(error) => Outcome {
                result: None,
                error: Some(error),
                diagnostics,
            },
        }
    }
}

/// Run a method on a request given as JSON text (what the wasm binding receives).
/// A request that does not fit the method's request type is answered like any
/// other bad input: an [`Outcome`] with error `request_invalid`, never a panic.
pub fn from_json<Req: DeserializeOwned, Out>(
    json: &str,
    run: impl Fn(&Req) -> Outcome<Out>,
) -> Outcome<Out> {
    match serde_json::from_str::<Req>(json) {
        Ok(req) => run(&req),
        Err(e) => Outcome::new(
            Err(MethodError::new(
                "request_invalid",
                format!("The request is not valid: {e}."),
                format!("请求无效：{e}。"),
            )),
            Diagnostics::default(),
        ),
    }
}

/// One matrix (single AHP) or several (group AHP), as numbers or as pasted text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AhpRequest {
    #[serde(default)]
    pub matrices: Vec<Matrix>,
    /// Pasted matrices (CSV/TSV/spaces, fractions, optional names, upper
    /// triangle only); used when `matrices` is empty.
    #[serde(default)]
    pub texts: Vec<String>,
    /// Element names; default: the names in the first text, if any.
    #[serde(default)]
    pub labels: Option<Vec<String>>,
    #[serde(default)]
    pub ri: RiTable,
}

/// A single analysis, or a group one (told apart by `experts`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(untagged)]
pub enum AhpOutput {
    Group(GroupResult),
    Single(AhpResult),
}

pub fn ahp(req: &AhpRequest) -> Outcome<AhpOutput> {
    Outcome::new(ahp_inner(req), Diagnostics::default())
}

fn ahp_inner(req: &AhpRequest) -> Result<AhpOutput, MethodError> {
    let mut labels = req.labels.clone();
    let matrices: Vec<Matrix> = if !req.matrices.is_empty() {
        req.matrices.clone()
    } else {
        let several = req.texts.len() > 1;
        let mut out = Vec::with_capacity(req.texts.len());
        for (k, t) in req.texts.iter().enumerate() {
            let p = ahp_text::parse(t).map_err(|e| {
                if several {
                    e.context(&format!("Expert {}: ", k + 1), &format!("专家 {}：", k + 1))
                } else {
                    e
                }
            })?;
            if req.labels.is_none() {
                match (&labels, &p.labels) {
                    (None, Some(l)) if k == 0 => labels = Some(l.clone()),
                    (Some(a), Some(b)) if a != b => {
                        return Err(MethodError::new(
                            "ahp_group_labels",
                            format!("Expert {} names different elements than expert 1; all experts must compare the same elements in the same order.", k + 1),
                            format!("专家 {} 的元素名称与专家 1 不同；所有专家必须按相同顺序比较相同的元素。", k + 1),
                        ));
                    }
                    _ => {}
                }
            }
            out.push(p.values);
        }
        out
    };
    match matrices.len() {
        0 => Err(MethodError::new(
            "ahp_empty",
            "No pairwise matrix was given.",
            "未给出两两比较矩阵。",
        )),
        1 => ahp::analyse(&matrices[0], labels.as_deref(), req.ri).map(AhpOutput::Single),
        _ => ahp::group(&matrices, labels.as_deref(), req.ri).map(AhpOutput::Group),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveMethod {
    Entropy,
    Critic,
}

/// An indicator table given as numbers; `null` = missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TableInput {
    pub alternatives: Vec<String>,
    pub indicators: Vec<String>,
    /// `values[i][j]`: alternative i, indicator j.
    pub values: Vec<Vec<Option<f64>>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ObjectiveRequest {
    pub method: ObjectiveMethod,
    /// Delimited text: first column = alternative, other columns = indicators.
    #[serde(default)]
    pub text: Option<String>,
    /// Or the table as numbers (used when `text` is absent).
    #[serde(default)]
    pub table: Option<TableInput>,
    /// Names of the cost indicators; all others are benefit.
    #[serde(default)]
    pub cost: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(untagged)]
pub enum ObjectiveOutput {
    Critic(CriticResult),
    Entropy(EntropyResult),
}

pub fn objective(req: &ObjectiveRequest) -> Outcome<ObjectiveOutput> {
    let mut diags = Diagnostics::default();
    let r = objective_inner(req, &mut diags);
    Outcome::new(r, diags)
}

fn objective_inner(
    req: &ObjectiveRequest,
    diags: &mut Diagnostics,
) -> Result<ObjectiveOutput, MethodError> {
    let table = match (&req.text, &req.table) {
        (Some(text), _) => {
            let t = crate::input::table::parse(text, None, diags);
            indicators::from_table(&t, diags)?
        }
        (None, Some(t)) => IndicatorTable {
            alternatives: t.alternatives.clone(),
            indicators: t.indicators.clone(),
            values: t
                .values
                .iter()
                .map(|r| r.iter().map(|x| x.unwrap_or(f64::NAN)).collect())
                .collect(),
        },
        (None, None) => {
            return Err(MethodError::new(
                "indicators_none",
                "No indicator table was given (\"text\" or \"table\").",
                "未给出指标表（\"text\" 或 \"table\"）。",
            ))
        }
    };
    if table.alternatives.len() != table.values.len() {
        return Err(MethodError::new(
            "indicators_ragged",
            format!(
                "{} alternative names were given for {} rows of values.",
                table.alternatives.len(),
                table.values.len()
            ),
            format!(
                "给出了 {} 个备选对象名称，但有 {} 行数值。",
                table.alternatives.len(),
                table.values.len()
            ),
        ));
    }
    let dirs = indicators::directions_from_costs(&table.indicators, &req.cost)?;
    match req.method {
        ObjectiveMethod::Entropy => entropy::entropy(&table, &dirs).map(ObjectiveOutput::Entropy),
        ObjectiveMethod::Critic => critic::critic(&table, &dirs).map(ObjectiveOutput::Critic),
    }
}

/// Two weight vectors over the same indicators (METHODS.md §5).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CombineRequest {
    /// a: subjective weights (AHP, typed in); normalised to Σ = 1.
    pub subjective: Vec<f64>,
    /// b: objective weights (entropy, CRITIC); normalised to Σ = 1.
    pub objective: Vec<f64>,
}

/// The working of combined weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CombineOutput {
    /// a, normalised.
    pub subjective: Vec<f64>,
    /// b, normalised.
    pub objective: Vec<f64>,
    /// a_j · b_j.
    pub products: Vec<f64>,
    /// w_j = a_j b_j / Σ a b.
    pub weights: Vec<f64>,
}

pub fn combine(req: &CombineRequest) -> Outcome<CombineOutput> {
    let r = combine_weights::combine(&req.subjective, &req.objective).and_then(|weights| {
        let a = normalise_weights(&req.subjective, ("subjective weights", "主观权重"))?;
        let b = normalise_weights(&req.objective, ("objective weights", "客观权重"))?;
        Ok(CombineOutput {
            products: a.iter().zip(&b).map(|(x, y)| x * y).collect(),
            subjective: a,
            objective: b,
            weights,
        })
    });
    Outcome::new(r, Diagnostics::default())
}

/// Fuzzy evaluation from a membership matrix or from answer columns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FuzzyRequest {
    /// r_jk, one row per element (rows that do not sum to 1 are normalised).
    #[serde(default)]
    pub membership: Option<Matrix>,
    /// Or one column of answers per element (`null` = no answer), counted
    /// against `grades`.
    #[serde(default)]
    pub answers: Option<Vec<Vec<Option<f64>>>>,
    /// Grade values, worst first; required with `answers`, default 1..K.
    #[serde(default)]
    pub grades: Option<Vec<f64>>,
    /// Element weights (normalised to Σ = 1).
    pub weights: Vec<f64>,
    /// For two levels: the 0-based group of every element …
    #[serde(default)]
    pub groups: Option<Vec<usize>>,
    /// … and the group weights.
    #[serde(default)]
    pub group_weights: Option<Vec<f64>>,
    #[serde(default)]
    pub operator: Operator,
    #[serde(default)]
    pub scores: ScoreBasis,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FuzzyOutput {
    pub grades: Vec<f64>,
    pub scores: Vec<f64>,
    /// When computed from answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership: Option<Membership>,
    pub one_level: Evaluation,
    /// When `groups` and `group_weights` were given. Within each group the
    /// element weights are renormalised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub two_level: Option<TwoLevel>,
}

pub fn fuzzy(req: &FuzzyRequest) -> Outcome<FuzzyOutput> {
    Outcome::new(fuzzy_inner(req), Diagnostics::default())
}

fn fuzzy_inner(req: &FuzzyRequest) -> Result<FuzzyOutput, MethodError> {
    let (r, grades, membership) = match (&req.membership, &req.answers) {
        (Some(r), _) => {
            let k = r.first().map_or(0, Vec::len);
            let grades = req
                .grades
                .clone()
                .unwrap_or_else(|| (1..=k).map(|g| g as f64).collect());
            (r.clone(), grades, None)
        }
        (None, Some(answers)) => {
            let grades = req.grades.clone().ok_or_else(|| {
                MethodError::new(
                    "fuzzy_grades",
                    "Answers need the list of grade values (\"grades\").",
                    "根据回答计算时需要给出评语等级的取值（\"grades\"）。",
                )
            })?;
            let cols: Vec<Vec<f64>> = answers
                .iter()
                .map(|c| c.iter().map(|x| x.unwrap_or(f64::NAN)).collect())
                .collect();
            let refs: Vec<&[f64]> = cols.iter().map(Vec::as_slice).collect();
            let m = fuzzy::membership(&refs, &grades)?;
            (m.matrix.clone(), grades, Some(m))
        }
        (None, None) => {
            return Err(MethodError::new(
                "fuzzy_membership",
                "Give a membership matrix (\"membership\") or answer columns (\"answers\").",
                "请给出隶属度矩阵（\"membership\"）或回答列（\"answers\"）。",
            ))
        }
    };
    let scores = match req.scores {
        ScoreBasis::Scale => grades.clone(),
        ScoreBasis::Percent => fuzzy::percent_scores(grades.len()),
    };
    if grades.len() != r.first().map_or(0, Vec::len) {
        return Err(MethodError::new(
            "fuzzy_shape",
            format!(
                "{} grade values were given for {} membership columns.",
                grades.len(),
                r.first().map_or(0, Vec::len)
            ),
            format!(
                "给出了 {} 个等级取值，但隶属度有 {} 列。",
                grades.len(),
                r.first().map_or(0, Vec::len)
            ),
        ));
    }
    let one_level = fuzzy::evaluate(&req.weights, &r, req.operator, &scores)?;
    let two_level = match (&req.groups, &req.group_weights) {
        (Some(groups), Some(gw)) => {
            if groups.len() != r.len() || groups.iter().any(|&g| g >= gw.len()) {
                return Err(MethodError::new(
                    "fuzzy_groups",
                    "\"groups\" needs one group number (0-based, below the number of group weights) per element.",
                    "\"groups\" 需要为每个元素给出一个组号（从 0 开始，小于组权重的个数）。",
                ));
            }
            let parts: Vec<(Vec<f64>, Matrix)> = (0..gw.len())
                .map(|g| {
                    let idx: Vec<usize> = (0..r.len()).filter(|&j| groups[j] == g).collect();
                    (
                        idx.iter()
                            .map(|&j| req.weights.get(j).copied().unwrap_or(0.0))
                            .collect(),
                        idx.iter().map(|&j| r[j].clone()).collect(),
                    )
                })
                .collect();
            Some(fuzzy::evaluate_two_level(
                &parts,
                gw,
                req.operator,
                &scores,
            )?)
        }
        (None, None) => None,
        _ => {
            return Err(MethodError::new(
                "fuzzy_groups",
                "Two levels need both \"groups\" and \"group_weights\".",
                "两级评价需要同时给出 \"groups\" 和 \"group_weights\"。",
            ))
        }
    };
    Ok(FuzzyOutput {
        grades,
        scores,
        membership,
        one_level,
        two_level,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_read_from_json() {
        let req: AhpRequest =
            serde_json::from_str(r#"{"texts": ["1,3\n1/3,1"], "ri": "saaty2005"}"#).expect("json");
        let out = ahp(&req);
        match out.result {
            Some(AhpOutput::Single(r)) => assert_eq!(r.weights, vec![0.75, 0.25]),
            other => panic!("{other:?}"),
        }
        let req: ObjectiveRequest = serde_json::from_str(
            r#"{"method": "entropy", "table": {"alternatives": ["a","b","c"],
                "indicators": ["x","y"], "values": [[1,2],[2,null],[3,9]]}}"#,
        )
        .expect("json");
        let out = objective(&req);
        assert!(out.result.is_some(), "{:?}", out.error);
        let req: FuzzyRequest = serde_json::from_str(
            r#"{"membership": [[0.5,0.5],[0,1]], "weights": [1,1],
                "groups": [0,1], "group_weights": [1,3], "scores": "percent"}"#,
        )
        .expect("json");
        let out = fuzzy(&req);
        let r = out.result.expect("ok");
        // Two levels: (1·(0.5,0.5) + 3·(0,1))/4 = (0.125, 0.875) → score 87.5.
        let two = r.two_level.expect("two levels");
        assert!((two.overall.score - 87.5).abs() < 1e-12);
        let json = serde_json::to_string(&fuzzy(&FuzzyRequest::default())).expect("json");
        assert!(json.contains("\"error\"") && !json.contains("\"result\""));
    }

    #[test]
    fn requests_that_do_not_fit_are_explained() {
        for bad in ["", "null", "[1,2]", r#"{"matrices": [[1, "x"]]}"#, "{"] {
            let out = from_json(bad, ahp);
            let e = out.error.expect("error");
            assert_eq!(e.code, "request_invalid", "{bad}");
            assert!(e.message.zh.starts_with("请求无效"));
        }
        let out = from_json(r#"{"texts": ["1 2\n1/2 1"]}"#, ahp);
        assert!(matches!(out.result, Some(AhpOutput::Single(_))));
        let out = from_json(r#"{"subjective": [1, 1]}"#, combine);
        assert_eq!(
            out.error.map(|e| e.code).as_deref(),
            Some("request_invalid")
        );
    }

    #[test]
    fn combined_weights_show_their_working() {
        // a = (2, 1, 1)/4 = (.5, .25, .25), b = (.2, .3, .5):
        // a·b = (.1, .075, .125), Σ = .3 → w = (1/3, .25, 5/12)
        let out = combine(&CombineRequest {
            subjective: vec![2.0, 1.0, 1.0],
            objective: vec![0.2, 0.3, 0.5],
        });
        let r = out.result.expect("combined");
        assert_eq!(r.subjective, vec![0.5, 0.25, 0.25]);
        for (x, e) in r.products.iter().zip([0.1, 0.075, 0.125]) {
            assert!((x - e).abs() < 1e-15);
        }
        for (x, e) in r.weights.iter().zip([1.0 / 3.0, 0.25, 5.0 / 12.0]) {
            assert!((x - e).abs() < 1e-15);
        }
        let e = combine(&CombineRequest {
            subjective: vec![0.0, 0.0],
            objective: vec![0.5, 0.5],
        })
        .error
        .expect("sum zero");
        assert_eq!(e.code, "weights_sum_zero");
    }
}
