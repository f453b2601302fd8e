//! Driver analysis (METHODS.md §10): how each dimension score relates to overall
//! satisfaction (OS) — Pearson r per dimension, and the OLS regression of OS on
//! all dimension scores with standardised betas, VIF and relative importance.

use crate::analyses::columns;
use crate::common::diag::{Text, Undefined};
use crate::model::analysis_options::{DriverOptions, ScoreKind};
use crate::model::config::{Role, SurveyConfig};
use crate::model::scores::RespondentScores;
use crate::model::survey::Survey;
use crate::stats::correlation::{pearson_named, Correlation};
use crate::stats::ols::{ols, OlsError, OlsFit};
use crate::stats::undefined::{self, reason};
use serde::{Deserialize, Serialize};

/// VIF above which a collinearity warning is given (METHODS.md §10).
pub const VIF_WARNING: f64 = 10.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Drivers {
    /// Which respondent dimension score was used.
    pub score: ScoreKind,
    /// The overall satisfaction column.
    pub column: String,
    /// One per dimension, survey order; pairwise complete respondents.
    pub correlations: Vec<DriverCorrelation>,
    pub regression: Regression,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DriverCorrelation {
    pub dimension: String,
    pub n: usize,
    pub r: Option<f64>,
    pub p: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undefined: Option<Undefined>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Regression {
    /// Respondents with OS and every predictor's score (listwise).
    pub n: usize,
    /// Respondents left out, by reason.
    pub excluded: RegressionExclusions,
    /// Predictor dimensions, in model order.
    pub predictors: Vec<String>,
    /// Dimensions left out of the model and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<DroppedPredictor>,
    pub intercept: Option<Coefficient>,
    pub coefficients: Vec<Coefficient>,
    pub r2: Option<f64>,
    pub adj_r2: Option<f64>,
    pub f: Option<f64>,
    /// Model df (number of predictors).
    pub df_model: Option<usize>,
    /// Residual df, n − k − 1.
    pub df_resid: Option<usize>,
    pub f_p: Option<f64>,
    /// Collinearity and similar warnings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Text>,
    /// Why there are no numbers (singular design, too few respondents …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undefined: Option<Undefined>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RegressionExclusions {
    /// No overall satisfaction answer.
    pub missing_overall: usize,
    /// OS present but at least one predictor's dimension score missing.
    pub missing_score: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DroppedPredictor {
    pub dimension: String,
    pub reason: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Coefficient {
    /// Dimension id; null for the intercept.
    pub dimension: Option<String>,
    /// Unstandardised b.
    pub b: f64,
    pub se: Option<f64>,
    pub t: Option<f64>,
    pub p: Option<f64>,
    /// Standardised β = b · sd(x) / sd(OS) (not for the intercept).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beta: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vif: Option<f64>,
    /// |β| / Σ|β| over the predictors (0–1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative_importance: Option<f64>,
}

fn empty_regression(
    n: usize,
    excluded: RegressionExclusions,
    predictors: Vec<String>,
) -> Regression {
    Regression {
        n,
        excluded,
        predictors,
        dropped: Vec::new(),
        intercept: None,
        coefficients: Vec::new(),
        r2: None,
        adj_r2: None,
        f: None,
        df_model: None,
        df_resid: None,
        f_p: None,
        warnings: Vec::new(),
        undefined: None,
    }
}

/// A dimension no respondent has a score in: not a predictor.
pub(crate) fn dropped(dimension: &str) -> DroppedPredictor {
    DroppedPredictor {
        dimension: dimension.to_string(),
        reason: Text::new(
            "no respondent has a score for this dimension",
            "没有受访者在该维度上有得分",
        ),
    }
}

fn regression(survey: &Survey, os: &[f64], scores: &[Vec<f64>]) -> Regression {
    let mut dropped_ = Vec::new();
    let mut used: Vec<usize> = Vec::new();
    for (d, s) in scores.iter().enumerate() {
        if s.iter().all(|v| v.is_nan()) {
            dropped_.push(dropped(&survey.dimensions[d].id));
        } else {
            used.push(d);
        }
    }
    let names: Vec<String> = used
        .iter()
        .map(|&d| survey.dimensions[d].id.clone())
        .collect();
    let mut excluded = RegressionExclusions {
        missing_overall: 0,
        missing_score: 0,
    };
    let mut rows = Vec::new();
    for (r, y) in os.iter().enumerate() {
        if y.is_nan() {
            excluded.missing_overall += 1;
        } else if used.iter().any(|&d| scores[d][r].is_nan()) {
            excluded.missing_score += 1;
        } else {
            rows.push(r);
        }
    }
    let y: Vec<f64> = rows.iter().map(|&r| os[r]).collect();
    let xs: Vec<Vec<f64>> = used
        .iter()
        .map(|&d| rows.iter().map(|&r| scores[d][r]).collect())
        .collect();
    fitted(names, dropped_, excluded, rows.len(), ols(&y, &xs))
}

/// The regression section from a fit (of the rows, or of their moments).
pub(crate) fn fitted(
    names: Vec<String>,
    dropped: Vec<DroppedPredictor>,
    excluded: RegressionExclusions,
    n: usize,
    fit: Result<OlsFit, OlsError>,
) -> Regression {
    let mut out = empty_regression(n, excluded, names.clone());
    out.dropped = dropped;
    let fit = match fit {
        Ok(fit) => fit,
        Err(e) => {
            out.undefined = Some(explain(e, &names, n));
            return out;
        }
    };
    let total_beta: f64 = fit.beta_std.iter().map(|b| b.abs()).sum();
    out.intercept = Some(Coefficient {
        dimension: None,
        b: fit.intercept.estimate,
        se: fit.intercept.se,
        t: fit.intercept.t,
        p: fit.intercept.p,
        beta: None,
        vif: None,
        relative_importance: None,
    });
    out.coefficients = fit
        .slopes
        .iter()
        .enumerate()
        .map(|(j, c)| Coefficient {
            dimension: Some(names[j].clone()),
            b: c.estimate,
            se: c.se,
            t: c.t,
            p: c.p,
            beta: Some(fit.beta_std[j]),
            vif: Some(fit.vif[j]),
            relative_importance: (total_beta > 0.0).then(|| fit.beta_std[j].abs() / total_beta),
        })
        .collect();
    out.r2 = Some(fit.r2);
    out.adj_r2 = Some(fit.adj_r2);
    out.f = fit.f;
    out.f_p = fit.f_p;
    out.df_model = Some(fit.df_model);
    out.df_resid = Some(fit.df_resid);
    for (name, vif) in names.iter().zip(&fit.vif) {
        if *vif > VIF_WARNING {
            out.warnings.push(Text::new(
                format!(
                    "Collinearity: the VIF of {name} is {vif:.1} (above {VIF_WARNING}); its coefficient and relative importance are unstable."
                ),
                format!("共线性：{name} 的 VIF 为 {vif:.1}（超过 {VIF_WARNING}），其系数和相对重要性不稳定。"),
            ));
        }
    }
    if fit.perfect_fit {
        out.warnings.push(Text::new(
            "The dimension scores predict overall satisfaction exactly (no residual variance), so SE, t, p and F are not defined.",
            "维度得分完全预测了总体满意度（残差方差为零），因此标准误、t、p 和 F 无定义。",
        ));
    }
    out
}

fn explain(e: OlsError, names: &[String], n: usize) -> Undefined {
    let name = |j: usize| names.get(j).cloned().unwrap_or_default();
    match e {
        OlsError::NoPredictors => reason(
            "no_predictors",
            "no dimension has scores to use as a predictor",
            "没有可作为自变量的维度得分",
        ),
        OlsError::TooFew { need, .. } => undefined::too_few(
            n,
            need,
            (
                "respondents with overall satisfaction and every dimension score (more than the number of predictors + 1)",
                "同时有总体满意度和全部维度得分的受访者（须多于自变量个数 + 1）",
            ),
        ),
        OlsError::ConstantResponse => undefined::constant(("Overall satisfaction", "总体满意度")),
        OlsError::ConstantPredictor(j) => reason(
            "constant_predictor",
            format!("the score of {} is the same for every respondent in the model, so its effect cannot be estimated", name(j)),
            format!("模型中所有受访者在 {} 上的得分都相同，无法估计其作用", name(j)),
        ),
        OlsError::Collinear(j) => reason(
            "perfect_collinearity",
            format!(
                "the score of {} is an exact linear combination of the scores of the dimensions before it ({}) (perfect collinearity), so the coefficients are not identifiable",
                name(j),
                names[..j.min(names.len())].join(", ")
            ),
            format!(
                "{} 的得分是其前面维度（{}）得分的精确线性组合（完全共线性），系数无法识别",
                name(j),
                names[..j.min(names.len())].join("、")
            ),
        ),
    }
}

/// The drivers section; None without an overall satisfaction column or dimensions.
pub(crate) fn analyse(
    survey: &Survey,
    config: &SurveyConfig,
    headers: &[String],
    scores: &RespondentScores,
    options: &DriverOptions,
) -> Option<Drivers> {
    let os = survey.overall.as_ref()?;
    if survey.dimensions.is_empty() {
        return None;
    }
    let scores = match options.score {
        ScoreKind::Perception => &scores.perception,
        ScoreKind::Gap => &scores.gap,
    };
    let correlations = survey
        .dimensions
        .iter()
        .zip(scores)
        .map(|(d, s)| correlation(&d.id, pearson_named(s, os, SCORE, OVERALL)))
        .collect();
    Some(section(
        config,
        headers,
        options,
        correlations,
        regression(survey, os, scores),
    ))
}

/// The names a correlation's reasons use for its two variables.
pub(crate) const SCORE: (&str, &str) = ("The dimension score", "维度得分");
pub(crate) const OVERALL: (&str, &str) = ("Overall satisfaction", "总体满意度");

pub(crate) fn correlation(dimension: &str, c: Correlation) -> DriverCorrelation {
    DriverCorrelation {
        dimension: dimension.to_string(),
        n: c.n,
        r: c.r,
        p: c.p,
        undefined: c.undefined,
    }
}

pub(crate) fn section(
    config: &SurveyConfig,
    headers: &[String],
    options: &DriverOptions,
    correlations: Vec<DriverCorrelation>,
    regression: Regression,
) -> Drivers {
    Drivers {
        score: options.score,
        column: columns::single(config, headers, Role::Overall)
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        correlations,
        regression,
    }
}
