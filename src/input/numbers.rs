//! The answer columns of a table read as numbers once, for every step after it.
//!
//! Reading a cell ([`value::read`]) is most of the cost of a large paste, and
//! three steps read the same answer cells: the label step (which cells are text?),
//! the data-quality checks and the survey model. [`Numbers`] holds each answer
//! column read once, with missing and non-numeric cells kept apart; the survey
//! model then takes the columns over (no second copy of the answers in memory).
//!
//! A value is a number, or one of two NaNs with a payload saying why it is not
//! one. Every NaN is "no answer" to the statistics; only [`kind`] looks at the
//! payload.

use crate::input::table::Table;
use crate::input::value::{self, Cell};

const MISSING: u64 = 0x7FF8_0000_0000_0001;
const NOT_NUMBER: u64 = 0x7FF8_0000_0000_0002;

/// What a stored value was: [`Cell::Number`], [`Cell::Missing`] or [`Cell::NotNumber`].
#[inline(always)]
pub fn kind(x: f64) -> Cell {
    if !x.is_nan() {
        Cell::Number(x)
    } else if x.to_bits() == NOT_NUMBER {
        Cell::NotNumber
    } else {
        Cell::Missing
    }
}

#[inline(always)]
fn encode(c: Cell) -> f64 {
    match c {
        Cell::Number(x) => x,
        Cell::Missing => f64::from_bits(MISSING),
        Cell::NotNumber => f64::from_bits(NOT_NUMBER),
    }
}

/// Answer columns read with one list of missing-value codes.
#[derive(Debug, Clone, Default)]
pub struct Numbers {
    missing: Vec<String>,
    rows: usize,
    /// By table column; `None` for columns not read.
    cols: Vec<Option<Vec<f64>>>,
}

impl Numbers {
    /// Read `cols` of `table` (each once, however often listed).
    pub fn read(table: &Table, cols: &[usize], missing: &[String]) -> Numbers {
        let mut out = Numbers {
            missing: missing.to_vec(),
            rows: table.rows(),
            cols: vec![None; table.width()],
        };
        for &c in cols {
            if let Some(slot @ None) = out.cols.get_mut(c) {
                *slot = Some(
                    table
                        .column_cells(c)
                        .map(|s| encode(value::read(s, missing)))
                        .collect(),
                );
            }
        }
        out
    }

    /// Whether these numbers were read with `missing` from a table of `rows` rows.
    pub fn fits(&self, rows: usize, missing: &[String]) -> bool {
        self.rows == rows && self.missing == missing
    }

    /// Column `c` as read, if it was.
    pub fn column(&self, c: usize) -> Option<&[f64]> {
        self.cols.get(c)?.as_deref()
    }

    /// Take column `c` over (the survey model converts it in place).
    pub fn take(&mut self, c: usize) -> Option<Vec<f64>> {
        self.cols.get_mut(c)?.take()
    }

    /// The (row, column) of every non-numeric cell, column by column.
    pub fn text_cells(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (c, col) in self.cols.iter().enumerate() {
            let Some(col) = col.as_deref() else { continue };
            // A plain loop over a slice: in the wasm build (opt-level z) iterator
            // adapters stay calls, which a million-cell scan feels.
            let mut r = 0;
            while r < col.len() {
                if col[r].to_bits() == NOT_NUMBER {
                    out.push((r, c));
                }
                r += 1;
            }
        }
        out
    }

    /// Keep the rows whose flag is true (as [`Table::select_rows`] does).
    pub fn select_rows(&mut self, keep: &[bool]) {
        for col in self.cols.iter_mut().flatten() {
            let mut r = 0;
            col.retain(|_| {
                let k = keep.get(r).copied().unwrap_or(true);
                r += 1;
                k
            });
        }
        self.rows = (0..self.rows)
            .filter(|&r| keep.get(r).copied().unwrap_or(true))
            .count();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_survive_and_rows_are_selected() {
        let t = Table::from_rows(
            vec!["a".into(), "b".into()],
            vec![
                vec!["5".into(), "x".into()],
                vec!["".into(), "99".into()],
                vec!["3,5".into(), "2".into()],
            ],
        );
        let mut n = Numbers::read(&t, &[0, 1, 1], &["99".to_string()]);
        let a = n.column(0).unwrap_or(&[]).to_vec();
        assert_eq!(kind(a[0]), Cell::Number(5.0));
        assert_eq!(kind(a[1]), Cell::Missing);
        assert_eq!(kind(a[2]), Cell::Number(3.5));
        assert_eq!(n.text_cells(), vec![(0, 1)]);
        assert_eq!(kind(n.column(1).unwrap_or(&[])[1]), Cell::Missing);
        assert!(n.fits(3, &["99".to_string()]) && !n.fits(3, &[]));
        n.select_rows(&[true, false, true]);
        assert_eq!(n.column(0).map(<[f64]>::len), Some(2));
        assert!(n.fits(2, &["99".to_string()]));
        assert_eq!(n.take(1).map(|v| kind(v[1])), Some(Cell::Number(2.0)));
        assert!(n.column(1).is_none());
        // Arithmetic on either NaN is still NaN, as for any missing answer.
        assert!((f64::from_bits(NOT_NUMBER) + 1.0).is_nan());
    }
}
