//! Detecting the survey structure from headers and values.
//!
//! Understands the usual header conventions for expectation / perception items
//! (`E1`/`P1`, `E_R1`/`P_R1`, `Q1_E`/`Q1_P`, `exp_1`/`perc_1`, `期望1`/`感知1`,
//! `期望值1`/`实际感受1`, `有形性_期望1` …) and keyword columns (overall
//! satisfaction, recommend, branch, wave, id …). What it cannot decide it leaves
//! as `ignore` and says so; the user corrects it in the page or the config JSON.

use crate::common::diag::{Change, Diagnostic, Diagnostics, Severity, Text};
use crate::input::table::Table;
use crate::input::value::{self, Cell};
use crate::model::config::{self, Column, Dimension, Item, Role, Scale, SurveyConfig, Weighting};

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
/// (Not inlined into its two callers: one copy in the wasm module.)
#[inline(never)]
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

/// Where a statement header's code ends: `E1. The bank has modern equipment`,
/// `E1 modern equipment`, `E1: …`, `E1 - …`, `期望1．…` — a side and one item
/// number, then a separator and the statement. Returns the item and the
/// statement (the item's wording).
fn statement_header(header: &str) -> Option<(ItemHeader, String)> {
    const SEPARATORS: &str = " .．:：-–—、)）\t";
    let h = header.trim();
    let first_digit = h.find(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))?;
    for (at, c) in h.char_indices().filter(|&(i, _)| i > first_digit) {
        if !SEPARATORS.contains(c) {
            continue;
        }
        let rest =
            h[at..].trim_start_matches(|c: char| SEPARATORS.contains(c) || c.is_whitespace());
        if !rest.chars().any(char::is_alphabetic) {
            return None;
        }
        return item_header(&h[..at]).map(|ih| (ih, rest.to_string()));
    }
    None
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
/// At most this many cells are sampled, so a 16 384-column table is not read
/// 5000 rows deep (memory stays small whatever the width).
const SAMPLE_CELLS: usize = 1_000_000;
/// Stray answers named in the message.
const SHOWN_STRAYS: usize = 3;

/// A scale read off the answers, and the answers it leaves out.
struct ObservedScale {
    scale: Scale,
    /// The smallest usual scale that covers every sampled answer: what the scale
    /// would be if no answer were set aside as a stray.
    covering: Scale,
    /// Sampled answers outside `scale` (they are reported as out of scale).
    outside: usize,
    /// The first of them: line, column (1-based), header, value.
    examples: Vec<(usize, usize, String, f64)>,
}

