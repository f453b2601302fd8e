//! Detecting the survey structure from headers and values.
//!
//! Understands the usual header conventions for expectation / perception items
//! (`E1`/`P1`, `E_R1`/`P_R1`, `Q1_E`/`Q1_P`, `exp_1`/`perc_1`, `期望1`/`感知1`,
//! `期望值1`/`实际感受1`, `有形性_期望1` …) and keyword columns (overall
//! satisfaction, recommend, branch, wave, id …). What it cannot decide it leaves
//! as `ignore` and says so; the user corrects it in the page or the config JSON.

use crate::config::{self, Column, Dimension, Item, Role, Scale, SurveyConfig, Weighting};
use crate::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::table::Table;
use crate::value::{self, Cell};

/// Which side of the gap a column measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    E,
    P,
    I,
}

/// What a header says about an item column.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ItemHeader {
    side: Side,
    number: usize,
    dimension: Option<&'static str>,
}

const E_WORDS: [&str; 6] = [
    "e",
    "exp",
    "expect",
    "expectation",
    "expectations",
    "expected",
];
const P_WORDS: [&str; 7] = [
    "p",
    "perc",
    "per",
    "perception",
    "perceptions",
    "perceived",
    "perf",
];
const I_WORDS: [&str; 4] = ["i", "imp", "importance", "import"];
const FILLER_WORDS: [&str; 4] = ["q", "item", "question", "no"];
// CJK pieces, longest first so that 期望值 is taken before 期望.
const ZH_E: [&str; 3] = ["期望值", "期望", "预期"];
const ZH_P: [&str; 6] = ["实际感受", "感知值", "感知", "实际", "感受", "体验"];
const ZH_I: [&str; 2] = ["重要程度", "重要性"];
const ZH_FILLER: [&str; 6] = ["题项", "题", "第", "项", "的", "值"];

/// Dimension names and codes in headers, mapped to the default ids.
const DIMENSION_WORDS: [(&str, &str); 22] = [
    ("tangibles", "tangibles"),
    ("tangible", "tangibles"),
    ("tan", "tangibles"),
    ("t", "tangibles"),
    ("reliability", "reliability"),
    ("rel", "reliability"),
    ("r", "reliability"),
    ("responsiveness", "responsiveness"),
    ("resp", "responsiveness"),
    ("res", "responsiveness"),
    ("rs", "responsiveness"),
    ("assurance", "assurance"),
    ("ass", "assurance"),
    ("a", "assurance"),
    ("empathy", "empathy"),
    ("emp", "empathy"),
    ("em", "empathy"),
    ("有形性", "tangibles"),
    ("可靠性", "reliability"),
    ("响应性", "responsiveness"),
    ("保证性", "assurance"),
    ("移情性", "empathy"),
];
const ZH_DIMENSION_EXTRA: [(&str, &str); 6] = [
    ("同理心", "empathy"),
    ("关怀性", "empathy"),
    ("反应性", "responsiveness"),
    ("响应", "responsiveness"),
    ("可靠", "reliability"),
    ("有形", "tangibles"),
];

fn dimension_word(token: &str) -> Option<&'static str> {
    DIMENSION_WORDS
        .iter()
        .chain(ZH_DIMENSION_EXTRA.iter())
        .find(|(w, _)| *w == token)
        .map(|(_, id)| *id)
}

fn is_cjk(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c) || ('\u{f900}'..='\u{faff}').contains(&c)
}

/// Split a header into lower-case word tokens and at most one number.
/// Separators, digit runs and ASCII/CJK boundaries end a token.
fn tokenize(header: &str) -> Option<(Vec<String>, Option<usize>)> {
    let mut tokens = Vec::new();
    let mut number: Option<usize> = None;
    let mut cur = String::new();
    let mut digits = String::new();
    let flush = |cur: &mut String, tokens: &mut Vec<String>| {
        if !cur.is_empty() {
            tokens.push(std::mem::take(cur));
        }
    };
    for c in header.trim().chars().map(|c| c.to_ascii_lowercase()) {
        let c = match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        };
        if c.is_ascii_digit() {
            flush(&mut cur, &mut tokens);
            digits.push(c);
            continue;
        }
        if !digits.is_empty() {
            if number.is_some() {
                return None; // two numbers: not a convention we know
            }
            number = digits.parse().ok();
            digits.clear();
        }
        if c.is_alphabetic() {
            if let Some(last) = cur.chars().last() {
                if is_cjk(last) != is_cjk(c) {
                    flush(&mut cur, &mut tokens);
                }
            }
            cur.push(c);
        } else {
            flush(&mut cur, &mut tokens);
        }
    }
    flush(&mut cur, &mut tokens);
    if !digits.is_empty() {
        if number.is_some() {
            return None;
        }
        number = digits.parse().ok();
    }
    Some((tokens, number))
}

