//! Comparing independent groups (METHODS.md §3): Welch's t-test for two groups,
//! one-way ANOVA for k groups. Agree with `scipy.stats.ttest_ind(equal_var=False)`
//! and `scipy.stats.f_oneway`.

use crate::common::diag::Undefined;
use crate::stats::dist;
use crate::stats::undefined::{self, reason, RESPONDENTS};
use serde::{Deserialize, Serialize};

/// Welch's unequal-variance t-test of H0: mean₁ = mean₂.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WelchTest {
    /// Observations per group (missing skipped).
    pub n: [usize; 2],
    /// mean₁ − mean₂ (the sign of t).
    pub mean_difference: Option<f64>,
    pub se: Option<f64>,
    pub t: Option<f64>,
    /// Welch–Satterthwaite degrees of freedom (fractional).
    pub df: Option<f64>,
    /// Two-sided.
    pub p: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undefined: Option<Undefined>,
}

/// One-way analysis of variance of H0: all group means are equal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Anova {
    /// Groups with at least one observation (the others do not count in df).
    pub groups: usize,
    /// Observations over those groups.
    pub n: usize,
    pub f: Option<f64>,
    /// k − 1.
    pub df_between: Option<usize>,
    /// N − k.
    pub df_within: Option<usize>,
    pub ss_between: Option<f64>,
    pub ss_within: Option<f64>,
    pub p: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undefined: Option<Undefined>,
}

fn present(x: &[f64]) -> Vec<f64> {
    x.iter().copied().filter(|v| !v.is_nan()).collect()
}

fn mean_var(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let m = x.iter().sum::<f64>() / n;
    let ss: f64 = x.iter().map(|v| (v - m) * (v - m)).sum();
    (m, if x.len() > 1 { ss / (n - 1.0) } else { 0.0 })
}

/// Relative size under which a variance counts as zero.
const ZERO: f64 = 1e-24;

/// Welch's t-test on two samples; NaN = missing.
pub fn welch(a: &[f64], b: &[f64]) -> WelchTest {
    let moments = |x: &[f64]| {
        let x = present(x);
        let (m, v) = if x.is_empty() {
            (0.0, 0.0)
        } else {
            mean_var(&x)
        };
        (x.len(), m, v)
    };
    welch_from(moments(a), moments(b))
}

/// Welch's t-test from each group's (n, mean, sample variance), for groups
/// known only by their summaries (the report's per-group statistics; the
/// client report's findings and PDCA check); [`welch`] on samples comes here.
pub fn welch_from(a: (usize, f64, f64), b: (usize, f64, f64)) -> WelchTest {
    let ((na, ma, va), (nb, mb, vb)) = (a, b);
    let mut out = WelchTest {
        n: [na, nb],
        mean_difference: None,
        se: None,
        t: None,
        df: None,
        p: None,
        undefined: None,
    };
    if na < 2 || nb < 2 {
        if na > 0 && nb > 0 {
            out.mean_difference = Some(ma - mb);
        }
        out.undefined = Some(undefined::too_few(
            na.min(nb),
            2,
            ("respondents in each group", "每组受访者"),
        ));
        return out;
    }
    out.mean_difference = Some(ma - mb);
    let (na, nb) = (na as f64, nb as f64);
    let (qa, qb) = (va / na, vb / nb);
    let scale = (ma * ma + mb * mb).max(1.0);
    if qa + qb <= ZERO * scale {
        out.undefined = Some(reason(
            "zero_variance",
            "every answer within both groups is the same (zero variance), so no test is possible",
            "两组内部的回答都完全相同（方差为零），无法检验",
        ));
        return out;
    }
    let se = (qa + qb).sqrt();
    let t = (ma - mb) / se;
    let df = (qa + qb) * (qa + qb) / (qa * qa / (na - 1.0) + qb * qb / (nb - 1.0));
    out.se = Some(se);
    out.t = Some(t);
    out.df = Some(df);
    out.p = dist::t_two_sided(t, df);
    out
}

