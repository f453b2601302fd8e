//! Mergeable moments of variables observed together: n, the means and the
//! matrix of centred cross-products C = Σ (x − x̄)(x − x̄)ᵀ, from which the
//! correlations and the regression of the driver analysis (METHODS.md §10)
//! follow without the rows. Two chunks' moments merge into exactly what one
//! pass over both gives (Chan, Golub & LeVeque's update, for matrices), so a
//! file read in parts, in any order, gives one result.

/// The moments of k variables over the rows where all are present.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CoMoments {
    pub n: u64,
    pub mean: Vec<f64>,
    /// Row-major k × k.
    pub c: Vec<f64>,
}

impl CoMoments {
    pub fn new(k: usize) -> CoMoments {
        CoMoments {
            n: 0,
            mean: vec![0.0; k],
            c: vec![0.0; k * k],
        }
    }

    pub fn k(&self) -> usize {
        self.mean.len()
    }

    /// C[i][j].
    pub fn at(&self, i: usize, j: usize) -> f64 {
        self.c[i * self.k() + j]
    }

    /// Two passes over complete rows (`cols[j][r]`; a row with a NaN is left
    /// out): what [`CoSums`] gives in one, for checking it.
    pub fn of(cols: &[&[f64]]) -> CoMoments {
        let k = cols.len();
        let rows = cols.first().map_or(0, |c| c.len());
        let complete: Vec<usize> = (0..rows)
            .filter(|&r| cols.iter().all(|c| c.get(r).is_some_and(|x| !x.is_nan())))
            .collect();
        let mut out = CoMoments::new(k);
        out.n = complete.len() as u64;
        if complete.is_empty() {
            return out;
        }
        let nf = complete.len() as f64;
        for (m, c) in out.mean.iter_mut().zip(cols) {
            *m = complete.iter().map(|&r| c[r]).sum::<f64>() / nf;
        }
        for i in 0..k {
            for j in 0..k {
                out.c[i * k + j] = complete
                    .iter()
                    .map(|&r| (cols[i][r] - out.mean[i]) * (cols[j][r] - out.mean[j]))
                    .sum();
            }
        }
        out
    }

    /// Both chunks' rows in one (Chan et al.).
    pub fn merge(self, other: &CoMoments) -> CoMoments {
        if other.n == 0 {
            return self;
        }
        if self.n == 0 {
            return other.clone();
        }
        let k = self.k();
        let n = self.n + other.n;
        let (na, nb, nn) = (self.n as f64, other.n as f64, n as f64);
        let d: Vec<f64> = other
            .mean
            .iter()
            .zip(&self.mean)
            .map(|(b, a)| b - a)
            .collect();
        let mut out = CoMoments::new(k);
        out.n = n;
        for i in 0..k {
            out.mean[i] = self.mean[i] + d[i] * nb / nn;
            for j in 0..k {
                out.c[i * k + j] =
                    self.c[i * k + j] + other.c[i * k + j] + d[i] * d[j] * na * nb / nn;
            }
        }
        out
    }
}

/// Sums over a chunk of rows, shifted by the chunk's first row x₀ so that
/// they stay small and a constant variable's sums are exactly zero:
/// Σ (x − x₀) and Σ (x − x₀)(x − x₀)ᵀ. A stream adds each complete row here
/// and turns the chunk into [`CoMoments`] every so many rows.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CoSums {
    n: u64,
    shift: Vec<f64>,
    s1: Vec<f64>,
    s2: Vec<f64>,
    d: Vec<f64>,
}

impl CoSums {
    pub fn new(k: usize) -> CoSums {
        CoSums {
            n: 0,
            shift: vec![0.0; k],
            s1: vec![0.0; k],
            s2: vec![0.0; k * k],
            d: vec![0.0; k],
        }
    }

