//! Reading durations ("125秒", "2分5秒", "00:02:05", "PT2M5S", "125") and
//! timestamps ("2024/03/05 14:23:00", "03/05/2024 02:23 PM", "2024年3月5日")
//! as survey platforms write them. Used for speeders and for waves.

/// A duration in seconds, or `None` if the text is not one we can read.
///
/// A bare number is taken in `unit_seconds` (1 for "Duration (in seconds)",
/// 60 for a header that says minutes).
pub fn duration_seconds(s: &str, unit_seconds: f64) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    // A bare number, read as answers are (a decimal comma "7,4" is 7.4 in a
    // semicolon file; full-width digits), in the header's unit.
    if let crate::input::value::Cell::Number(x) = crate::input::value::read(t, &[]) {
        return (x.is_finite() && x >= 0.0).then_some(x * unit_seconds);
    }
    if let Some(v) = clock(t) {
        return Some(v);
    }
    if let Some(rest) = t.strip_prefix("PT").or_else(|| t.strip_prefix("pt")) {
        return units(rest);
    }
    units(t)
}

/// `h:mm:ss`, `mm:ss` (the usual spreadsheet forms), optionally with fractions.
fn clock(t: &str) -> Option<f64> {
    if !t.contains(':') {
        return None;
    }
    let parts: Vec<&str> = t.split(':').collect();
    if parts.len() > 3 || parts.iter().any(|p| p.trim().is_empty()) {
        return None;
    }
    let mut total = 0.0;
    for p in &parts {
        let x: f64 = p.trim().parse().ok()?;
        if !x.is_finite() || x < 0.0 {
            return None;
        }
        total = total * 60.0 + x;
    }
    Some(total)
}

/// Number–unit pairs: "2分5秒", "1小时2分钟", "2m 5s", "2 min 5 sec", "125s", "2M5S".
fn units(t: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut num = String::new();
    let mut unit = String::new();
    let mut seen = false;
    let flush = |num: &mut String, unit: &mut String, total: &mut f64| -> Option<()> {
        if num.is_empty() {
            return if unit.trim().is_empty() {
                Some(())
            } else {
                None
            };
        }
        let x: f64 = num.parse().ok()?;
        let u = unit.trim().to_ascii_lowercase();
        let factor = match u.as_str() {
            "秒" | "秒钟" | "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
            "分" | "分钟" | "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
            "时" | "小时" | "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
            "天" | "d" | "day" | "days" => 86400.0,
            _ => return None,
        };
        *total += x * factor;
        num.clear();
        unit.clear();
        Some(())
    };
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        // "7,4 min": a comma between digits is a decimal comma.
        let decimal_comma =
            c == ',' && !num.is_empty() && chars.peek().is_some_and(|d| d.is_ascii_digit());
        let c = if decimal_comma { '.' } else { c };
        if c.is_ascii_digit() || c == '.' {
            if !unit.trim().is_empty() {
                flush(&mut num, &mut unit, &mut total)?;
            }
            unit.clear();
            num.push(c);
            seen = true;
        } else if c.is_whitespace() || c == ',' {
            if !unit.trim().is_empty() {
                unit.push(' ');
            }
        } else {
            if num.is_empty() {
                return None;
            }
            unit.push(c);
        }
    }
    if !unit.trim().is_empty() {
        flush(&mut num, &mut unit, &mut total)?;
    } else if !num.is_empty() {
        return None; // a trailing number without a unit: ambiguous
    }
    (seen && total.is_finite()).then_some(total)
}

/// The order of day and month in slash dates such as 03/05/2024.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DateOrder {
    /// 2024/03/05 and 2024-03-05 (always year first when the year comes first).
    MonthFirst,
    DayFirst,
}

/// A calendar date read from a timestamp cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// The numeric fields of a date part: ([a, b, c], year_first).
fn date_fields(s: &str) -> Option<([u32; 3], bool)> {
    let t = s.trim();
    // Drop the time part: "2024-03-05T14:23:00Z", "2024/03/05 14:23:00", "3/5/2024 2:23 PM".
    let date = t.split(['T', ' ']).next()?.trim();
    let date = date
        .replace(['年', '月'], "-")
        .replace('日', "")
        .replace(['/', '.'], "-");
    let parts: Vec<&str> = date.split('-').filter(|p| !p.is_empty()).collect();
    if parts.len() != 3 || parts.iter().any(|p| !p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let year_first = parts[0].len() == 4;
    if !year_first && parts[2].len() != 4 {
        return None;
    }
    let mut f = [0u32; 3];
    for (i, p) in parts.iter().enumerate() {
        f[i] = p.parse().ok()?;
    }
    Some((f, year_first))
}

/// Which day/month order a column of slash dates uses: a first field above 12
/// proves day-first, a second field above 12 proves month-first; `None` when the
/// column does not say (every value ≤ 12 on both sides).
pub fn infer_order<'a>(cells: impl Iterator<Item = &'a str>) -> Option<DateOrder> {
    cells
        .filter_map(date_fields)
        .find_map(|(f, year_first)| proves(f, year_first))
}

