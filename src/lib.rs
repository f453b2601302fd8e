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

// A panic in wasm kills the page: outside tests, failures are values, never panics.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable
    )
)]

// The pipeline, one folder per stage; each imports only from the stages above
// it in this list (checked by tests/architecture.rs; docs/architecture.md).
pub mod analyses;
pub mod common;
pub mod document;
pub mod input;
pub mod methods;
pub mod model;
pub mod quality;
pub mod report;
pub mod stats;

mod ts_types;

pub mod stream;

#[cfg(target_arch = "wasm32")]
pub mod js;
#[cfg(all(target_arch = "wasm32", feature = "engine-bindings"))]
mod wasm;

/// The crate version (the engine's `version()` in JS).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub use common::diag::{Diagnostic, Diagnostics, Text};
pub use input::{InputInfo, InputOptions};
pub use model::config::SurveyConfig;
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
    options: InputOptions,
}

impl Evaluator {
    /// An evaluator that detects the structure from each table's headers.
    pub fn detect() -> Evaluator {
        Evaluator::default()
    }

    /// An evaluator with a fixed survey structure.
    pub fn with_config(config: SurveyConfig) -> Evaluator {
        Evaluator {
            config: Some(config),
            options: InputOptions::default(),
        }
    }

    /// How to read inputs (encoding, delimiter, header row, sheet, layout).
    pub fn with_options(mut self, options: InputOptions) -> Evaluator {
        self.options = options;
        self
    }

    pub fn config(&self) -> Option<&SurveyConfig> {
        self.config.as_ref()
    }

    pub fn options(&self) -> &InputOptions {
        &self.options
    }

    /// Analyse delimited text (CSV, TSV, semicolon). Title rows above the header
    /// and survey-platform header rows are recognised (docs/inputs.md).
    pub fn analyze_text(&self, text: &str) -> Report {
        let (table, diags, info) = self.read_text(text);
        self.analyze_prepared(&table, diags, info)
    }

    /// Analyse rows of cells, e.g. a workbook sheet read by the workbook module.
    /// Row numbers in messages are positions in `rows` (1-based).
    pub fn analyze_rows(&self, rows: &[Vec<String>]) -> Report {
        let (table, diags, info) = self.read_rows(rows);
        self.analyze_prepared(&table, diags, info)
    }

    /// Analyse file bytes: text in any supported encoding (decode.rs), or — in
    /// native builds — a workbook. Anything else gets one clear error.
    pub fn analyze_bytes(&self, bytes: &[u8]) -> Report {
        self.analyze_bytes_with(bytes, input::decode::default_legacy())
    }

    /// [`analyze_bytes`](Self::analyze_bytes) taking the bytes: valid UTF-8 text
    /// becomes the string without a copy, which halves the memory of a large file.
    pub fn analyze_owned(&self, bytes: Vec<u8>) -> Report {
        let plain_utf8 = self.options.encoding.is_none()
            && input::sniff::sniff(&bytes) == input::sniff::Sniffed::Text
            && {
                let g = input::decode::detect_encoding(&bytes);
                g.encoding == "utf-8" && g.first_invalid.is_none() && !g.mixed
            };
        if !plain_utf8 {
            return self.analyze_bytes(&bytes);
        }
        let guess = input::decode::detect_encoding(&bytes);
        match String::from_utf8(bytes) {
            Ok(text) => {
                let mut diags = Diagnostics::default();
                let mut info = InputInfo {
                    encoding: Some(guess),
                    ..Default::default()
                };
                let table = if self.check_options(false, &mut diags) {
                    input::records::read_text(&text, &self.options, &mut info, &mut diags)
                } else {
                    input::table::Table::default()
                };
                drop(text);
                self.analyze_prepared(&table, diags, info)
            }
            Err(e) => self.analyze_bytes(e.as_bytes()),
        }
    }

    /// [`analyze_bytes`](Self::analyze_bytes) with a given decoder for legacy
    /// encodings (the wasm binding passes the browser's TextDecoder).
    pub fn analyze_bytes_with(&self, bytes: &[u8], legacy: input::decode::LegacyDecoder) -> Report {
        let (table, diags, info) = self.read_bytes(bytes, legacy);
        self.analyze_prepared(&table, diags, info)
    }

