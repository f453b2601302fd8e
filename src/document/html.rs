//! The document as one self-contained HTML file: inline CSS and SVG, no
//! script, no request (a Content-Security-Policy says so to the browser), a
//! print stylesheet for A4 or Letter with a running header and page numbers.
//! The page prints the same `<article>` ([`article`]) in place of itself.

use super::charts::Chart;
use super::findings::Priority;
use super::inputs::Paper;
use super::tables::{Cell, Table};
use super::words::esc;
use super::Document;
use crate::common::diag::Severity;
use crate::report::markdown::Lang;
use crate::report::Report;
use std::fmt::Write;

const CSS: &str = include_str!("report.css");

/// Warnings the appendix's respondents table already counts; their texts
/// also tell the page's user which control to use, which a client's report
/// must not print.
const SHOWN_IN_TABLES: [&str; 4] = [
    "straightlining",
    "duplicates",
    "duplicate_respondent",
    "speeders",
];

/// Text as a CSS string literal: every ASCII character that is not a letter,
/// digit or space as a hex escape, so a title cannot end the string or the
/// `<style>` element.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' || (!c.is_ascii() && !c.is_control()) {
            out.push(c);
        } else if !c.is_control() {
            let _ = write!(out, "\\{:x} ", c as u32);
        }
    }
    out.push('"');
    out
}

/// The `@page` rules: paper, margins, running header and page numbers.
fn page_css(doc: &Document, lang: Lang, paper: Paper) -> String {
    let size = match paper {
        Paper::A4 => "A4",
        Paper::Letter => "letter",
    };
    let header = css_string(&doc.title());
    let org = css_string(&doc.cover.organisation);
    let (before, middle, after) = match lang {
        Lang::En => ("\"Page \"", "\" of \"", "\"\""),
        Lang::Zh => ("\"第 \"", "\" 页，共 \"", "\" 页\""),
    };
    // The plan's wide table goes on landscape pages of the same paper.
    format!(
        "@page gs-wide{{size:{size} landscape}}@page{{size:{size};margin:20mm 16mm 18mm 16mm;@top-left{{content:{header};font-size:8pt;color:#444}}@top-right{{content:{org};font-size:8pt;color:#444}}@bottom-right{{content:{before} counter(page) {middle} counter(pages) {after};font-size:8pt;color:#444}}}}@page:first{{@top-left{{content:none}}@top-right{{content:none}}}}"
    )
}

