//! Descriptive statistics and the t-based inference of METHODS.md §3.
//!
//! Everything undefined (n < 2, zero variance) comes back as `None` together with an
//! [`Undefined`] reason; no NaN ever leaves this module.
//!
//! Stage 4 of the pipeline, and the only one that knows no survey. In: slices
//! of numbers. Out: summaries, tests, correlations and regressions with their
//! reasons when undefined.

use crate::common::diag::Undefined;
use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, StudentsT};

// Helpers of the optional analyses (src/analyses/), one file each.
pub mod comoments;
pub mod correlation;
pub mod dist;
pub mod groups;
pub mod linalg;
pub mod moments;
pub mod ols;
pub mod undefined;

/// n, mean and sample SD (n − 1) of the present values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Summary {
    /// Values present (missing and rejected answers excluded).
    pub n: usize,
    /// Null when n = 0.
    pub mean: Option<f64>,
    /// Sample SD (n − 1); null when n < 2.
    pub sd: Option<f64>,
    /// Why `mean` or `sd` is null (no values; one value has no SD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undefined: Option<Undefined>,
}

/// Two-pass mean and sample SD over the values that are not NaN (NaN = missing).
pub fn summary(values: impl Iterator<Item = f64> + Clone) -> Summary {
    moments::Moments::of_iter(values).summary()
}

/// A one-sample (paired) t-test of H0: mean = 0 with its 95% CI and effect size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TTest {
    /// Gaps present.
    pub n: usize,
    /// Mean gap; null when n = 0.
    pub mean: Option<f64>,
    /// Sample SD (n − 1); null when n < 2, 0 when every gap is equal.
    pub sd: Option<f64>,
    /// Standard error sd/√n.
    pub se: Option<f64>,
    /// 95% CI of the mean: mean ± t(0.975, df) · se.
    pub ci95: Option<[f64; 2]>,
    /// t = mean / se.
    pub t: Option<f64>,
    /// n − 1.
    pub df: Option<usize>,
    /// Two-sided p-value.
    pub p: Option<f64>,
    /// Cohen's d_z = mean / sd.
    pub d_z: Option<f64>,
    /// Why t, p or the CI are missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undefined: Option<Undefined>,
}

/// Relative tolerance below which an SD counts as zero (all answers equal).
const ZERO_SD: f64 = 1e-12;

/// Paired t-test on differences (METHODS.md §3); agrees with `scipy.stats.ttest_rel`.
pub fn t_test(values: impl Iterator<Item = f64> + Clone) -> TTest {
    moments::Moments::of_iter(values).t_test()
}

/// The same test from summary statistics: n, the mean and the SD of the
/// differences (summary mode, where only those are given).
pub fn t_test_from(n: usize, mean: f64, sd: f64) -> TTest {
    let mut out = empty_t(n, Some(mean), Some(sd));
    if n < 2 {
        out.undefined = Some(Undefined::too_few(n, 2));
        return out;
    }
    if sd <= ZERO_SD * mean.abs().max(1.0) {
        out.sd = Some(0.0);
        out.undefined = Some(Undefined::zero_variance());
        return out;
    }
    let df = n - 1;
    let se = sd / (n as f64).sqrt();
    let t = mean / se;
    let Ok(dist) = StudentsT::new(0.0, 1.0, df as f64) else {
        out.undefined = Some(Undefined::overflow());
        return out;
    };
    let p = (2.0 * dist.sf(t.abs())).min(1.0);
    let q = dist.inverse_cdf(0.975);
    let ci = [mean - q * se, mean + q * se];
    if [se, t, p, ci[0], ci[1]].iter().all(|x| x.is_finite()) {
        out.se = Some(se);
        out.t = Some(t);
        out.df = Some(df);
        out.d_z = Some(mean / sd);
        out.p = Some(p);
        out.ci95 = Some(ci);
    } else {
        out.undefined = Some(Undefined::overflow());
    }
    out
}

impl TTest {
    /// A test that cannot be run, with the reason; n and the mean as far as known.
    pub fn unavailable(n: usize, mean: Option<f64>, why: Undefined) -> TTest {
        let mut out = empty_t(n, mean, None);
        out.undefined = Some(why);
        out
    }
}

