//! Numbers and names as the document writes them: fixed decimals with a true
//! minus sign, p in APA style, a dimension's label in the document's language.

use crate::report::markdown::Lang;
use crate::report::Report;

/// `x` with `digits` decimals and U+2212 for the minus sign; "—" when absent.
pub fn num(x: Option<f64>, digits: usize) -> String {
    match x {
        Some(v) if v.is_finite() => {
            let s = format!("{:.digits$}", v.abs());
            // −0.00 reads as a shortfall that is not there.
            if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
                format!("\u{2212}{s}")
            } else {
                s
            }
        }
        _ => "—".to_string(),
    }
}

/// A signed number: "+0.21" or "−1.46".
pub fn signed(x: Option<f64>, digits: usize) -> String {
    match x {
        Some(v) if v.is_finite() && v >= 0.0 => format!("+{}", num(Some(v), digits)),
        other => num(other, digits),
    }
}

/// "p < .001" or "p = .034" (APA: no leading zero).
pub fn p_text(p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => "p < .001".into(),
        Some(p) if p.is_finite() => format!("p = {}", format!("{p:.3}").trim_start_matches('0')),
        _ => "p —".into(),
    }
}

/// A share as a percentage with one decimal: "31.0 %".
pub fn percent(x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() => format!("{:.1} %", v * 100.0),
        _ => "—".into(),
    }
}

/// The dimension's label in the language, or its id.
pub fn dimension(report: &Report, id: &str, lang: Lang) -> String {
    crate::report::markdown::dimension_name(report, id, lang)
}

/// An item as "Q5" or "Q5 “Keeps promises”" when it has a label.
pub fn item(report: &Report, id: &str, lang: Lang) -> String {
    match report
        .items
        .iter()
        .find(|i| i.id == id)
        .and_then(|i| i.label.as_ref())
        .map(|t| lang.pick(t))
        .filter(|s| !s.is_empty())
    {
        Some(l) => match lang {
            Lang::En => format!("{id} “{l}”"),
            Lang::Zh => format!("{id}「{l}」"),
        },
        None => id.to_string(),
    }
}

/// Join a list the way the language does: "a, b and c" / "a、b 和 c".
pub fn list(parts: &[String], lang: Lang) -> String {
    match parts {
        [] => String::new(),
        [a] => a.clone(),
        [init @ .., last] => match lang {
            Lang::En => format!("{} and {last}", init.join(", ")),
            Lang::Zh => format!("{}和{last}", init.join("、")),
        },
    }
}

/// The report's scale as "1–7".
pub fn scale(report: &Report) -> String {
    let s = &report.config.scale;
    format!("{}–{}", s.min, s.max)
}

/// Text as HTML/SVG character data or attribute value: nothing from the data
/// becomes markup; characters XML forbids are dropped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
