//! Ordinary least squares with an intercept (METHODS.md §10): coefficients, SE,
//! t, p, standardised betas, R², adjusted R², F, and VIF. Agrees with statsmodels
//! `OLS(y, add_constant(X)).fit()` and `variance_inflation_factor` on the same
//! `add_constant(X)` design.
//!
//! The predictors are centred before the QR decomposition: the intercept then
//! separates from the slopes, the conditioning improves, and the rank check can
//! compare each column with its own centred norm (so "dependent" means the same
//! thing whatever the scale of the answers).

use crate::stats::dist;
use crate::stats::linalg::{Cholesky, Qr, QrError};

#[derive(Debug, Clone, PartialEq)]
pub struct Coefficient {
    pub estimate: f64,
    /// None for a perfect fit (zero residual variance).
    pub se: Option<f64>,
    pub t: Option<f64>,
    pub p: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OlsFit {
    pub n: usize,
    pub intercept: Coefficient,
    pub slopes: Vec<Coefficient>,
    /// b_j · sd(x_j) / sd(y).
    pub beta_std: Vec<f64>,
    /// 1 / (1 − R²_j) of predictor j on the other predictors.
    pub vif: Vec<f64>,
    pub r2: f64,
    pub adj_r2: f64,
    pub f: Option<f64>,
    pub f_p: Option<f64>,
    /// k.
    pub df_model: usize,
    /// n − k − 1.
    pub df_resid: usize,
    /// The residuals are all zero: SE, t, p and F are not defined.
    pub perfect_fit: bool,
}

/// Why no regression could be fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OlsError {
    NoPredictors,
    /// n must exceed k + 1 (at least one residual degree of freedom).
    TooFew {
        n: usize,
        need: usize,
    },
    ConstantResponse,
    ConstantPredictor(usize),
    /// Predictor j is a linear combination of the predictors before it.
    Collinear(usize),
}

/// Tolerance of "zero" for sums of squares, relative to the data's own scale.
const ZERO: f64 = 1e-24;
/// A predictor whose unexplained part is below this share of its centred norm
/// (tolerance 1 − R²_j < 1e-16, VIF > 1e16) counts as perfectly collinear.
const DEPENDENT: f64 = 1e-8;
/// [`DEPENDENT`] for [`ols_from`]: cross-products hold the squares of the
/// data, so what is left of a dependent column is rounding of √ε ≈ 1.5e-8 of
/// its norm; 1e-6 (1 − R²_j < 1e-12, VIF > 1e12) is well clear of that and
/// still far beyond any collinearity a warning would not already flag.
const DEPENDENT_MOMENTS: f64 = 1e-6;
/// Residual sum of squares below this share of the total: a perfect fit (what is
/// left is rounding), so SE, t, p and F would be 0, ∞ or noise.
const PERFECT: f64 = 1e-16;

fn mean(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len() as f64
}

/// Fit y on the predictor columns (complete data: no NaN).
pub fn ols(y: &[f64], xs: &[Vec<f64>]) -> Result<OlsFit, OlsError> {
    let k = xs.len();
    let n = y.len();
    if k == 0 {
        return Err(OlsError::NoPredictors);
    }
    if n < k + 2 || xs.iter().any(|x| x.len() != n) {
        return Err(OlsError::TooFew { n, need: k + 2 });
    }
    let nf = n as f64;
    let x_means: Vec<f64> = xs.iter().map(|x| mean(x)).collect();
    let centred: Vec<Vec<f64>> = xs
        .iter()
        .zip(&x_means)
        .map(|(x, m)| x.iter().map(|v| v - m).collect())
        .collect();
    let norms: Vec<f64> = centred
        .iter()
        .map(|c| c.iter().map(|v| v * v).sum::<f64>().sqrt())
        .collect();
    for (j, (norm, m)) in norms.iter().zip(&x_means).enumerate() {
        if norm * norm <= ZERO * (m * m * nf).max(1.0) {
            return Err(OlsError::ConstantPredictor(j));
        }
    }
    let y_mean = mean(y);
    let yc: Vec<f64> = y.iter().map(|v| v - y_mean).collect();
    let sst: f64 = yc.iter().map(|v| v * v).sum();
    if sst <= ZERO * (y_mean * y_mean * nf).max(1.0) {
        return Err(OlsError::ConstantResponse);
    }
    let qr = Qr::new(centred.clone(), &norms, DEPENDENT).map_err(|e| match e {
        QrError::Dependent(j) => OlsError::Collinear(j),
        QrError::TooFewRows => OlsError::TooFew { n, need: k + 2 },
    })?;
    let b = qr.solve(&yc);
    let ssr: f64 = (0..n)
        .map(|i| {
            let fit: f64 = b.iter().zip(&centred).map(|(bj, c)| bj * c[i]).sum();
            (yc[i] - fit) * (yc[i] - fit)
        })
        .sum();
    finish(Fit {
        n,
        b,
        ssr,
        sst,
        inv: qr.xtx_inverse(),
        x_means,
        y_mean,
        norms,
    })
}

