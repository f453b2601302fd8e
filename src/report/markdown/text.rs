//! What every Markdown rendering shares: the language it is written in, and
//! the escaping that keeps text from the data from becoming markup.

use crate::common::diag::Text;

/// Interface language of a rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub fn pick(self, t: &Text) -> &str {
        match self {
            Lang::En => &t.en,
            Lang::Zh => &t.zh,
        }
    }
    pub(crate) fn s(self, en: &'static str, zh: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// Escape text that came from the user's data, so that a Markdown viewer shows
/// it as the characters it is and nothing from data becomes markup, a link or
/// an image: table-breaking characters; `<`, `>` and `&` as entities (a header
/// like `<img onerror=…>` is text); the characters of emphasis, code, link and
/// image syntax (`[text](javascript:…)`, `![](http://…)`) with a backslash; and
/// the starts of GFM's bare autolinks (`http://`, `www.`, `a@b`) broken by an
/// escape, which GitHub and cmark-gfm then leave as text.
pub(crate) fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let b = s.as_bytes();
    for (i, c) in s.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' | '\n' => out.push(' '),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '!' | '@' | '#' => {
                out.push('\\');
                out.push(c);
            }
            // "http://…": the ':' that would start an autolink.
            ':' if b.get(i + 1..i + 3) == Some(b"//") => out.push_str("\\:"),
            // "www.…": the '.' that would end the autolink's "www." start.
            '.' if i >= 3 && b[i - 3..i].eq_ignore_ascii_case(b"www") => out.push_str("\\."),
            _ => out.push(c),
        }
    }
    out
}
