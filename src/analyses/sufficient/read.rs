//! The report from a table of sufficient statistics (the result of
//! [`super::sql::query`], saved as CSV): the gap analysis through the same
//! assembly as from answers (`servqual::assemble`), and reliability through
//! the same formulas (`reliability::from_moments`).

use super::{item_var, stat_name, Layout, Side, ANALYSED, GROUP, ROWS, SCOPE};
use crate::analyses::reliability::{self, ItemMoments, Reliability, ScaleMoments};
use crate::analyses::servqual::{self, Analysis, DimensionShape, GapMoments};
use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::input::table::Table;
use crate::methods::indicator_sums::IndicatorSums;
use crate::methods::indicators::Direction;
use crate::methods::weights::Objective;
use crate::methods::MethodError;
use crate::model::config::SurveyConfig;
use crate::stats::moments::Moments;

/// What the statistics give: the gap analysis, the reliability section and,
/// from a query's per-group rows, the comparisons.
pub struct FromSummaries {
    pub analysis: Analysis,
    pub reliability: Option<Reliability>,
    pub comparisons: Option<crate::analyses::compare::Comparisons>,
    pub fuzzy: Option<crate::methods::survey_fuzzy::FuzzySection>,
    pub metrics: Option<crate::analyses::metrics::Metrics>,
    pub ipa: Option<crate::analyses::ipa::Ipa>,
    pub drivers: Option<crate::analyses::drivers::Drivers>,
}

/// At most this many absent statistics are named in the error.
const NAMED: usize = 8;

/// Statistics by name, as computed in one pass ([`super::accumulate`]).
pub type Values = crate::common::hash::Map<String, Option<f64>>;

/// Where the statistics come from: a row of the query's result table, or
/// values computed here.
enum Source<'a> {
    Table {
        table: &'a Table,
        row: usize,
        index: &'a crate::common::hash::Map<&'a str, usize>,
    },
    Values(&'a Values),
}

/// The statistics looked up by name, remembering what was wrong with them.
struct Row<'a> {
    source: Source<'a>,
    absent: Vec<String>,
    /// A mean or variance that is empty although its count says it exists.
    empty: Vec<String>,
    unreadable: Vec<(usize, String)>,
}