    /// Analyse a table of sufficient statistics: the CSV result of the query
    /// `gapscope sql` wrote for this evaluator's structure (docs/scale.md).
    /// The gap analysis and reliability come out as from the answers; what
    /// needs each respondent is absent, and the report says so.
    pub fn analyze_summaries(&self, text: &str) -> Report {
        let (table, mut diags, mut info) = self.read_text(text);
        info.format = "summaries".into();
        let Some(config) = self.config.clone() else {
            diags.push(Diagnostic::new(
                "summaries_need_structure",
                common::diag::Severity::Error,
                Text::new(
                    "Sufficient statistics can only be read with the survey structure the query was written for (--config).",
                    "充分统计量只能配合生成查询时所用的问卷结构读取（--config）。",
                ),
            ));
            return self.analyze_prepared(&input::table::Table::default(), diags, info);
        };
        if !diags.has_errors() && !analyses::sufficient::read::is_summaries(&table) {
            diags.push(Diagnostic::new(
                "summaries_not_recognised",
                common::diag::Severity::Error,
                Text::new(
                    "This table is not the result of `gapscope sql`: it has no rows, analysed and n:… columns.",
                    "该表不是 `gapscope sql` 的结果：没有 rows、analysed 和 n:… 列。",
                ),
            ));
        }
        let found = if diags.has_errors() {
            None
        } else {
            analyses::sufficient::read::analyse(&table, &config, &mut diags)
        };
        let Some(s) = found else {
            let mut r = stream::failed(diags);
            r.config = config;
            r.detected = false;
            r.input = info;
            return r;
        };
        let a = s.analysis;
        Report {
            schema: report::SCHEMA_VERSION,
            generator: concat!("gapscope ", env!("CARGO_PKG_VERSION")).to_string(),
            respondents: a.respondents,
            config,
            detected: false,
            items: a.items,
            dimensions: a.dimensions,
            overall: a.overall,
            fuzzy: s.fuzzy,
            analyses: analyses::Analyses {
                reliability: s.reliability,
                ipa: s.ipa,
                metrics: s.metrics,
                drivers: s.drivers,
                comparisons: s.comparisons,
            },
            quality: Default::default(),
            input: info,
            diagnostics: diags,
        }
    }

    /// A report that only carries an error (nothing could be read).
    pub fn error_report(&self, error: Diagnostic) -> Report {
        let mut diags = Diagnostics::default();
        diags.push(error);
        self.analyze_prepared(&input::table::Table::default(), diags, InputInfo::default())
    }

    /// Detect the structure of delimited text without analysing it.
    pub fn detect_text(text: &str) -> (SurveyConfig, Diagnostics) {
        let (table, mut diags, mut info) = Evaluator::detect().read_text(text);
        let config = model::prepare::prepare(&table, None, None, &mut info, &mut diags).config;
        (config, diags)
    }

    /// Detect the structure of file bytes (text in any supported encoding or,
    /// natively, a workbook) with the default input options.
    pub fn detect_bytes(bytes: &[u8]) -> Detection {
        Evaluator::detect().detect_file(bytes)
    }

    /// Detect the structure of file bytes, read with this evaluator's input options.
    pub fn detect_file(&self, bytes: &[u8]) -> Detection {
        let (table, mut diags, mut info) = self.read_bytes(bytes, input::decode::default_legacy());
        let config =
            model::prepare::prepare(&table, None, self.options.layout, &mut info, &mut diags)
                .config;
        Detection {
            config,
            diagnostics: diags,
        }
    }

    /// Refuse unusable option values (each an error), and say which options
    /// do not apply to this kind of input. False when nothing may be read.
    fn check_options(&self, workbook: bool, diags: &mut Diagnostics) -> bool {
        let problems = self.options.problems();
        let ok = problems.is_empty();
        for d in problems {
            diags.push(d);
        }
        let na = self.options.not_applicable(workbook);
        if let Some(d) = input::not_applicable_warning(&na, workbook) {
            diags.push(d);
        }
        ok
    }

    fn read_text(&self, text: &str) -> (input::table::Table, Diagnostics, InputInfo) {
        let mut diags = Diagnostics::default();
        let mut info = InputInfo::default();
        if !self.check_options(false, &mut diags) {
            return (input::table::Table::default(), diags, info);
        }
        let table = input::records::read_text(text, &self.options, &mut info, &mut diags);
        (table, diags, info)
    }

    fn read_rows(&self, rows: &[Vec<String>]) -> (input::table::Table, Diagnostics, InputInfo) {
        let mut diags = Diagnostics::default();
        let mut info = InputInfo {
            format: "rows".into(),
            ..Default::default()
        };
        // Rows come from a sheet the page read itself, or from a JS caller:
        // text-only options do not apply, a sheet name already did.
        let rows_options = InputOptions {
            sheet: None,
            ..self.options.clone()
        };
        let problems = rows_options.problems();
        if !problems.is_empty() {
            for d in problems {
                diags.push(d);
            }
            return (input::table::Table::default(), diags, info);
        }
        let table = input::records::read_rows(rows, &self.options, &mut info, &mut diags);
        (table, diags, info)
    }

