//! One SQL query that computes the sufficient statistics of a survey table in
//! a warehouse: a single scan, plain aggregates (`COUNT`, `AVG`, `VAR_SAMP`)
//! over expressions that read answers as the engine does (missing codes,
//! answer labels, the scale, reverse coding) and form each respondent's item
//! gaps, dimension scores (METHODS.md §2) and reliability totals (§4).
//!
//! The result is one row whose columns are named by [`stat_name`]; its CSV is
//! what `gapscope analyze --summaries` reads. docs/scale.md has the recipes.

use super::{item_var, stat_name, Layout, Side, ANALYSED, GROUP, ROWS, SCOPE};
use crate::common::diag::Text;
use crate::model::config::{Column, Label, SurveyConfig};
use std::fmt::Write;

/// The SQL dialects whose quoting and casts the query is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    DuckDb,
    Postgres,
    Spark,
    BigQuery,
}

impl Dialect {
    pub const NAMES: [&'static str; 4] = ["duckdb", "postgres", "spark", "bigquery"];

    pub fn parse(name: &str) -> Option<Dialect> {
        match name.to_ascii_lowercase().as_str() {
            "duckdb" => Some(Dialect::DuckDb),
            "postgres" | "postgresql" => Some(Dialect::Postgres),
            "spark" | "sparksql" | "databricks" => Some(Dialect::Spark),
            "bigquery" => Some(Dialect::BigQuery),
            _ => None,
        }
    }

    /// A quoted identifier (column or alias).
    fn ident(self, name: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::Postgres => format!("\"{}\"", name.replace('"', "\"\"")),
            // Spark doubles a backquote; BigQuery escapes it with a backslash.
            Dialect::Spark => format!("`{}`", name.replace('`', "``")),
            Dialect::BigQuery => format!("`{}`", name.replace('\\', "\\\\").replace('`', "\\`")),
        }
    }

    /// A string literal.
    fn text(self, s: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::Postgres => format!("'{}'", s.replace('\'', "''")),
            // Spark and BigQuery read backslash escapes ('' would be two literals).
            Dialect::Spark | Dialect::BigQuery => {
                format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
            }
        }
    }

    /// `x` as trimmed text, whatever its column type.
    fn as_text(self, x: &str) -> String {
        let ty = match self {
            Dialect::DuckDb => "VARCHAR",
            Dialect::Postgres => "TEXT",
            Dialect::Spark | Dialect::BigQuery => "STRING",
        };
        format!("TRIM(CAST({x} AS {ty}))")
    }

    /// Text `s` as a number, or NULL when it is not one.
    fn number(self, s: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::Spark => format!("TRY_CAST({s} AS DOUBLE)"),
            Dialect::BigQuery => format!("SAFE_CAST({s} AS FLOAT64)"),
            // No TRY_CAST: a cast is guarded by the pattern of a plain number.
            Dialect::Postgres => format!(
                "CASE WHEN {s} ~ '^[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][-+]?[0-9]+)?$' THEN CAST({s} AS DOUBLE PRECISION) END"
            ),
        }
    }

    fn double(self) -> &'static str {
        match self {
            Dialect::DuckDb | Dialect::Spark => "DOUBLE",
            Dialect::Postgres => "DOUBLE PRECISION",
            Dialect::BigQuery => "FLOAT64",
        }
    }
}

/// A literal for a scale bound or label value, exactly as the f64 reads back.
fn num(x: f64) -> String {
    let s = format!("{x:?}");
    if s.contains('e') {
        // 1e300: SQL wants a mantissa with a digit before the exponent.
        s.replace('e', "E")
    } else {
        s
    }
}

