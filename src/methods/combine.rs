//! Combined subjective × objective weights (METHODS.md §5):
//! w_j = a_j b_j / Σ_k a_k b_k, e.g. AHP weights a with entropy weights b.

use super::{normalise_weights, MethodError};

pub fn combine(subjective: &[f64], objective: &[f64]) -> Result<Vec<f64>, MethodError> {
    if subjective.len() != objective.len() {
        return Err(MethodError::new(
            "combine_lengths",
            format!(
                "{} subjective weights cannot be combined with {} objective weights: both must weight the same indicators.",
                subjective.len(),
                objective.len()
            ),
            format!(
                "{} 个主观权重无法与 {} 个客观权重组合：两者必须针对相同的指标。",
                subjective.len(),
                objective.len()
            ),
        ));
    }
    let a = normalise_weights(subjective, ("subjective weights", "主观权重"))?;
    let b = normalise_weights(objective, ("objective weights", "客观权重"))?;
    let products: Vec<f64> = a.iter().zip(&b).map(|(a, b)| a * b).collect();
    normalise_weights(&products, ("products of the two weights", "两组权重的乘积")).map_err(|e| {
        if e.code == "weights_sum_zero" {
            MethodError::new(
                "weights_sum_zero",
                "Every indicator has weight 0 in one of the two sets (no indicator is weighted by both), so the combined weights a·b add up to zero and are undefined.",
                "每个指标都在其中一组权重中为 0（没有指标同时被两组加权），组合权重 a·b 之和为零，无定义。",
            )
        } else {
            e
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combines_and_explains_disjoint_support() {
        // (0.5·0.2, 0.3·0.5, 0.2·0.3) = (0.10, 0.15, 0.06) / 0.31
        let w = combine(&[0.5, 0.3, 0.2], &[0.2, 0.5, 0.3]).expect("ok");
        for (x, e) in w.iter().zip([0.10 / 0.31, 0.15 / 0.31, 0.06 / 0.31]) {
            assert!((x - e).abs() < 1e-15);
        }
        let e = combine(&[1.0, 0.0], &[0.0, 1.0]).err();
        assert_eq!(e.map(|e| e.code), Some("weights_sum_zero".into()));
        assert!(combine(&[1.0], &[0.5, 0.5]).is_err());
    }
}