/// Take known words off a CJK token; `None` if something unknown remains.
fn strip_cjk(
    mut token: &str,
    side: &mut Option<Side>,
    dim: &mut Option<&'static str>,
) -> Option<()> {
    'outer: while !token.is_empty() {
        for (words, s) in [
            (&ZH_E[..], Side::E),
            (&ZH_P[..], Side::P),
            (&ZH_I[..], Side::I),
        ] {
            for w in words {
                if let Some(rest) = token.strip_prefix(w) {
                    if side.is_some_and(|x| x != s) {
                        return None;
                    }
                    *side = Some(s);
                    token = rest;
                    continue 'outer;
                }
            }
        }
        for (w, id) in DIMENSION_WORDS.iter().chain(ZH_DIMENSION_EXTRA.iter()) {
            if w.chars().next().is_some_and(is_cjk) {
                if let Some(rest) = token.strip_prefix(w) {
                    *dim = Some(id);
                    token = rest;
                    continue 'outer;
                }
            }
        }
        for w in ZH_FILLER {
            if let Some(rest) = token.strip_prefix(w) {
                token = rest;
                continue 'outer;
            }
        }
        return None;
    }
    Some(())
}

/// Read an item header such as `E1`, `P_R3`, `Q12_E`, `exp_4`, `期望值5`.
fn item_header(header: &str) -> Option<ItemHeader> {
    let (tokens, number) = tokenize(header)?;
    let number = number?;
    let mut side: Option<Side> = None;
    let mut dim: Option<&'static str> = None;
    let set = |side: &mut Option<Side>, s: Side| -> Option<()> {
        if side.is_some_and(|x| x != s) {
            return None;
        }
        *side = Some(s);
        Some(())
    };
    for t in &tokens {
        let t = t.as_str();
        if t.chars().next().is_some_and(is_cjk) {
            strip_cjk(t, &mut side, &mut dim)?;
        } else if E_WORDS.contains(&t) {
            set(&mut side, Side::E)?;
        } else if P_WORDS.contains(&t) {
            set(&mut side, Side::P)?;
        } else if I_WORDS.contains(&t) {
            set(&mut side, Side::I)?;
        } else if FILLER_WORDS.contains(&t) {
        } else if let Some(d) = dimension_word(t) {
            dim = Some(d);
        } else {
            return None;
        }
    }
    Some(ItemHeader {
        side: side?,
        number,
        dimension: dim,
    })
}

/// Keywords for the other roles, checked in this order on the lower-cased header.
const ROLE_KEYWORDS: [(Role, &[&str]); 9] = [
    (Role::Recommend, &["recommend", "nps", "ltr", "推荐"]),
    (Role::Effort, &["effort", "ces", "费力", "省力", "便捷程度"]),
    (
        Role::Overall,
        &[
            "overall",
            "satisfaction",
            "csat",
            "总体满意",
            "整体满意",
            "满意度",
            "总体评价",
            "总体",
        ],
    ),
    (
        Role::Duration,
        &[
            "duration",
            "time taken",
            "time_taken",
            "所用时间",
            "用时",
            "答题时长",
        ],
    ),
    (
        Role::Wave,
        &[
            "wave",
            "period",
            "quarter",
            "month",
            "year",
            "批次",
            "期次",
            "季度",
            "月份",
            "年度",
            "调查期",
            "轮次",
        ],
    ),
    (
        Role::Segment,
        &[
            "branch",
            "team",
            "channel",
            "region",
            "store",
            "segment",
            "group",
            "department",
            "outlet",
            "网点",
            "分行",
            "支行",
            "门店",
            "团队",
            "渠道",
            "地区",
            "区域",
            "部门",
            "分组",
            "营业厅",
        ],
    ),
    (
        Role::Id,
        &[
            "respondent",
            "resp_id",
            "编号",
            "序号",
            "答卷编号",
            "受访者",
        ],
    ),
    (
        Role::Text,
        &[
            "comment",
            "remark",
            "suggestion",
            "feedback",
            "建议",
            "意见",
            "备注",
            "评论",
        ],
    ),
    (
        Role::Allocation,
        &["alloc", "points", "weight", "分配", "权重", "分值", "点数"],
    ),
];

