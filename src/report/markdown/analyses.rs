//! Markdown rendering of the optional sections, appended to the report by
//! markdown.rs. Text from the data (ids, group values, column names) goes
//! through [`cell`] so it cannot break a table.

use crate::analyses::compare::GroupingComparison;
use crate::analyses::{compare, drivers, ipa, metrics, reliability};
use crate::common::diag::{Text, Undefined};
use crate::report::markdown::text::Lang;
use crate::report::Report;
use std::fmt::Write;

fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

fn num(x: Option<f64>, digits: usize) -> String {
    x.map_or_else(|| "—".to_string(), |v| format!("{v:.digits$}"))
}

fn p_value(p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => "<0.001".into(),
        other => num(other, 3),
    }
}

/// "= 0.041" or "< 0.001", to follow "p".
fn p_eq(p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => "< 0.001".into(),
        other => format!("= {}", num(other, 3)),
    }
}

use crate::report::markdown::text::cell;

fn why(lang: Lang, u: &Option<Undefined>) -> String {
    u.as_ref()
        .map(|u| format!(" ({})", cell(lang.pick(&u.message))))
        .unwrap_or_default()
}

fn note(out: &mut String, lang: Lang, text: &Text) {
    let _ = writeln!(out, "> {}\n", cell(lang.pick(text)));
}

/// The sections present in `report`, or those in `only` when it is not empty.
pub fn render(report: &Report, lang: Lang) -> String {
    render_only(report, lang, &[])
}

/// As [`render`], limited to the named sections (names as in [`super::SECTIONS`]).
pub fn render_only(report: &Report, lang: Lang, only: &[String]) -> String {
    let want = |s: &str| only.is_empty() || only.iter().any(|o| o == s);
    let a = &report.analyses;
    let mut out = String::new();
    if let Some(r) = a.reliability.as_ref().filter(|_| want("reliability")) {
        render_reliability(&mut out, r, lang);
    }
    if let Some(i) = a.ipa.as_ref().filter(|_| want("ipa")) {
        render_ipa(&mut out, i, lang);
    }
    if let Some(m) = a.metrics.as_ref().filter(|_| want("metrics")) {
        render_metrics(&mut out, m, lang);
    }
    if let Some(d) = a.drivers.as_ref().filter(|_| want("drivers")) {
        render_drivers(&mut out, d, lang);
    }
    if let Some(c) = a.comparisons.as_ref().filter(|_| want("comparisons")) {
        render_comparisons(&mut out, c, lang);
    }
    out
}

fn scale_name(s: &reliability::ReliabilityScale, lang: Lang) -> String {
    let side = match s.side {
        reliability::Side::Expectation => t(lang, "expectation", "期望"),
        reliability::Side::Perception => t(lang, "perception", "感知"),
    };
    let dim = s
        .dimension
        .as_deref()
        .map(cell)
        .unwrap_or_else(|| t(lang, "all items", "全部题项").to_string());
    format!("{dim} · {side}")
}

fn render_reliability(out: &mut String, r: &reliability::Reliability, lang: Lang) {
    let _ = writeln!(
        out,
        "\n## {}\n",
        t(lang, "Reliability (Cronbach's α)", "信度（Cronbach's α）")
    );
    let _ = writeln!(
        out,
        "| {} | k | n | α | {} |\n|---|---|---|---|---|",
        t(lang, "Scale", "量表"),
        t(lang, "Rating", "评价")
    );
    for s in &r.scales {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {}{} | {} |",
            scale_name(s, lang),
            s.k,
            s.n,
            num(s.alpha, 3),
            why(lang, &s.undefined),
            s.label.as_ref().map_or("—", |l| lang.pick(&l.text))
        );
    }
    let _ = writeln!(
        out,
        "\n| {} | {} | {} | {} |\n|---|---|---|---|",
        t(lang, "Scale", "量表"),
        t(lang, "Item", "题项"),
        t(lang, "α if item deleted", "删除该题后的 α"),
        t(lang, "Corrected item–total r", "校正的题项-总分相关")
    );
    for s in &r.scales {
        for it in &s.item_stats {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                scale_name(s, lang),
                cell(&it.item),
                num(it.alpha_if_deleted, 3),
                num(it.item_total_r, 3)
            );
        }
    }
    for s in &r.scales {
        for n in &s.notes {
            note(out, lang, n);
        }
    }
}