fn empty_t(n: usize, mean: Option<f64>, sd: Option<f64>) -> TTest {
    TTest {
        n,
        mean,
        sd,
        se: None,
        ci95: None,
        t: None,
        df: None,
        p: None,
        d_z: None,
        undefined: None,
    }
}

/// The p-values that are present, with their positions, smallest first.
fn present_ascending(ps: &[Option<f64>]) -> Vec<(usize, f64)> {
    let mut idx: Vec<(usize, f64)> = ps
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.map(|p| (i, p)))
        .collect();
    crate::common::order::sort_by(&mut idx, |a, b| a.1.total_cmp(&b.1));
    idx
}

/// Holm step-down adjusted p-values (same order as the input; `None` stays `None`).
pub fn holm(ps: &[Option<f64>]) -> Vec<Option<f64>> {
    let idx = present_ascending(ps);
    let m = idx.len();
    let mut out = vec![None; ps.len()];
    let mut running: f64 = 0.0;
    for (rank, (i, p)) in idx.into_iter().enumerate() {
        running = running.max(((m - rank) as f64 * p).min(1.0));
        out[i] = Some(running);
    }
    out
}

/// Benjamini–Hochberg step-up adjusted p-values (false discovery rate), same
/// order as the input; `None` stays `None` and does not count in m.
/// Agrees with `statsmodels.stats.multitest.multipletests(method='fdr_bh')`.
pub fn benjamini_hochberg(ps: &[Option<f64>]) -> Vec<Option<f64>> {
    let idx = present_ascending(ps);
    let m = idx.len();
    let mut out = vec![None; ps.len()];
    let mut running: f64 = 1.0;
    for (rank, (i, p)) in idx.into_iter().enumerate().rev() {
        running = running.min((m as f64 / (rank + 1) as f64 * p).min(1.0));
        out[i] = Some(running);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_skips_missing() {
        let s = summary([1.0, f64::NAN, 3.0].into_iter());
        assert_eq!(s.n, 2);
        assert_eq!(s.mean, Some(2.0));
        assert!((s.sd.unwrap_or(0.0) - std::f64::consts::SQRT_2).abs() < 1e-15);
    }

    #[test]
    fn undefined_cases_have_reasons() {
        let one = t_test([1.0].into_iter());
        assert!(one.t.is_none());
        assert_eq!(
            one.undefined.map(|u| u.code),
            Some("too_few_observations".to_string())
        );
        let flat = t_test([2.0, 2.0, 2.0].into_iter());
        assert!(flat.p.is_none());
        assert_eq!(
            flat.undefined.map(|u| u.code),
            Some("zero_variance".to_string())
        );
    }

    #[test]
    fn holm_matches_statsmodels() {
        // statsmodels.stats.multitest.multipletests([0.01, 0.04, 0.03, 0.005], method='holm')
        // -> [0.03, 0.06, 0.06, 0.02]
        let adj = holm(&[Some(0.01), Some(0.04), Some(0.03), Some(0.005)]);
        let want = [0.03, 0.06, 0.06, 0.02];
        for (a, w) in adj.iter().zip(want) {
            assert!((a.unwrap_or(-1.0) - w).abs() < 1e-12, "{a:?} vs {w}");
        }
    }

    #[test]
    fn benjamini_hochberg_matches_statsmodels() {
        // statsmodels 0.15.0:
        // multipletests([0.01, 0.04, 0.03, 0.005, 0.2, 0.04], method='fdr_bh')[1]
        // -> [0.03, 0.048, 0.048, 0.03, 0.2, 0.048]
        let adj = benjamini_hochberg(&[
            Some(0.01),
            Some(0.04),
            None,
            Some(0.03),
            Some(0.005),
            Some(0.2),
            Some(0.04),
        ]);
        let want = [
            Some(0.03),
            Some(0.048),
            None,
            Some(0.048),
            Some(0.03),
            Some(0.2),
            Some(0.048),
        ];
        for (a, w) in adj.iter().zip(want) {
            match (a, w) {
                (Some(a), Some(w)) => assert!((a - w).abs() < 1e-12, "{a} vs {w}"),
                (None, None) => {}
                _ => panic!("{a:?} vs {w:?}"),
            }
        }
        assert!(benjamini_hochberg(&[]).is_empty());
    }
}
