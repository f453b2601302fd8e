//! Pearson correlation with its two-sided p-value (METHODS.md §7, §10).
//! Agrees with `scipy.stats.pearsonr`.

use crate::common::diag::Undefined;
use crate::stats::dist;
use crate::stats::undefined::{self, PAIRS};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Correlation {
    /// Pairs where both values are present.
    pub n: usize,
    pub r: Option<f64>,
    /// Two-sided, H0: ρ = 0, from t = r·√((n−2)/(1−r²)) with n − 2 df.
    pub p: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undefined: Option<Undefined>,
}

/// Relative size under which a sum of squares counts as zero.
const ZERO: f64 = 1e-24;

/// r over the pairs where neither value is NaN (NaN = missing).
pub fn pearson(x: &[f64], y: &[f64]) -> Correlation {
    pearson_named(
        x,
        y,
        ("The first variable", "第一个变量"),
        ("The second variable", "第二个变量"),
    )
}

/// As [`pearson`], naming the variables (en, zh) in the reason when one is constant.
pub fn pearson_named(
    x: &[f64],
    y: &[f64],
    x_name: (&str, &str),
    y_name: (&str, &str),
) -> Correlation {
    let pairs: Vec<(f64, f64)> = x
        .iter()
        .zip(y)
        .filter(|(a, b)| !a.is_nan() && !b.is_nan())
        .map(|(a, b)| (*a, *b))
        .collect();
    let n = pairs.len();
    if n < 3 {
        return pearson_from([n, n], [0.0; 2], [0.0; 3], x_name, y_name);
    }
    let mx = pairs.iter().map(|p| p.0).sum::<f64>() / n as f64;
    let my = pairs.iter().map(|p| p.1).sum::<f64>() / n as f64;
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for (a, b) in &pairs {
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
        sxy += (a - mx) * (b - my);
    }
    pearson_from([n, n], [mx, my], [sxx, syy, sxy], x_name, y_name)
}

/// r from the moments of the pairs: n (the same for both: pairs where both are
/// present), the means, and Σ(x − x̄)², Σ(y − ȳ)², Σ(x − x̄)(y − ȳ).
pub fn pearson_from(
    n: [usize; 2],
    means: [f64; 2],
    sums: [f64; 3],
    x_name: (&str, &str),
    y_name: (&str, &str),
) -> Correlation {
    let n = n[0].min(n[1]);
    let ([mx, my], [sxx, syy, sxy]) = (means, sums);
    let mut out = Correlation {
        n,
        r: None,
        p: None,
        undefined: None,
    };
    if n < 3 {
        out.undefined = Some(undefined::too_few(n, 3, PAIRS));
        return out;
    }
    if sxx <= ZERO * (mx * mx * n as f64).max(1.0) {
        out.undefined = Some(undefined::constant(x_name));
        return out;
    }
    if syy <= ZERO * (my * my * n as f64).max(1.0) {
        out.undefined = Some(undefined::constant(y_name));
        return out;
    }
    let r = (sxy / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0);
    out.r = Some(r);
    let df = (n - 2) as f64;
    let rest = 1.0 - r * r;
    out.p = if rest <= 0.0 {
        Some(0.0)
    } else {
        dist::t_two_sided(r * (df / rest).sqrt(), df)
    };
    out
}
