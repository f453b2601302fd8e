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

/// Codes every survey tool writes for "no answer": R/SPSS/Excel spellings, and
/// 问卷星's "(跳过)" (skipped by logic) and "(空)" (left empty).
/// Cells that mean "no answer" whatever the survey (compared case-insensitively).
pub const MISSING_CODES: [&str; 19] = [
    "",
    "na",
    "n/a",
    "#n/a",
    "-",
    "--",
    ".",
    "null",
    "none",
    "nan",
    "不适用",
    "无",
    "缺失",
    "(跳过)",
    "（跳过）",
    "(空)",
    "（空）",
    "跳过",
    "不知道/不适用",
];

pub fn is_missing_code(s: &str, extra: &[String]) -> bool {
    let t = s.trim();
    MISSING_CODES.iter().any(|c| t.eq_ignore_ascii_case(c)) || extra.iter().any(|c| c.trim() == t)
}

/// Read a cell. Accepts full-width digits (common in Chinese input methods), a
/// decimal comma when the number has no other separator, and surrounding spaces.
/// `s.trim()`, without the scan when both ends are plain ASCII (nearly every
/// cell): called for every cell of a table, where the wasm build (opt-level z)
/// would not inline `trim` itself.
#[inline(always)]
pub fn trim(s: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii() && !b.is_ascii_whitespace());
    if plain(s.as_bytes().first()) && plain(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

pub fn read(s: &str, extra_missing: &[String]) -> Cell {
    let t = trim(s);
    let b = t.as_bytes();
    // Fastest path: a small whole number ("5", "10", "120"), which is nearly every
    // answer of a Likert survey; exact in f64 up to 9 digits.
    if !b.is_empty() && b.len() <= 9 && b.iter().all(u8::is_ascii_digit) {
        let x = b.iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
        if extra_missing.is_empty() || !is_missing_code(t, extra_missing) {
            return Cell::Number(f64::from(x));
        }
        return Cell::Missing;
    }
    // Fast path: nearly every other cell of a real survey is a plain number.
    if b.first().is_some_and(u8::is_ascii_digit) {
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
    // One comma and no point: a decimal comma ("3,5"). Points before a final
    // comma: thousands points and a decimal comma ("1.234,5").
    let commas = normalised.matches(',').count();
    let normalised = if commas == 1 && !normalised.contains('.') {
        normalised.replace(',', ".")
    } else if commas == 1
        && normalised.rfind(',') > normalised.rfind('.')
        && thousands_groups(&normalised, '.')
    {
        normalised.replace('.', "").replace(',', ".")
    } else {
        normalised
    };
    match normalised.parse::<f64>() {
        Ok(x) => finite(x),
        Err(_) => Cell::NotNumber,
    }
}

/// Every group after the first `sep` in the integer part has three digits.
fn thousands_groups(s: &str, sep: char) -> bool {
    let int = s.split(',').next().unwrap_or("");
    let mut groups = int.split(sep);
    let first_ok = groups
        .next()
        .is_some_and(|g| !g.is_empty() && g.trim_start_matches('-').len() <= 3);
    first_ok && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
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
        assert_eq!(read("1.234,5", &[]), Cell::Number(1234.5));
        assert_eq!(read("1.23,5", &[]), Cell::NotNumber);
        assert_eq!(read("(空)", &[]), Cell::Missing);
        assert_eq!(read("#N/A", &[]), Cell::Missing);
        assert_eq!(read("N/A", &[]), Cell::Missing);
        assert_eq!(read("不适用", &[]), Cell::Missing);
        assert_eq!(read("99", &["99".to_string()]), Cell::Missing);
        assert_eq!(read("good", &[]), Cell::NotNumber);
        // "NaN" is how numpy/pandas-made files spell a missing value.
        assert_eq!(read("NaN", &[]), Cell::Missing);
        assert_eq!(read("inf", &[]), Cell::NotNumber);
    }
}