    /// One row whose k values are all present (the caller checks).
    #[inline]
    pub fn push(&mut self, row: impl Iterator<Item = f64>) {
        let k = self.shift.len();
        let first = self.n == 0;
        for ((d, x), s) in self.d.iter_mut().zip(row).zip(&mut self.shift) {
            if first {
                *s = x;
            }
            *d = x - *s;
        }
        for i in 0..k {
            let di = self.d[i];
            self.s1[i] += di;
            // The upper triangle; the lower one is filled in `take`.
            for j in i..k {
                self.s2[i * k + j] += di * self.d[j];
            }
        }
        self.n += 1;
    }

    /// Rows summed since the last [`take`](Self::take).
    pub fn len(&self) -> u64 {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The chunk's moments, and the sums emptied for the next chunk.
    pub fn take(&mut self) -> CoMoments {
        let k = self.shift.len();
        let mut out = CoMoments::new(k);
        if self.n == 0 {
            return out;
        }
        let n = self.n as f64;
        out.n = self.n;
        for i in 0..k {
            out.mean[i] = self.shift[i] + self.s1[i] / n;
            for j in i..k {
                let c = self.s2[i * k + j] - self.s1[i] * self.s1[j] / n;
                out.c[i * k + j] = c;
                out.c[j * k + i] = c;
            }
        }
        // A variance is never negative; rounding may say otherwise.
        for i in 0..k {
            out.c[i * k + i] = out.c[i * k + i].max(0.0);
        }
        self.n = 0;
        self.s1.iter_mut().for_each(|v| *v = 0.0);
        self.s2.iter_mut().for_each(|v| *v = 0.0);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn numpy_cov_of_a_small_table() {
        // numpy: np.cov([[1,2,3,4,6],[2,1,4,3,7]], ddof=1) * 4 =
        // [[14.8, 15.6], [15.6, 21.2]] (C = (n − 1)·cov), means 3.2 and 3.4.
        let x = [1.0, 2.0, 3.0, 4.0, 6.0];
        let y = [2.0, 1.0, 4.0, 3.0, 7.0];
        let c = CoMoments::of(&[&x, &y]);
        assert_eq!(c.n, 5);
        assert!(close(c.mean[0], 3.2) && close(c.mean[1], 3.4));
        assert!(close(c.at(0, 0), 14.8) && close(c.at(0, 1), 15.6) && close(c.at(1, 1), 21.2));
    }

    #[test]
    fn chunks_merged_in_any_order_equal_one_pass() {
        let rows: Vec<[f64; 3]> = (0..1000)
            .map(|r| {
                let r = r as f64;
                [(r * 7.0) % 5.0 + 1.0, (r * 3.0) % 7.0 + 0.5, (r * r) % 11.0]
            })
            .collect();
        let cols: Vec<Vec<f64>> = (0..3)
            .map(|j| rows.iter().map(|r| r[j]).collect())
            .collect();
        let refs: Vec<&[f64]> = cols.iter().map(Vec::as_slice).collect();
        let whole = CoMoments::of(&refs);
        let mut parts = Vec::new();
        for chunk in rows.chunks(137) {
            let mut s = CoSums::new(3);
            for r in chunk {
                s.push(r.iter().copied());
            }
            parts.push(s.take());
        }
        let forward = parts.iter().fold(CoMoments::new(3), |a, b| a.merge(b));
        let backward = parts
            .iter()
            .rev()
            .fold(CoMoments::new(3), |a, b| a.merge(b));
        // A constant that is not a whole number: exactly no variance, as in two passes.
        let mut c = CoSums::new(2);
        for r in 0..1000 {
            c.push([-1.0 / 3.0, r as f64].into_iter());
        }
        let m = c.take();
        assert_eq!((m.at(0, 0), m.at(0, 1)), (0.0, 0.0));
        for m in [forward, backward] {
            assert_eq!(m.n, 1000);
            for i in 0..3 {
                assert!(close(m.mean[i], whole.mean[i]));
                for j in 0..3 {
                    assert!(close(m.at(i, j), whole.at(i, j)), "{i},{j}");
                }
            }
        }
    }
}
