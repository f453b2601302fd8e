//! How well the structure fits the data it is applied to, said before any
//! number is trusted: columns of the data the structure does not cover (a
//! survey.json saved for other data leaves them out in silence otherwise), a
//! structure whose item columns are mostly absent, a scale the answers overrun,
//! and — when nothing at all can be analysed — why, and what to do.

use crate::common::diag::{Change, Diagnostic, Diagnostics, Severity, Text};
use crate::common::format::{count, list, quoted};
use crate::common::hash::Set as HashSet;
use crate::input::table::Table;
use crate::model::config::{Role, SurveyConfig};
use crate::model::survey::Survey;
use crate::quality::Quality;

/// Headers named in messages.
const SHOWN: usize = 8;

fn names<'a>(headers: impl IntoIterator<Item = &'a String>) -> (String, String) {
    let h: Vec<&String> = headers.into_iter().collect();
    (
        list(
            &h.iter()
                .take(SHOWN + 1)
                .map(|s| format!("\"{}\"", quoted(s, 40)))
                .collect::<Vec<_>>(),
            SHOWN,
        ),
        list(
            &h.iter()
                .take(SHOWN + 1)
                .map(|s| format!("“{}”", quoted(s, 40)))
                .collect::<Vec<_>>(),
            SHOWN,
        ),
    )
}

fn is_item(role: Role) -> bool {
    matches!(
        role,
        Role::Expectation | Role::Perception | Role::Importance
    )
}

/// A given structure (not a detected one) against the table's headers.
pub fn structure(table: &Table, config: &SurveyConfig, diags: &mut Diagnostics) {
    let named: HashSet<&str> = config.columns.iter().map(|c| c.name.as_str()).collect();
    let unused: Vec<&String> = table
        .headers
        .iter()
        .filter(|h| !named.contains(h.as_str()))
        .collect();
    if !unused.is_empty() {
        let (en, zh) = names(unused.iter().copied());
        let n = unused.len();
        diags.push(Diagnostic::new(
            "columns_not_in_structure",
            Severity::Warning,
            Text::new(
                format!("{} of the data {} not in the structure, so {} not analysed: {en}. If these are new columns, add them in Edit columns, or detect the structure again for this data.", count(n, "column", "columns"), if n == 1 { "is" } else { "are" }, if n == 1 { "it is" } else { "they are" }),
                format!("数据中有 {n} 列不在结构中，因此未被分析：{zh}。如为新增列，请在“编辑列”中添加，或对这份数据重新识别结构。"),
            ),
        ));
    }
    let present: HashSet<&str> = table.headers.iter().map(String::as_str).collect();
    let items: Vec<&str> = config
        .columns
        .iter()
        .filter(|c| is_item(c.role))
        .map(|c| c.name.as_str())
        .collect();
    let found = items.iter().filter(|n| present.contains(*n)).count();
    if !items.is_empty() && found * 2 < items.len() {
        diags.push(Diagnostic::new(
            "structure_does_not_fit",
            Severity::Warning,
            Text::new(
                format!("The structure does not fit this data: only {found} of its {} item columns are in the table. It was probably made for other data; detect the structure again, or load the survey.json that belongs to this file.", items.len()),
                format!("结构与这份数据不符：其 {} 个题项列中只有 {found} 个在表中。该结构可能是为其他数据制作的；请重新识别结构，或载入与此文件对应的 survey.json。", items.len()),
            ),
        ));
    }
}

/// A given structure's scale that many item answers lie outside: the data
/// were probably collected on another scale (answers 6 and 7 under a 1–5
/// structure). One warning, with the scale the answers fit as the fix.
pub fn scale(table: &Table, config: &SurveyConfig, quality: &Quality, diags: &mut Diagnostics) {
    let item_cols: Vec<usize> = quality
        .columns
        .iter()
        .filter(|c| matches!(c.role, Role::Expectation | Role::Perception))
        .map(|c| c.column - 1)
        .collect();
    let (outside, answered): (usize, usize) = quality
        .columns
        .iter()
        .filter(|c| matches!(c.role, Role::Expectation | Role::Perception))
        .fold((0, 0), |(o, a), c| {
            (o + c.out_of_scale, a + c.answered + c.out_of_scale)
        });
    if outside == 0 || outside * 100 < answered {
        return;
    }
    let Some(fits) = crate::model::detect::answer_scale(table, &item_cols, &config.missing_codes)
    else {
        return;
    };
    if fits == config.scale {
        return;
    }
    let (given, seen) = (config.scale.text(), fits.text());
    let share = crate::common::format::number(
        (outside as f64 / answered.max(1) as f64 * 1000.0).round() / 10.0,
    );
    diags.push(
        Diagnostic::new(
            "scale_does_not_fit",
            Severity::Warning,
            Text::new(
                format!("{} ({share}%) of the item columns lie outside the structure's scale {given}; they are treated as missing. The answers fit {seen}: if that is the scale of this survey, use it.", count(outside, "answer", "answers")),
                format!("题项列中有 {outside} 个回答（{share}%）超出结构的量表 {given}，按缺失处理。这些回答符合 {seen}：如这是本问卷的量表，请改用它。"),
            ),
        )
        .with_action(
            Text::new(format!("Use {seen}"), format!("改用 {seen}")),
            Change::Scale { min: fits.min, max: fits.max, column: None },
        )
        .with_action(
            Text::new(format!("Keep {given}"), format!("保留 {given}")),
            Change::Scale { min: config.scale.min, max: config.scale.max, column: None },
        ),
    );
}

/// When no item has answers: why, and what to do. An error when nothing else
/// (overall, recommend, effort) can be analysed either — the CLI then exits 1.
pub fn nothing(table: &Table, survey: &Survey, detected: bool, diags: &mut Diagnostics) {
    if table.headers.is_empty() || diags.has_errors() {
        return;
    }
    let items = survey.items.iter().any(|i| i.e.is_some() || i.p.is_some());
    if items {
        return;
    }
    let other = survey.overall.is_some() || survey.recommend.is_some() || survey.effort.is_some();
    let severity = if other {
        Severity::Warning
    } else {
        Severity::Error
    };
    let (en, zh) = names(table.headers.iter());
    let w = table.width();
    let (why_en, why_zh) = if detected {
        (
            format!("None of the {} (headers {en}) was recognised as an expectation or perception item: item headers give a side and a number (E1 and P1, Q1_E, exp_1, 期望1 and 感知1, \"E1. The bank has modern equipment\"), or a platform export's question text.", count(w, "column", "columns")),
            format!("{w} 列（表头 {zh}）中没有一列被识别为期望或感知题项：题项表头需注明方面与题号（E1 与 P1、Q1_E、exp_1、期望1 与 感知1、“E1. 银行设备现代化”），或为问卷平台导出的题目文字。"),
        )
    } else {
        (
            "None of the structure's item columns is in the data: the structure belongs to another file.".to_string(),
            "结构中的题项列都不在数据中：该结构属于另一个文件。".to_string(),
        )
    };
    diags.push(Diagnostic::new(
        "nothing_to_analyse",
        severity,
        Text::new(
            format!("No item could be analysed. {why_en} Rename the headers, or set each column's role in Edit columns."),
            format!("没有可分析的题项。{why_zh}请重命名表头，或在“编辑列”中设置各列的角色。"),
        ),
    ));
}
