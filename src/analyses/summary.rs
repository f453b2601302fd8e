//! Summary mode: a table of item statistics as printed in papers (item,
//! dimension, mean E, mean P, and optionally SD E, SD P, SD of the gaps, n).
//! Gap analysis and weighted scores run on the means; what needs raw answers
//! is null with the reason.
//!
//! With only item means, a dimension's gap is the mean of its item gaps (and
//! likewise E, P and SERVPERF). METHODS.md §2 defines it as the mean over
//! respondents of each respondent's mean item gap; the two agree only when every
//! respondent answered every item of the dimension (docs/inputs.md).
//!
//! The paired t-test of an item needs the SD of the gaps P − E. The SDs of E
//! and of P do not give it: Var(P − E) = Var(P) + Var(E) − 2 Cov(P, E), and the
//! covariance is unknown. So t, p and the CI are computed only when the table
//! has an SD of the gaps and n.

use crate::analyses::servqual::{DimensionResult, ItemResult, Overall, Respondents};
use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text, Undefined};
use crate::input::table::Table;
use crate::input::value::{self, Cell};
use crate::methods::weights::{DimensionWeight, WeightingResult};
use crate::model::config::{self, Dimension, Item, Scale, SurveyConfig};
use crate::stats::{Summary, TTest};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Item,
    Dimension,
    N,
    MeanE,
    MeanP,
    SdE,
    SdP,
    SdGap,
}