/// The order one date proves, if it proves one.
fn proves(f: [u32; 3], year_first: bool) -> Option<DateOrder> {
    if year_first {
        None
    } else if f[0] > 12 && f[1] <= 12 {
        Some(DateOrder::DayFirst)
    } else if f[1] > 12 && f[0] <= 12 {
        Some(DateOrder::MonthFirst)
    } else {
        None
    }
}

/// Read the date part of a timestamp.
pub fn date(s: &str, order: DateOrder) -> Option<Date> {
    let (f, year_first) = date_fields(s)?;
    from_fields(f, year_first, order)
}

/// A cell read as a date month first and day first (`[month_first,
/// day_first]`), and the order it proves, for reading a column one cell at a
/// time before its order is known ([`infer_order`] is the first proof).
pub fn date_either_way(s: &str) -> ([Option<Date>; 2], Option<DateOrder>) {
    match date_fields(s) {
        Some((f, year_first)) => (
            [
                from_fields(f, year_first, DateOrder::MonthFirst),
                from_fields(f, year_first, DateOrder::DayFirst),
            ],
            proves(f, year_first),
        ),
        None => ([None, None], None),
    }
}

fn from_fields(f: [u32; 3], year_first: bool, order: DateOrder) -> Option<Date> {
    let (year, month, day) = if year_first {
        (f[0], f[1], f[2])
    } else {
        match order {
            DateOrder::MonthFirst => (f[2], f[0], f[1]),
            DateOrder::DayFirst => (f[2], f[1], f[0]),
        }
    };
    let ok = (1..=12).contains(&month) && (1..=31).contains(&day) && year >= 1900;
    ok.then_some(Date {
        year: year as i32,
        month,
        day,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration_seconds("125", 1.0), Some(125.0));
        assert_eq!(duration_seconds("2.5", 60.0), Some(150.0));
        assert_eq!(duration_seconds("125秒", 1.0), Some(125.0));
        assert_eq!(duration_seconds("2分5秒", 1.0), Some(125.0));
        assert_eq!(duration_seconds("1小时2分钟5秒", 1.0), Some(3725.0));
        assert_eq!(duration_seconds("00:02:05", 1.0), Some(125.0));
        assert_eq!(duration_seconds("2:05", 1.0), Some(125.0));
        assert_eq!(duration_seconds("2m 5s", 1.0), Some(125.0));
        assert_eq!(duration_seconds("2 min 5 sec", 1.0), Some(125.0));
        assert_eq!(duration_seconds("PT2M5S", 1.0), Some(125.0));
        assert_eq!(duration_seconds("--", 1.0), None);
        assert_eq!(duration_seconds("fast", 1.0), None);
        assert_eq!(duration_seconds("5 apples", 1.0), None);
        assert_eq!(duration_seconds("2分5", 1.0), None);
        assert_eq!(duration_seconds("-5", 1.0), None);
        assert_eq!(duration_seconds("1:-2", 1.0), None);
    }

    #[test]
    fn dates() {
        let d = |y, m, dd| {
            Some(Date {
                year: y,
                month: m,
                day: dd,
            })
        };
        assert_eq!(
            date("2024/03/05 14:23:00", DateOrder::MonthFirst),
            d(2024, 3, 5)
        );
        assert_eq!(
            date("2024-03-05T14:23:00Z", DateOrder::DayFirst),
            d(2024, 3, 5)
        );
        assert_eq!(
            date("2024年3月5日 14:23", DateOrder::DayFirst),
            d(2024, 3, 5)
        );
        assert_eq!(
            date("03/05/2024 02:23:00 PM", DateOrder::MonthFirst),
            d(2024, 3, 5)
        );
        assert_eq!(date("03/05/2024", DateOrder::DayFirst), d(2024, 5, 3));
        assert_eq!(date("2024/13/05", DateOrder::MonthFirst), None);
        assert_eq!(date("hello", DateOrder::MonthFirst), None);
        assert_eq!(
            infer_order(["03/05/2024", "25/05/2024"].into_iter()),
            Some(DateOrder::DayFirst)
        );
        assert_eq!(
            infer_order(["03/05/2024", "05/25/2024"].into_iter()),
            Some(DateOrder::MonthFirst)
        );
        assert_eq!(infer_order(["03/05/2024"].into_iter()), None);
    }
}
