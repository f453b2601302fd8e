//! Binding a table to a survey configuration: numeric answers per item and
//! dimension, with every rejected cell counted and explained.
//!
//! Missing and rejected answers are stored as NaN internally; they never reach the
//! report as numbers (the statistics skip them and count n).

use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::common::hash::first_index;
use crate::input::numbers::{self, Numbers};
use crate::input::table::Table;
use crate::input::value::{self, Cell};
use crate::model::config::{Role, Scale, SurveyConfig};

/// Answers of one item.
#[derive(Debug, Clone)]
pub struct ItemData {
    pub id: String,
    /// Index into [`Survey::dimensions`]; `None` when the configuration names a
    /// dimension it does not define (reported; the item then has item results only).
    pub dimension: Option<usize>,
    pub e: Option<Vec<f64>>,
    pub p: Option<Vec<f64>>,
    pub importance: Option<Vec<f64>>,
}

#[derive(Debug, Clone)]
pub struct DimensionData {
    pub id: String,
    pub items: Vec<usize>,
    /// Each respondent's points for this dimension (100-point question).
    pub allocation: Option<Vec<f64>>,
}

/// A text column used to group respondents.
#[derive(Debug, Clone)]
pub struct Grouping {
    pub column: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Survey {
    pub n: usize,
    pub items: Vec<ItemData>,
    pub dimensions: Vec<DimensionData>,
    pub overall: Option<Vec<f64>>,
    pub recommend: Option<Vec<f64>>,
    pub effort: Option<Vec<f64>>,
    pub segments: Vec<Grouping>,
    pub wave: Option<Grouping>,
    pub ids: Option<Vec<String>>,
}

/// Reads one numeric column, turning rejects into NaN and diagnostics. `pre`:
/// the column already read (input::numbers), else its cells are read here.
fn numeric_column(
    table: &Table,
    col: usize,
    scale: Option<Scale>,
    reverse: bool,
    missing: &[String],
    pre: Option<Vec<f64>>,
    diags: &mut Diagnostics,
) -> Vec<f64> {
    let name = &table.headers[col];
    let pre = pre.filter(|v| v.len() == table.rows());
    let mut out = Vec::with_capacity(table.rows());
    for r in 0..table.rows() {
        // The text is only needed for messages; with `pre` it is not touched.
        let raw = || table.cell(r, col);
        let cell = match pre.as_ref().and_then(|v| v.get(r)) {
            Some(&x) => numbers::kind(x),
            None => value::read(raw(), missing),
        };
        let x = match cell {
            Cell::Missing => f64::NAN,
            Cell::NotNumber => {
                if diags.wants_detail("non_numeric") {
                    let raw = raw();
                    let line = table.line_of(r);
                    diags.push(Diagnostic::non_numeric(line, col + 1, name, raw));
                } else {
                    diags.bump("non_numeric");
                }
                f64::NAN
            }
            Cell::Number(x) => match scale {
                Some(s) if !s.contains(x) => {
                    if diags.wants_detail("out_of_scale") {
                        let raw = raw();
                        let line = table.line_of(r);
                        diags.push(
                            Diagnostic::new(
                                "out_of_scale",
                                Severity::Warning,
                                Text::new(
                                    format!(
                                        "Row {line}, column {} \"{}\": {} is outside the scale {}; treated as missing.",
                                        col + 1, crate::common::format::quoted(name, 60), crate::common::format::quoted(raw, 24), s.text()
                                    ),
                                    format!(
                                        "第 {line} 行第 {} 列“{}”：{} 超出量表范围 {}，按缺失处理。",
                                        col + 1, crate::common::format::quoted(name, 60), crate::common::format::quoted(raw, 24), s.text()
                                    ),
                                ),
                            )
                            .at_row(line)
                            .at_column(col + 1, name)
                            .with_value(raw),
                        );
                    } else {
                        diags.bump("out_of_scale");
                    }
                    f64::NAN
                }
                Some(s) if reverse => s.min + s.max - x,
                _ => x,
            },
        };
        out.push(x);
    }
    out
}

fn text_column(table: &Table, col: usize) -> Vec<String> {
    (0..table.rows())
        .map(|r| table.cell(r, col).to_string())
        .collect()
}

/// Bind the table to the configuration.
pub fn build(table: &Table, config: &SurveyConfig, diags: &mut Diagnostics) -> Survey {
    build_with(table, config, None, diags)
}

/// [`build`], taking over the answer columns already read into `numbers`
/// (when they were read from this table with the configuration's missing codes).
pub fn build_with(
    table: &Table,
    config: &SurveyConfig,
    numbers: Option<&mut Numbers>,
    diags: &mut Diagnostics,
) -> Survey {
    let mut numbers = numbers.filter(|n| n.fits(table.rows(), &config.missing_codes));
    let mut pre = |col: usize| numbers.as_mut().and_then(|n| n.take(col));
    // Ids → positions through maps: a configuration of 30 000 items or
    // dimensions must cost linear time, not items × dimensions compares.
    let dim_index = first_index(config.dimensions.iter().map(|d| d.id.as_str()));
    let item_index = first_index(config.items.iter().map(|i| i.id.as_str()));
    let mut survey = Survey {
        n: table.rows(),
        items: config
            .items
            .iter()
            .map(|it| ItemData {
                id: it.id.clone(),
                dimension: dim_index.get(it.dimension.as_str()).copied(),
                e: None,
                p: None,
                importance: None,
            })
            .collect(),
        dimensions: config
            .dimensions
            .iter()
            .map(|d| DimensionData {
                id: d.id.clone(),
                items: Vec::new(),
                allocation: None,
            })
            .collect(),
        overall: None,
        recommend: None,
        effort: None,
        segments: Vec::new(),
        wave: None,
        ids: None,
    };
    for (i, item) in survey.items.iter().enumerate() {
        match item.dimension.and_then(|d| survey.dimensions.get_mut(d)) {
            Some(d) => d.items.push(i),
            None => diags.push(Diagnostic::new(
                "dimension_not_defined",
                Severity::Warning,
                Text::new(
                    format!(
                        "Item {} names a dimension that is not defined; it counts in no dimension score.",
                        item.id
                    ),
                    format!("题项 {} 所属的维度未定义；不计入任何维度得分。", item.id),
                ),
            )),
        }
    }
    let missing = &config.missing_codes;
    // Header → column through a map, so very wide tables stay linear.
    let index = first_index(table.headers.iter().map(String::as_str));
    for spec in &config.columns {
        let Some(col) = index.get(spec.name.as_str()).copied() else {
            if spec.role != Role::Ignore {
                diags.push(Diagnostic::new(
                    "column_not_found",
                    Severity::Warning,
                    Text::new(
                        format!(
                            "The structure names column \"{}\", which is not in the data.",
                            spec.name
                        ),
                        format!("结构中的列“{}”在数据中不存在。", spec.name),
                    ),
                ));
            }
            continue;
        };
        let scale = spec.scale.unwrap_or(config.scale);
        match spec.role {
            Role::Expectation | Role::Perception | Role::Importance => {
                let Some(idx) = spec
                    .item
                    .as_ref()
                    .and_then(|id| item_index.get(id.as_str()).copied())
                else {
                    diags.push(
                        Diagnostic::new(
                            "item_not_defined",
                            Severity::Warning,
                            Text::new(
                                format!("Column \"{}\" has no item defined in the structure; it is ignored.", spec.name),
                                format!("列“{}”没有对应结构中的题项，已忽略。", spec.name),
                            ),
                        )
                        .at_column(col + 1, &spec.name),
                    );
                    continue;
                };
                let values = numeric_column(
                    table,
                    col,
                    Some(scale),
                    spec.reverse,
                    missing,
                    pre(col),
                    diags,
                );
                let item = &mut survey.items[idx];
                let slot = match spec.role {
                    Role::Expectation => &mut item.e,
                    Role::Perception => &mut item.p,
                    _ => &mut item.importance,
                };
                if slot.is_some() {
                    diags.push(
                        Diagnostic::new(
                            "item_column_repeated",
                            Severity::Warning,
                            Text::new(
                                format!("Item {} has more than one column of this kind; \"{}\" is ignored.", item.id, spec.name),
                                format!("题项 {} 有多个同类列；“{}”已忽略。", item.id, spec.name),
                            ),
                        )
                        .at_column(col + 1, &spec.name),
                    );
                } else {
                    *slot = Some(values);
                }
            }
            Role::Allocation => {
                let dim = spec
                    .dimension
                    .as_ref()
                    .and_then(|d| dim_index.get(d.as_str()).copied());
                let points = Scale {
                    min: 0.0,
                    max: 100.0,
                };
                let values = numeric_column(
                    table,
                    col,
                    Some(spec.scale.unwrap_or(points)),
                    false,
                    missing,
                    pre(col),
                    diags,
                );
                match dim.and_then(|d| survey.dimensions.get_mut(d)) {
                    Some(d) => d.allocation = Some(values),
                    None => diags.push(
                        Diagnostic::new(
                            "allocation_dimension_unknown",
                            Severity::Warning,
                            Text::new(
                                format!(
                                    "Allocation column \"{}\" names no dimension of this survey; it is ignored.",
                                    spec.name
                                ),
                                format!("点数分配列“{}”未对应本问卷的任何维度，已忽略。", spec.name),
                            ),
                        )
                        .at_column(col + 1, &spec.name),
                    ),
                }
            }
            Role::Overall => {
                survey.overall = Some(numeric_column(
                    table,
                    col,
                    Some(scale),
                    spec.reverse,
                    missing,
                    pre(col),
                    diags,
                ))
            }
            Role::Recommend => {
                let s = spec.scale.unwrap_or(Scale::ZERO_TEN);
                survey.recommend = Some(numeric_column(
                    table,
                    col,
                    Some(s),
                    false,
                    missing,
                    pre(col),
                    diags,
                ))
            }
            Role::Effort => {
                survey.effort = Some(numeric_column(
                    table,
                    col,
                    Some(scale),
                    false,
                    missing,
                    pre(col),
                    diags,
                ))
            }
            Role::Segment => survey.segments.push(Grouping {
                column: spec.name.clone(),
                values: text_column(table, col),
            }),
            Role::Wave => {
                survey.wave = Some(Grouping {
                    column: spec.name.clone(),
                    values: text_column(table, col),
                })
            }
            Role::Id => survey.ids = Some(text_column(table, col)),
            Role::Duration | Role::Text | Role::Ignore => {}
        }
    }
    // A perception-only (SERVPERF) survey: one note, not a warning per item.
    let servperf =
        survey.items.iter().all(|i| i.e.is_none()) && survey.items.iter().any(|i| i.p.is_some());
    if servperf {
        diags.push(Diagnostic::new(
            "perceptions_only",
            Severity::Info,
            Text::new(
                "The survey has perception items only (SERVPERF): there are no gaps, and the scores are the perception means.",
                "问卷只有感知题（SERVPERF）：没有差距得分，得分为感知均值。",
            ),
        ));
    }
    for item in survey.items.iter().filter(|_| !servperf) {
        if item.e.is_none() || item.p.is_none() {
            let missing_side = if item.e.is_none() {
                ("expectation", "期望")
            } else {
                ("perception", "感知")
            };
            diags.push(Diagnostic::new(
                "item_incomplete",
                Severity::Warning,
                Text::new(
                    format!(
                        "Item {} has no {} column, so it has no gap.",
                        item.id, missing_side.0
                    ),
                    format!("题项 {} 缺少{}列，无法计算差距。", item.id, missing_side.1),
                ),
            ));
        }
    }
    survey
}