/// The expression of one answer column, read as `model::survey` reads it:
/// missing codes and unreadable cells are NULL, labels are their values,
/// answers outside the scale are NULL, reverse-coded items are flipped.
fn typed(d: Dialect, layout: &Layout, c: &Column, numeric: bool) -> String {
    let has_labels = !c.labels.is_empty() || !layout.config.labels.is_empty();
    if numeric && !has_labels {
        // Numeric columns: no text round trip. A missing code that is a number
        // is compared as one; others cannot occur in a numeric column.
        let x = format!("CAST({} AS {})", d.ident(&c.name), d.double());
        let codes: Vec<String> = layout
            .config
            .missing_codes
            .iter()
            .filter_map(|m| m.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite())
            .map(num)
            .collect();
        return if codes.is_empty() {
            x
        } else {
            format!(
                "CASE WHEN {x} IN ({}) THEN NULL ELSE {x} END",
                codes.join(", ")
            )
        };
    }
    let t = d.as_text(&d.ident(&c.name));
    let mut out = String::from("CASE");
    let codes = &layout.config.missing_codes;
    if !codes.is_empty() {
        let list: Vec<String> = codes.iter().map(|m| d.text(m.trim())).collect();
        let _ = write!(out, " WHEN {t} IN ({}) THEN NULL", list.join(", "));
    }
    let labels: &[Label] = if c.labels.is_empty() {
        &layout.config.labels
    } else {
        &c.labels
    };
    for l in labels {
        let _ = write!(
            out,
            " WHEN LOWER({t}) = {} THEN {}",
            d.text(&l.label.trim().to_lowercase()),
            num(l.value)
        );
    }
    if out == "CASE" {
        return d.number(&t);
    }
    let _ = write!(out, " ELSE {} END", d.number(&t));
    out
}

fn answer(layout: &Layout, c: &Column, v: &str) -> String {
    answer_on(layout.scale_of(c), c.reverse, v)
}

/// An answer on `s`, flipped when `reverse`; NULL outside the scale.
fn answer_on(s: crate::model::config::Scale, reverse: bool, v: &str) -> String {
    let (lo, hi) = (num(s.min), num(s.max));
    let value = if reverse {
        format!("{lo} + {hi} - {v}")
    } else {
        v.to_string()
    };
    format!("CASE WHEN {v} >= {lo} AND {v} <= {hi} THEN {value} END")
}

/// Sum of `terms` left to right (the engine's order of additions), or `0`.
fn sum(terms: &[String]) -> String {
    if terms.is_empty() {
        "0".into()
    } else {
        terms.join(" + ")
    }
}

/// Why no query can be written for this structure.
pub fn refuse(config: &SurveyConfig) -> Option<Text> {
    let layout = Layout::new(config);
    if layout.items.iter().all(|i| i.e.is_none() && i.p.is_none()) {
        return Some(Text::new(
            "The structure has no expectation or perception columns; there is nothing to compute.",
            "结构中没有期望或感知列，无可计算的统计量。",
        ));
    }
    None
}

/// The query over `table` (inserted as written: a name, a qualified name or a
/// parenthesised subquery with an alias).
pub fn query(config: &SurveyConfig, table: &str, d: Dialect) -> Result<String, Text> {
    query_with(config, table, d, false)
}