fn table(t: &Table, class: &str) -> String {
    let mut s = format!(
        "<div class=\"gs-table\"><table class=\"{class}\" data-table=\"{}\"><caption>{}</caption><thead><tr>",
        esc(&t.id),
        esc(&t.title)
    );
    for c in &t.columns {
        let _ = write!(s, "<th scope=\"col\">{}</th>", esc(c));
    }
    s.push_str("</tr></thead><tbody>");
    for r in &t.rows {
        s.push_str("<tr>");
        for c in r {
            match c {
                Cell::Text(_) => {
                    let _ = write!(s, "<td>{}</td>", esc(&c.shown()));
                }
                _ => {
                    let _ = write!(s, "<td class=\"n\">{}</td>", esc(&c.shown()));
                }
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div>");
    s
}

fn find<'a>(doc: &'a Document, id: &str) -> Option<&'a Table> {
    doc.tables.iter().find(|t| t.id == id)
}

fn chart(c: &Chart) -> String {
    // Our own SVG: every text in it went through `esc`.
    format!("<figure data-chart=\"{}\">{}</figure>", esc(&c.id), c.svg)
}

fn priority(p: &Priority, lang: Lang) -> String {
    let mut s = format!(
        "<div class=\"gs-priority\"><h3>{}. {}</h3><ul class=\"gs-evidence\">",
        p.rank,
        esc(&p.subject)
    );
    for e in &p.evidence {
        let _ = write!(s, "<li>{}</li>", esc(e));
    }
    s.push_str("</ul>");
    if !p.actions.is_empty() {
        let _ = write!(
            s,
            "<p><b>{}</b></p><ol class=\"gs-actions\">",
            lang.s("Actions", "改进措施")
        );
        for a in &p.actions {
            let gaps: Vec<String> = a
                .gaps
                .iter()
                .map(|g| format!("{} {g}", lang.s("Gap", "差距")))
                .collect();
            let _ = write!(
                s,
                "<li><b>{}</b>{} — {}<br><span class=\"gs-muted\">{}: {} · {}: {}</span></li>",
                esc(&a.title),
                if gaps.is_empty() {
                    String::new()
                } else {
                    format!(
                        " <span class=\"gs-muted\">({})</span>",
                        esc(&gaps.join(", "))
                    )
                },
                esc(&a.action),
                lang.s("Indicator", "监测指标"),
                esc(&a.indicator),
                lang.s("Target", "目标"),
                esc(&a.target)
            );
        }
        s.push_str("</ol>");
    }
    s.push_str("</div>");
    s
}

/// The document's stylesheet: the screen and print rules and the `@page`
/// rules for this document (paper, running header). The page adopts it as a
/// constructed stylesheet (its CSP allows no inline `<style>`).
pub fn stylesheet(doc: &Document, paper: Paper) -> String {
    let lang = doc.lang();
    format!("{CSS}{}", page_css(doc, lang, paper))
}

/// The document as an `<article class="gs-report">`: the body of the
/// standalone file and what the page prints.
pub fn article(doc: &Document, report: &Report) -> String {
    let lang = doc.lang();
    let l = |en: &'static str, zh: &'static str| lang.s(en, zh);
    let mut s = format!(
        "<article class=\"gs-report\" lang=\"{}\">",
        if lang == Lang::Zh { "zh-CN" } else { "en" }
    );

    // Cover.
    let _ = write!(
        s,
        "<section class=\"gs-cover\" data-section=\"cover\"><h1>{}</h1><dl>",
        esc(&doc.title())
    );
    for (k, v) in doc.cover_lines() {
        let _ = write!(s, "<dt>{}</dt><dd>{}</dd>", esc(k), esc(&v));
    }
    s.push_str("</dl></section>");

    // Executive summary.
    let _ = write!(
        s,
        "<section data-section=\"summary\"><h2>{}</h2><div class=\"gs-figures\">",
        l("Executive summary", "摘要")
    );
    for f in &doc.summary.scores {
        let _ = write!(
            s,
            "<div class=\"gs-figure\">{}<b>{}</b></div>",
            esc(&f.label),
            esc(&f.text)
        );
    }
    s.push_str("</div>");
    let _ = write!(
        s,
        "<p class=\"gs-verdict\">{}</p>",
        esc(&doc.summary.verdict)
    );
    if !doc.summary.biggest_gaps.is_empty() {
        let _ = write!(
            s,
            "<h3>{}</h3><ol>",
            l("The three biggest gaps", "差距最大的三个题项")
        );
        for g in &doc.summary.biggest_gaps {
            let _ = write!(
                s,
                "<li>{}</li>",
                esc(&super::summary::big_gap_line(g, lang))
            );
        }
        s.push_str("</ol>");
    }
    if let Some(p) = doc.priorities.first() {
        let _ = write!(
            s,
            "<p><b>{}</b> {}</p>",
            l("First priority:", "首要改进事项："),
            esc(&p.subject)
        );
    }
    s.push_str("</section>");

    // Method notes.
    let _ = write!(
        s,
        "<section data-section=\"methods\"><h2>{}</h2><ul>",
        l("Method", "方法说明")
    );
    for m in &doc.methods {
        let _ = write!(
            s,
            "<li><b>{} (METHODS.md {})</b>: {}</li>",
            esc(&m.title),
            esc(&m.section),
            esc(&m.text)
        );
    }
    s.push_str("</ul></section>");

    // Results.
    let _ = write!(
        s,
        "<section data-section=\"results\" class=\"gs-break\"><h2>{}</h2>",
        l("Results", "评估结果")
    );
    for ch in doc.charts.iter().filter(|c| c.id != "ipa") {
        s.push_str(&chart(ch));
    }
    for id in ["dimensions", "overall"] {
        if let Some(t) = find(doc, id) {
            s.push_str(&table(t, ""));
        }
    }
    if let Some(t) = find(doc, "items") {
        let top = Table {
            title: l(
                "The ten largest item gaps (all items in the appendix)",
                "差距最大的十个题项（全部题项见附录）",
            )
            .into(),
            rows: t.rows.iter().take(10).cloned().collect(),
            ..t.clone()
        };
        s.push_str(&table(&top, ""));
    }
    if let Some(ch) = doc.charts.iter().find(|c| c.id == "ipa") {
        s.push_str(&chart(ch));
    }
    for t in doc
        .tables
        .iter()
        .filter(|t| t.id == "metrics" || t.id.starts_with("groups-"))
    {
        s.push_str(&table(t, ""));
    }
    s.push_str("</section>");

    // Recommendations.
    let _ = write!(
        s,
        "<section data-section=\"recommendations\" class=\"gs-break\"><h2>{}</h2>",
        l("Priorities and recommendations", "优先事项与改进建议")
    );
    if doc.priorities.is_empty() {
        let _ = write!(s, "<p>{}</p>", l("No priority stands out: no dimension falls significantly short of expectation and no caveat applies.", "没有突出的优先事项：没有维度显著低于期望，也没有需要提示的问题。"));
    }
    for p in &doc.priorities {
        s.push_str(&priority(p, lang));
    }
    let _ = write!(
        s,
        "<p class=\"gs-muted\">{}: {}</p></section>",
        l("Actions from", "措施来源"),
        esc(lang.pick(&doc.catalogue))
    );

    // Action plan.
    let _ = write!(
        s,
        "<section data-section=\"plan\"><h2>{}</h2>",
        l("Action plan (PDCA)", "行动计划（PDCA）")
    );
    if let Some(c) = &doc.check {
        let _ = write!(
            s,
            "<p>{} {} → {} ({}).</p>",
            l("Check compares the waves", "“检查”阶段比较调查期"),
            esc(&c.baseline_wave),
            esc(&c.latest_wave),
            esc(&c.column)
        );
    }
    if let Some(t) = find(doc, "plan") {
        s.push_str(&table(t, "gs-plan"));
    }
    s.push_str("</section>");

    // Appendix.
    let _ = write!(
        s,
        "<section data-section=\"appendix\" class=\"gs-break\"><h2>{}</h2>",
        l("Appendix", "附录")
    );
    for id in ["respondents", "reliability", "quality", "ipa", "items"] {
        if let Some(t) = find(doc, id) {
            s.push_str(&table(t, ""));
        }
    }
    let warnings: Vec<&crate::common::diag::Diagnostic> = report
        .diagnostics
        .messages
        .iter()
        .filter(|d| d.severity == Severity::Warning && !SHOWN_IN_TABLES.contains(&d.code.as_str()))
        .collect();
    if !warnings.is_empty() {
        let _ = write!(
            s,
            "<h3>{}</h3><ul>",
            l("Warnings about the data", "数据提示")
        );
        for w in warnings.iter().take(30) {
            let at = match (w.row, &w.column_name) {
                (Some(r), Some(c)) => {
                    format!(" ({} {r}, {} {})", l("row", "行"), l("column", "列"), c)
                }
                (Some(r), None) => format!(" ({} {r})", l("row", "行")),
                _ => String::new(),
            };
            let _ = write!(s, "<li>{}{}</li>", esc(lang.pick(&w.message)), esc(&at));
        }
        s.push_str("</ul>");
    }
    let _ = write!(
        s,
        "<p class=\"gs-muted\">{}</p></section></article>",
        l(
            "Computed with Gapscope, following its METHODS.md.",
            "由 Gapscope 按其 METHODS.md 所述方法计算。"
        )
    );
    s
}

/// The standalone file: opens offline, needs no script, asks for nothing.
pub fn render(doc: &Document, report: &Report, paper: Paper) -> String {
    let lang = doc.lang();
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"><title>{}</title><style>body{{margin:0;background:#fff}}{}</style></head><body>{}</body></html>\n",
        if lang == Lang::Zh { "zh-CN" } else { "en" },
        esc(&doc.title()),
        stylesheet(doc, paper),
        article(doc, report)
    )
}