fn keyword_role(header: &str) -> Option<(Role, Option<&'static str>)> {
    let h = header.trim().to_ascii_lowercase();
    // Allocation needs a dimension too, and is checked first: "points_reliability".
    if let Some((_, kws)) = ROLE_KEYWORDS.iter().find(|(r, _)| *r == Role::Allocation) {
        if kws.iter().any(|k| h.contains(k)) {
            if let Some(d) = dimension_in(&h) {
                return Some((Role::Allocation, Some(d)));
            }
        }
    }
    if h == "id" || h == "os" || h == "no" || h == "no." {
        return Some((if h == "os" { Role::Overall } else { Role::Id }, None));
    }
    // Short ASCII keywords must be whole words: "ces" is in "services" and "prices".
    let tokens: Vec<&str> = h
        .split(|c: char| !c.is_alphanumeric() || c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .collect();
    let hit = |k: &&str| {
        if k.is_ascii() && k.len() <= 3 {
            tokens.contains(k)
        } else {
            h.contains(k)
        }
    };
    ROLE_KEYWORDS
        .iter()
        .filter(|(r, _)| *r != Role::Allocation)
        .find(|(_, kws)| kws.iter().any(hit))
        .map(|(r, _)| (*r, None))
}

/// A dimension named anywhere in a header (as a whole ASCII token or a CJK substring).
fn dimension_in(h: &str) -> Option<&'static str> {
    let tokens: Vec<&str> = h
        .split(|c: char| !c.is_alphanumeric() || c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .collect();
    for (w, id) in DIMENSION_WORDS.iter().chain(ZH_DIMENSION_EXTRA.iter()) {
        let cjk = w.chars().next().is_some_and(is_cjk);
        if (cjk && h.contains(w)) || (!cjk && w.len() > 2 && tokens.contains(w)) {
            return Some(id);
        }
    }
    None
}

/// Rows looked at to detect scales; enough to see every answer code in practice.
const SAMPLE_ROWS: usize = 5000;

/// A scale read off the answers, and the answers it leaves out.
struct ObservedScale {
    scale: Scale,
    /// Sampled answers outside `scale` (they will be reported as out of scale).
    outside: usize,
    /// The first of them, for the message.
    example: Option<f64>,
}

/// The usual scale that covers the sampled answers of `cols`.
///
/// A few answers above 10 among integer answers from 0–10 are typing slips (55 for
/// 5) rather than evidence of a 0–100 scale: they are left outside the scale, so
/// they are reported instead of silently entering the means. "A few" is at most 1%
/// of the answers (at least one).
fn observed_scale(table: &Table, cols: &[usize], missing: &[String]) -> Option<ObservedScale> {
    let mut values = Vec::new();
    for r in 0..table.rows().min(SAMPLE_ROWS) {
        for &c in cols {
            if let Cell::Number(x) = value::read(table.cell(r, c), missing) {
                values.push(x);
            }
        }
    }
    let likert = |x: f64| (0.0..=10.0).contains(&x) && x.fract() == 0.0;
    let strays = values.iter().filter(|&&x| !likert(x)).count();
    let allowance = (values.len() / 100).max(1);
    let trim = strays > 0
        && strays <= allowance
        && strays < values.len()
        && values.iter().filter(|&&x| !likert(x)).all(|&x| x > 10.0);
    let used = values.iter().copied().filter(|&x| !trim || likert(x));
    let (lo, hi) = used.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    });
    if lo > hi {
        return None;
    }
    let scale = scale_for(lo, hi);
    let mut outside = values.iter().filter(|&&x| !scale.contains(x));
    let example = outside.next().copied();
    Some(ObservedScale {
        scale,
        outside: outside.count() + usize::from(example.is_some()),
        example,
    })
}

/// The usual scale that covers what was observed.
fn scale_for(lo: f64, hi: f64) -> Scale {
    if lo < 0.0 {
        // A bipolar scale (−3…+3): take what was seen, always reaching 0 so that
        // min < max even when every answer is the same huge negative number
        // (min + 1 would round back to min).
        return Scale {
            min: lo.floor(),
            max: hi.ceil().max(0.0),
        };
    }
    let min = if lo < 1.0 { 0.0 } else { 1.0 };
    let max = [5.0, 7.0, 9.0, 10.0, 100.0]
        .into_iter()
        .find(|&m| hi <= m)
        .unwrap_or(hi.ceil());
    Scale { min, max }
}