/// The usual scale that the bulk of the sampled answers of `cols` fit.
///
/// A few stray answers must not widen the scale (two 0s and two 100s in a 1–5
/// survey, a `1e308`): when at least 95% of the answers are whole numbers from
/// 0 to 10, the scale is read off those (a Likert or 0–10 scale); answers outside
/// it are strays. Among them, a 0 under a short scale (largest answer ≤ 7) given
/// by at most 2% is a slip or a "no answer" code rather than a 0–5 scale, and
/// 6s and 7s from under 1% of the answers over a 1–5 bulk are slips too.
/// Otherwise (decimals, 0–100 scales) the scale runs from the smallest answer
/// (or, with negative ones, the 0.5% quantile) to the smallest usual maximum
/// that all but a few answers (1%, at least two, under 5%) stay under. Whenever this leaves answers out, `covering` differs from `scale`
/// and detection says so as a warning the user confirms or corrects.
fn observed_scale(table: &Table, cols: &[usize], missing: &[String]) -> Option<ObservedScale> {
    let rows = table
        .rows()
        .min(SAMPLE_ROWS)
        .min((SAMPLE_CELLS / cols.len().max(1)).max(100));
    let mut values = Vec::new();
    for &c in cols {
        for cell in table.column_cells(c).take(rows) {
            if let Cell::Number(x) = value::read(cell, missing) {
                values.push(x);
            }
        }
    }
    if values.is_empty() {
        return None;
    }
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
            (lo.min(x), hi.max(x))
        });
    let covering = scale_for(lo, hi);
    let likert = |x: f64| (0.0..=10.0).contains(&x) && x.fract() == 0.0;
    let n_likert = values.iter().filter(|&&x| likert(x)).count();
    let (lo, hi) = if n_likert * 20 >= values.len() * 19 {
        let mut counts = [0usize; 11];
        for &x in values.iter().filter(|&&x| likert(x)) {
            counts[x as usize] += 1;
        }
        let mut top = counts.iter().rposition(|&k| k > 0).unwrap_or(0);
        let above_five: usize = counts[6..].iter().sum();
        if (6..=7).contains(&top) && above_five * 100 < n_likert {
            top = counts[..6].iter().rposition(|&k| k > 0).unwrap_or(top);
        }
        let mut bottom = counts.iter().position(|&k| k > 0).unwrap_or(0);
        if bottom == 0 && top <= 7 && counts[0] * 50 <= n_likert {
            bottom = counts[1..].iter().position(|&k| k > 0).map_or(0, |i| i + 1);
        }
        (bottom as f64, top.max(bottom) as f64)
    } else {
        // Decimals or a 0–100 scale: everything from the smallest answer (a 0
        // is a real answer on 0–100) when none is negative, up to the smallest
        // usual maximum that all but a few answers (1%, at least two) stay under.
        let mut sorted = values.clone();
        crate::common::order::sort_f64(&mut sorted);
        let last = sorted.len() - 1;
        let at = |q: f64| sorted[((q * last as f64).round() as usize).min(last)];
        let lo = if sorted[0] >= 0.0 {
            sorted[0]
        } else {
            at(0.005)
        };
        let allowance = (values.len() / 100).max(2);
        let above = |m: f64| values.iter().filter(|&&x| x > m).count();
        let hi = [5.0, 7.0, 9.0, 10.0, 100.0]
            .into_iter()
            .find(|&m| above(m) <= allowance && above(m) * 20 < values.len())
            .unwrap_or_else(|| at(0.995));
        (lo, hi.max(lo))
    };
    let scale = scale_for(lo, hi);
    let outside = values.iter().filter(|&&x| !scale.contains(x)).count();
    let mut examples = Vec::new();
    if outside > 0 {
        'cols: for &c in cols {
            for (r, cell) in table.column_cells(c).take(rows).enumerate() {
                if let Cell::Number(x) = value::read(cell, missing) {
                    if !scale.contains(x) {
                        let name = table.headers.get(c).cloned().unwrap_or_default();
                        examples.push((table.line_of(r), c + 1, name, x));
                        if examples.len() == SHOWN_STRAYS {
                            break 'cols;
                        }
                    }
                }
            }
        }
    }
    Some(ObservedScale {
        scale,
        covering,
        outside,
        examples,
    })
}