fn tokens(h: &str) -> Vec<String> {
    h.to_ascii_lowercase()
        .split(|c: char| !c.is_alphanumeric() || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn classify(header: &str) -> Option<Field> {
    let h = header.trim().to_ascii_lowercase();
    let t = tokens(&h);
    let has = |words: &[&str]| t.iter().any(|x| words.contains(&x.as_str()));
    if ["item", "items", "题项", "指标", "题目", "题号", "问题"].contains(&h.as_str()) {
        return Some(Field::Item);
    }
    if ["dimension", "dim", "维度", "dimensions"].contains(&h.as_str()) {
        return Some(Field::Dimension);
    }
    if [
        "n",
        "样本量",
        "样本数",
        "有效样本",
        "count",
        "sample size",
        "有效样本量",
    ]
    .contains(&h.as_str())
    {
        return Some(Field::N);
    }
    let sd = has(&["sd", "std", "stdev", "s"]) || h.contains("标准差") || h.contains("std.");
    let mean = has(&["mean", "avg", "average", "m"]) || h.contains("均值") || h.contains("平均");
    let gap = has(&["gap", "g", "diff", "difference"]) || h.contains("差距") || h.contains("差值");
    let e = has(&["e", "exp", "expectation", "expectations", "expected"])
        || h.contains("期望")
        || h.contains("预期");
    let p = has(&["p", "perc", "perception", "perceptions", "perceived"])
        || h.contains("感知")
        || h.contains("实际")
        || h.contains("感受");
    match (e, p, gap, sd, mean) {
        (true, false, false, true, _) => Some(Field::SdE),
        (false, true, false, true, _) => Some(Field::SdP),
        (_, _, true, true, _) => Some(Field::SdGap),
        (true, false, false, false, _) => Some(Field::MeanE),
        (false, true, false, false, _) => Some(Field::MeanP),
        _ => None,
    }
}

/// The columns of a summary table, if it is one.
fn fields(table: &Table) -> Option<Vec<Option<Field>>> {
    let f: Vec<Option<Field>> = table.headers.iter().map(|h| classify(h)).collect();
    let has = |x: Field| f.contains(&Some(x));
    let ok = has(Field::Item) && has(Field::MeanE) && has(Field::MeanP) && table.rows() <= 500;
    // The mean columns must hold numbers (a questionnaire sheet has headers
    // like "期望列" over text).
    let numeric = |x: Field| {
        f.iter().position(|c| *c == Some(x)).is_some_and(|c| {
            let filled: Vec<&str> = (0..table.rows())
                .map(|r| table.cell(r, c))
                .filter(|v| !v.trim().is_empty())
                .collect();
            !filled.is_empty()
                && filled
                    .iter()
                    .filter(|v| matches!(value::read(v, &[]), Cell::Number(_)))
                    .count()
                    * 5
                    >= filled.len() * 4
        })
    };
    (ok && numeric(Field::MeanE) && numeric(Field::MeanP)).then_some(f)
}

/// True when the table looks like item statistics.
pub fn is_summary(table: &Table) -> bool {
    fields(table).is_some()
}

/// One row of the summary table.
struct ItemRow {
    id: String,
    dim: String,
    e: Option<f64>,
    p: Option<f64>,
    sd_e: Option<f64>,
    sd_p: Option<f64>,
    sd_gap: Option<f64>,
    n: Option<usize>,
}

/// The parts of a report computed from a summary table.
pub struct SummaryAnalysis {
    pub config: SurveyConfig,
    pub respondents: Respondents,
    pub items: Vec<ItemResult>,
    pub dimensions: Vec<DimensionResult>,
    pub overall: Overall,
}

fn needs_raw(code: &str, en: &str, zh: &str) -> Undefined {
    Undefined {
        code: code.into(),
        message: Text::new(en, zh),
    }
}

fn no_gap_sd() -> Undefined {
    needs_raw(
        "needs_gap_sd",
        "The paired t-test needs the SD of the gaps (P − E) and n. The SDs of E and P alone cannot give it, because the correlation between E and P is unknown.",
        "配对 t 检验需要差距（P − E）的标准差和样本量。仅有期望和感知各自的标准差无法得到它，因为期望与感知的相关系数未知。",
    )
}

/// The dimension id of a dimension cell: the SERVQUAL names in either language,
/// otherwise the text itself (a user's own dimension).
fn dimension_id(s: &str) -> String {
    let l = s.trim().to_ascii_lowercase();
    let known: [(&[&str], &str); 5] = [
        (&["tangibles", "tangible", "有形性", "有形"], "tangibles"),
        (&["reliability", "可靠性", "可靠"], "reliability"),
        (
            &["responsiveness", "响应性", "反应性", "响应"],
            "responsiveness",
        ),
        (&["assurance", "保证性", "保证"], "assurance"),
        (
            &["empathy", "移情性", "同理心", "关怀性", "移情"],
            "empathy",
        ),
    ];
    known
        .iter()
        .find(|(ws, _)| ws.contains(&l.as_str()))
        .map(|(_, id)| id.to_string())
        .unwrap_or_else(|| {
            if l.is_empty() {
                "other".into()
            } else {
                s.trim().to_string()
            }
        })
}

/// Dimension weights by the configured method (weights.rs); point allocation
/// needs respondents, so it falls back to equal weights there, with its message.
/// The dimension weights of a summary table: equal, direct and AHP work as usual;
/// point allocation, entropy and CRITIC need respondents and fall back to equal
/// weights with their own message.
pub(crate) fn dimension_weights(
    config: &SurveyConfig,
    diags: &mut Diagnostics,
) -> crate::methods::weights::Resolved {
    dimension_weights_using(config, &|_| Err(needs_respondents()), diags)
}

/// The weights of the structure's dimensions, entropy and CRITIC weights
/// from `scores` (statistics of the respondents' scores).
pub(crate) fn dimension_weights_using(
    config: &SurveyConfig,
    scores: crate::methods::weights::Scores,
    diags: &mut Diagnostics,
) -> crate::methods::weights::Resolved {
    let mut scratch = Diagnostics::default();
    let survey = crate::model::survey::build(&Table::default(), config, &mut scratch);
    crate::methods::weights::resolve_using(&survey, &config.weighting, scores, diags)
}

/// Why a table of statistics gives no entropy or CRITIC weights.
pub(crate) fn needs_respondents() -> crate::methods::MethodError {
    crate::methods::MethodError::new(
        "weights_need_respondents",
        "A table of statistics (item means, or sufficient statistics) does not hold each respondent's dimension scores.",
        "统计量表（题项均值或充分统计量）中没有每位受访者的维度得分。",
    )
}

/// A mean given in the table, with its SD when the table has one.
fn given_summary(n: usize, mean: Option<f64>, sd: Option<f64>) -> Summary {
    let undefined = if mean.is_none() {
        Some(needs_raw(
            "missing_mean",
            "The mean is missing in the table.",
            "表中缺少均值。",
        ))
    } else if sd.is_none() {
        Some(needs_raw(
            "sd_not_given",
            "The table gives no standard deviation for this mean.",
            "表中没有给出该均值的标准差。",
        ))
    } else {
        None
    };
    Summary {
        n,
        mean,
        sd,
        undefined,
    }
}

pub fn analyse(
    table: &Table,
    given: Option<&SurveyConfig>,
    diags: &mut Diagnostics,
) -> Option<SummaryAnalysis> {
    let f = fields(table)?;
    let col = |x: Field| f.iter().position(|c| *c == Some(x));
    let (ci, ce, cp) = (col(Field::Item)?, col(Field::MeanE)?, col(Field::MeanP)?);
    let (cd, cn, cse, csp, csg) = (
        col(Field::Dimension),
        col(Field::N),
        col(Field::SdE),
        col(Field::SdP),
        col(Field::SdGap),
    );
    let num = |r: usize, c: Option<usize>, diags: &mut Diagnostics| -> Option<f64> {
        let c = c?;
        let raw = table.cell(r, c);
        match value::read(raw, &[]) {
            Cell::Number(x) => Some(x),
            Cell::Missing => None,
            Cell::NotNumber => {
                let line = table.line_of(r);
                let name = table.headers.get(c).cloned().unwrap_or_default();
                diags.push(Diagnostic::non_numeric(line, c + 1, &name, raw));
                None
            }
        }
    };

    let mut dims: Vec<String> = Vec::new();
    let mut rows: Vec<ItemRow> = Vec::new();
    for r in 0..table.rows() {
        let id = table.cell(r, ci).trim().to_string();
        if id.is_empty() {
            continue;
        }
        let dim = cd
            .map(|c| dimension_id(table.cell(r, c)))
            .unwrap_or_else(|| "other".into());
        if !dims.contains(&dim) {
            dims.push(dim.clone());
        }
        let n = num(r, cn, diags)
            .filter(|x| *x >= 0.0 && x.fract() == 0.0)
            .map(|x| x as usize);
        rows.push(ItemRow {
            id,
            dim,
            e: num(r, Some(ce), diags),
            p: num(r, Some(cp), diags),
            sd_e: num(r, cse, diags),
            sd_p: num(r, csp, diags),
            sd_gap: num(r, csg, diags),
            n,
        });
    }
    // Order dimensions as PZB does when they are the standard five.
    crate::common::order::sort_by_key(&mut dims, |d| {
        config::SERVQUAL_DIMENSIONS
            .iter()
            .position(|s| s.0 == d)
            .unwrap_or(usize::MAX)
    });

    let max_mean = rows
        .iter()
        .flat_map(|r| [r.e, r.p])
        .flatten()
        .fold(f64::NEG_INFINITY, f64::max);
    let scale = given.map(|c| c.scale).unwrap_or(if max_mean <= 5.0 {
        Scale::LIKERT5
    } else if max_mean <= 7.0 {
        Scale::LIKERT7
    } else {
        Scale::ZERO_TEN
    });
    let standard = config::servqual_dimensions();
    let mut config = SurveyConfig {
        version: 1,
        scale,
        dimensions: dims
            .iter()
            .map(|d| Dimension {
                id: d.clone(),
                label: standard
                    .iter()
                    .find(|s| &s.id == d)
                    .and_then(|s| s.label.clone()),
            })
            .collect(),
        items: rows
            .iter()
            .map(|r| Item {
                id: r.id.clone(),
                dimension: r.dim.clone(),
                label: None,
            })
            .collect(),
        columns: Vec::new(),
        weighting: given.map(|c| c.weighting.clone()).unwrap_or_default(),
        min_items: None,
        missing_codes: Vec::new(),
        alpha: given.map_or(0.05, |c| c.alpha),
        analyses: given.map(|c| c.analyses.clone()).unwrap_or_default(),
        labels: Vec::new(),
        waves: None,
        exclude: Default::default(),
        quality: Default::default(),
    };
    if let Some(g) = given {
        // Keep the user's dimension labels and item labels where ids match.
        for d in &mut config.dimensions {
            if let Some(x) = g.dimensions.iter().find(|x| x.id == d.id) {
                d.label = x.label.clone();
            }
        }
        for it in &mut config.items {
            if let Some(x) = g.items.iter().find(|x| x.id == it.id) {
                it.label = x.label.clone();
            }
        }
    }

    let items: Vec<ItemResult> = rows
        .iter()
        .enumerate()
        .map(|(order, r)| {
            let n = r.n.unwrap_or(0);
            let gap_mean = match (r.e, r.p) {
                (Some(e), Some(p)) => Some(p - e),
                _ => None,
            };
            let gap = match (gap_mean, r.sd_gap, r.n) {
                (Some(m), Some(sd), Some(n)) => crate::stats::t_test_from(n, m, sd),
                (m, _, _) => TTest::unavailable(
                    n,
                    m,
                    if m.is_none() {
                        needs_raw(
                            "missing_mean",
                            "E or P mean is missing.",
                            "缺少期望或感知均值。",
                        )
                    } else if r.sd_gap.is_some() {
                        needs_raw(
                            "needs_n",
                            "The paired t-test needs n (the sample size).",
                            "配对 t 检验需要样本量 n。",
                        )
                    } else {
                        no_gap_sd()
                    },
                ),
            };
            ItemResult {
                id: r.id.clone(),
                dimension: r.dim.clone(),
                label: config.items.get(order).and_then(|i| i.label.clone()),
                order,
                expectation: given_summary(n, r.e, r.sd_e),
                perception: given_summary(n, r.p, r.sd_p),
                significant: gap.p.is_some_and(|p| p < config.alpha),
                gap,
                p_holm: None,
            }
        })
        .collect();
    let mut items = items;
    let holm = crate::stats::holm(&items.iter().map(|i| i.gap.p).collect::<Vec<_>>());
    for (it, ph) in items.iter_mut().zip(holm) {
        it.p_holm = ph;
    }

    let resolved = dimension_weights(&config, diags);
    let (method, weights) = (
        resolved.weights.method.to_string(),
        resolved.weights.values.clone(),
    );
    let mean = |xs: Vec<f64>| (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64);
    let dimension_only = needs_raw(
        "summary_dimension",
        "From item means only: the dimension gap is the mean of its item gaps; a test needs respondents' dimension scores.",
        "仅有题项均值：维度差距为其题项差距的平均值；检验需要受访者层面的维度得分。",
    );
    let mut dimensions: Vec<DimensionResult> = dims
        .iter()
        .enumerate()
        .map(|(d, id)| {
            let its: Vec<&ItemResult> = items.iter().filter(|i| &i.dimension == id).collect();
            let e = mean(its.iter().filter_map(|i| i.expectation.mean).collect());
            let p = mean(its.iter().filter_map(|i| i.perception.mean).collect());
            let g = mean(its.iter().filter_map(|i| i.gap.mean).collect());
            DimensionResult {
                id: id.clone(),
                label: config.dimensions.get(d).and_then(|x| x.label.clone()),
                order: d,
                items: its.iter().map(|i| i.id.clone()).collect(),
                expectation: Summary {
                    n: 0,
                    mean: e,
                    sd: None,
                    undefined: Some(dimension_only.clone()),
                },
                perception: Summary {
                    n: 0,
                    mean: p,
                    sd: None,
                    undefined: Some(dimension_only.clone()),
                },
                gap: TTest::unavailable(0, g, dimension_only.clone()),
                servperf: Summary {
                    n: 0,
                    mean: p,
                    sd: None,
                    undefined: Some(dimension_only.clone()),
                },
                weight: weights.get(d).copied(),
                significant: false,
            }
        })
        .collect();
    let gaps: Vec<Option<f64>> = dimensions.iter().map(|d| d.gap.mean).collect();
    let perfs: Vec<Option<f64>> = dimensions.iter().map(|d| d.servperf.mean).collect();
    let weighted = |v: &[Option<f64>]| {
        let (mut s, mut tw) = (0.0, 0.0);
        for (x, w) in v.iter().zip(&weights) {
            if let Some(x) = x {
                s += x * w;
                tw += w;
            }
        }
        (tw > 0.0).then(|| s / tw)
    };
    let overall = Overall {
        servqual: mean(gaps.iter().flatten().copied().collect()),
        weighted_servqual: weighted(&gaps),
        servperf: mean(perfs.iter().flatten().copied().collect()),
        weighted_servperf: weighted(&perfs),
        weighting: WeightingResult {
            method,
            requested: config.weighting.clone(),
            weights: dims
                .iter()
                .zip(&weights)
                .map(|(d, w)| DimensionWeight {
                    dimension: d.clone(),
                    weight: *w,
                })
                .collect(),
            respondents: None,
            details: resolved.details,
        },
        notes: resolved.note.into_iter().chain([Text::new(
            "Summary mode: computed from item means. A dimension gap is the mean of its item gaps, which equals the respondent-level definition only when every respondent answered every item. Statistics that need the answers themselves (tests of dimensions, reliability, data-quality checks) are not available; the respondent count is the largest n in the table.",
            "汇总模式：基于题项均值计算。维度差距为其题项差距的平均值，只有在每位受访者都回答了该维度全部题项时才与受访者层面的定义一致。需要原始答卷的统计量（维度检验、信度、数据质量检查）无法计算；受访者人数取表中最大的样本量。",
        )]).collect(),
    };
    crate::analyses::servqual::worst_first(&mut items, &mut dimensions);
    let n = rows.iter().filter_map(|r| r.n).max().unwrap_or(0);
    diags.push(Diagnostic::new(
        "summary_mode",
        Severity::Info,
        Text::new(
            format!("The table holds item statistics ({}), not answers: it was analysed in summary mode.", crate::common::format::count(rows.len(), "item", "items")),
            format!("该表为题项统计量（{} 个题项）而非原始答卷：已按汇总模式分析。", rows.len()),
        ),
    ));
    Some(SummaryAnalysis {
        config,
        respondents: Respondents {
            total: n,
            analysed: n,
            excluded: Vec::new(),
        },
        items,
        dimensions,
        overall,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_headers() {
        assert_eq!(classify("期望均值"), Some(Field::MeanE));
        assert_eq!(classify("感知均值"), Some(Field::MeanP));
        assert_eq!(classify("期望标准差"), Some(Field::SdE));
        assert_eq!(classify("Mean E"), Some(Field::MeanE));
        assert_eq!(classify("SD_P"), Some(Field::SdP));
        assert_eq!(classify("gap SD"), Some(Field::SdGap));
        assert_eq!(classify("差距标准差"), Some(Field::SdGap));
        assert_eq!(classify("题项"), Some(Field::Item));
        assert_eq!(classify("E1"), None);
    }
}