/// One-way ANOVA over the groups; NaN = missing, empty groups are left out.
pub fn one_way_anova(groups: &[Vec<f64>]) -> Anova {
    let groups: Vec<Vec<f64>> = groups
        .iter()
        .map(|g| present(g))
        .filter(|g| !g.is_empty())
        .collect();
    let k = groups.len();
    let n: usize = groups.iter().map(Vec::len).sum();
    if k < 2 || n <= k {
        return anova_from_sums(k, n, 0.0, 0.0, 0.0);
    }
    let grand = groups.iter().flatten().sum::<f64>() / n as f64;
    let (mut ssb, mut ssw) = (0.0, 0.0);
    for g in &groups {
        let (m, _) = mean_var(g);
        ssb += g.len() as f64 * (m - grand) * (m - grand);
        ssw += g.iter().map(|v| (v - m) * (v - m)).sum::<f64>();
    }
    anova_from_sums(k, n, grand, ssb, ssw)
}

/// One-way ANOVA from each group's n, mean and M2 = Σ (x − mean)² (groups
/// known by their moments: a stream, a warehouse); empty groups are left out.
pub fn one_way_anova_from(groups: &[(usize, f64, f64)]) -> Anova {
    let groups: Vec<&(usize, f64, f64)> = groups.iter().filter(|g| g.0 > 0).collect();
    let k = groups.len();
    let n: usize = groups.iter().map(|g| g.0).sum();
    if k < 2 || n <= k {
        return anova_from_sums(k, n, 0.0, 0.0, 0.0);
    }
    let grand = groups.iter().map(|g| g.0 as f64 * g.1).sum::<f64>() / n as f64;
    let ssb = groups
        .iter()
        .map(|g| g.0 as f64 * (g.1 - grand) * (g.1 - grand))
        .sum();
    let ssw = groups.iter().map(|g| g.2).sum();
    anova_from_sums(k, n, grand, ssb, ssw)
}

/// F and p from k groups of n observations, the grand mean and the sums of squares.
fn anova_from_sums(k: usize, n: usize, grand: f64, ssb: f64, ssw: f64) -> Anova {
    let mut out = Anova {
        groups: k,
        n,
        f: None,
        df_between: None,
        df_within: None,
        ss_between: None,
        ss_within: None,
        p: None,
        undefined: None,
    };
    if k < 2 {
        out.undefined = Some(undefined::too_few(
            k,
            2,
            ("groups with answers", "有回答的组"),
        ));
        return out;
    }
    if n <= k {
        out.undefined = Some(undefined::too_few(n, k + 1, RESPONDENTS));
        return out;
    }
    let (dfb, dfw) = (k - 1, n - k);
    out.df_between = Some(dfb);
    out.df_within = Some(dfw);
    out.ss_between = Some(ssb);
    out.ss_within = Some(ssw);
    let scale = (grand * grand * n as f64).max(1.0);
    if ssw <= ZERO * scale {
        out.undefined = Some(if ssb <= ZERO * scale {
            undefined::constant(("The score", "得分"))
        } else {
            reason(
                "zero_within_variance",
                "every answer within each group is the same, so F is not defined",
                "各组内部的回答都完全相同，F 值无定义",
            )
        });
        return out;
    }
    let f = (ssb / dfb as f64) / (ssw / dfw as f64);
    out.f = Some(f);
    out.p = dist::f_upper(f, dfb as f64, dfw as f64);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::moments::Moments;

    #[test]
    fn anova_from_moments_agrees_with_scipy() {
        // scipy.stats.f_oneway([1, 2, 3, 4], [2, 4, 6, 5], [7, 8, 6]):
        // F = 8.836940836940833, p = 0.009427440645679002
        let groups = [
            vec![1.0, 2.0, 3.0, 4.0],
            vec![2.0, 4.0, 6.0, 5.0],
            vec![7.0, 8.0, 6.0],
        ];
        let m: Vec<(usize, f64, f64)> = groups
            .iter()
            .map(|g| {
                let m = Moments::of(g);
                (m.n as usize, m.mean, m.m2)
            })
            .collect();
        for a in [one_way_anova(&groups), one_way_anova_from(&m)] {
            assert!((a.f.unwrap() - 8.836940836940833).abs() < 1e-12);
            assert!((a.p.unwrap() - 0.009427440645679002).abs() < 1e-12);
            assert_eq!((a.df_between, a.df_within), (Some(2), Some(8)));
        }
        let one = one_way_anova_from(&m[..1]);
        assert!(one.f.is_none() && one.undefined.is_some());
    }
}
