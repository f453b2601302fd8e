//! Reading one cell as an answer: a number, a missing-value code, or neither.

/// What a cell holds once read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// Empty or a missing-value code (NA, N/A, -, 不适用 …): not an answer, not an error.
    Missing,
    Number(f64),
    /// Text that is not a number and not a missing code.
    NotNumber,
}

/// Codes every survey tool writes for "no answer".
const MISSING_CODES: [&str; 12] = [
    "",
    "na",
    "n/a",
    "-",
    "--",
    ".",
    "null",
    "none",
    "不适用",
    "无",
    "缺失",
    "(跳过)",
];

pub fn is_missing_code(s: &str, extra: &[String]) -> bool {
    let t = s.trim();
    MISSING_CODES.iter().any(|c| t.eq_ignore_ascii_case(c)) || extra.iter().any(|c| c.trim() == t)
}

/// Read a cell. Accepts full-width digits (common in Chinese input methods), a
/// decimal comma when the number has no other separator, and surrounding spaces.
pub fn read(s: &str, extra_missing: &[String]) -> Cell {
    let t = s.trim();
    // Fast path: nearly every cell of a real survey is a plain number.
    if t.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        if let Ok(x) = t.parse::<f64>() {
            if extra_missing.is_empty() || !is_missing_code(t, extra_missing) {
                return finite(x);
            }
            return Cell::Missing;
        }
    }
    if is_missing_code(t, extra_missing) {
        return Cell::Missing;
    }
    if let Ok(x) = t.parse::<f64>() {
        return finite(x);
    }
    let normalised: String = t
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '－' | '−' => '-',
            '，' | ',' => ',',
            _ => c,
        })
        .collect();
    let normalised = if normalised.matches(',').count() == 1 && !normalised.contains('.') {
        normalised.replace(',', ".")
    } else {
        normalised
    };
    match normalised.parse::<f64>() {
        Ok(x) => finite(x),
        Err(_) => Cell::NotNumber,
    }
}

fn finite(x: f64) -> Cell {
    // "inf" and "NaN" parse as f64 but are not answers anyone gave.
    if x.is_finite() {
        Cell::Number(x)
    } else {
        Cell::NotNumber
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_and_codes() {
        assert_eq!(read(" 4 ", &[]), Cell::Number(4.0));
        assert_eq!(read("４", &[]), Cell::Number(4.0));
        assert_eq!(read("3,5", &[]), Cell::Number(3.5));
        assert_eq!(read("N/A", &[]), Cell::Missing);
        assert_eq!(read("不适用", &[]), Cell::Missing);
        assert_eq!(read("99", &["99".to_string()]), Cell::Missing);
        assert_eq!(read("good", &[]), Cell::NotNumber);
        assert_eq!(read("NaN", &[]), Cell::NotNumber);
        assert_eq!(read("inf", &[]), Cell::NotNumber);
    }
}
