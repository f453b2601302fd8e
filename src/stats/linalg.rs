//! The little dense linear algebra the driver regression needs (≤ ~10 columns):
//! a Householder QR decomposition with a rank check, least squares and (X'X)⁻¹.
//! Written here instead of pulling nalgebra into the wasm build.
//!
//! Matrices are given as columns (`cols[j][i]` = row i of column j), which is how
//! the survey already stores its variables.

/// Householder QR of an m × n matrix (m ≥ n) in JAMA's compact form.
#[derive(Debug, Clone)]
pub struct Qr {
    /// Householder vectors on and below the diagonal, R above it, by column.
    cols: Vec<Vec<f64>>,
    /// Diagonal of R.
    rdiag: Vec<f64>,
    m: usize,
}

/// Why a decomposition failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QrError {
    /// Fewer rows than columns.
    TooFewRows,
    /// A column is (numerically) a linear combination of the columns before it.
    Dependent(usize),
}

impl Qr {
    /// Decompose. Column j is dependent when the part of it not explained by the
    /// earlier columns has norm ≤ `rel_tol · scale[j]` (`scale[j]` is the norm
    /// that is meaningful for that column, e.g. its centred norm).
    pub fn new(mut cols: Vec<Vec<f64>>, scale: &[f64], rel_tol: f64) -> Result<Qr, QrError> {
        let n = cols.len();
        let m = cols.first().map_or(0, Vec::len);
        if m < n || cols.iter().any(|c| c.len() != m) {
            return Err(QrError::TooFewRows);
        }
        let mut rdiag = vec![0.0; n];
        for k in 0..n {
            let mut nrm = cols[k][k..].iter().fold(0.0f64, |a, v| a.hypot(*v));
            let s = scale.get(k).copied().unwrap_or(1.0);
            // Written so that NaN also counts as dependent.
            if nrm.partial_cmp(&(rel_tol * s)) != Some(std::cmp::Ordering::Greater) {
                return Err(QrError::Dependent(k));
            }
            if cols[k][k] < 0.0 {
                nrm = -nrm;
            }
            for v in &mut cols[k][k..] {
                *v /= nrm;
            }
            cols[k][k] += 1.0;
            let (head, tail) = cols.split_at_mut(k + 1);
            let v = &head[k];
            for c in tail.iter_mut() {
                let mut s = 0.0;
                for i in k..m {
                    s += v[i] * c[i];
                }
                let s = -s / v[k];
                for i in k..m {
                    c[i] += s * v[i];
                }
            }
            rdiag[k] = -nrm;
        }
        Ok(Qr { cols, rdiag, m })
    }

    fn n(&self) -> usize {
        self.rdiag.len()
    }

    /// R[i][j] for i ≤ j.
    fn r(&self, i: usize, j: usize) -> f64 {
        if i == j {
            self.rdiag[i]
        } else {
            self.cols[j][i]
        }
    }

    /// Least-squares solution of X b ≈ y (y has m entries).
    pub fn solve(&self, y: &[f64]) -> Vec<f64> {
        let n = self.n();
        let mut y = y.to_vec();
        y.resize(self.m, 0.0);
        for k in 0..n {
            let v = &self.cols[k];
            let mut s = 0.0;
            for i in k..self.m {
                s += v[i] * y[i];
            }
            let s = -s / v[k];
            for i in k..self.m {
                y[i] += s * v[i];
            }
        }
        let mut b = vec![0.0; n];
        for k in (0..n).rev() {
            let s: f64 = (k + 1..n).map(|j| self.r(k, j) * b[j]).sum();
            b[k] = (y[k] - s) / self.rdiag[k];
        }
        b
    }

    /// (X'X)⁻¹ = R⁻¹ R⁻ᵀ, as rows.
    pub fn xtx_inverse(&self) -> Vec<Vec<f64>> {
        let n = self.n();
        // Upper-triangular R⁻¹ by back substitution, column by column.
        // Stored by column: rinv[j][i] = (R⁻¹)_ij.
        let mut rinv = vec![vec![0.0; n]; n];
        for (j, col) in rinv.iter_mut().enumerate() {
            col[j] = 1.0 / self.rdiag[j];
            for i in (0..j).rev() {
                let s: f64 = (i + 1..=j).map(|k| self.r(i, k) * col[k]).sum();
                col[i] = -s / self.rdiag[i];
            }
        }
        let mut out = vec![vec![0.0; n]; n];
        for i in 0..n {
            for j in 0..n {
                out[i][j] = (i.max(j)..n).map(|k| rinv[k][i] * rinv[k][j]).sum();
            }
        }
        out
    }
}

