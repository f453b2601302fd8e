//! Tukey fences (METHODS.md §12): outside [Q1 − 1.5 IQR, Q3 + 1.5 IQR].
//!
//! Quartiles use linear interpolation between order statistics (Hyndman & Fan
//! type 7), the default of numpy.percentile, R's quantile() and Excel's
//! QUARTILE.INC, so users can check the fences in any of them.

/// The p-quantile (0 ≤ p ≤ 1) of sorted, finite values; `None` if empty.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    let (a, b) = (*sorted.get(lo)?, *sorted.get(hi)?);
    Some(a + (h - lo as f64) * (b - a))
}

/// (Q1, Q3, lower fence, upper fence) of the values, ignoring NaN.
pub fn tukey_fences(values: &[f64]) -> Option<(f64, f64, f64, f64)> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.len() < 4 {
        return None; // quartiles of fewer than four values fence nothing meaningful
    }
    crate::common::order::sort_f64(&mut v);
    let q1 = quantile(&v, 0.25)?;
    let q3 = quantile(&v, 0.75)?;
    let iqr = q3 - q1;
    Some((q1, q3, q1 - 1.5 * iqr, q3 + 1.5 * iqr))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_numpy() {
        // numpy.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], [25, 75]) -> [3.25, 7.75]
        let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 100.0];
        let (q1, q3, lo, hi) = tukey_fences(&v).unwrap_or((0.0, 0.0, 0.0, 0.0));
        assert!((q1 - 3.25).abs() < 1e-12 && (q3 - 7.75).abs() < 1e-12);
        // fences: 3.25 - 1.5*4.5 = -3.5, 7.75 + 1.5*4.5 = 14.5
        assert!((lo + 3.5).abs() < 1e-12 && (hi - 14.5).abs() < 1e-12);
        // numpy.percentile([5, 1, 4], 50) -> 4.0 (sorted: 1, 4, 5)
        assert_eq!(quantile(&[1.0, 4.0, 5.0], 0.5), Some(4.0));
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(tukey_fences(&[1.0, 2.0, f64::NAN]), None);
    }
}
