//! A Markdown rendering of the report for the command line and for sharing.

use crate::diag::Text;
use crate::report::Report;
use std::fmt::Write;

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
    fn s(self, en: &'static str, zh: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

fn num(x: Option<f64>, digits: usize) -> String {
    match x {
        Some(v) => format!("{v:.digits$}"),
        None => "—".to_string(),
    }
}

fn p_value(p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => "<0.001".into(),
        other => num(other, 3),
    }
}

fn dimension_name(report: &Report, id: &str, lang: Lang) -> String {
    report
        .config
        .dimensions
        .iter()
        .find(|d| d.id == id)
        .and_then(|d| d.label.as_ref())
        .map(|t| lang.pick(t).to_string())
        .unwrap_or_else(|| id.to_string())
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

/// The E | P | gap | SD | n | CI | t | p cells shared by the dimension and item tables.
fn gap_cells(e: Option<f64>, p: Option<f64>, g: &crate::stats::TTest, significant: bool) -> String {
    format!(
        "{} | {} | {}{} | {} | {} | {} | {} | {}",
        num(e, 2),
        num(p, 2),
        num(g.mean, 3),
        if significant { " *" } else { "" },
        num(g.sd, 3),
        g.n,
        g.ci95
            .map(|c| format!("[{:.3}, {:.3}]", c[0], c[1]))
            .unwrap_or("—".into()),
        num(g.t, 2),
        p_value(g.p)
    )
}

pub fn render(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    let l = |en, zh| lang.s(en, zh);
    let _ = writeln!(
        out,
        "# {}\n",
        l("Service quality report", "服务质量评估报告")
    );
    let r = &report.respondents;
    let _ = writeln!(
        out,
        "{}: {} / {}\n",
        l("Respondents analysed", "纳入分析的受访者"),
        r.analysed,
        r.total
    );
    for ex in &r.excluded {
        let _ = writeln!(out, "- {} × {}", ex.count, lang.pick(&ex.reason));
    }
    let o = &report.overall;
    let _ = writeln!(out, "## {}\n", l("Overall", "总体"));
    let _ = writeln!(
        out,
        "| {} | {} |\n|---|---|",
        l("Score", "得分"),
        l("Value", "数值")
    );
    let _ = writeln!(out, "| SERVQUAL | {} |", num(o.servqual, 3));
    let _ = writeln!(
        out,
        "| {} SERVQUAL ({}) | {} |",
        l("Weighted", "加权"),
        o.weighting.method,
        num(o.weighted_servqual, 3)
    );
    let _ = writeln!(out, "| SERVPERF | {} |", num(o.servperf, 3));
    let _ = writeln!(
        out,
        "| {} SERVPERF | {} |\n",
        l("Weighted", "加权"),
        num(o.weighted_servperf, 3)
    );
    for n in &o.notes {
        let _ = writeln!(out, "> {}\n", cell(lang.pick(n)));
    }

    let _ = writeln!(
        out,
        "## {}\n",
        l("Dimensions (worst gap first)", "维度（差距最大者在前）")
    );
    let _ = writeln!(
        out,
        "| {} | E | P | {} | SD | n | 95% CI | t | p | {} |\n|---|---|---|---|---|---|---|---|---|---|",
        l("Dimension", "维度"),
        l("Gap", "差距"),
        l("Weight", "权重")
    );
    for d in &report.dimensions {
        let g = &d.gap;
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&dimension_name(report, &d.id, lang)),
            gap_cells(d.expectation.mean, d.perception.mean, g, d.significant),
            num(d.weight, 3)
        );
    }
    let _ = writeln!(
        out,
        "\n## {}\n",
        l("Items (worst gap first)", "题项（差距最大者在前）")
    );
    let _ = writeln!(
        out,
        "| {} | {} | E | P | {} | SD | n | 95% CI | t | p |\n|---|---|---|---|---|---|---|---|---|---|",
        l("Item", "题项"),
        l("Dimension", "维度"),
        l("Gap", "差距")
    );
    for it in &report.items {
        let g = &it.gap;
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&it.id),
            cell(&dimension_name(report, &it.dimension, lang)),
            gap_cells(it.expectation.mean, it.perception.mean, g, it.significant),
        );
    }
    let _ = writeln!(
        out,
        "\n\\* p < {} ({})",
        report.config.alpha,
        l("paired t-test, two-sided", "配对 t 检验，双侧")
    );
    out.push_str(&crate::analyses::markdown::render(report, lang));
    if !report.diagnostics.messages.is_empty() {
        let _ = writeln!(out, "\n## {}\n", l("Data messages", "数据提示"));
        for m in &report.diagnostics.messages {
            let _ = writeln!(out, "- {}", cell(lang.pick(&m.message)));
        }
        for (code, n) in &report.diagnostics.counts {
            let shown = report
                .diagnostics
                .messages
                .iter()
                .filter(|m| &m.code == code)
                .count();
            if *n > shown {
                let _ = writeln!(
                    out,
                    "- {} {} ({code})",
                    n - shown,
                    l("more of the same kind", "条同类提示未列出")
                );
            }
        }
    }
    out
}
