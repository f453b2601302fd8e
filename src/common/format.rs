//! Numbers, sizes and counts as messages show them: a value a user typed is
//! echoed the way they would write it ("1e308", not 309 digits), sizes in KB/MB,
//! and English nouns agree with their count ("1 row", "2 rows").

/// A number for a message: integers as integers, others to at most 6
/// significant digits, very large or very small magnitudes as `1.5e308`.
/// (Hand-rolled rather than `{:e}`, whose formatting code would add to the wasm
/// module for what is only ever a message.)
pub fn number(x: f64) -> String {
    significant(x, 6)
}

/// `x` to at most `digits` significant digits (see [`number`]).
pub fn significant(x: f64, digits: usize) -> String {
    let digits = digits.clamp(1, 17) as i32;
    if !x.is_finite() {
        return if x.is_nan() {
            "NaN".into()
        } else if x > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        };
    }
    let a = x.abs();
    if a == 0.0 || (1e-4..1e15).contains(&a) {
        if x.fract() == 0.0 {
            return format!("{x:.0}");
        }
        let decimals = (digits - 1 - a.log10().floor() as i32).clamp(0, 20) as usize;
        let s = format!("{x:.decimals$}");
        return trim_zeros(&s).to_string();
    }
    // The shortest digits that read back as `a` (Rust's `{}` never uses an
    // exponent), then rounded to `digits` by hand: exact, unlike dividing by
    // a power of ten.
    let plain = format!("{a}");
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let all: String = format!("{int}{frac}");
    let lead = all.bytes().position(|c| c != b'0').unwrap_or(0);
    let mut sig: Vec<u8> = all.as_bytes()[lead..].iter().map(|c| c - b'0').collect();
    let mut exp = int.len() as i32 - 1 - lead as i32;
    let keep = (digits as usize).min(sig.len());
    let round_up = sig.get(keep).is_some_and(|&d| d >= 5);
    sig.truncate(keep);
    if round_up {
        let mut i = keep;
        loop {
            if i == 0 {
                sig.insert(0, 1);
                sig.truncate(keep);
                exp += 1;
                break;
            }
            i -= 1;
            if sig[i] == 9 {
                sig[i] = 0;
            } else {
                sig[i] += 1;
                break;
            }
        }
    }
    while sig.len() > 1 && sig.last() == Some(&0) {
        sig.pop();
    }
    let mut m = String::new();
    if x < 0.0 {
        m.push('-');
    }
    for (i, d) in sig.iter().enumerate() {
        if i == 1 {
            m.push('.');
        }
        m.push(char::from(b'0' + d));
    }
    format!("{m}e{exp}")
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// A size in bytes as "512 bytes", "12 KB", "4.2 MB" (1 KB = 1024 bytes).
pub fn bytes(n: usize) -> String {
    const KB: f64 = 1024.0;
    let x = n as f64;
    if x < KB {
        format!("{n} {}", if n == 1 { "byte" } else { "bytes" })
    } else if x < KB * KB {
        format!("{} KB", one_decimal(x / KB))
    } else if x < KB * KB * KB {
        format!("{} MB", one_decimal(x / (KB * KB)))
    } else {
        format!("{} GB", one_decimal(x / (KB * KB * KB)))
    }
}

fn one_decimal(x: f64) -> String {
    if x >= 10.0 {
        format!("{x:.0}")
    } else {
        trim_zeros(&format!("{x:.1}")).to_string()
    }
}

/// 2600000 → "2,600,000": a large count as people read it.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1 row" / "3 rows": the count and the English noun that agrees with it.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// At most `shown` items joined by ", ", then "…" when there are more.
/// (Slices, not iterators: one copy of the code whatever the caller.)
pub fn list(items: &[String], shown: usize) -> String {
    list_with(items, shown, ", ")
}

/// [`list`] with another separator ("; " between items that hold commas).
pub fn list_with(items: &[String], shown: usize, sep: &str) -> String {
    let mut out = String::new();
    for (i, x) in items.iter().take(shown).enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(x);
    }
    if items.len() > shown {
        out.push_str(sep);
        out.push('…');
    }
    out
}

/// Text from the data quoted in a message, cut to `max` characters.
pub fn quoted(s: &str, max: usize) -> String {
    let mut chars = s.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_a_person_writes_them() {
        assert_eq!(number(1e308), "1e308");
        assert_eq!(number(-1.5e20), "-1.5e20");
        assert_eq!(number(1.7976931348623157e308), "1.79769e308");
        assert_eq!(number(2.5e-7), "2.5e-7");
        assert_eq!(number(100.0), "100");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(3.5), "3.5");
        assert_eq!(number(1.0 / 3.0), "0.333333");
        assert_eq!(number(1234.5678), "1234.57");
        assert_eq!(number(f64::NAN), "NaN");
        assert_eq!(
            significant(1.234_567_890_123_456e300, 15),
            "1.23456789012346e300"
        );
    }

    #[test]
    fn sizes_and_counts() {
        assert_eq!(bytes(1), "1 byte");
        assert_eq!(bytes(800), "800 bytes");
        assert_eq!(bytes(1536), "1.5 KB");
        assert_eq!(bytes(4 * 1024 * 1024), "4 MB");
        assert_eq!(bytes(41 * 1024 * 1024 + 300_000), "41 MB");
        assert_eq!(count(1, "row", "rows"), "1 row");
        assert_eq!(count(0, "row", "rows"), "0 rows");
        assert_eq!(grouped(2_600_000), "2,600,000");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&s(&["1", "2", "3"]), 2), "1, 2, …");
        assert_eq!(list(&s(&["1", "2"]), 2), "1, 2");
        assert_eq!(quoted("abcdef", 3), "abc…");
    }
}