impl<'a> Row<'a> {
    fn new(source: Source<'a>) -> Row<'a> {
        Row {
            source,
            absent: Vec::new(),
            empty: Vec::new(),
            unreadable: Vec::new(),
        }
    }

    fn has(&self, name: &str) -> bool {
        match &self.source {
            Source::Table { index, .. } => index.contains_key(name),
            Source::Values(v) => v.contains_key(name),
        }
    }

    fn column(&self, name: &str) -> Option<usize> {
        match &self.source {
            Source::Table { index, .. } => index.get(name).copied(),
            Source::Values(_) => None,
        }
    }

    fn value(&mut self, name: &str) -> Option<f64> {
        let (table, row, c) = match &self.source {
            Source::Values(v) => {
                let found = v.get(name).copied();
                if found.is_none() {
                    self.absent.push(name.to_string());
                }
                return found.flatten();
            }
            Source::Table { table, row, index } => match index.get(name) {
                Some(&c) => (*table, *row, c),
                None => {
                    self.absent.push(name.to_string());
                    return None;
                }
            },
        };
        let raw = table.cell(row, c).trim();
        // SQL NULL: empty in CSV; some exports write NULL or NaN.
        if raw.is_empty() || raw.eq_ignore_ascii_case("null") || raw.eq_ignore_ascii_case("nan") {
            return None;
        }
        match raw.parse::<f64>() {
            Ok(x) if x.is_finite() => Some(x),
            _ => {
                self.unreadable.push((c, raw.to_string()));
                None
            }
        }
    }

    /// A statistic the result may lack: `None` when it has no such column.
    fn get(&mut self, name: &str) -> Option<Option<f64>> {
        self.has(name).then(|| self.value(name))
    }

    fn count(&mut self, name: &str) -> u64 {
        match self.value(name) {
            Some(x) if x >= 0.0 && x.fract() == 0.0 && x < 9.0e15 => x as u64,
            Some(x) => {
                if let Some(c) = self.column(name) {
                    self.unreadable.push((c, x.to_string()));
                }
                0
            }
            None => 0,
        }
    }

    fn moments(&mut self, var: &str) -> Moments {
        let n = self.count(&stat_name("n", var));
        let (mean_name, var_name) = (stat_name("mean", var), stat_name("var", var));
        let mean = self.value(&mean_name);
        let v = self.value(&var_name);
        // SQL leaves AVG empty only for n = 0 and VAR_SAMP only for n < 2:
        // anything else is a damaged result, not a zero.
        if n >= 1 && mean.is_none() && self.has(&mean_name) {
            self.empty.push(mean_name);
        }
        if n >= 2 && v.is_none() && self.has(&var_name) {
            self.empty.push(var_name);
        }
        Moments::from_sql(n, mean, v)
    }
}

/// The row of the whole table: the one whose scope is empty (or the first).
fn whole_table_row(table: &Table) -> Option<usize> {
    let scope = table.headers.iter().position(|h| h == SCOPE);
    let group = table.headers.iter().position(|h| h == GROUP);
    (0..table.rows()).find(|&r| {
        scope.is_none_or(|c| table.cell(r, c).is_empty())
            && group.is_none_or(|c| table.cell(r, c).is_empty())
    })
}

/// Whether a table looks like the query's result (it has its `rows` and
/// `analysed` columns and the statistics' `n:` names).
pub fn is_summaries(table: &Table) -> bool {
    let has = |n: &str| table.headers.iter().any(|h| h == n);
    has(ROWS) && has(ANALYSED) && table.headers.iter().any(|h| h.starts_with("n:"))
}

/// The report's sections from the query's result table.
pub fn analyse(
    table: &Table,
    config: &SurveyConfig,
    diags: &mut Diagnostics,
) -> Option<FromSummaries> {
    let Some(row) = whole_table_row(table) else {
        diags.push(Diagnostic::new(
            "summaries_empty",
            Severity::Error,
            Text::new(
                "The summaries table has no row for the whole table (scope and group empty).",
                "汇总统计表中没有整表的行（scope 与 group 为空）。",
            ),
        ));
        return None;
    };
    let index = crate::common::hash::first_index(table.headers.iter().map(String::as_str));
    let layout = Layout::new(config);
    let source = Source::Table {
        table,
        row,
        index: &index,
    };
    // A warehouse table has the columns the structure names.
    let columns: Vec<String> = config.columns.iter().map(|c| c.name.clone()).collect();
    let mut found = from_row(Row::new(source), &layout, &columns, None, diags)?;
    found.comparisons = groups_from_table(table, &index, &layout);
    found.analysis.overall.notes.push(Text::new(
        "Computed from sufficient statistics (counts, means, variances and covariances from `gapscope sql`), not from the answers: the gap analysis, reliability, fuzzy evaluation, IPA, drivers, customer metrics and the comparisons of segments and waves (groups in the natural order of their values) are as from the answers; data-quality checks, exclusions and entropy or CRITIC weights, which need each respondent's scores, are not available.",
        "基于充分统计量（`gapscope sql` 计算的计数、均值、方差和协方差）而非原始答卷：差距分析、信度、模糊综合评价、IPA、驱动因素、客户指标以及分段与波次比较（各组按取值的自然顺序排列）与基于答卷的结果相同；数据质量检查、剔除规则以及需要每位受访者得分的熵权与 CRITIC 权重不可用。",
    ));

    let n = found.analysis.respondents.total;
    diags.push(Diagnostic::new(
        "summaries_mode",
        Severity::Info,
        Text::new(
            format!("Read as sufficient statistics of {n} rows (the result of `gapscope sql`)."),
            format!("按 {n} 行数据的充分统计量读取（`gapscope sql` 的结果）。"),
        ),
    ));
    Some(found)
}

/// The comparisons from the query's per-group rows (scope = the column, group
/// = the value; an empty value holds the unassigned rows). A warehouse keeps
/// no order of first appearance, so groups are in the natural order of their
/// values.
fn groups_from_table(
    table: &Table,
    index: &crate::common::hash::Map<&str, usize>,
    layout: &Layout,
) -> Option<crate::analyses::compare::Comparisons> {
    use crate::analyses::compare::{self, GroupMoments, GroupingMoments, MAX_GROUPS};
    let (sc, gc) = (index.get(SCOPE).copied()?, index.get(GROUP).copied()?);
    let dims: Vec<String> = layout.dims.iter().map(|d| d.id.to_string()).collect();
    let groupings: Vec<_> = layout
        .groupings
        .iter()
        .map(|&(c, kind)| {
            let mut g = GroupingMoments {
                column: c.name.clone(),
                kind,
                groups: Vec::new(),
                unassigned: 0,
                too_many: false,
            };
            for r in (0..table.rows()).filter(|&r| table.cell(r, sc) == c.name) {
                let mut row = Row::new(Source::Table {
                    table,
                    row: r,
                    index,
                });
                let n = row.count(ROWS) as usize;
                let value = table.cell(r, gc).to_string();
                if value.is_empty() {
                    g.unassigned += n;
                    continue;
                }
                g.groups.push(GroupMoments {
                    value,
                    n,
                    score: row.moments(super::OVERALL_GAP),
                    dimensions: layout
                        .dims
                        .iter()
                        .map(|d| row.moments(&item_var("DG", d.id)))
                        .collect(),
                });
            }
            g.too_many = g.groups.len() > MAX_GROUPS;
            crate::common::order::sort_by(&mut g.groups, |a, b| {
                crate::common::order::natural_cmp(&a.value, &b.value)
            });
            compare::from_moments(g, &dims)
        })
        .collect();
    (!groupings.is_empty()).then_some(compare::Comparisons { groupings })
}

/// The report's sections from statistics computed in one pass over the rows.
/// `headers`: the data's, for what is present and the columns' names.
/// `scores`: the statistics of the respondents' dimension scores, for
/// entropy and CRITIC weights.
pub fn from_values(
    values: &Values,
    config: &SurveyConfig,
    headers: &[String],
    scores: Option<&IndicatorSums>,
    diags: &mut Diagnostics,
) -> Option<FromSummaries> {
    from_row(
        Row::new(Source::Values(values)),
        &Layout::new(config),
        headers,
        scores,
        diags,
    )
}

fn from_row(
    mut r: Row,
    layout: &Layout,
    headers: &[String],
    scores: Option<&IndicatorSums>,
    diags: &mut Diagnostics,
) -> Option<FromSummaries> {
    let config = layout.config;
    let n = r.count(ROWS) as usize;
    let analysed = r.count(ANALYSED) as usize;
    let items: Vec<[Moments; 3]> = layout
        .items
        .iter()
        .map(|it| {
            let mut side = |present: bool, kind: &str| {
                if present {
                    r.moments(&item_var(kind, it.id))
                } else {
                    Moments::default()
                }
            };
            let (e, p) = (it.e.is_some(), it.p.is_some());
            [side(e, "E"), side(p, "P"), side(e && p, "G")]
        })
        .collect();
    let dims: Vec<[Moments; 4]> = layout
        .dims
        .iter()
        .map(|d| ["DE", "DP", "DG", "DS"].map(|k| r.moments(&item_var(k, d.id))))
        .collect();
    let scales: Vec<ScaleMoments> = layout
        .scales
        .iter()
        .filter_map(|s| {
            let key = layout.scale_key(s);
            let total = r.moments(&key);
            let mut notes = Vec::new();
            let mut members = Vec::new();
            for &i in &s.items {
                let id = layout.items[i].id;
                let answered = items[i][if s.side == Side::E { 0 } else { 1 }].n > 0;
                if !answered {
                    notes.push(reliability::unanswered(id));
                    notes.push(Text::new(
                        format!("Computed without the answers, its scale then has no complete rows: leave item {id} out of the structure and compute again."),
                        format!("在不读取原始答卷的计算中，该量表因此没有完整的行：请从结构中去掉题项 {id} 后重新计算。"),
                    ));
                    continue;
                }
                let x = r.moments(&format!("{key}/{id}"));
                let rest = r.moments(&format!("{key}/{id}/rest"));
                // M2 of the total = M2(x) + M2(rest) + 2 Σ(x − x̄)(rest − r̄).
                let c = (total.m2 - x.m2 - rest.m2) / 2.0;
                members.push(ItemMoments {
                    id: id.to_string(),
                    x,
                    rest,
                    c,
                });
            }
            (!members.is_empty()).then(|| ScaleMoments {
                dimension: s.dimension.map(|d| layout.dims[d].id.to_string()),
                side: match s.side {
                    Side::E => reliability::Side::Expectation,
                    Side::P => reliability::Side::Perception,
                },
                excluded: n.saturating_sub(total.n as usize),
                total,
                items: members,
                notes,
            })
        })
        .collect();

    let result_headers = match &r.source {
        Source::Table { table, .. } => table.headers.as_slice(),
        Source::Values(_) => &[],
    };
    for (c, raw) in r.unreadable.iter().take(NAMED) {
        let name = result_headers.get(*c).map_or("", String::as_str);
        diags.push(
            Diagnostic::new(
                "summaries_value_unreadable",
                Severity::Warning,
                Text::new(
                    format!("Statistic {name} is \"{raw}\", not a number; it is read as missing."),
                    format!("统计量 {name} 的值“{raw}”不是数字，按缺失处理。"),
                ),
            )
            .at_column(c + 1, name)
            .with_value(raw),
        );
    }

    if !r.absent.is_empty() {
        let shown: Vec<&str> = r.absent.iter().take(NAMED).map(String::as_str).collect();
        let more = r.absent.len().saturating_sub(NAMED);
        let tail_en = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        let tail_zh = if more > 0 {
            format!(" 等 {} 项", r.absent.len())
        } else {
            String::new()
        };
        diags.push(Diagnostic::new(
            "summaries_columns_missing",
            Severity::Error,
            Text::new(
                format!(
                    "The summaries lack {} statistics of this structure: {}{tail_en}. Run `gapscope sql` with the same structure and use its result.",
                    r.absent.len(),
                    shown.join(", ")
                ),
                format!(
                    "汇总统计表缺少本结构的 {} 项统计量：{}{tail_zh}。请用同一结构运行 `gapscope sql` 并使用其结果。",
                    r.absent.len(),
                    shown.join("、")
                ),
            ),
        ));
        return None;
    }
    if !r.empty.is_empty() {
        let shown: Vec<&str> = r.empty.iter().take(NAMED).map(String::as_str).collect();
        diags.push(Diagnostic::new(
            "summaries_value_empty",
            Severity::Error,
            Text::new(
                format!(
                    "{} statistics are empty although their counts say they exist ({}): the result is damaged. Export the query's result again.",
                    r.empty.len(),
                    shown.join(", ")
                ),
                format!(
                    "{} 项统计量为空，但其计数表明应有数值（{}）：结果已损坏。请重新导出查询结果。",
                    r.empty.len(),
                    shown.join("、")
                ),
            ),
        ));
        return None;
    }
    let moments = GapMoments {
        n,
        analysed,
        perception_only: layout.items.iter().all(|i| i.e.is_none())
            && layout.items.iter().any(|i| i.p.is_some()),
        items,
        dims,
    };
    let shape: Vec<DimensionShape> = layout
        .dims
        .iter()
        .map(|d| DimensionShape {
            id: d.id.to_string(),
            items: d.items.clone(),
        })
        .collect();
    let present: crate::common::hash::Set<&str> = headers.iter().map(String::as_str).collect();
    let is_present = |name: &str| present.contains(name);
    let (mut counts, joints) = {
        let mut get = |name: &str| r.get(name);
        super::extras::read(&mut get, layout, config, &is_present)
    };
    let (resolved, weighted) = match joints.allocation.as_ref() {
        Some(a) if config.weighting == crate::model::config::Weighting::Allocation => {
            let weights = crate::methods::weights::allocation_weights(&a.sum, a.n, diags);
            let weighted = (weights.method == "allocation").then(|| a.weighted());
            let resolved = crate::methods::weights::Resolved {
                weights,
                details: None,
                note: None,
            };
            (resolved, weighted)
        }
        _ => {
            let names: Vec<String> = config.dimensions.iter().map(|d| d.id.clone()).collect();
            let directions = vec![Direction::Benefit; names.len()];
            let from_scores = |critic: bool| -> Result<Objective, MethodError> {
                let Some(s) = scores else {
                    return Err(crate::analyses::summary::needs_respondents());
                };
                if critic {
                    s.critic(&names, &directions).map(Objective::Critic)
                } else {
                    s.entropy(&names, &directions).map(Objective::Entropy)
                }
            };
            (
                crate::analyses::summary::dimension_weights_using(config, &from_scores, diags),
                None,
            )
        }
    };
    let analysis = servqual::assemble(&moments, config, &shape, resolved, weighted, diags);
    let reliability = (!scales.is_empty()).then(|| Reliability {
        scales: scales.into_iter().map(reliability::from_moments).collect(),
    });
    use super::sections;
    let perception = layout
        .items
        .iter()
        .any(|it| it.p.is_some_and(|c| is_present(&c.name)));
    let fuzzy = sections::fuzzy(
        config,
        &mut counts,
        perception,
        &analysis.overall.weighting,
        diags,
    );
    let metrics = sections::metrics(config, headers, counts);
    let ipa = sections::ipa(config, headers, &joints, perception, &analysis.items);
    let score = match config.analyses.drivers.score {
        crate::model::analysis_options::ScoreKind::Gap => 2,
        crate::model::analysis_options::ScoreKind::Perception => 3,
    };
    let scored: Vec<bool> = moments.dims.iter().map(|d| d[score].n > 0).collect();
    let drivers = sections::drivers(config, headers, joints, &scored);
    Some(FromSummaries {
        analysis,
        reliability,
        comparisons: None,
        fuzzy,
        metrics,
        ipa,
        drivers,
    })
}
