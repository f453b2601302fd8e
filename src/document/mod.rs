//! The deliverable: the report a consultant hands to a client. From the
//! analysis report it derives the priorities with their evidence and the
//! improvement actions (METHODS.md §13), prefills a PDCA action plan, writes
//! an executive summary and method notes, and renders the whole document as
//! self-contained HTML, Markdown, CSV tables and XLSX sheets (docs/report-document.md).
//!
//! Stage 8, after the report. In: a [`Report`] and what the user typed for
//! the document ([`DocumentInputs`]: cover, plan, paper, catalogue). Out: the
//! [`Document`] and its renderings. Not part of the engine module: the page
//! loads it as its own WebAssembly module (crates/document) when the results
//! are shown.

pub mod catalogue;
pub mod charts;
pub mod csv;
pub mod findings;
pub mod html;
pub mod inputs;
pub mod markdown;
pub mod plan;
pub mod summary;
pub mod tables;
mod words;

pub use catalogue::Catalogue;
pub use inputs::{Cover, DocumentInputs, Paper};
pub use plan::{PlanCheck, PlanRow, PlanStage};

use crate::common::diag::Text;
use crate::report::markdown::Lang;
use crate::report::Report;
use serde::Serialize;

/// Version of the document's JSON shape.
pub const DOCUMENT_SCHEMA: u32 = 1;

/// Everything the document says beyond the report's own numbers.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub schema: u32,
    /// "en" or "zh": the language every text below is written in.
    pub lang: &'static str,
    pub cover: Cover,
    /// Respondents analysed (the cover's n).
    pub n: usize,
    pub summary: summary::ExecutiveSummary,
    /// What was computed and how, each citing its METHODS.md section.
    pub methods: Vec<summary::MethodNote>,
    /// Highest priority first (METHODS.md §13).
    pub priorities: Vec<findings::Priority>,
    /// The plan as the user edited it, or prefilled from the priorities.
    pub plan: Vec<PlanRow>,
    /// True when `plan` was prefilled (the user has not edited it yet).
    pub plan_prefilled: bool,
    /// Wave-to-wave comparison for the plan's Check stage, when the data has waves.
    pub check: Option<PlanCheck>,
    /// The tables of the document, as the CSV and XLSX downloads hold them.
    pub tables: Vec<tables::Table>,
    /// Each chart as a standalone SVG.
    pub charts: Vec<charts::Chart>,
    /// The catalogue's name (the built-in one or the host's).
    pub catalogue: Text,
}

/// Build the document. The catalogue is the host's when given, else the
/// built-in one (src/document/catalogue.json).
pub fn build(report: &Report, inputs: &DocumentInputs) -> Document {
    let lang = inputs.lang();
    let builtin;
    let cat = match &inputs.catalogue {
        Some(c) => c,
        None => {
            builtin = Catalogue::builtin();
            &builtin
        }
    };
    let priorities = findings::select(report, cat, lang);
    let check = plan::check(report);
    let (plan, plan_prefilled) = match &inputs.plan {
        Some(rows) => (rows.clone(), false),
        None => (plan::prefill(report, &priorities, lang), true),
    };
    let summary = summary::executive(report, lang);
    let methods = summary::method_notes(report, lang);
    let mut doc = Document {
        schema: DOCUMENT_SCHEMA,
        lang: match lang {
            Lang::En => "en",
            Lang::Zh => "zh",
        },
        cover: inputs.cover.clone(),
        n: report.respondents.analysed,
        summary,
        methods,
        priorities,
        plan,
        plan_prefilled,
        check,
        tables: Vec::new(),
        charts: Vec::new(),
        catalogue: cat.name.clone(),
    };
    doc.tables = tables::all(report, &doc, lang);
    doc.charts = charts::all(report, lang);
    doc
}

impl Document {
    pub fn lang(&self) -> Lang {
        if self.lang == "zh" {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The cover's title, or the default one.
    pub fn title(&self) -> String {
        if self.cover.title.trim().is_empty() {
            self.lang()
                .s("Service quality report", "服务质量评估报告")
                .to_string()
        } else {
            self.cover.title.clone()
        }
    }

    /// The cover's filled-in lines (label, value) under the title, n last.
    pub fn cover_lines(&self) -> Vec<(&'static str, String)> {
        let (l, c) = (self.lang(), &self.cover);
        [
            (l.s("Organisation", "机构"), c.organisation.clone()),
            (l.s("Prepared by", "编制"), c.author.clone()),
            (l.s("Date", "日期"), c.date.clone()),
            (l.s("Survey period", "调查期间"), c.period.clone()),
            (
                l.s("Respondents analysed", "有效样本"),
                format!("n = {}", self.n),
            ),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect()
    }
}

/// The JSON download: the report and the document side by side.
pub fn to_json(doc: &Document, report: &Report) -> String {
    #[derive(Serialize)]
    struct Both<'a> {
        report: &'a Report,
        document: &'a Document,
    }
    serde_json::to_string_pretty(&Both {
        report,
        document: doc,
    })
    .unwrap_or_default()
}

/// The renderings a caller can ask for (`render_parts`), by name.
pub const PARTS: [&str; 8] = [
    "document", "article", "css", "html", "markdown", "json", "csv", "sheets",
];

/// The named renderings of one document, as one JSON object: `document` (the
/// model), `article` and `css` (what the page prints), `html`, `markdown`,
/// `json`, `csv` ({table id: text}) and `sheets` ([{name, rows}] for XLSX).
/// Only the parts asked for are made (the page asks for the view on every
/// edit, and for a file's part when it is downloaded); an unknown name is an
/// error naming the known ones.
pub fn render_parts(
    report: &Report,
    inputs: &DocumentInputs,
    parts: &[&str],
) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    use serde_json::{json, Value};
    let doc = build(report, inputs);
    let mut out = serde_json::Map::new();
    for &part in parts {
        let value: Value = match part {
            "document" => serde_json::to_value(&doc).unwrap_or(Value::Null),
            "article" => html::article(&doc, report).into(),
            "css" => html::stylesheet(&doc, inputs.paper).into(),
            "html" => html::render(&doc, report, inputs.paper).into(),
            "markdown" => markdown::render(&doc, report).into(),
            "json" => to_json(&doc, report).into(),
            "csv" => doc
                .tables
                .iter()
                .map(|t| (t.id.clone(), Value::from(csv::table_csv(t))))
                .collect::<serde_json::Map<_, _>>()
                .into(),
            "sheets" => csv::sheets(&doc, inputs.lang())
                .into_iter()
                .map(|(name, rows)| json!({ "name": name, "rows": rows }))
                .collect::<Vec<_>>()
                .into(),
            other => {
                return Err(format!(
                    "unknown part {other:?}; the parts are {}",
                    PARTS.join(", ")
                ))
            }
        };
        out.insert(part.to_string(), value);
    }
    Ok(out)
}