fn scale_outliers_diag(name: &Text, o: &ObservedScale) -> Diagnostic {
    let (min, max) = (o.scale.min, o.scale.max);
    let ex = o.example.map(|x| x.to_string()).unwrap_or_default();
    Diagnostic::new(
        "scale_outliers",
        Severity::Warning,
        Text::new(
            format!(
                "{} answers in {} (e.g. {ex}) lie outside the detected scale {min}–{max}; they are treated as missing and listed as out of scale. If the scale is wider, set it in the structure.",
                o.outside,
                name.en
            ),
            format!(
                "{}中有 {} 个回答（如 {ex}）超出识别出的量表 {min}–{max}，按缺失处理并列为超出量表。如量表更宽，请在结构中设置。",
                name.zh,
                o.outside
            ),
        ),
    )
}

/// Detect a survey configuration from a table.
pub fn detect(table: &Table, diags: &mut Diagnostics) -> SurveyConfig {
    detect_with_missing(table, &[], diags)
}

/// [`detect`], not counting the given missing-value codes (e.g. 问卷星's -2, -3)
/// when the scale is read off the data.
pub fn detect_with_missing(
    table: &Table,
    missing: &[String],
    diags: &mut Diagnostics,
) -> SurveyConfig {
    let mut columns: Vec<Column> = Vec::with_capacity(table.width());
    let mut headers: Vec<Option<ItemHeader>> = Vec::with_capacity(table.width());
    for (c, h) in table.headers.iter().enumerate() {
        let ih = item_header(h);
        // A platform's question text (Qualtrics row 2) names the role when the
        // header is only a code such as "Q3".
        let label = table.labels.get(c).filter(|l| !l.is_empty());
        let keyword = keyword_role(h).or_else(|| label.and_then(|l| keyword_role(l)));
        let col = match (&ih, keyword) {
            (Some(ih), _) => Column::new(
                h,
                match ih.side {
                    Side::E => Role::Expectation,
                    Side::P => Role::Perception,
                    Side::I => Role::Importance,
                },
            ),
            (None, Some((role, dim))) => {
                let mut c = Column::new(h, role);
                c.dimension = dim.map(str::to_string);
                c
            }
            (None, None) => Column::new(h, Role::Ignore),
        };
        columns.push(col);
        headers.push(ih);
    }

    // Question-text headers (survey platforms): claimed after the short codes.
    let taken: Vec<bool> = headers.iter().map(Option::is_some).collect();
    let short_ids: Vec<String> = headers
        .iter()
        .flatten()
        .map(|ih| match ih.dimension {
            Some(d) => format!("{}{}", dim_code(d), ih.number),
            None => format!("Q{}", ih.number),
        })
        .collect();
    let question_items =
        crate::input::question::assign(table, &mut columns, &taken, &short_ids, diags);

    // Item ids: the dimension code (if the header had one) plus the number.
    let any_dim = headers.iter().flatten().any(|h| h.dimension.is_some());
    let all_standard = headers
        .iter()
        .flatten()
        .all(|h| (1..=22).contains(&h.number));
    let mut items: Vec<(String, &'static str, usize, usize)> = Vec::new(); // id, dim, dim order, number
    for (col, ih) in columns.iter_mut().zip(&headers) {
        let Some(ih) = ih else { continue };
        let dim = match ih.dimension {
            Some(d) => Some(d),
            None if !any_dim && all_standard => config::servqual_dimension_of(ih.number),
            None => None,
        };
        let dim = dim.unwrap_or("other");
        let id = match ih.dimension {
            Some(d) => format!("{}{}", dim_code(d), ih.number),
            None => format!("Q{}", ih.number),
        };
        col.item = Some(id.clone());
        if !items.iter().any(|i| i.0 == id) {
            let order = config::SERVQUAL_DIMENSIONS
                .iter()
                .position(|d| d.0 == dim)
                .unwrap_or(usize::MAX);
            items.push((id, dim, order, ih.number));
        }
    }
    crate::order::sort_by_key(&mut items, |a| (a.2, a.3));
    let mut labels: std::collections::HashMap<String, String> = Default::default();
    for (n, qi) in question_items.into_iter().enumerate() {
        let order = config::SERVQUAL_DIMENSIONS
            .iter()
            .position(|d| d.0 == qi.dimension)
            .unwrap_or(usize::MAX);
        labels.insert(qi.id.clone(), qi.label);
        items.push((qi.id, qi.dimension, order, 1000 + n));
    }

    let mut dimensions: Vec<Dimension> = config::servqual_dimensions()
        .into_iter()
        .filter(|d| items.iter().any(|i| i.1 == d.id))
        .collect();
    if items.iter().any(|i| i.1 == "other") {
        dimensions.push(Dimension {
            id: "other".into(),
            label: Some(Text::new("Other", "其他")),
        });
        diags.push(Diagnostic::new(
            "dimension_unknown",
            Severity::Info,
            Text::new(
                "Some items could not be placed in a dimension and were put under \"Other\"; set their dimension in the structure.",
                "部分题项无法判断所属维度，已归入“其他”；请在结构中指定其维度。",
            ),
        ));
    } else if !items.is_empty() && !any_dim {
        diags.push(Diagnostic::new(
            "dimension_standard",
            Severity::Info,
            Text::new(
                "Items were assigned to the five SERVQUAL dimensions by their number (PZB 1988: 1–4 tangibles, 5–9 reliability, 10–13 responsiveness, 14–17 assurance, 18–22 empathy).",
                "已按题号将题项归入 SERVQUAL 五个维度（PZB 1988：1–4 有形性，5–9 可靠性，10–13 响应性，14–17 保证性，18–22 移情性）。",
            ),
        ));
    }

    // Scales: one for the items, per-column ones where a column differs.
    let item_cols: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.role, Role::Expectation | Role::Perception))
        .map(|(i, _)| i)
        .collect();
    let observed = observed_scale(table, &item_cols, missing);
    if let Some(o) = observed.as_ref().filter(|o| o.outside > 0) {
        diags.push(scale_outliers_diag(
            &Text::new("the item columns", "题项列"),
            o,
        ));
    }
    let scale = observed.map(|o| o.scale).unwrap_or_default();
    for (i, col) in columns.iter_mut().enumerate() {
        match col.role {
            Role::Recommend => col.scale = Some(Scale::ZERO_TEN),
            Role::Overall | Role::Effort | Role::Importance => {
                if let Some(o) = observed_scale(table, &[i], missing) {
                    if o.outside > 0 {
                        let name = Text::new(
                            format!("column \"{}\"", col.name),
                            format!("列“{}”", col.name),
                        );
                        diags.push(scale_outliers_diag(&name, &o).at_column(i + 1, &col.name));
                    }
                    if o.scale != scale {
                        col.scale = Some(o.scale);
                    }
                }
            }
            _ => {}
        }
    }

    let has_allocation = dimensions.iter().all(|d| {
        columns
            .iter()
            .any(|c| c.role == Role::Allocation && c.dimension.as_deref() == Some(d.id.as_str()))
    }) && !dimensions.is_empty();

    let n_e = columns
        .iter()
        .filter(|c| c.role == Role::Expectation)
        .count();
    let n_p = columns
        .iter()
        .filter(|c| c.role == Role::Perception)
        .count();
    // With no header there is nothing detected worth announcing; the parse error says it all.
    if !table.headers.is_empty() {
        diags.push(Diagnostic::new(
        "detected",
        Severity::Info,
        Text::new(
            format!(
                "Detected {} items ({n_e} expectation and {n_p} perception columns) in {} dimensions, scale {}–{}.",
                items.len(),
                dimensions.len(),
                scale.min,
                scale.max
            ),
            format!(
                "识别到 {} 个题项（期望列 {n_e} 个，感知列 {n_p} 个），{} 个维度，量表 {}–{}。",
                items.len(),
                dimensions.len(),
                scale.min,
                scale.max
            ),
        ),
    ));
    }

    SurveyConfig {
        version: 1,
        scale,
        dimensions,
        items: items
            .into_iter()
            .map(|(id, dim, _, _)| Item {
                label: labels.get(&id).map(|l| Text::new(l.clone(), l.clone())),
                id,
                dimension: dim.to_string(),
            })
            .collect(),
        columns,
        weighting: if has_allocation {
            Weighting::Allocation
        } else {
            Weighting::Equal
        },
        min_items: None,
        missing_codes: missing.to_vec(),
        alpha: 0.05,
        analyses: Default::default(),
        labels: Vec::new(),
        waves: None,
        exclude: Default::default(),
        quality: Default::default(),
    }
}