fn render_ipa(out: &mut String, i: &ipa::Ipa, lang: Lang) {
    let _ = writeln!(
        out,
        "\n## {}\n",
        t(
            lang,
            "Importance–performance analysis",
            "重要性–表现分析（IPA）"
        )
    );
    if let Some(u) = &i.undefined {
        note(out, lang, &u.message);
        if i.points.is_empty() {
            return;
        }
    }
    let source = match i.importance {
        Some(ipa::ImportanceKind::Stated) => t(
            lang,
            "stated (importance columns)",
            "陈述重要性（重要性列）",
        ),
        Some(ipa::ImportanceKind::Allocation) => {
            t(lang, "stated (point allocation)", "陈述重要性（点数分配）")
        }
        Some(ipa::ImportanceKind::Derived) => t(
            lang,
            "derived (correlation with overall satisfaction)",
            "推导重要性（与总体满意度的相关）",
        ),
        None => "—",
    };
    let _ = writeln!(
        out,
        "{}: {source}. {}: {}, {}\n",
        t(lang, "Importance", "重要性"),
        t(lang, "Cross-hairs", "十字线"),
        num(i.crosshairs.x, 3),
        num(i.crosshairs.y, 3)
    );
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
        t(lang, "Item", "题项"),
        t(lang, "Dimension", "维度"),
        t(lang, "Importance", "重要性"),
        t(lang, "Performance", "表现"),
        t(lang, "Quadrant", "象限")
    );
    for p in &i.points {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {}{} |",
            cell(&p.item),
            cell(&p.dimension),
            num(p.x, 3),
            num(p.y, 3),
            p.quadrant
                .map_or("—".to_string(), |q| lang.pick(&q.name()).to_string()),
            why(lang, &p.undefined)
        );
    }
    let focus: Vec<String> = i.concentrate_here.iter().map(|s| cell(s)).collect();
    let _ = writeln!(
        out,
        "\n**{}**: {}\n",
        lang.pick(&ipa::Quadrant::ConcentrateHere.name()),
        if focus.is_empty() {
            "—".to_string()
        } else {
            focus.join(", ")
        }
    );
    for n in &i.notes {
        note(out, lang, n);
    }
}

fn render_metrics(out: &mut String, m: &metrics::Metrics, lang: Lang) {
    let _ = writeln!(out, "\n## {}\n", t(lang, "Customer metrics", "客户指标"));
    if let Some(n) = &m.nps {
        let _ = writeln!(
            out,
            "- NPS ({}): {} ± {} (SE), n = {}; {} {}, {} {}, {} {}{}",
            cell(&n.column),
            num(n.nps, 1),
            num(n.se, 1),
            n.n,
            n.promoters,
            t(lang, "promoters", "推荐者"),
            n.passives,
            t(lang, "passives", "中立者"),
            n.detractors,
            t(lang, "detractors", "贬损者"),
            why(lang, &n.undefined)
        );
    }
    if let Some(c) = &m.csat {
        let _ = writeln!(
            out,
            "- CSAT ({}): {}%, n = {} — {}{}",
            cell(&c.column),
            num(c.share.map(|s| 100.0 * s), 1),
            c.n,
            lang.pick(&c.definition),
            why(lang, &c.undefined)
        );
    }
    if let Some(c) = &m.ces {
        let dir = match c.direction {
            Some(crate::model::analysis_options::EffortDirection::LowerIsBetter) => {
                t(lang, "lower is better", "越低越好")
            }
            Some(crate::model::analysis_options::EffortDirection::HigherIsBetter) => {
                t(lang, "higher is better", "越高越好")
            }
            None => t(lang, "direction not set", "未设置方向"),
        };
        let _ = writeln!(
            out,
            "- CES ({}): {} (SD {}), n = {}, {}–{}, {dir}",
            cell(&c.column),
            num(c.effort.mean, 2),
            num(c.effort.sd, 2),
            c.effort.n,
            c.scale.min,
            c.scale.max
        );
    }
    out.push('\n');
}

