//! Tables for spreadsheets: CSV (UTF-8 with a BOM, so Excel reads Chinese) and
//! the rows of an XLSX sheet. Numbers are written at full precision; text that
//! a spreadsheet would take for a formula (= + - @, tab, CR first) is
//! neutralised with a leading apostrophe (OWASP's CSV-injection advice).

use super::tables::{Cell, Table};
use super::Document;
use crate::report::markdown::Lang;

/// Text a spreadsheet would not run: a leading `'` before = + - @ tab CR.
pub fn neutralise(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(s) => neutralise(s),
        // Full precision, as in the report JSON.
        Cell::Num { value, .. } | Cell::P(value) => format!("{value}"),
        Cell::Empty => String::new(),
    }
}

/// The table's header and rows as spreadsheet cells.
pub fn rows(t: &Table) -> Vec<Vec<String>> {
    let mut out = vec![t.columns.iter().map(|c| neutralise(c)).collect::<Vec<_>>()];
    out.extend(t.rows.iter().map(|r| r.iter().map(cell).collect()));
    out
}

/// One table as CSV text, BOM first.
pub fn table_csv(t: &Table) -> String {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    for r in rows(t) {
        // Writing to memory cannot fail.
        let _ = w.write_record(&r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{FEFF}{}", String::from_utf8_lossy(&bytes))
}

/// The sheets of the XLSX download: a README sheet, then one per table.
pub fn sheets(doc: &Document, lang: Lang) -> Vec<(String, Vec<Vec<String>>)> {
    let l = |en: &'static str, zh: &'static str| lang.s(en, zh).to_string();
    let c = &doc.cover;
    let mut readme: Vec<Vec<String>> = vec![
        vec![l("Gapscope report", "Gapscope 评估报告"), String::new()],
        vec![l("Title", "标题"), neutralise(&c.title)],
        vec![l("Organisation", "机构"), neutralise(&c.organisation)],
        vec![l("Prepared by", "编制"), neutralise(&c.author)],
        vec![l("Date", "日期"), neutralise(&c.date)],
        vec![l("Survey period", "调查期间"), neutralise(&c.period)],
        vec![l("Respondents analysed", "有效样本"), doc.n.to_string()],
        vec![String::new(), String::new()],
        vec![
            l(
                "Numbers are at full precision; the report rounds them for reading. Methods: Gapscope METHODS.md.",
                "数字为完整精度，报告中为便于阅读做了四舍五入。方法见 Gapscope METHODS.md。",
            ),
            String::new(),
        ],
        vec![String::new(), String::new()],
        vec![l("Sheet", "工作表"), l("Contents", "内容")],
    ];
    readme.extend(
        doc.tables
            .iter()
            .map(|t| vec![t.id.clone(), neutralise(&t.title)]),
    );
    let mut out = vec![(l("README", "说明"), readme)];
    out.extend(doc.tables.iter().map(|t| (t.id.clone(), rows(t))));
    out
}
