//! The document as Markdown: the cover, summary, method notes and
//! recommendations around the report's own Markdown results
//! ([`crate::report::markdown`]), every text from the data escaped.

use super::tables::Table;
use super::Document;
use crate::report::markdown::text::cell;
use crate::report::Report;
use std::fmt::Write;

fn table(out: &mut String, t: &Table) {
    let _ = writeln!(out, "**{}**\n", cell(&t.title));
    let _ = writeln!(
        out,
        "| {} |\n|{}",
        t.columns
            .iter()
            .map(|c| cell(c))
            .collect::<Vec<_>>()
            .join(" | "),
        "---|".repeat(t.columns.len())
    );
    for r in &t.rows {
        let _ = writeln!(
            out,
            "| {} |",
            r.iter()
                .map(|c| cell(&c.shown()))
                .collect::<Vec<_>>()
                .join(" | ")
        );
    }
    out.push('\n');
}

pub fn render(doc: &Document, report: &Report) -> String {
    let lang = doc.lang();
    let l = |en: &'static str, zh: &'static str| lang.s(en, zh);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", cell(&doc.title()));
    for (k, v) in doc.cover_lines() {
        let _ = writeln!(out, "- {}: {}", k, cell(&v));
    }
    let _ = writeln!(out, "\n## {}\n", l("Executive summary", "摘要"));
    for s in &doc.summary.scores {
        let _ = writeln!(out, "- {}: **{}**", cell(&s.label), cell(&s.text));
    }
    let _ = writeln!(out, "\n{}\n", cell(&doc.summary.verdict));
    if !doc.summary.biggest_gaps.is_empty() {
        let _ = writeln!(
            out,
            "{}:\n",
            l("The three biggest gaps", "差距最大的三个题项")
        );
        for (i, g) in doc.summary.biggest_gaps.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. {}",
                i + 1,
                cell(&super::summary::big_gap_line(g, doc.lang()))
            );
        }
    }
    let _ = writeln!(out, "\n## {}\n", l("Method", "方法说明"));
    for m in &doc.methods {
        let _ = writeln!(
            out,
            "- **{}** (METHODS.md {}): {}",
            cell(&m.title),
            cell(&m.section),
            cell(&m.text)
        );
    }
    let _ = writeln!(out, "\n## {}\n", l("Results", "评估结果"));
    // The report's own rendering, one heading level down, without its title.
    let results = crate::report::markdown::render(report, lang);
    for line in results
        .lines()
        .skip_while(|l| l.starts_with("# ") || l.is_empty())
    {
        if line.starts_with('#') {
            let _ = writeln!(out, "#{line}");
        } else {
            let _ = writeln!(out, "{line}");
        }
    }
    let _ = writeln!(
        out,
        "\n## {}\n",
        l("Priorities and recommendations", "优先事项与改进建议")
    );
    for p in &doc.priorities {
        let _ = writeln!(out, "### {}. {}\n", p.rank, cell(&p.subject));
        for e in &p.evidence {
            let _ = writeln!(out, "- {}", cell(e));
        }
        out.push('\n');
        for (i, a) in p.actions.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. **{}** — {}  \n   {}: {} · {}: {}",
                i + 1,
                cell(&a.title),
                cell(&a.action),
                l("Indicator", "监测指标"),
                cell(&a.indicator),
                l("Target", "目标"),
                cell(&a.target)
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## {}\n", l("Action plan (PDCA)", "行动计划（PDCA）"));
    for t in doc.tables.iter().filter(|t| t.id == "plan") {
        table(&mut out, t);
    }
    let _ = writeln!(out, "## {}\n", l("Appendix", "附录"));
    for t in doc
        .tables
        .iter()
        .filter(|t| t.id == "respondents" || t.id == "quality")
    {
        table(&mut out, t);
    }
    out
}
