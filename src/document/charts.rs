//! The document's charts as standalone SVG: the gap per dimension, expectation
//! against perception, and the importance–performance grid. Sized for A4 and
//! Letter (at most 16 cm wide), labelled with their values and told apart by
//! shape and lightness as well as colour, so they survive greyscale printing.

use super::words::{self, esc, num};
use crate::analyses::ipa::Quadrant;
use crate::report::markdown::Lang;
use crate::report::Report;
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// File name stem: "gaps", "expectation-perception", "ipa".
    pub id: String,
    pub title: String,
    pub svg: String,
}

const FONT: &str = "font-family=\"'Noto Sans','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',Arial,sans-serif\"";
const DARK: &str = "#1f3b57";
const SHORT: &str = "#a33a2c";
const ABOVE: &str = "#3c7a52";
const LIGHT: &str = "#d5d9de";

fn clip_label(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

fn open(w: f64, h: f64, title: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" {FONT} font-size=\"12\"><title>{}</title><rect width=\"{w}\" height=\"{h}\" fill=\"#fff\"/>",
        esc(title)
    )
}

pub fn all(report: &Report, lang: Lang) -> Vec<Chart> {
    let mut out = Vec::new();
    let has_gaps = report.dimensions.iter().any(|d| d.gap.mean.is_some());
    if has_gaps {
        out.push(gaps(report, lang));
    }
    if report
        .dimensions
        .iter()
        .any(|d| d.perception.mean.is_some())
    {
        out.push(expectation_perception(report, lang, has_gaps));
    }
    if let Some(c) = ipa(report, lang) {
        out.push(c);
    }
    out
}

/// Horizontal bars from zero, one per dimension, the value at the bar's end.
fn gaps(report: &Report, lang: Lang) -> Chart {
    let title = lang
        .s("Gap P − E by dimension", "各维度差距 P − E")
        .to_string();
    let dims: Vec<(String, f64, bool)> = report
        .dimensions
        .iter()
        .filter_map(|d| {
            d.gap
                .mean
                .map(|g| (words::dimension(report, &d.id, lang), g, d.significant))
        })
        .collect();
    let (w, left, right, row, top) = (600.0, 150.0, 70.0, 30.0, 34.0);
    let h = top + row * dims.len() as f64 + 34.0;
    let lo = dims.iter().map(|d| d.1).fold(0.0f64, f64::min);
    let hi = dims.iter().map(|d| d.1).fold(0.0f64, f64::max);
    // Room beyond the longest bars for their value labels.
    let room = (hi - lo).max(0.5) * 0.16;
    let (lo, hi) = (
        if lo < 0.0 { lo - room } else { lo },
        if hi > 0.0 { hi + room } else { hi },
    );
    let span = (hi - lo).max(0.5);
    let plot = w - left - right;
    let x = |v: f64| left + (v - lo) / span * plot;
    let mut s = open(w, h, &title);
    let _ = write!(
        s,
        "<text x=\"8\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{}</text>",
        esc(&title)
    );
    for (i, (name, g, sig)) in dims.iter().enumerate() {
        let y = top + row * i as f64;
        let (x0, x1) = (x(0.0).min(x(*g)), x(0.0).max(x(*g)));
        let fill = if *g < 0.0 { SHORT } else { ABOVE };
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{x0:.1}\" y=\"{}\" width=\"{:.1}\" height=\"18\" fill=\"{fill}\"{}/>",
            left - 8.0,
            y + 14.0,
            esc(&clip_label(name, 16)),
            y + 1.0,
            (x1 - x0).max(1.0),
            if *sig { "" } else { " fill-opacity=\"0.45\" stroke=\"#333\" stroke-dasharray=\"3 2\"" }
        );
        let (tx, anchor) = if *g < 0.0 {
            (x0 - 4.0, "end")
        } else {
            (x1 + 4.0, "start")
        };
        let _ = write!(
            s,
            "<text x=\"{tx:.1}\" y=\"{}\" text-anchor=\"{anchor}\">{}{}</text>",
            y + 14.0,
            num(Some(*g), 2),
            if *sig { " *" } else { "" }
        );
    }
    let y_end = top + row * dims.len() as f64;
    let _ = write!(
        s,
        "<line x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#000\"/><text x=\"8\" y=\"{3}\" font-size=\"11\" fill=\"#333\">{4}</text></svg>",
        x(0.0),
        top - 6.0,
        y_end,
        y_end + 22.0,
        esc(lang.s(
            "* significant (paired t-test); dashed: not significant",
            "* 显著（配对 t 检验）；虚线框：不显著"
        ))
    );
    Chart {
        id: "gaps".into(),
        title,
        svg: s,
    }
}

