//! Mergeable first and second moments: the sufficient statistics of a mean, a
//! variance and a covariance, which two chunks of data combine into exactly
//! what one pass over both gives (Chan, Golub & LeVeque 1979, the pairwise
//! update). A warehouse computes them with `COUNT`, `AVG`, `VAR_SAMP` and
//! `COVAR_SAMP` (docs/scale.md); chunks read in parallel merge in any order.

use super::{t_test_from, Summary, TTest};
use crate::common::diag::Undefined;

/// n, mean and M2 = Σ (x − mean)² of the present values.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Moments {
    pub n: u64,
    pub mean: f64,
    pub m2: f64,
}

impl Moments {
    /// Two passes over the values that are not NaN (NaN = missing): the
    /// mean, then the squared deviations from it.
    pub fn of(values: &[f64]) -> Moments {
        Moments::of_iter(values.iter().copied())
    }

    /// [`of`](Self::of) over values made on the fly (read twice).
    pub fn of_iter(values: impl Iterator<Item = f64> + Clone) -> Moments {
        let (mut n, mut sum) = (0u64, 0.0);
        for x in values.clone().filter(|x| !x.is_nan()) {
            n += 1;
            sum += x;
        }
        if n == 0 {
            return Moments::default();
        }
        let mean = sum / n as f64;
        let m2 = values
            .filter(|x| !x.is_nan())
            .map(|x| (x - mean) * (x - mean))
            .sum();
        Moments { n, mean, m2 }
    }

    /// From the aggregates SQL gives: `COUNT(x)`, `AVG(x)`, `VAR_SAMP(x)`
    /// (null, here `None`, when n < 2).
    pub fn from_sql(n: u64, mean: Option<f64>, var_samp: Option<f64>) -> Moments {
        if n == 0 {
            return Moments::default();
        }
        let m2 = match (n, var_samp) {
            (1, _) | (_, None) => 0.0,
            (_, Some(v)) => v * (n - 1) as f64,
        };
        Moments {
            n,
            mean: mean.unwrap_or(0.0),
            m2,
        }
    }

    /// One more value (Welford).
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }

    /// Both chunks' values in one summary (Chan et al.).
    pub fn merge(self, other: Moments) -> Moments {
        if self.n == 0 {
            return other;
        }
        if other.n == 0 {
            return self;
        }
        let n = self.n + other.n;
        let (na, nb, nn) = (self.n as f64, other.n as f64, n as f64);
        let d = other.mean - self.mean;
        Moments {
            n,
            mean: self.mean + d * nb / nn,
            m2: self.m2 + other.m2 + d * d * na * nb / nn,
        }
    }

    /// Sample variance (n − 1); `None` when n < 2.
    pub fn variance(&self) -> Option<f64> {
        (self.n >= 2).then(|| self.m2 / (self.n - 1) as f64)
    }

    /// The report's [`Summary`]: the same nulls and reasons as from the values.
    pub fn summary(&self) -> Summary {
        let n = self.n as usize;
        let mut out = Summary {
            n,
            mean: None,
            sd: None,
            undefined: None,
        };
        if n == 0 {
            out.undefined = Some(Undefined::too_few_values(0, 1));
            return out;
        }
        if !self.mean.is_finite() {
            out.undefined = Some(Undefined::overflow());
            return out;
        }
        out.mean = Some(self.mean);
        match self.variance().map(|v| v.max(0.0).sqrt()) {
            None => out.undefined = Some(Undefined::too_few_values(n, 2)),
            Some(sd) if sd.is_finite() => out.sd = Some(sd),
            Some(_) => out.undefined = Some(Undefined::overflow()),
        }
        out
    }

    /// The paired t-test of METHODS.md §3 on these differences.
    pub fn t_test(&self) -> TTest {
        let s = self.summary();
        match (s.mean, s.sd) {
            (Some(mean), Some(sd)) => t_test_from(s.n, mean, sd),
            _ => TTest::unavailable(
                s.n,
                s.mean,
                match s.undefined {
                    Some(u) if u.code == "overflow" => u,
                    _ => Undefined::too_few(s.n, 2),
                },
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // numpy: x = [4, 7, 1, 5, 5, 6, 2, 7, 3]; x.mean(), x.var(ddof=1)
    const X: [f64; 9] = [4.0, 7.0, 1.0, 5.0, 5.0, 6.0, 2.0, 7.0, 3.0];
    const MEAN: f64 = 4.444_444_444_444_445;
    const VAR: f64 = 4.527_777_777_777_777;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    #[test]
    fn two_pass_welford_and_every_split_agree_with_numpy() {
        let whole = Moments::of(&X);
        assert_eq!(whole.n, 9);
        assert!(close(whole.mean, MEAN) && close(whole.variance().unwrap(), VAR));
        let mut w = Moments::default();
        X.iter().for_each(|&x| w.push(x));
        assert!(close(w.mean, MEAN) && close(w.variance().unwrap(), VAR));
        for cut in 0..=X.len() {
            let (a, b) = X.split_at(cut);
            for m in [
                Moments::of(a).merge(Moments::of(b)),
                Moments::of(b).merge(Moments::of(a)),
            ] {
                assert_eq!(m.n, 9);
                assert!(close(m.mean, MEAN), "cut {cut}: {}", m.mean);
                assert!(close(m.variance().unwrap(), VAR), "cut {cut}");
            }
        }
    }

    #[test]
    fn sql_aggregates_round_trip_and_nulls_say_why() {
        let m = Moments::from_sql(9, Some(MEAN), Some(VAR));
        assert!(close(m.m2, VAR * 8.0));
        let one = Moments::from_sql(1, Some(3.0), None).summary();
        assert_eq!((one.mean, one.sd), (Some(3.0), None));
        assert_eq!(one.undefined.unwrap().code, "too_few_observations");
        assert_eq!(Moments::from_sql(0, None, None).summary().mean, None);
        // A constant gap: no test, and the reason is zero variance.
        let t = Moments::from_sql(5, Some(1.0), Some(0.0)).t_test();
        assert_eq!(t.p, None);
        assert_eq!(t.undefined.unwrap().code, "zero_variance");
    }

    #[test]
    fn missing_values_are_skipped() {
        let m = Moments::of(&[1.0, f64::NAN, 3.0]);
        assert_eq!((m.n, m.mean, m.m2), (2, 2.0, 2.0));
    }
}