/// [`query`]; `numeric`: the answer columns are numeric in the warehouse, so
/// they are cast directly instead of read as text (about twice as fast in
/// DuckDB; a column with answer labels is still read as text).
pub fn query_with(
    config: &SurveyConfig,
    table: &str,
    d: Dialect,
    numeric: bool,
) -> Result<String, Text> {
    if let Some(why) = refuse(config) {
        return Err(why);
    }
    let layout = Layout::new(config);
    let id = |s: &str| d.ident(s);
    let mut typed_cols = Vec::new();
    let mut answer_cols = Vec::new();
    // Column aliases by item: (e, p) as `e{i}`, `p{i}`.
    for (i, it) in layout.items.iter().enumerate() {
        for (side, c) in [("e", it.e), ("p", it.p)] {
            if let Some(c) = c {
                typed_cols.push(format!(
                    "    {} AS v{side}{i}",
                    typed(d, &layout, c, numeric)
                ));
                answer_cols.push(format!(
                    "    {} AS {side}{i}",
                    answer(&layout, c, &format!("v{side}{i}"))
                ));
            }
        }
    }
    // The columns of the other sections (extras.rs), each as model::survey
    // reads it: importance like the items; recommend on its own scale or
    // 0–10; overall reverse-coded when so configured; points on 0–100.
    let x = extra_columns(&layout);
    let mut single = |alias: &str, c: &Column, scale, reverse| {
        typed_cols.push(format!("    {} AS v{alias}", typed(d, &layout, c, numeric)));
        answer_cols.push(format!(
            "    {} AS {alias}",
            answer_on(scale, reverse, &format!("v{alias}"))
        ));
    };
    for &(i, c) in &x.importance {
        single(&format!("i{i}"), c, layout.scale_of(c), c.reverse);
    }
    let config = layout.config;
    if let Some(c) = x.recommend {
        single(
            "nps",
            c,
            c.scale.unwrap_or(crate::model::config::Scale::ZERO_TEN),
            false,
        );
    }
    if let Some(c) = x.overall {
        single("os", c, c.scale.unwrap_or(config.scale), c.reverse);
    }
    if let Some(c) = x.effort {
        single("ces", c, c.scale.unwrap_or(config.scale), false);
    }
    for (k, c) in x.allocation.iter().flatten().enumerate() {
        let points = crate::model::config::Scale {
            min: 0.0,
            max: 100.0,
        };
        single(&format!("a{k}"), c, c.scale.unwrap_or(points), false);
    }
    // Group columns: trimmed text, NULL for a missing code (unassigned rows).
    for (g, (c, _)) in layout.groupings.iter().enumerate() {
        let t = d.as_text(&d.ident(&c.name));
        let codes: Vec<String> = crate::input::value::MISSING_CODES
            .iter()
            .map(|m| d.text(m))
            .collect();
        let extra: Vec<String> = layout
            .config
            .missing_codes
            .iter()
            .map(|m| d.text(m.trim()))
            .collect();
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!(" OR {t} IN ({})", extra.join(", "))
        };
        typed_cols.push(format!(
            "    CASE WHEN LOWER({t}) IN ({}){extra} THEN NULL ELSE {t} END AS gr{g}",
            codes.join(", ")
        ));
        answer_cols.push(format!("    gr{g}"));
    }
    let has = |i: usize, side: Side| {
        let it = &layout.items[i];
        match side {
            Side::E => it.e.is_some(),
            Side::P => it.p.is_some(),
        }
    };
    let both = |i: usize| has(i, Side::E) && has(i, Side::P);

    // Item gaps, and each side's answer where the item was answered on both.
    let mut item_cols = vec!["    *".to_string()];
    for i in (0..layout.items.len()).filter(|&i| both(i)) {
        item_cols.push(format!("    p{i} - e{i} AS g{i}"));
        item_cols.push(format!(
            "    CASE WHEN p{i} IS NOT NULL THEN e{i} END AS pe{i}"
        ));
        item_cols.push(format!(
            "    CASE WHEN e{i} IS NOT NULL THEN p{i} END AS pp{i}"
        ));
    }
    // The grade a perception answer counts at in the fuzzy evaluation: the
    // nearest (the higher of two as near), as methods::fuzzy::GradeCounts.
    let grades = crate::methods::survey_fuzzy::scale_grades(layout.config).unwrap_or_default();
    if let Some(&lo) = grades.first() {
        for i in (0..layout.items.len()).filter(|&i| has(i, Side::P)) {
            item_cols.push(format!(
                // GREATEST and LEAST skip NULLs in most dialects: guard them.
                "    CASE WHEN p{i} IS NOT NULL THEN LEAST(GREATEST(FLOOR(p{i} - {} + 0.5), 0), {}) END AS fi{i}",
                num(lo),
                grades.len() - 1
            ));
        }
    }
    // Dimension scores (§2) and reliability totals (§4): listwise, so NULL
    // propagation is the "answered every item of the scale" rule.
    let mut dim_cols = vec!["    *".to_string()];
    let mut og_col: Option<String> = None;
    for (k, dim) in layout.dims.iter().enumerate() {
        let paired: Vec<usize> = dim.items.iter().copied().filter(|&i| both(i)).collect();
        let perf: Vec<usize> = dim
            .items
            .iter()
            .copied()
            .filter(|&i| has(i, Side::P))
            .collect();
        let count = |cols: &[String]| {
            sum(&cols
                .iter()
                .map(|c| format!("CASE WHEN {c} IS NOT NULL THEN 1 ELSE 0 END"))
                .collect::<Vec<_>>())
        };
        let coalesce = |cols: &[String]| {
            sum(&cols
                .iter()
                .map(|c| format!("COALESCE({c}, 0)"))
                .collect::<Vec<_>>())
        };
        let names = |prefix: &str, of: &[usize]| -> Vec<String> {
            of.iter().map(|i| format!("{prefix}{i}")).collect()
        };
        let np = count(&names("g", &paired));
        let need = dim.need;
        let score = |num: String, n: &str| {
            format!(
                "CASE WHEN {n} >= {need} THEN CAST({num} AS {}) / ({n}) END",
                d.double()
            )
        };
        dim_cols.push(format!(
            "    {} AS de{k}",
            score(coalesce(&names("pe", &paired)), &np)
        ));
        dim_cols.push(format!(
            "    {} AS dp{k}",
            score(coalesce(&names("pp", &paired)), &np)
        ));
        // P − E summed per item, as the engine's (sp − se) is not: it
        // subtracts the two sums, so the query does too.
        dim_cols.push(format!(
            "    {} AS dg{k}",
            score(
                format!(
                    "({}) - ({})",
                    coalesce(&names("pp", &paired)),
                    coalesce(&names("pe", &paired))
                ),
                &np
            )
        ));
        dim_cols.push(format!(
            "    {} AS ds{k}",
            score(coalesce(&names("p", &perf)), &count(&names("p", &perf)))
        ));
    }
    if !layout.groupings.is_empty() && !layout.dims.is_empty() {
        // The mean of the dimension gaps present, added in dimension order.
        let dgs: Vec<String> = (0..layout.dims.len()).map(|k| format!("dg{k}")).collect();
        let present = sum(&dgs
            .iter()
            .map(|c| format!("CASE WHEN {c} IS NOT NULL THEN 1 ELSE 0 END"))
            .collect::<Vec<_>>());
        let total = sum(&dgs
            .iter()
            .map(|c| format!("COALESCE({c}, 0)"))
            .collect::<Vec<_>>());
        og_col = Some(format!(
            "    CASE WHEN {present} > 0 THEN CAST({total} AS {}) / ({present}) END AS og",
            d.double()
        ));
    }
    for (s, scale) in layout.scales.iter().enumerate() {
        let side = match scale.side {
            Side::E => "e",
            Side::P => "p",
        };
        let total = sum(&scale
            .items
            .iter()
            .map(|i| format!("{side}{i}"))
            .collect::<Vec<_>>());
        dim_cols.push(format!("    {total} AS t{s}"));
    }

    let ng = layout.groupings.len();
    let (scope, group) = if ng == 0 {
        ("''".to_string(), "''".to_string())
    } else {
        // GROUPING(x) is 0 in the rows grouped by x: those rows' scope is its column.
        let scope: Vec<String> = layout
            .groupings
            .iter()
            .enumerate()
            .map(|(g, (c, _))| format!("WHEN GROUPING(gr{g}) = 0 THEN {}", d.text(&c.name)))
            .collect();
        let group: Vec<String> = (0..ng)
            .map(|g| format!("WHEN GROUPING(gr{g}) = 0 THEN gr{g}"))
            .collect();
        (
            format!("CASE {} ELSE '' END", scope.join(" ")),
            format!("CASE {} ELSE '' END", group.join(" ")),
        )
    };
    let mut stats: Vec<String> = vec![
        format!("    {scope} AS {}", id(SCOPE)),
        format!("    {group} AS {}", id(GROUP)),
        format!("    COUNT(*) AS {}", id(ROWS)),
    ];
    let perception_only =
        layout.items.iter().all(|i| i.e.is_none()) && layout.items.iter().any(|i| i.p.is_some());
    let scored: Vec<String> = (0..layout.dims.len())
        .map(|k| {
            format!(
                "{}{k} IS NOT NULL",
                if perception_only { "ds" } else { "dg" }
            )
        })
        .collect();
    let any = if scored.is_empty() {
        "FALSE".to_string()
    } else {
        scored.join(" OR ")
    };
    stats.push(format!(
        "    SUM(CASE WHEN {any} THEN 1 ELSE 0 END) AS {}",
        id(ANALYSED)
    ));
    let mut moments = |var: String, expr: String| {
        stats.push(format!(
            "    COUNT({expr}) AS {}",
            id(&stat_name("n", &var))
        ));
        stats.push(format!(
            "    AVG({expr}) AS {}",
            id(&stat_name("mean", &var))
        ));
        stats.push(format!(
            "    VAR_SAMP({expr}) AS {}",
            id(&stat_name("var", &var))
        ));
    };
    for (i, it) in layout.items.iter().enumerate() {
        if has(i, Side::E) {
            moments(item_var("E", it.id), format!("e{i}"));
        }
        if has(i, Side::P) {
            moments(item_var("P", it.id), format!("p{i}"));
        }
        if both(i) {
            moments(item_var("G", it.id), format!("g{i}"));
        }
    }
    for (k, dim) in layout.dims.iter().enumerate() {
        for kind in ["DE", "DP", "DG", "DS"] {
            let col = format!("{}{k}", kind.to_ascii_lowercase());
            moments(item_var(kind, dim.id), col);
        }
    }
    if og_col.is_some() {
        moments(super::OVERALL_GAP.to_string(), "og".to_string());
    }
    for (s, scale) in layout.scales.iter().enumerate() {
        let key = layout.scale_key(scale);
        let side = match scale.side {
            Side::E => "e",
            Side::P => "p",
        };
        moments(key.clone(), format!("t{s}"));
        for &i in &scale.items {
            let item = layout.items[i].id;
            let x = format!("CASE WHEN t{s} IS NOT NULL THEN {side}{i} END");
            moments(format!("{key}/{item}"), x);
            moments(format!("{key}/{item}/rest"), format!("t{s} - {side}{i}"));
        }
    }

    stats.extend(extra_stats(d, &layout, &x, &grades));

    let mut q = String::new();
    let _ = writeln!(
        q,
        "-- Gapscope {}: sufficient statistics for `gapscope analyze --summaries` (docs/scale.md).",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(q, "-- Save the one-row result as CSV, with its header.");
    // Each stage reads the one before it; the first reads the table.
    let stages = [
        ("typed", &typed_cols, table),
        ("answers", &answer_cols, "typed"),
        ("items", &item_cols, "answers"),
        ("scores", &dim_cols, "items"),
    ];
    for (k, (name, cols, from)) in stages.iter().enumerate() {
        let lead = if k == 0 { "WITH " } else { ",\n" };
        let _ = write!(
            q,
            "{lead}{name} AS (\n  SELECT\n{}\n  FROM {from}\n)",
            cols.join(",\n")
        );
    }
    q.push('\n');
    let mut last: Vec<String> = og_col.into_iter().collect();
    last.extend(x.row_columns.iter().cloned());
    let _ = if last.is_empty() {
        writeln!(q, ", overall AS (SELECT * FROM scores)")
    } else {
        writeln!(
            q,
            ", overall AS (\n  SELECT\n    *,\n{}\n  FROM scores\n)",
            last.join(",\n")
        )
    };
    let sets = if ng == 0 {
        String::new()
    } else {
        let each: Vec<String> = (0..ng).map(|g| format!("(gr{g})")).collect();
        format!("\nGROUP BY GROUPING SETS ((), {})", each.join(", "))
    };
    let _ = writeln!(q, "SELECT\n{}\nFROM overall{sets};", stats.join(",\n"));
    Ok(q)
}