fn render_drivers(out: &mut String, d: &drivers::Drivers, lang: Lang) {
    let _ = writeln!(
        out,
        "\n## {}\n",
        t(
            lang,
            "Drivers of overall satisfaction",
            "总体满意度驱动因素"
        )
    );
    let score = match d.score {
        crate::model::analysis_options::ScoreKind::Perception => {
            t(lang, "perception scores", "感知得分")
        }
        crate::model::analysis_options::ScoreKind::Gap => t(lang, "gap scores", "差距得分"),
    };
    let _ = writeln!(
        out,
        "{}: {score}; {}: {}\n",
        t(lang, "Dimension scores", "维度得分"),
        t(lang, "outcome", "因变量"),
        cell(&d.column)
    );
    let g = &d.regression;
    let _ = writeln!(
        out,
        "| {} | r | p (r) | b | SE | t | p | β | VIF | {} |\n|---|---|---|---|---|---|---|---|---|---|",
        t(lang, "Dimension", "维度"),
        t(lang, "Relative importance", "相对重要性")
    );
    for c in &d.correlations {
        let coef = g
            .coefficients
            .iter()
            .find(|k| k.dimension.as_deref() == Some(c.dimension.as_str()));
        let _ = writeln!(
            out,
            "| {} | {}{} | {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&c.dimension),
            num(c.r, 3),
            why(lang, &c.undefined),
            p_value(c.p),
            num(coef.map(|k| k.b), 3),
            num(coef.and_then(|k| k.se), 3),
            num(coef.and_then(|k| k.t), 2),
            p_value(coef.and_then(|k| k.p)),
            num(coef.and_then(|k| k.beta), 3),
            num(coef.and_then(|k| k.vif), 2),
            num(
                coef.and_then(|k| k.relative_importance).map(|v| 100.0 * v),
                1
            ) + if coef.is_some_and(|k| k.relative_importance.is_some()) {
                "%"
            } else {
                ""
            }
        );
    }
    let _ = writeln!(
        out,
        "\nn = {} ({} {}, {} {}); R² = {}, {} R² = {}, F({}, {}) = {}, p {}\n",
        g.n,
        g.excluded.missing_overall,
        t(lang, "without overall satisfaction", "缺总体满意度"),
        g.excluded.missing_score,
        t(lang, "without every dimension score", "缺维度得分"),
        num(g.r2, 3),
        t(lang, "adjusted", "调整"),
        num(g.adj_r2, 3),
        g.df_model.map_or("—".into(), |v| v.to_string()),
        g.df_resid.map_or("—".into(), |v| v.to_string()),
        num(g.f, 2),
        p_eq(g.f_p)
    );
    if let Some(u) = &g.undefined {
        note(out, lang, &u.message);
    }
    for w in &g.warnings {
        note(out, lang, w);
    }
    for dp in &g.dropped {
        let _ = writeln!(
            out,
            "> {}: {}\n",
            cell(&dp.dimension),
            cell(lang.pick(&dp.reason))
        );
    }
}

fn render_grouping(out: &mut String, g: &GroupingComparison, lang: Lang) {
    let kind = match g.kind {
        compare::GroupingKind::Segment => t(lang, "segment", "分组"),
        compare::GroupingKind::Wave => t(lang, "wave", "批次"),
    };
    let _ = writeln!(out, "### {} ({kind})\n", cell(&g.column));
    if !g.groups.is_empty() {
        let _ = writeln!(
            out,
            "| {} | n | SERVQUAL | {} | SD |\n|---|---|---|---|---|",
            t(lang, "Group", "组"),
            t(lang, "Mean respondent gap", "受访者平均差距")
        );
        for r in &g.groups {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&r.value),
                r.n,
                num(r.servqual, 3),
                num(r.score.mean, 3),
                num(r.score.sd, 3)
            );
        }
        out.push('\n');
    }
    if let Some(w) = &g.welch {
        let _ = writeln!(
            out,
            "Welch t = {}, df = {}, p {}{}\n",
            num(w.t, 3),
            num(w.df, 2),
            p_eq(w.p),
            why(lang, &w.undefined)
        );
    }
    if let Some(a) = &g.anova {
        let _ = writeln!(
            out,
            "ANOVA F({}, {}) = {}, p {}{}\n",
            a.df_between.map_or("—".into(), |v| v.to_string()),
            a.df_within.map_or("—".into(), |v| v.to_string()),
            num(a.f, 3),
            p_eq(a.p),
            why(lang, &a.undefined)
        );
    }
    if !g.dimension_tests.is_empty() {
        let _ = writeln!(
            out,
            "| {} | p | p (BH) |\n|---|---|---|",
            t(lang, "Dimension", "维度")
        );
        for d in &g.dimension_tests {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                cell(&d.dimension),
                p_value(d.p),
                p_value(d.p_bh)
            );
        }
        out.push('\n');
    }
    if let Some(u) = &g.undefined {
        note(out, lang, &u.message);
    }
}

fn render_comparisons(out: &mut String, c: &compare::Comparisons, lang: Lang) {
    let _ = writeln!(out, "\n## {}\n", t(lang, "Group comparisons", "分组比较"));
    for g in &c.groupings {
        render_grouping(out, g, lang);
    }
}