/// Paired bars on the scale: expectation light, perception dark.
fn expectation_perception(report: &Report, lang: Lang, with_e: bool) -> Chart {
    let title = if with_e {
        lang.s(
            "Expectation and perception by dimension",
            "各维度期望与感知",
        )
    } else {
        lang.s("Perception by dimension", "各维度感知")
    }
    .to_string();
    let scale = &report.config.scale;
    let (lo, hi) = (scale.min, scale.max.max(scale.min + 1.0));
    let (w, left, right, top) = (600.0, 150.0, 50.0, 52.0);
    let row = if with_e { 40.0 } else { 26.0 };
    let dims = &report.dimensions;
    let h = top + row * dims.len() as f64 + 28.0;
    let plot = w - left - right;
    let x = |v: f64| left + ((v - lo) / (hi - lo)).clamp(0.0, 1.0) * plot;
    let mut s = open(w, h, &title);
    let _ = write!(
        s,
        "<text x=\"8\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{}</text>",
        esc(&title)
    );
    // Legend.
    let mut lx = left;
    let legend: &[(&str, &str, &str)] = if with_e {
        &[
            (LIGHT, "#555", lang.s("Expectation", "期望")),
            (DARK, DARK, lang.s("Perception", "感知")),
        ]
    } else {
        &[(DARK, DARK, lang.s("Perception", "感知"))]
    };
    for (fill, stroke, name) in legend {
        let _ = write!(
            s,
            "<rect x=\"{lx}\" y=\"30\" width=\"12\" height=\"12\" fill=\"{fill}\" stroke=\"{stroke}\"/><text x=\"{}\" y=\"40\">{}</text>",
            lx + 16.0,
            esc(name)
        );
        lx += 110.0;
    }
    for (i, d) in dims.iter().enumerate() {
        let y = top + row * i as f64;
        let name = words::dimension(report, &d.id, lang);
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            left - 8.0,
            y + if with_e { 20.0 } else { 14.0 },
            esc(&clip_label(&name, 16))
        );
        let mut by = y + 2.0;
        let bars: Vec<(Option<f64>, &str, &str)> = if with_e {
            vec![
                (d.expectation.mean, LIGHT, "#555"),
                (d.perception.mean, DARK, DARK),
            ]
        } else {
            vec![(d.perception.mean, DARK, DARK)]
        };
        for (v, fill, stroke) in bars {
            if let Some(v) = v {
                let _ = write!(
                    s,
                    "<rect x=\"{left}\" y=\"{by}\" width=\"{:.1}\" height=\"15\" fill=\"{fill}\" stroke=\"{stroke}\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"11\">{}</text>",
                    (x(v) - left).max(1.0),
                    x(v) + 4.0,
                    by + 12.0,
                    num(Some(v), 2)
                );
            }
            by += 17.0;
        }
    }
    let y_end = top + row * dims.len() as f64;
    let _ = write!(
        s,
        "<line x1=\"{left}\" x2=\"{}\" y1=\"{y_end}\" y2=\"{y_end}\" stroke=\"#000\"/>",
        left + plot
    );
    for k in 0..=4 {
        let v = lo + (hi - lo) * k as f64 / 4.0;
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">{}</text>",
            x(v),
            y_end + 16.0,
            num(Some(v), if (v - v.round()).abs() < 1e-9 { 0 } else { 1 })
        );
    }
    s.push_str("</svg>");
    Chart {
        id: "expectation-perception".into(),
        title,
        svg: s,
    }
}

