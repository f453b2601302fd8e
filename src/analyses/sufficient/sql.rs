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
    let s = layout.scale_of(c);
    let (lo, hi) = (num(s.min), num(s.max));
    let value = if c.reverse {
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
    let _ = match og_col {
        Some(og) => writeln!(
            q,
            ", overall AS (\n  SELECT\n    *,\n{og}\n  FROM scores\n)"
        ),
        None => writeln!(q, ", overall AS (SELECT * FROM scores)"),
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
