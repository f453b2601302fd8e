//! One cell → the text a CSV export of the sheet would hold.

use calamine::{Data, DataRef, ExcelDateTime};

/// Numbers as Excel shows them: at most 15 significant digits, so a stored
/// 0.30000000000000004 reads "0.3" and 4.0 reads "4".
pub fn number_text(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{x:.0}");
    }
    let rounded: f64 = format!("{x:.14e}").parse().unwrap_or(x);
    format!("{rounded}")
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