/// Cholesky factor L (lower, LLᵀ = A) of a symmetric k × k matrix of
/// cross-products, with the same rank check as [`Qr::new`]: L_jj is the norm
/// of the part of column j the earlier columns do not explain, so for
/// A = XᵀX the two decompositions call the same columns dependent.
#[derive(Debug, Clone)]
pub struct Cholesky {
    /// Row-major k × k, lower triangle.
    l: Vec<f64>,
    k: usize,
}

impl Cholesky {
    /// `a` row-major k × k; column j is dependent when L_jj ≤ `rel_tol · scale[j]`.
    pub fn new(a: &[f64], k: usize, scale: &[f64], rel_tol: f64) -> Result<Cholesky, QrError> {
        if a.len() != k * k {
            return Err(QrError::TooFewRows);
        }
        let mut l = vec![0.0; k * k];
        for j in 0..k {
            let d = a[j * k + j] - (0..j).map(|m| l[j * k + m] * l[j * k + m]).sum::<f64>();
            let ljj = d.max(0.0).sqrt();
            let s = scale.get(j).copied().unwrap_or(1.0);
            // Written so that NaN also counts as dependent.
            if ljj.partial_cmp(&(rel_tol * s)) != Some(std::cmp::Ordering::Greater) {
                return Err(QrError::Dependent(j));
            }
            l[j * k + j] = ljj;
            for i in j + 1..k {
                let v = a[i * k + j] - (0..j).map(|m| l[i * k + m] * l[j * k + m]).sum::<f64>();
                l[i * k + j] = v / ljj;
            }
        }
        Ok(Cholesky { l, k })
    }

    /// x with A x = b.
    pub fn solve(&self, b: &[f64]) -> Vec<f64> {
        let k = self.k;
        let l = |i: usize, j: usize| self.l[i * k + j];
        let mut y = vec![0.0; k];
        for i in 0..k {
            let s: f64 = (0..i).map(|j| l(i, j) * y[j]).sum();
            y[i] = (b.get(i).copied().unwrap_or(0.0) - s) / l(i, i);
        }
        let mut x = vec![0.0; k];
        for i in (0..k).rev() {
            let s: f64 = (i + 1..k).map(|j| l(j, i) * x[j]).sum();
            x[i] = (y[i] - s) / l(i, i);
        }
        x
    }

    /// A⁻¹, as rows.
    pub fn inverse(&self) -> Vec<Vec<f64>> {
        let k = self.k;
        let cols: Vec<Vec<f64>> = (0..k)
            .map(|j| {
                let e: Vec<f64> = (0..k).map(|i| if i == j { 1.0 } else { 0.0 }).collect();
                self.solve(&e)
            })
            .collect();
        (0..k)
            .map(|i| (0..k).map(|j| (cols[j][i] + cols[i][j]) / 2.0).collect())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_a_small_system_exactly() {
        // [[2,1],[1,3],[0,1]] b ≈ [3,5,1]: normal equations give b = (1, 1) exactly
        // because the system is consistent.
        let qr = Qr::new(
            vec![vec![2.0, 1.0, 0.0], vec![1.0, 3.0, 1.0]],
            &[1.0, 1.0],
            1e-12,
        )
        .expect("full rank");
        let b = qr.solve(&[3.0, 4.0, 1.0]);
        assert!(
            (b[0] - 1.0).abs() < 1e-14 && (b[1] - 1.0).abs() < 1e-14,
            "{b:?}"
        );
        // X'X = [[5,5],[5,11]], inverse = [[11,-5],[-5,5]]/30.
        let inv = qr.xtx_inverse();
        let want = [[11.0 / 30.0, -5.0 / 30.0], [-5.0 / 30.0, 5.0 / 30.0]];
        for i in 0..2 {
            for j in 0..2 {
                assert!((inv[i][j] - want[i][j]).abs() < 1e-14);
            }
        }
    }

    #[test]
    fn finds_dependent_and_short_matrices() {
        let a = vec![1.0, 2.0, 3.0, 4.0];
        let b = vec![2.0, 0.0, 1.0, 5.0];
        let c: Vec<f64> = a.iter().zip(&b).map(|(x, y)| 2.0 * x - y).collect();
        assert_eq!(
            Qr::new(vec![a.clone(), b, c], &[1.0; 3], 1e-10).err(),
            Some(QrError::Dependent(2))
        );
        assert_eq!(
            Qr::new(vec![vec![1.0], vec![2.0]], &[1.0; 2], 1e-10).err(),
            Some(QrError::TooFewRows)
        );
        assert_eq!(
            Qr::new(vec![vec![0.0; 4]], &[1.0], 1e-10).err(),
            Some(QrError::Dependent(0))
        );
    }
}