/// What the two ways of fitting hand to [`finish`].
struct Fit {
    n: usize,
    b: Vec<f64>,
    ssr: f64,
    sst: f64,
    /// (X'X)⁻¹ of the centred predictors.
    inv: Vec<Vec<f64>>,
    x_means: Vec<f64>,
    y_mean: f64,
    /// The predictors' centred norms.
    norms: Vec<f64>,
}

/// [`ols`] from the moments of the complete rows: the predictors first, y
/// last. The normal equations are solved by Cholesky, with the same checks
/// and the same statistics; for survey scores (a handful of well-scaled
/// predictors) the two agree to about 1e-12.
pub fn ols_from(m: &crate::stats::comoments::CoMoments) -> Result<OlsFit, OlsError> {
    let k = m.k().saturating_sub(1);
    let n = m.n as usize;
    if k == 0 {
        return Err(OlsError::NoPredictors);
    }
    if n < k + 2 {
        return Err(OlsError::TooFew { n, need: k + 2 });
    }
    let nf = n as f64;
    let x_means = m.mean[..k].to_vec();
    let norms: Vec<f64> = (0..k).map(|j| m.at(j, j).max(0.0).sqrt()).collect();
    for (j, (norm, mean)) in norms.iter().zip(&x_means).enumerate() {
        if norm * norm <= ZERO * (mean * mean * nf).max(1.0) {
            return Err(OlsError::ConstantPredictor(j));
        }
    }
    let y_mean = m.mean[k];
    let sst = m.at(k, k);
    if sst <= ZERO * (y_mean * y_mean * nf).max(1.0) {
        return Err(OlsError::ConstantResponse);
    }
    let sxx: Vec<f64> = (0..k)
        .flat_map(|i| (0..k).map(move |j| (i, j)))
        .map(|(i, j)| m.at(i, j))
        .collect();
    let sxy: Vec<f64> = (0..k).map(|j| m.at(j, k)).collect();
    let chol = Cholesky::new(&sxx, k, &norms, DEPENDENT_MOMENTS).map_err(|e| match e {
        QrError::Dependent(j) => OlsError::Collinear(j),
        QrError::TooFewRows => OlsError::TooFew { n, need: k + 2 },
    })?;
    let b = chol.solve(&sxy);
    let explained: f64 = b.iter().zip(&sxy).map(|(b, s)| b * s).sum();
    // SST − b'Sxy cancels: what is left of an exact fit is rounding of SST's size.
    let ssr = sst - explained;
    let ssr = if ssr <= 1e-12 * sst { 0.0 } else { ssr };
    finish(Fit {
        n,
        ssr,
        sst,
        inv: chol.inverse(),
        b,
        x_means,
        y_mean,
        norms,
    })
}

fn finish(fit: Fit) -> Result<OlsFit, OlsError> {
    let Fit {
        n,
        b,
        ssr,
        sst,
        inv,
        x_means,
        y_mean,
        norms,
    } = fit;
    let k = b.len();
    let nf = n as f64;
    let df_resid = n - k - 1;
    let perfect_fit = ssr <= PERFECT * sst;
    let sigma2 = ssr / df_resid as f64;
    let tdist = |estimate: f64, var: f64| -> Coefficient {
        if perfect_fit || var.is_nan() || var <= 0.0 {
            return Coefficient {
                estimate,
                se: None,
                t: None,
                p: None,
            };
        }
        let se = var.sqrt();
        let t = estimate / se;
        Coefficient {
            estimate,
            se: Some(se),
            t: Some(t),
            p: dist::t_two_sided(t, df_resid as f64),
        }
    };
    let slopes: Vec<Coefficient> = (0..k).map(|j| tdist(b[j], sigma2 * inv[j][j])).collect();
    let b0 = y_mean - b.iter().zip(&x_means).map(|(bj, m)| bj * m).sum::<f64>();
    let quad: f64 = (0..k)
        .flat_map(|i| (0..k).map(move |j| (i, j)))
        .map(|(i, j)| x_means[i] * inv[i][j] * x_means[j])
        .sum();
    let intercept = tdist(b0, sigma2 * (1.0 / nf + quad));
    let sd_y = sst.sqrt();
    let r2 = 1.0 - ssr / sst;
    let adj_r2 = 1.0 - (1.0 - r2) * (nf - 1.0) / df_resid as f64;
    let (f, f_p) = if perfect_fit {
        (None, None)
    } else {
        let f = ((sst - ssr) / k as f64) / sigma2;
        (Some(f), dist::f_upper(f, k as f64, df_resid as f64))
    };
    Ok(OlsFit {
        n,
        intercept,
        beta_std: b.iter().zip(&norms).map(|(bj, s)| bj * s / sd_y).collect(),
        vif: (0..k).map(|j| inv[j][j] * norms[j] * norms[j]).collect(),
        slopes,
        r2,
        adj_r2,
        f,
        f_p,
        df_model: k,
        df_resid,
        perfect_fit,
    })
}