/// The IPA grid: items as points (filled when "concentrate here"), the
/// cross-hairs dashed, the quadrant names in the corners.
fn ipa(report: &Report, lang: Lang) -> Option<Chart> {
    let ipa = report.analyses.ipa.as_ref()?;
    let pts: Vec<(&str, f64, f64, bool)> = ipa
        .points
        .iter()
        .filter_map(|p| {
            Some((
                p.item.as_str(),
                p.x?,
                p.y?,
                p.quadrant == Some(Quadrant::ConcentrateHere),
            ))
        })
        .collect();
    if pts.len() < 2 {
        return None;
    }
    let title = lang
        .s("Importance–performance analysis", "重要性–表现分析（IPA）")
        .to_string();
    let (w, h, l, r, t, b) = (600.0, 420.0, 60.0, 20.0, 40.0, 50.0);
    let (x0, x1) = pts
        .iter()
        .fold((f64::MAX, f64::MIN), |a, p| (a.0.min(p.1), a.1.max(p.1)));
    let (y0, y1) = pts
        .iter()
        .fold((f64::MAX, f64::MIN), |a, p| (a.0.min(p.2), a.1.max(p.2)));
    let pad = |a: f64, b: f64| {
        let d = (b - a).max(1e-6) * 0.08;
        (a - d, b + d)
    };
    let ((x0, x1), (y0, y1)) = (pad(x0, x1), pad(y0, y1));
    let px = |v: f64| l + (v - x0) / (x1 - x0) * (w - l - r);
    let py = |v: f64| h - b - (v - y0) / (y1 - y0) * (h - t - b);
    let mut s = open(w, h, &title);
    let _ = write!(
        s,
        "<text x=\"8\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{}</text>",
        esc(&title)
    );
    let _ = write!(
        s,
        "<rect x=\"{l}\" y=\"{t}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#000\"/>",
        w - l - r,
        h - t - b
    );
    if let (Some(cx), Some(cy)) = (ipa.crosshairs.x, ipa.crosshairs.y) {
        let _ = write!(
            s,
            "<line x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"{t}\" y2=\"{1}\" stroke=\"#555\" stroke-dasharray=\"5 4\"/><line x1=\"{l}\" x2=\"{2}\" y1=\"{3:.1}\" y2=\"{3:.1}\" stroke=\"#555\" stroke-dasharray=\"5 4\"/>",
            px(cx),
            h - b,
            w - r,
            py(cy)
        );
    }
    let name = |q: Quadrant| {
        ipa.quadrants
            .iter()
            .find(|x| x.id == q)
            .map_or(String::new(), |x| lang.pick(&x.name).to_string())
    };
    for (q, x, y, anchor) in [
        (Quadrant::ConcentrateHere, w - r - 6.0, h - b - 8.0, "end"),
        (Quadrant::KeepUpTheGoodWork, w - r - 6.0, t + 16.0, "end"),
        (Quadrant::LowPriority, l + 6.0, h - b - 8.0, "start"),
        (Quadrant::PossibleOverkill, l + 6.0, t + 16.0, "start"),
    ] {
        let _ = write!(
            s,
            "<text x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\" font-size=\"11\" fill=\"#333\" font-style=\"italic\">{}</text>",
            esc(&name(q))
        );
    }
    for (id, x, y, hot) in &pts {
        let (cx, cy) = (px(*x), py(*y));
        if *hot {
            let _ = write!(
                s,
                "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"5\" fill=\"{SHORT}\" stroke=\"#000\"/>"
            );
        } else {
            let _ = write!(s, "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"4.5\" fill=\"#fff\" stroke=\"{DARK}\" stroke-width=\"1.5\"/>");
        }
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\">{}</text>",
            cx + 7.0,
            cy + 4.0,
            esc(&clip_label(id, 10))
        );
    }
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text><text transform=\"translate(16 {}) rotate(-90)\" text-anchor=\"middle\">{}</text></svg>",
        l + (w - l - r) / 2.0,
        h - 14.0,
        esc(lang.s("Importance", "重要性")),
        t + (h - t - b) / 2.0,
        esc(lang.s("Performance", "表现"))
    );
    Some(Chart {
        id: "ipa".into(),
        title,
        svg: s,
    })
}
