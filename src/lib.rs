//! Gapscope: service-quality evaluation from survey data.
//!
//! A pure core (parsing, the survey model, statistics, weights, the report model)
//! with no browser dependency, exposed three ways over one [`Report`]: this Rust
//! API, the `gapscope` command-line tool and the WebAssembly `Evaluator` (src/wasm.rs).
//!
//! ```
//! use gapscope::Evaluator;
//! let csv = "E1,P1,E5,P5\n6,5,7,6\n5,5,6,4\n7,6,6,6\n";
//! let report = Evaluator::detect().analyze_text(csv);
//! assert_eq!(report.respondents.analysed, 3);
//! let overall = report.overall.servqual.unwrap();
//! assert!(overall < 0.0); // perception falls short of expectation
//! ```

pub mod config;
pub mod decode;
pub mod detect;
pub mod diag;
pub mod markdown;
pub mod quality;
pub mod report;
pub mod servqual;
pub mod stats;
pub mod survey;
pub mod table;
pub mod timecell;
pub mod value;
pub mod weights;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use config::SurveyConfig;
pub use diag::{Diagnostic, Diagnostics, Text};
pub use report::Report;

/// Analyses survey data with a given or detected structure.
#[derive(Debug, Clone, Default)]
pub struct Evaluator {
    config: Option<SurveyConfig>,
}

impl Evaluator {
    /// An evaluator that detects the structure from each table's headers.
    pub fn detect() -> Evaluator {
        Evaluator { config: None }
    }

    /// An evaluator with a fixed survey structure.
    pub fn with_config(config: SurveyConfig) -> Evaluator {
        Evaluator {
            config: Some(config),
        }
    }

    pub fn config(&self) -> Option<&SurveyConfig> {
        self.config.as_ref()
    }

    /// Analyse delimited text (CSV, TSV, semicolon; header row first).
    pub fn analyze_text(&self, text: &str) -> Report {
        let mut diags = Diagnostics::default();
        let table = table::parse(text, None, &mut diags);
        self.analyze_table(&table, diags)
    }

    /// Analyse file bytes: the encoding is detected (UTF-8, UTF-16 with BOM).
    pub fn analyze_bytes(&self, bytes: &[u8]) -> Report {
        let mut diags = Diagnostics::default();
        let text = decode::decode(bytes, &mut diags);
        let table = table::parse(&text, None, &mut diags);
        self.analyze_table(&table, diags)
    }

    /// Detect the structure of delimited text without analysing it.
    pub fn detect_text(text: &str) -> (SurveyConfig, Diagnostics) {
        let mut diags = Diagnostics::default();
        let table = table::parse(text, None, &mut diags);
        let config = detect::detect(&table, &mut diags);
        (config, diags)
    }

    /// Analyse an already parsed table; `diags` carries what parsing reported.
    pub fn analyze_table(&self, table: &table::Table, mut diags: Diagnostics) -> Report {
        let (config, detected) = match &self.config {
            Some(c) => (c.clone(), false),
            None => (detect::detect(table, &mut diags), true),
        };
        // Quality first, on every row; then the analysis on the rows kept.
        let mut quality = quality::assess(table, &config, &mut diags);
        let selection = quality::select(table, &config, &quality, &mut diags);
        quality.excluded = selection.excluded;
        let kept;
        let analysed_table = if selection.exclusions.is_empty() {
            table
        } else {
            kept = table.select_rows(&selection.keep);
            &kept
        };
        let survey = survey::build(analysed_table, &config, &mut diags);
        let analysis = servqual::analyse(&survey, &config, &mut diags);
        let mut respondents = analysis.respondents;
        respondents.total = table.rows();
        let mut excluded = selection.exclusions;
        excluded.append(&mut respondents.excluded);
        respondents.excluded = excluded;
        Report {
            schema: report::SCHEMA_VERSION,
            generator: concat!("gapscope ", env!("CARGO_PKG_VERSION")).to_string(),
            respondents,
            config,
            detected,
            items: analysis.items,
            dimensions: analysis.dimensions,
            overall: analysis.overall,
            quality,
            diagnostics: diags,
        }
    }
}
