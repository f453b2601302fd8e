//! Sufficient statistics (docs/scale.md): the query `gapscope sql` writes, and the
//! report `analyze --summaries` makes from its result. The end-to-end check
//! against DuckDB is tests/scale/duckdb_summaries.py; here: quoting per dialect,
//! a result computed by hand (reference values from SciPy), and every way a
//! result table can be wrong.

use gapscope::analyses::sufficient::sql::{query, Dialect};
use gapscope::{Evaluator, SurveyConfig};

fn config(json: &str) -> SurveyConfig {
    SurveyConfig::from_json(json).expect("config")
}

/// One dimension of two items; column names that need quoting in every dialect.
const CONFIG: &str = r#"{
  "version": 1, "scale": {"min": 1, "max": 5},
  "dimensions": [{"id": "d"}],
  "items": [{"id": "A", "dimension": "d"}, {"id": "B", "dimension": "d"}],
  "columns": [
    {"name": "E \"A\"", "role": "expectation", "item": "A"},
    {"name": "P `A`", "role": "perception", "item": "A"},
    {"name": "E B", "role": "expectation", "item": "B", "reverse": true},
    {"name": "P B", "role": "perception", "item": "B"}
  ],
  "missing_codes": ["n'a"]
}"#;

#[test]
fn each_dialect_quotes_names_and_texts_its_own_way() {
    let c = config(CONFIG);
    let duck = query(&c, "t", Dialect::DuckDb).unwrap();
    assert!(duck.contains(r#"CAST("E ""A""" AS VARCHAR)"#), "{duck}");
    assert!(duck.contains("IN ('n''a')"), "{duck}");
    assert!(duck.contains("TRY_CAST("));
    // Reverse coding: min + max − x.
    assert!(
        duck.contains("THEN 1.0 + 5.0 - veB") || duck.contains("THEN 1.0 + 5.0 - ve1"),
        "{duck}"
    );
    let spark = query(&c, "t", Dialect::Spark).unwrap();
    assert!(spark.contains("CAST(`P ``A``` AS STRING)"), "{spark}");
    assert!(spark.contains(r"IN ('n\'a')"), "{spark}");
    let bq = query(&c, "t", Dialect::BigQuery).unwrap();
    assert!(bq.contains(r"CAST(`P \`A\`` AS STRING)"), "{bq}");
    assert!(bq.contains("SAFE_CAST(") && bq.contains("FLOAT64"));
    let pg = query(&c, "t", Dialect::Postgres).unwrap();
    assert!(pg.contains("CAST(\"E B\" AS TEXT)") && pg.contains("DOUBLE PRECISION"));
    assert!(!pg.contains("TRY_CAST"), "PostgreSQL has no TRY_CAST");
    for q in [&duck, &spark, &bq, &pg] {
        assert!(q.contains("FROM t\n") && q.contains("VAR_SAMP("));
        assert!(q.contains("n:G/A") && q.contains("var:RE/d/B/rest"));
    }
    // Numeric columns are cast, not parsed; the missing code that is no number
    // cannot occur in one and is left out.
    let numeric =
        gapscope::analyses::sufficient::sql::query_with(&c, "t", Dialect::Postgres, true).unwrap();
    assert!(
        numeric.contains("CAST(\"E B\" AS DOUBLE PRECISION)") && !numeric.contains("~ '^"),
        "{numeric}"
    );
    assert!(Dialect::parse("PostgreSQL") == Some(Dialect::Postgres));
    assert!(Dialect::parse("oracle").is_none());
}

#[test]
fn a_structure_without_answer_columns_gets_no_query() {
    let c = config(
        r#"{"version": 1, "scale": {"min": 1, "max": 5}, "dimensions": [{"id": "d"}], "items": [{"id": "A", "dimension": "d"}], "columns": []}"#,
    );
    let why = query(&c, "t", Dialect::DuckDb).unwrap_err();
    assert!(why.en.contains("nothing to compute"), "{}", why.en);
}

/// Gaps −1, 0, −2, −1 of four respondents; SciPy: `ttest_1samp([-1, 0, -2, -1], 0)`
/// gives t = −2.449489742783178, p = 0.09172111331157186.
fn summaries(extra: &str) -> String {
    let cols = [
        ("rows", "4"),
        ("analysed", "4"),
        ("n:E/A", "4"),
        ("mean:E/A", "4"),
        ("var:E/A", "0.6666666666666666"),
        ("n:P/A", "4"),
        ("mean:P/A", "3"),
        ("var:P/A", "0"),
        ("n:G/A", "4"),
        ("mean:G/A", "-1"),
        ("var:G/A", "0.6666666666666666"),
    ];
    let (h, v): (Vec<&str>, Vec<&str>) = cols.into_iter().unzip();
    format!("scope,group,{}{extra}\n,,{}\n", h.join(","), v.join(","))
}

const ONE_ITEM: &str = r#"{
  "version": 1, "scale": {"min": 1, "max": 5},
  "dimensions": [{"id": "d"}], "items": [{"id": "A", "dimension": "d"}],
  "columns": [
    {"name": "EA", "role": "expectation", "item": "A"},
    {"name": "PA", "role": "perception", "item": "A"}
  ]
}"#;

/// The dimension's statistics (the respondents' dimension scores equal the item's here).
fn with_dimension(s: &str) -> String {
    let mut lines = s.lines();
    let (h, v) = (lines.next().unwrap(), lines.next().unwrap());
    let mut h = h.to_string();
    let mut v = v.to_string();
    for (kind, n, mean, var) in [
        ("DE", "4", "4", "0.6666666666666666"),
        ("DP", "4", "3", "0"),
        ("DG", "4", "-1", "0.6666666666666666"),
        ("DS", "4", "3", "0"),
    ] {
        h += &format!(",n:{kind}/d,mean:{kind}/d,var:{kind}/d");
        v += &format!(",{n},{mean},{var}");
    }
    h += ",n:RE/d,mean:RE/d,var:RE/d,n:RE/d/A,mean:RE/d/A,var:RE/d/A,n:RE/d/A/rest,mean:RE/d/A/rest,var:RE/d/A/rest";
    v += ",4,4,0.6666666666666666,4,4,0.6666666666666666,4,0,0";
    h += ",n:RP/d,mean:RP/d,var:RP/d,n:RP/d/A,mean:RP/d/A,var:RP/d/A,n:RP/d/A/rest,mean:RP/d/A/rest,var:RP/d/A/rest";
    v += ",4,3,0,4,3,0,4,0,0";
    format!("{h}\n{v}\n")
}

#[test]
fn a_result_gives_the_tests_scipy_gives() {
    let e = Evaluator::with_config(config(ONE_ITEM));
    let r = e.analyze_summaries(&with_dimension(&summaries("")));
    assert!(!r.diagnostics.has_errors(), "{:?}", r.diagnostics.messages);
    assert_eq!(r.respondents.total, 4);
    let g = &r.items[0].gap;
    assert_eq!(g.n, 4);
    assert!((g.t.unwrap() - -2.449489742783178).abs() < 1e-12);
    assert!((g.p.unwrap() - 0.09172111331157186).abs() < 1e-12);
    // Every perception was 3: SD 0, as from the answers.
    assert_eq!(r.items[0].perception.sd, Some(0.0));
    assert!((r.overall.servqual.unwrap() - -1.0).abs() < 1e-15);
    assert_eq!(r.input.format, "summaries");
    // One item per scale: α needs two, and the reason says so.
    let rel = r.analyses.reliability.as_ref().unwrap();
    assert!(rel
        .scales
        .iter()
        .all(|s| s.alpha.is_none() && s.undefined.is_some()));
    assert!(r.analyses.ipa.is_none() && r.quality.columns.is_empty());
    assert!(r
        .overall
        .notes
        .iter()
        .any(|n| n.en.contains("sufficient statistics") && n.zh.contains("充分统计量")));
}

#[test]
fn a_result_for_another_structure_names_what_it_lacks() {
    let e = Evaluator::with_config(config(ONE_ITEM));
    let r = e.analyze_summaries(&summaries(""));
    let m = r
        .diagnostics
        .messages
        .iter()
        .find(|m| m.code == "summaries_columns_missing")
        .expect("missing columns named");
    assert!(
        m.message.en.contains("n:DE/d") && m.message.zh.contains("n:DE/d"),
        "{}",
        m.message.en
    );
    assert!(r.diagnostics.has_errors() && r.items.iter().all(|i| i.gap.n == 0));
}

#[test]
fn wrong_tables_and_values_are_explained_not_misread() {
    let e = Evaluator::with_config(config(ONE_ITEM));
    // Not the query's result at all.
    let r = e.analyze_summaries("item,mean E,mean P\nA,4,3\n");
    assert!(r
        .diagnostics
        .messages
        .iter()
        .any(|m| m.code == "summaries_not_recognised"));
    // No structure: refused with the reason.
    let r = Evaluator::detect().analyze_summaries(&summaries(""));
    assert!(r
        .diagnostics
        .messages
        .iter()
        .any(|m| m.code == "summaries_need_structure"));
    // A value that is not a number: a warning at its column, read as missing.
    let bad = with_dimension(&summaries("")).replace(",0.6666666666666666,4,3,", ",oops,4,3,");
    let r = e.analyze_summaries(&bad);
    let w = r
        .diagnostics
        .messages
        .iter()
        .find(|m| m.code == "summaries_value_unreadable")
        .expect("unreadable value reported");
    assert!(w.column.is_some() && w.message.en.contains("oops"));
    // An empty variance where n says there is one: damaged, not zero.
    let r = e.analyze_summaries(
        &with_dimension(&summaries("")).replace(",0,4,3,0,4,0,0", ",NULL,4,3,0,4,0,0"),
    );
    assert!(r
        .diagnostics
        .messages
        .iter()
        .any(|m| m.code == "summaries_value_empty" && m.message.en.contains("var:RP/d")));
    // A count that is not a whole number is refused the same way.
    let r = e.analyze_summaries(&with_dimension(&summaries("")).replacen(",,4,4,", ",,4.5,4,", 1));
    assert!(r
        .diagnostics
        .messages
        .iter()
        .any(|m| m.code == "summaries_value_unreadable"));
    // Empty and hostile inputs never panic.
    for text in [
        "",
        "\n",
        "rows,analysed,n:x\n",
        "scope,group,rows,analysed,n:E/A\nx,y,1,1,1\n",
    ] {
        let _ = e.analyze_summaries(text);
    }
}