/// The columns of the sections beyond the gap analysis (super::extras), as
/// the structure names them (a warehouse table has them all).
struct ExtraColumns<'a> {
    importance: Vec<(usize, &'a Column)>,
    recommend: Option<&'a Column>,
    overall: Option<&'a Column>,
    effort: Option<&'a Column>,
    /// One column per dimension (the last configured), when every dimension has one.
    allocation: Option<Vec<&'a Column>>,
    /// Per-row columns of the last stage: usable allocations, complete rows.
    row_columns: Vec<String>,
    /// The dimensions that can score, and each one's score column.
    possible: Vec<usize>,
}

fn extra_columns<'a>(layout: &Layout<'a>) -> ExtraColumns<'a> {
    use crate::model::config::Role;
    let config = layout.config;
    // The last of a role, as model::survey keeps it.
    let single = |role| config.columns.iter().rev().find(|c| c.role == role);
    let allocation: Option<Vec<&Column>> = (!layout.dims.is_empty())
        .then(|| {
            layout
                .dims
                .iter()
                .map(|d| {
                    config.columns.iter().rev().find(|c| {
                        c.role == Role::Allocation && c.dimension.as_deref() == Some(d.id)
                    })
                })
                .collect()
        })
        .flatten();
    let overall = single(Role::Overall);
    let score = config.analyses.drivers.score;
    let possible = super::extras::possible_dims(layout, score, |_| true);
    let mut row_columns = Vec::new();
    if let Some(a) = &allocation {
        let total = sum(&(0..a.len()).map(|k| format!("a{k}")).collect::<Vec<_>>());
        let nonneg: Vec<String> = (0..a.len()).map(|k| format!("a{k} >= 0")).collect();
        row_columns.push(format!("    {total} AS altot"));
        row_columns.push(format!(
            "    CASE WHEN ({total}) > 0 AND {} THEN 1 ELSE 0 END AS alok",
            nonneg.join(" AND ")
        ));
    }
    if overall.is_some() && !layout.dims.is_empty() {
        let mut present = vec!["os IS NOT NULL".to_string()];
        present.extend(
            possible
                .iter()
                .map(|&k| format!("{} IS NOT NULL", score_col(score, k))),
        );
        row_columns.push(format!(
            "    CASE WHEN {} THEN 1 ELSE 0 END AS cmp",
            present.join(" AND ")
        ));
    }
    ExtraColumns {
        importance: layout
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| it.importance.map(|c| (i, c)))
            .collect(),
        recommend: single(Role::Recommend),
        overall,
        effort: single(Role::Effort),
        allocation,
        row_columns,
        possible,
    }
}

