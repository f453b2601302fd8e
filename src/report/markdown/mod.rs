//! A Markdown rendering of the report for the command line and for sharing.

pub mod analyses;
pub mod text;

use text::cell;
pub use text::Lang;

use crate::report::Report;
use std::fmt::Write;

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

/// The dimension's label in the language, or its id.
pub fn dimension_name(report: &Report, id: &str, lang: Lang) -> String {
    report
        .config
        .dimensions
        .iter()
        .find(|d| d.id == id)
        .and_then(|d| d.label.as_ref())
        .map(|t| lang.pick(t).to_string())
        .unwrap_or_else(|| id.to_string())
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
    out.push_str(&crate::report::markdown::analyses::render(report, lang));
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
