//! One cell → the text a CSV export of the sheet would hold.

use calamine::{Data, DataRef, ExcelDateTime};

/// Numbers as Excel shows them: at most 15 significant digits, so a stored
/// 0.30000000000000004 reads "0.3" and 4.0 reads "4". Beyond 10²¹ and below
/// 10⁻⁷ in exponent form ("1e308", "1.5e-300"), which the engine reads back,
/// rather than as hundreds of digits (1e308 written out is 309 characters, and
/// a sheet of such cells would take 300 bytes a cell).
pub fn number_text(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    if x.fract() == 0.0 && x.abs() < 1e15 {
        // Exact in i64; far faster than formatting the float. (`format!`
        // rather than `to_string`, which reserves 20 bytes for any i64: 8
        // bytes more for each of ten million cells in wasm32.)
        return format!("{}", x as i64);
    }
    // (Rounding f64::MAX to 15 digits overflows: keep such a number as it is.)
    let rounded = format!("{x:.14e}")
        .parse::<f64>()
        .ok()
        .filter(|r| r.is_finite())
        .unwrap_or(x);
    let a = rounded.abs();
    if a >= 1e21 || (a != 0.0 && a < 1e-7) {
        format!("{rounded:e}")
    } else {
        format!("{rounded}")
    }
}

/// Dates as ISO text (date only at midnight, time only below one day),
/// durations as h:mm:ss.
fn datetime_text(d: &ExcelDateTime) -> String {
    let v = d.as_f64();
    if !v.is_finite() {
        return String::new();
    }
    if d.is_duration() {
        let secs = (v * 86_400.0).round().max(0.0) as u64;
        return format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
    }
    let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
    if v.fract() == 0.0 {
        format!("{y:04}-{mo:02}-{day:02}")
    } else if (0.0..1.0).contains(&v) {
        format!("{h:02}:{mi:02}:{s:02}")
    } else {
        format!("{y:04}-{mo:02}-{day:02} {h:02}:{mi:02}:{s:02}")
    }
}

/// The text of a cell read by the range readers (XLS, ODS).
pub fn cell_text(c: &Data) -> String {
    match c {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::String(s) => s.clone(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => datetime_text(d),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// The text of a cell read by the streaming XLSX reader.
pub(crate) fn cell_ref_text(c: &DataRef<'_>) -> String {
    match c {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) => datetime_text(d),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn numbers_read_like_excel_shows_them() {
        assert_eq!(number_text(4.0), "4");
        assert_eq!(number_text(3.5), "3.5");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(-2.0), "-2");
        assert_eq!(number_text(f64::NAN), "");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(123_456_789_012_345.0), "123456789012345");
        assert_eq!(number_text(1e20), "100000000000000000000");
        assert_eq!(number_text(0.000_001_5), "0.0000015");
    }

    #[test]
    fn huge_and_tiny_numbers_are_short() {
        // Written out in full these are 309 and 302 characters.
        assert_eq!(number_text(1e308), "1e308");
        assert_eq!(number_text(-1.5e-300), "-1.5e-300");
        assert_eq!(number_text(f64::MAX), "1.7976931348623157e308");
        assert_eq!(number_text(5e-324), "5e-324");
        for x in [1e21, 1e100, 1e-8, -2.5e-200, f64::MIN_POSITIVE] {
            let t = number_text(x);
            assert!(t.len() <= 22, "{x}: {t}");
            let back: f64 = t.parse().expect("parses");
            assert!((back - x).abs() <= x.abs() * 1e-14, "{x}: {t}");
        }
    }

    #[test]
    fn dates_and_durations() {
        // Excel serial 45356 = 2024-03-05; 45356.6 = 14:24:00 that day.
        let d = |v, t| Data::DateTime(ExcelDateTime::new(v, t, false));
        assert_eq!(
            cell_text(&d(45356.0, ExcelDateTimeType::DateTime)),
            "2024-03-05"
        );
        assert_eq!(
            cell_text(&d(45356.6, ExcelDateTimeType::DateTime)),
            "2024-03-05 14:24:00"
        );
        // 125 seconds as a time of day and as a duration.
        let f = 125.0 / 86_400.0;
        assert_eq!(cell_text(&d(f, ExcelDateTimeType::DateTime)), "00:02:05");
        assert_eq!(cell_text(&d(f, ExcelDateTimeType::TimeDelta)), "0:02:05");
        assert_eq!(cell_text(&Data::Error(calamine::CellErrorType::NA)), "#N/A");
    }
}
