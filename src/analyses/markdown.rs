//! Markdown rendering of the optional sections (appended by markdown.rs).

use crate::report::Report;

pub fn render(_report: &Report, _lang: crate::markdown::Lang) -> String {
    String::new()
}
