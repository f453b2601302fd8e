//! Sorting through one routine.
//!
//! In wasm every `sort_by` with its own element type and closure is its own copy
//! of the standard library's sort (4–5 KB of code each, ~50 KB for the crate's
//! sixteen sorts). Sorting a permutation with a `dyn` comparator keeps a single
//! copy; the crate's sorts are short lists or one pass over a column, so the
//! indirection costs nothing measurable (docs/inputs.md#sizes-and-speed).

use std::cmp::Ordering;

/// Stable sort of indices by `cmp`: the crate's one instantiation of the
/// standard sort.
#[inline(never)]
fn sort_indices(idx: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    idx.sort_by(|&a, &b| cmp(a, b));
}

/// Stable sort of `v` by `cmp` (like `slice::sort_by`).
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut idx, &|a, b| cmp(&v[a], &v[b]));
    let mut old: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(idx.iter().filter_map(|&i| old[i].take()));
}

/// Stable sort of `v` by a key (like `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Ascending sort of numbers in IEEE total order (`f64::total_cmp`).
pub fn sort_f64(v: &mut [f64]) {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut idx, &|a, b| v[a].total_cmp(&v[b]));
    let sorted: Vec<f64> = idx.iter().map(|&i| v[i]).collect();
    v.copy_from_slice(&sorted);
}

/// Natural order of labels (waves, groups): digit runs compare as numbers, so "Wave 2"
/// comes before "Wave 10" and "2026-9" before "2026-10"; "2026H1", "2026-Q3"
/// and ISO dates sort as time does.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn runs(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut digit = None;
        for (i, c) in s.char_indices() {
            let d = c.is_ascii_digit();
            if digit.is_some_and(|x| x != d) {
                out.push((digit.unwrap_or(false), &s[start..i]));
                start = i;
            }
            digit = Some(d);
        }
        if start < s.len() {
            out.push((digit.unwrap_or(false), &s[start..]));
        }
        out
    }
    let (ra, rb) = (runs(a), runs(b));
    for (x, y) in ra.iter().zip(&rb) {
        let o = match (x, y) {
            ((true, p), (true, q)) => {
                let (p, q) = (p.trim_start_matches('0'), q.trim_start_matches('0'));
                p.len().cmp(&q.len()).then_with(|| p.cmp(q))
            }
            ((_, p), (_, q)) => p.cmp(q),
        };
        if o != std::cmp::Ordering::Equal {
            return o;
        }
    }
    ra.len().cmp(&rb.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_complete() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
        let mut w: Vec<u8> = Vec::new();
        sort_by(&mut w, |a, b| a.cmp(b));
        assert!(w.is_empty());
    }

    #[test]
    fn numbers_in_total_order() {
        let mut v = [2.5, -0.0, f64::NAN, -3.0, 0.0, f64::NEG_INFINITY];
        sort_f64(&mut v);
        assert_eq!(v[0], f64::NEG_INFINITY);
        assert_eq!(v[1], -3.0);
        assert!(v[2] == 0.0 && v[2].is_sign_negative());
        assert!(v[3] == 0.0 && v[3].is_sign_positive());
        assert_eq!(v[4], 2.5);
        assert!(v[5].is_nan());
    }
}