fn score_col(score: crate::model::analysis_options::ScoreKind, k: usize) -> String {
    match score {
        crate::model::analysis_options::ScoreKind::Gap => format!("dg{k}"),
        crate::model::analysis_options::ScoreKind::Perception => format!("ds{k}"),
    }
}

/// The aggregates of super::extras, named as the stream names them.
fn extra_stats(d: Dialect, layout: &Layout, x: &ExtraColumns, grades: &[f64]) -> Vec<String> {
    use super::extras as ex;
    let mut out = Vec::new();
    let name = |stat: &str, var: &str| d.ident(&stat_name(stat, var));
    let count = |out: &mut Vec<String>, var: &str, cond: String| {
        out.push(format!(
            "    SUM(CASE WHEN {cond} THEN 1 ELSE 0 END) AS {}",
            name("count", var)
        ));
    };
    let moments = |out: &mut Vec<String>, var: &str, expr: &str| {
        out.push(format!("    COUNT({expr}) AS {}", name("n", var)));
        out.push(format!("    AVG({expr}) AS {}", name("mean", var)));
        out.push(format!("    VAR_SAMP({expr}) AS {}", name("var", var)));
    };
    // A joint set over the rows where `when` holds (its components' own
    // presence included), with the pairs' sample covariances.
    let joint = |out: &mut Vec<String>, key: &str, parts: &[(&str, String)], when: &str| {
        let guarded: Vec<String> = parts
            .iter()
            .map(|(_, e)| format!("CASE WHEN {when} THEN {e} END"))
            .collect();
        for (i, (a, _)) in parts.iter().enumerate() {
            moments(out, &ex::component(key, a), &guarded[i]);
            for (j, (b, _)) in parts.iter().enumerate().skip(i + 1) {
                out.push(format!(
                    "    COVAR_SAMP({}, {}) AS {}",
                    guarded[i],
                    guarded[j],
                    name("cov", &ex::pair(key, a, b))
                ));
            }
        }
    };
    if let Some(&lo) = grades.first() {
        for (i, it) in layout
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.p.is_some())
        {
            for k in 0..grades.len() {
                count(&mut out, &ex::grade(it.id, k), format!("fi{i} = {k}"));
            }
            count(
                &mut out,
                &ex::rounded(it.id),
                format!("ABS(p{i} - ({} + fi{i})) > 1e-9", num(lo)),
            );
        }
    }
    if x.recommend.is_some() {
        out.push(format!("    COUNT(nps) AS {}", name("count", ex::NPS[0])));
        count(&mut out, ex::NPS[1], "nps >= 9".into());
        count(&mut out, ex::NPS[2], "nps <= 6".into());
    }
    if let Some(c) = x.overall {
        out.push(format!("    COUNT(os) AS {}", name("count", ex::CSAT[0])));
        let scale = c.scale.unwrap_or(layout.config.scale);
        let top =
            crate::analyses::metrics::csat_threshold(scale, layout.config.analyses.csat.top_k);
        match top {
            Some(t) => count(&mut out, ex::CSAT[1], format!("os >= {}", num(t))),
            None => count(&mut out, ex::CSAT[1], "FALSE".into()),
        }
    }
    if x.effort.is_some() {
        moments(&mut out, ex::CES, "ces");
    }
    for &(i, _) in &x.importance {
        moments(
            &mut out,
            &ex::importance(layout.items[i].id),
            &format!("i{i}"),
        );
    }
    if x.overall.is_some() {
        for (i, it) in layout
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.p.is_some())
        {
            let parts = [("x", format!("p{i}")), ("y", "os".to_string())];
            joint(
                &mut out,
                &ex::item_pair(it.id),
                &parts,
                &format!("p{i} IS NOT NULL AND os IS NOT NULL"),
            );
        }
        if !layout.dims.is_empty() {
            let score = layout.config.analyses.drivers.score;
            for (k, dim) in layout.dims.iter().enumerate() {
                let s = score_col(score, k);
                let parts = [("x", s.clone()), ("y", "os".to_string())];
                joint(
                    &mut out,
                    &ex::dim_pair(dim.id),
                    &parts,
                    &format!("{s} IS NOT NULL AND os IS NOT NULL"),
                );
            }
            let names = ex::all_names(&x.possible);
            let mut parts: Vec<(&str, String)> = x
                .possible
                .iter()
                .zip(&names)
                .map(|(&k, n)| (n.as_str(), score_col(score, k)))
                .collect();
            parts.push((ex::OS, "os".into()));
            joint(&mut out, ex::ALL, &parts, "cmp = 1");
            count(&mut out, ex::MISSING_OVERALL, "os IS NULL".into());
            count(
                &mut out,
                ex::MISSING_SCORE,
                "os IS NOT NULL AND cmp = 0".into(),
            );
        }
    }
    if let Some(a) = &x.allocation {
        count(&mut out, ex::ALLOCATED, "alok = 1".into());
        let share = |k: usize| format!("CAST(a{k} AS {}) / altot", d.double());
        for (k, dim) in layout.dims.iter().enumerate() {
            out.push(format!(
                "    SUM(CASE WHEN alok = 1 THEN {} END) AS {}",
                share(k),
                name("sum", &ex::allocation_share(dim.id))
            ));
        }
        for (var, prefix) in [(ex::ALLOCATED_GAP, "dg"), (ex::ALLOCATED_PERF, "ds")] {
            let terms: Vec<String> = (0..a.len())
                .map(|k| format!("{} * {prefix}{k}", share(k)))
                .collect();
            let v = format!("CASE WHEN alok = 1 THEN {} END", sum(&terms));
            out.push(format!("    SUM({v}) AS {}", name("sum", var)));
            out.push(format!("    COUNT({v}) AS {}", name("count", var)));
        }
    }
    out
}