/// The scale the bulk of the answers in `cols` fit, as detection reads it.
pub fn answer_scale(table: &Table, cols: &[usize], missing: &[String]) -> Option<Scale> {
    observed_scale(table, cols, missing).map(|o| o.scale)
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

/// The warning for a guessed scale that leaves answers out, with the two
/// choices: keep the guess (confirm it) or take the scale covering everything.
fn scale_guess_diag(name: &Text, column: Option<&str>, o: &ObservedScale) -> Diagnostic {
    let (guess, wide) = (o.scale.text(), o.covering.text());
    let shown: Vec<String> = o
        .examples
        .iter()
        .map(|(line, col, header, x)| {
            format!(
                "{} on row {line}, column {col} \"{}\"",
                crate::common::format::number(*x),
                crate::common::format::quoted(header, 40)
            )
        })
        .collect();
    let shown_zh: Vec<String> = o
        .examples
        .iter()
        .map(|(line, col, header, x)| {
            format!(
                "第 {line} 行第 {col} 列“{}”的 {}",
                crate::common::format::quoted(header, 40),
                crate::common::format::number(*x)
            )
        })
        .collect();
    let (shown, shown_zh) = (
        crate::common::format::list_with(&shown, SHOWN_STRAYS, "; "),
        crate::common::format::list_with(&shown_zh, SHOWN_STRAYS, "；"),
    );
    let cut = o.outside > o.examples.len();
    let (more, more_zh) = if cut { ("; …", "；…") } else { ("", "") };
    let answers = crate::common::format::count(o.outside, "answer", "answers");
    let scale = |s: Scale| Change::Scale {
        min: s.min,
        max: s.max,
        column: column.map(str::to_string),
    };
    Diagnostic::new(
        "scale_outliers",
        Severity::Warning,
        Text::new(
            format!(
                "The scale of {} was taken as {guess}, which the answers fit except {answers} ({shown}{more}). Those are treated as missing and listed as out of scale. If the scale really is {wide}, choose it; otherwise confirm {guess}.",
                name.en
            ),
            format!(
                "{}的量表识别为 {guess}，除 {} 个回答外均在此范围内（{shown_zh}{more_zh}）。这些回答按缺失处理并列为超出量表。如量表确为 {wide}，请选择它；否则请确认 {guess}。",
                name.zh, o.outside
            ),
        ),
    )
    .with_action(
        Text::new(format!("Keep {guess}"), format!("保留 {guess}")),
        scale(o.scale),
    )
    .with_action(
        Text::new(format!("Use {wide}"), format!("改用 {wide}")),
        scale(o.covering),
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
    // Statements written after an item code in the header: the items' wording.
    let mut wording: Vec<Option<String>> = Vec::with_capacity(table.width());
    for (c, h) in table.headers.iter().enumerate() {
        let (ih, words) = match item_header(h) {
            Some(ih) => (Some(ih), None),
            None => match statement_header(h) {
                Some((ih, w)) => (Some(ih), Some(w)),
                None => (None, None),
            },
        };
        wording.push(words);
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
        crate::model::question::assign(table, &mut columns, &taken, &short_ids, diags);

    // Item ids: the dimension code (if the header had one) plus the number.
    let any_dim = headers.iter().flatten().any(|h| h.dimension.is_some());
    let all_standard = headers
        .iter()
        .flatten()
        .all(|h| (1..=22).contains(&h.number));
    let mut items: Vec<(String, &'static str, usize, usize)> = Vec::new(); // id, dim, dim order, number
    let mut labels: crate::common::hash::Map<String, String> = Default::default();
    for ((col, ih), words) in columns.iter_mut().zip(&headers).zip(&wording) {
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
        if let Some(w) = words {
            labels.entry(id.clone()).or_insert_with(|| w.clone());
        }
        if !items.iter().any(|i| i.0 == id) {
            let order = config::SERVQUAL_DIMENSIONS
                .iter()
                .position(|d| d.0 == dim)
                .unwrap_or(usize::MAX);
            items.push((id, dim, order, ih.number));
        }
    }
    crate::common::order::sort_by_key(&mut items, |a| (a.2, a.3));
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
        diags.push(scale_guess_diag(
            &Text::new("the item columns", "题项列"),
            None,
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
                        diags.push(
                            scale_guess_diag(&name, Some(&col.name), &o)
                                .at_column(i + 1, &col.name),
                        );
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
        let f = crate::common::format::count;
        diags.push(Diagnostic::new(
            "detected",
            Severity::Info,
            Text::new(
                format!(
                    "Detected {} ({} and {}) in {}, scale {}.",
                    f(items.len(), "item", "items"),
                    f(n_e, "expectation column", "expectation columns"),
                    f(n_p, "perception column", "perception columns"),
                    f(dimensions.len(), "dimension", "dimensions"),
                    scale.text()
                ),
                format!(
                    "识别到 {} 个题项（期望列 {n_e} 个，感知列 {n_p} 个），{} 个维度，量表 {}。",
                    items.len(),
                    dimensions.len(),
                    scale.text()
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
    fn statement_headers() {
        let st = |h: &str| statement_header(h).map(|(ih, w)| (ih.side, ih.number, w));
        let words = "The bank has modern-looking equipment".to_string();
        assert_eq!(
            st("E1. The bank has modern-looking equipment"),
            Some((Side::E, 1, words.clone()))
        );
        assert_eq!(
            st("P1: The bank has modern-looking equipment"),
            Some((Side::P, 1, words.clone()))
        );
        assert_eq!(
            st("E1 - The bank has modern-looking equipment"),
            Some((Side::E, 1, words))
        );
        assert_eq!(
            st("E12 modern equipment"),
            Some((Side::E, 12, "modern equipment".into()))
        );
        assert_eq!(
            st("期望1．银行设备现代化"),
            Some((Side::E, 1, "银行设备现代化".into()))
        );
        assert_eq!(st("Q3 Overall satisfaction"), None);
        assert_eq!(st("E1 5"), None);
        assert_eq!(st("Region 2 north"), None);
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