    fn read_bytes(
        &self,
        bytes: &[u8],
        legacy: input::decode::LegacyDecoder,
    ) -> (input::table::Table, Diagnostics, InputInfo) {
        let mut diags = Diagnostics::default();
        let mut info = InputInfo::default();
        let kind = input::sniff::sniff(bytes);
        let workbook = matches!(kind, input::sniff::Sniffed::Workbook(_));
        if !self.check_options(workbook, &mut diags) {
            return (input::table::Table::default(), diags, info);
        }
        if let input::sniff::Sniffed::Workbook(format) = kind {
            if let Some(rows) =
                input::workbook::read(bytes, format, &self.options, &mut info, &mut diags)
            {
                let table = input::records::read_rows(&rows, &self.options, &mut info, &mut diags);
                return (table, diags, info);
            }
        }
        if let Some(error) = input::not_text_error(kind) {
            if !diags.has_errors() {
                diags.push(error);
            }
            return (input::table::Table::default(), diags, info);
        }
        let (text, guess) =
            input::decode::decode_with(bytes, self.options.encoding.as_deref(), legacy, &mut diags);
        info.encoding = Some(guess);
        let table = input::records::read_text(&text, &self.options, &mut info, &mut diags);
        (table, diags, info)
    }

    /// Analyse an already parsed table; `diags` carries what parsing reported.
    pub fn analyze_table(&self, table: &input::table::Table, diags: Diagnostics) -> Report {
        self.analyze_prepared(table, diags, InputInfo::default())
    }

    fn analyze_prepared(
        &self,
        table: &input::table::Table,
        mut diags: Diagnostics,
        mut input: InputInfo,
    ) -> Report {
        let layout = self.options.layout;
        let summary = match layout {
            Some(input::Layout::Summary) => true,
            None => analyses::summary::is_summary(table),
            _ => false,
        };
        if summary {
            if let Some(s) = analyses::summary::analyse(table, self.config.as_ref(), &mut diags) {
                input.layout = input::Layout::Summary;
                return Report {
                    schema: report::SCHEMA_VERSION,
                    generator: concat!("gapscope ", env!("CARGO_PKG_VERSION")).to_string(),
                    respondents: s.respondents,
                    config: s.config,
                    detected: self.config.is_none(),
                    items: s.items,
                    dimensions: s.dimensions,
                    overall: s.overall,
                    fuzzy: None,
                    analyses: Default::default(),
                    quality: Default::default(),
                    input,
                    diagnostics: diags,
                };
            }
            diags.push(Diagnostic::new(
                "summary_columns_not_found",
                common::diag::Severity::Warning,
                Text::new(
                    "Summary layout was chosen, but the item, mean E and mean P columns were not found (e.g. 题项, 期望均值, 感知均值 / item, mean E, mean P); the table is read as answers.",
                    "已选择汇总格式，但未找到题项、期望均值和感知均值列（如 题项, 期望均值, 感知均值 / item, mean E, mean P）；按原始答卷读取。",
                ),
            ));
        }
        let prepared =
            model::prepare::prepare(table, self.config.as_ref(), layout, &mut input, &mut diags);
        let (config, detected) = (prepared.config, prepared.detected);
        let mut numbers = prepared.numbers;
        // `with_config` takes any value; JSON and JS configs are validated on the way in,
        // a Rust caller's is checked here so a bad one is reported rather than misread.
        if let Err(message) = config.validate() {
            diags.push(Diagnostic::new(
                "config_invalid",
                common::diag::Severity::Error,
                message,
            ));
        }
        let table = prepared.table.as_ref().unwrap_or(table);
        if !detected {
            quality::fit::structure(table, &config, &mut diags);
        }
        // Quality first, on every row; then the analysis on the rows kept.
        let mut quality = quality::assess(table, &config, &mut diags);
        if !detected {
            quality::fit::scale(table, &config, &quality, &mut diags);
        }
        let selection = quality::select(table, &config, &quality, &mut diags);
        let keep = selection.keep(table);
        quality.excluded = selection.excluded;
        let kept;
        let analysed_table = if selection.exclusions.is_empty() {
            table
        } else {
            kept = table.select_rows(&keep);
            if let Some(n) = numbers.as_mut() {
                n.select_rows(&keep);
            }
            &kept
        };
        let survey =
            model::survey::build_with(analysed_table, &config, numbers.as_mut(), &mut diags);
        quality::fit::nothing(table, &survey, detected, &mut diags);
        let analysis = analyses::servqual::analyse(&survey, &config, &mut diags);
        let fuzzy = methods::survey_fuzzy::evaluate(
            &survey,
            &config,
            &analysis.overall.weighting,
            &config.analyses.fuzzy,
            &mut diags,
        );
        let analyses = analyses::run(&survey, &config, &analysed_table.headers);
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
            fuzzy,
            analyses,
            quality,
            input,
            diagnostics: diags,
        }
    }
}