fn dim_code(id: &str) -> &'static str {
    match id {
        "tangibles" => "T",
        "reliability" => "R",
        "responsiveness" => "RS",
        "assurance" => "A",
        "empathy" => "EM",
        _ => "Q",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ih(side: Side, number: usize, dimension: Option<&'static str>) -> Option<ItemHeader> {
        Some(ItemHeader {
            side,
            number,
            dimension,
        })
    }

    #[test]
    fn item_header_conventions() {
        assert_eq!(item_header("E1"), ih(Side::E, 1, None));
        assert_eq!(item_header("P22"), ih(Side::P, 22, None));
        assert_eq!(item_header("e07"), ih(Side::E, 7, None));
        assert_eq!(item_header("E_R1"), ih(Side::E, 1, Some("reliability")));
        assert_eq!(item_header("P_T3"), ih(Side::P, 3, Some("tangibles")));
        assert_eq!(item_header("Q1_E"), ih(Side::E, 1, None));
        assert_eq!(item_header("Q12_P"), ih(Side::P, 12, None));
        assert_eq!(item_header("q3e"), ih(Side::E, 3, None));
        assert_eq!(item_header("exp_4"), ih(Side::E, 4, None));
        assert_eq!(item_header("perc_4"), ih(Side::P, 4, None));
        assert_eq!(item_header("期望1"), ih(Side::E, 1, None));
        assert_eq!(item_header("感知1"), ih(Side::P, 1, None));
        assert_eq!(item_header("期望值5"), ih(Side::E, 5, None));
        assert_eq!(item_header("实际感受5"), ih(Side::P, 5, None));
        assert_eq!(
            item_header("有形性_期望2"),
            ih(Side::E, 2, Some("tangibles"))
        );
        assert_eq!(
            item_header("可靠性感知3"),
            ih(Side::P, 3, Some("reliability"))
        );
        assert_eq!(item_header("Importance 2"), ih(Side::I, 2, None));
        assert_eq!(item_header("Page1"), None);
        assert_eq!(item_header("Q1"), None);
        assert_eq!(item_header("E1_P1"), None);
        assert_eq!(item_header("branch"), None);
    }

    #[test]
    fn keyword_roles() {
        assert_eq!(
            keyword_role("Overall satisfaction"),
            Some((Role::Overall, None))
        );
        assert_eq!(keyword_role("总体满意度"), Some((Role::Overall, None)));
        assert_eq!(
            keyword_role("Recommend (0-10)"),
            Some((Role::Recommend, None))
        );
        assert_eq!(keyword_role("网点"), Some((Role::Segment, None)));
        assert_eq!(keyword_role("branch"), Some((Role::Segment, None)));
        assert_eq!(keyword_role("wave"), Some((Role::Wave, None)));
        assert_eq!(keyword_role("id"), Some((Role::Id, None)));
        assert_eq!(
            keyword_role("points_reliability"),
            Some((Role::Allocation, Some("reliability")))
        );
        assert_eq!(
            keyword_role("分配_有形性"),
            Some((Role::Allocation, Some("tangibles")))
        );
    }

    #[test]
    fn detects_standard_22_items() {
        let mut headers = vec!["id".to_string()];
        for p in ["E", "P"] {
            for i in 1..=22 {
                headers.push(format!("{p}{i}"));
            }
        }
        let row: Vec<String> = std::iter::once("1".to_string())
            .chain((0..44).map(|i| (1 + i % 7).to_string()))
            .collect();
        let t = Table::from_rows(headers, vec![row]);
        let mut d = Diagnostics::default();
        let c = detect(&t, &mut d);
        assert_eq!(c.items.len(), 22);
        assert_eq!(c.dimensions.len(), 5);
        assert_eq!(c.scale, Scale::LIKERT7);
        let dim = |id: &str| c.dimension_of(id).unwrap_or("").to_string();
        assert_eq!(dim("Q4"), "tangibles");
        assert_eq!(dim("Q5"), "reliability");
        assert_eq!(dim("Q13"), "responsiveness");
        assert_eq!(dim("Q14"), "assurance");
        assert_eq!(dim("Q22"), "empathy");
        assert_eq!(c.columns[0].role, Role::Id);
    }
}
