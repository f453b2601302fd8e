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

pub mod analyses;
pub mod config;
pub mod decode;
pub mod detect;
pub mod diag;
pub mod linalg;
pub mod markdown;
pub mod methods;
pub mod report;
pub mod servqual;
pub mod stats;
pub mod survey;
pub mod table;
mod ts_types;
pub mod value;
pub mod weights;
mod weights_ahp;
mod weights_combined;
mod weights_objective;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use config::SurveyConfig;
pub use diag::{Diagnostic, Diagnostics, Text};
pub use report::Report;

/// What detection found: the structure and what it said about the input. This is
/// what the JS `Evaluator.detect(text)` returns.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Detection {
    pub config: SurveyConfig,
    pub diagnostics: Diagnostics,
}

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

    /// Detect the structure of file bytes (encoding detected as in `analyze_bytes`).
    pub fn detect_bytes(bytes: &[u8]) -> Detection {
        let mut diags = Diagnostics::default();
        let text = decode::decode(bytes, &mut diags);
        let table = table::parse(&text, None, &mut diags);
        let config = detect::detect(&table, &mut diags);
        Detection {
            config,
            diagnostics: diags,
        }
    }

    /// Analyse an already parsed table; `diags` carries what parsing reported.
    pub fn analyze_table(&self, table: &table::Table, mut diags: Diagnostics) -> Report {
        let (config, detected) = match &self.config {
            Some(c) => (c.clone(), false),
            None => (detect::detect(table, &mut diags), true),
        };
        // `with_config` takes any value; JSON and JS configs are validated on the way in,
        // a Rust caller's is checked here so a bad one is reported rather than misread.
        if let Err(message) = config.validate() {
            diags.push(Diagnostic::new(
                "config_invalid",
                diag::Severity::Error,
                message,
            ));
        }
        let survey = survey::build(table, &config, &mut diags);
        let analysis = servqual::analyse(&survey, &config, &mut diags);
        let fuzzy = methods::survey_fuzzy::evaluate(
            &survey,
            &config,
            &analysis.overall.weighting,
            &config.analyses.fuzzy,
            &mut diags,
        );
        let analyses = analyses::run(&survey, &config, &table.headers);
        Report {
            schema: report::SCHEMA_VERSION,
            generator: concat!("gapscope ", env!("CARGO_PKG_VERSION")).to_string(),
            respondents: analysis.respondents,
            config,
            detected,
            items: analysis.items,
            dimensions: analysis.dimensions,
            overall: analysis.overall,
            fuzzy,
            analyses,
            diagnostics: diags,
        }
    }
}
