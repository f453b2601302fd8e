//! `gapscope`: the command-line face of the same engine the page uses.
//!
//! Exit codes (docs/cli.md): 0 the report was written; 1 it was written but the
//! input could not be analysed (an `error` diagnostic: empty input, no data rows,
//! an invalid structure); 2 nothing was written (bad arguments, unreadable file or
//! configuration).

use gapscope::report::cli as analyses_cli;
use gapscope::report::markdown::{self, Lang};
use gapscope::{Evaluator, InputOptions, SurveyConfig, Text};
use std::process::ExitCode;

// A bin root resolves modules next to itself (src/bin/), where Cargo would take
// any .rs file for another binary, hence the explicit path.
#[path = "gapscope/methods_cli.rs"]
mod methods_cli;
#[path = "gapscope/report_cli.rs"]
mod report_cli;
#[path = "gapscope/scale_cli.rs"]
mod scale_cli;

const USAGE: &str = "\
gapscope — service-quality evaluation from survey data

USAGE:
    gapscope analyze FILE [--config survey.json] [--format json|md] [--lang en|zh]
                          [--only reliability,ipa,metrics,drivers,comparisons]
                          [input options] [analysis options, see below]
    gapscope report FILE [--config survey.json] [--format html|md|json|xlsx|csv]
                         [--lang en|zh] [--document doc.json] [--catalogue FILE]
                         [--paper a4|letter] [--table ID] [-o OUT] [input options]
                                           the client report: cover, summary, results,
                                           recommendations, PDCA plan (docs/report-document.md)
    gapscope sql --config survey.json --table T [--dialect duckdb|postgres|spark|bigquery] [--numeric]
                                           one SQL query for the survey's sufficient
                                           statistics in a warehouse (docs/scale.md)
    gapscope analyze --summaries FILE --config survey.json [--format json|md]
                                           the report from that query's CSV result
    gapscope analyze --stream FILE [--config survey.json] [--format json|md]
                                           a file of any size as it streams by, on every
                                           core, in bounded memory: the same report
                                           (a UTF-8 text file from 32 MB streams without
                                           --stream; --in-memory holds it instead)
    gapscope detect FILE [input options]   print the detected survey configuration (JSON)
    gapscope sheets FILE                   list the worksheets of a workbook
    gapscope template [ID] [--lang en|zh] [--format csv|xlsx|json] [-o OUT]
                                           list the built-in templates, or write one
    gapscope ahp | weights | fuzzy …       weighting and fuzzy methods (see --help)
    gapscope --version

FILE is delimited text (CSV, TSV, semicolon; UTF-8, UTF-16, GB18030/GBK …) or a
workbook (XLSX, XLS, ODS); `-` reads stdin. Title rows above the header and
Qualtrics, SurveyMonkey, 问卷星 and 腾讯问卷 exports are recognised (docs/inputs.md).

INPUT OPTIONS:
    --encoding LABEL     e.g. utf-8, gb18030, utf-16le, big5 (default: detected)
    --delimiter D        , ; | or tab (default: detected)
    --header-row N       the header's row number (default: detected)
    --sheet NAME         workbook sheet (default: the one with the most numbers)
    --layout L           wide, long or summary (default: detected)
    --quotes Q           standard, or same_line: a quote that does not close on
                         its own line is a character (files with stray quotes)

ANALYSIS OPTIONS (override `analyses` in the configuration; docs/analyses-cli.md):
    --ipa-importance auto|stated|allocation|derived   --ipa-performance perception|gap
    --ipa-crosshairs mean|midpoint                    --csat-top K
    --ces-direction lower|higher                      --drivers-score perception|gap

Exit codes: 0 report written, 1 report written but the input had errors,
2 nothing written (bad arguments or unreadable file).
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Markdown,
    /// `template` only.
    Csv,
    /// `template` and `report`.
    Xlsx,
    /// `report` only.
    Html,
}

struct Args {
    command: String,
    file: String,
    config: Option<String>,
    format: Format,
    lang: Lang,
    /// `--only`: print just these optional sections.
    only: Vec<String>,
    /// Analysis option flags and their values, in order.
    analysis_flags: Vec<(String, String)>,
    /// How to read FILE (encoding, delimiter, header row, sheet, layout).
    input: InputOptions,
    /// `-o`: where `template` and `report` write (stdout without it).
    output: Option<String>,
    /// `report`: the document inputs (cover, plan, paper), the catalogue,
    /// the paper and the table for `--format csv`.
    document: report_cli::DocumentArgs,
    /// `sql`: the dialect; `analyze --summaries`: FILE is the query's result.
    scale: scale_cli::ScaleArgs,
}

/// What to do instead of running a command.
enum Stop {
    /// Print to stdout and exit 0 (--help, --version).
    Print(String),
    /// Print to stderr and exit 2.
    Usage(String),
}

fn parse_args(raw: impl Iterator<Item = String>) -> Result<Args, Stop> {
    let mut it = raw;
    let command = it.next().ok_or_else(|| Stop::Usage(USAGE.to_string()))?;
    match command.as_str() {
        "--version" | "-V" => {
            return Err(Stop::Print(format!(
                "gapscope {}\n",
                env!("CARGO_PKG_VERSION")
            )))
        }
        "--help" | "-h" | "help" => return Err(Stop::Print(full_usage())),
        _ => {}
    }
    let mut args = Args {
        command,
        file: String::new(),
        config: None,
        format: Format::Json,
        lang: Lang::En,
        only: Vec::new(),
        analysis_flags: Vec::new(),
        input: InputOptions::default(),
        output: None,
        document: report_cli::DocumentArgs::default(),
        scale: scale_cli::ScaleArgs::default(),
    };
    let usage = |msg: &str| Stop::Usage(format!("{msg}\n\n{USAGE}"));
    while let Some(a) = it.next() {
        match a.as_str() {
            "--config" | "-c" => {
                args.config = Some(it.next().ok_or_else(|| usage("--config needs a file"))?)
            }
            "--format" | "-f" => {
                args.format = match it.next().as_deref() {
                    Some("json") => Format::Json,
                    Some("md" | "markdown") => Format::Markdown,
                    Some("csv") if args.command == "template" || args.command == "report" => {
                        Format::Csv
                    }
                    Some("xlsx") if args.command == "template" || args.command == "report" => {
                        Format::Xlsx
                    }
                    Some("html") if args.command == "report" => Format::Html,
                    _ if args.command == "template" => {
                        return Err(usage("--format takes csv, xlsx or json"))
                    }
                    _ if args.command == "report" => {
                        return Err(usage("--format takes html, md, json, xlsx or csv"))
                    }
                    _ => return Err(usage("--format takes json or md")),
                }
            }
            "--lang" | "-l" => {
                args.lang = match it.next().as_deref() {
                    Some("zh") => Lang::Zh,
                    Some("en") => Lang::En,
                    _ => return Err(usage("--lang takes en or zh")),
                }
            }
            "--help" | "-h" => return Err(Stop::Print(USAGE.to_string())),
            "--only" => {
                let v = it
                    .next()
                    .ok_or_else(|| usage("--only needs section names"))?;
                args.only
                    .extend(analyses_cli::parse_only(&v).map_err(|e| usage(&e))?)
            }
            f if analyses_cli::OPTION_FLAGS.contains(&f) => {
                let v = it
                    .next()
                    .ok_or_else(|| usage(&format!("{f} needs a value")))?;
                args.analysis_flags.push((a, v));
            }
            f @ ("--document" | "--catalogue" | "--paper" | "--table") => {
                let v = it
                    .next()
                    .ok_or_else(|| usage(&format!("{f} needs a value")))?;
                args.document.set(f, v).map_err(|e| usage(&e))?;
            }
            "--summaries" => args.scale.summaries = true,
            "--stream" => args.scale.stream = true,
            "--in-memory" => args.scale.in_memory = true,
            "--numeric" => args.scale.numeric = true,
            "--dialect" => {
                let v = it.next().ok_or_else(|| usage("--dialect needs a name"))?;
                args.scale.set_dialect(&v).map_err(|e| usage(&e))?;
            }
            "-o" | "--output" => {
                args.output = Some(it.next().ok_or_else(|| usage("-o needs a file"))?)
            }
            "--encoding" => {
                let e = it.next().ok_or_else(|| usage("--encoding needs a label"))?;
                if !gapscope::input::decode::is_known_encoding(&e) {
                    let d = gapscope::input::decode::unknown_encoding(&e);
                    return Err(usage(&format!("--encoding: {}", d.message.en)));
                }
                args.input.encoding = Some(e)
            }
            "--quotes" => {
                let q = it
                    .next()
                    .ok_or_else(|| usage("--quotes needs standard or same_line"))?;
                args.input.quotes = Some(
                    serde_json::from_value(serde_json::Value::String(q.clone()))
                        .map_err(|_| usage("--quotes takes standard or same_line"))?,
                );
            }
            "--delimiter" => {
                let d = it
                    .next()
                    .ok_or_else(|| usage("--delimiter needs a character"))?;
                let options = InputOptions {
                    delimiter: Some(d.clone()),
                    ..Default::default()
                };
                if options.delimiter_byte().is_none() {
                    return Err(usage("--delimiter takes , ; | or tab"));
                }
                args.input.delimiter = Some(d);
            }
            "--sheet" => {
                args.input.sheet = Some(it.next().ok_or_else(|| usage("--sheet needs a name"))?)
            }
            "--header-row" => {
                let n = it
                    .next()
                    .ok_or_else(|| usage("--header-row needs a number"))?;
                args.input.header_row = Some(
                    n.parse()
                        .ok()
                        .filter(|&r: &usize| (1..=gapscope::input::MAX_HEADER_ROW).contains(&r))
                        .ok_or_else(|| {
                            usage(&format!(
                                "--header-row takes a row number from 1 to {}",
                                gapscope::input::MAX_HEADER_ROW
                            ))
                        })?,
                );
            }
            "--layout" => {
                let l = it
                    .next()
                    .ok_or_else(|| usage("--layout needs wide, long or summary"))?;
                args.input.layout = Some(
                    serde_json::from_value(serde_json::Value::String(l.clone()))
                        .map_err(|_| usage("--layout takes wide, long or summary"))?,
                );
            }
            _ if args.file.is_empty() && (a == "-" || !a.starts_with('-')) => args.file = a,
            _ => return Err(usage(&format!("unexpected argument: {a}"))),
        }
    }
    if args.file.is_empty() && args.command != "template" && args.command != "sql" {
        return Err(usage("a FILE is needed"));
    }
    Ok(args)
}

pub(crate) fn read_input(path: &str) -> Result<Vec<u8>, Text> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map_err(|e| {
            Text::new(
                format!("cannot read stdin: {e}"),
                format!("无法读取标准输入：{e}"),
            )
        })?;
        return Ok(buf);
    }
    std::fs::read(path).map_err(|e| {
        Text::new(
            format!("cannot read {path}: {e}"),
            format!("无法读取 {path}：{e}"),
        )
    })
}

/// Input options that do not fit FILE (a sheet for a CSV, an encoding for a
/// workbook) are refused before anything is read.
fn check_options(args: &Args, bytes: &[u8]) -> Result<(), Text> {
    let workbook = matches!(
        gapscope::input::sniff::sniff(bytes),
        gapscope::input::sniff::Sniffed::Workbook(_)
    );
    let na = args.input.not_applicable(workbook);
    match gapscope::input::not_applicable_warning(&na, workbook) {
        Some(d) => Err(Text::new(
            format!(
                "{} Remove it from the command.",
                d.message
                    .en
                    .trim_end_matches("; it is ignored.")
                    .to_string()
                    + "."
            ),
            format!(
                "{}请从命令中删除该选项。",
                d.message.zh.trim_end_matches("；已忽略。").to_string() + "。"
            ),
        )),
        None => Ok(()),
    }
}

/// Diagnostics that say an option was wrong for this input: the command
/// refuses (exit 2) instead of writing a report of nothing.
const OPTION_ERRORS: [&str; 3] = ["header_row_not_found", "option_invalid", "encoding_unknown"];

fn refused(diags: &gapscope::Diagnostics) -> Option<Text> {
    diags
        .messages
        .iter()
        .find(|m| OPTION_ERRORS.contains(&m.code.as_str()))
        .map(|m| m.message.clone())
}

pub(crate) fn load_config(path: &str) -> Result<SurveyConfig, Text> {
    let json = std::fs::read_to_string(path).map_err(|e| {
        Text::new(
            format!("cannot read {path}: {e}"),
            format!("无法读取 {path}：{e}"),
        )
    })?;
    SurveyConfig::from_json(&json)
}

/// Read FILE and analyse it as `analyze` does (configuration, input and
/// analysis options); a refused input is an error.
fn analyse(args: &Args) -> Result<gapscope::Report, Text> {
    // Read the configuration first: a bad one means nothing is written.
    let config = args.config.as_deref().map(load_config).transpose()?;
    let bytes = read_input(&args.file)?;
    check_options(args, &bytes)?;
    let reader = Evaluator::detect().with_options(args.input.clone());
    let (config, detected) = analyses_cli::configure(
        config,
        || reader.detect_file(&bytes).config,
        &args.analysis_flags,
    )
    .map_err(|e| Text::new(e.clone(), e))?;
    let evaluator = config
        .map_or_else(Evaluator::detect, Evaluator::with_config)
        .with_options(args.input.clone());
    // Owned: valid UTF-8 becomes the text without a copy (large files).
    let mut report = evaluator.analyze_owned(bytes);
    if let Some(why) = refused(&report.diagnostics) {
        return Err(why);
    }
    report.detected |= detected;
    Ok(report)
}

/// Runs a command; `Ok(true)` when the input had errors (exit 1).
fn run(args: &Args) -> Result<bool, Text> {
    match args.command.as_str() {
        "analyze" | "analyse" => {
            if !matches!(args.format, Format::Json | Format::Markdown) {
                return Err(Text::new(
                    "--format takes json or md",
                    "--format 只能是 json 或 md",
                ));
            }
            let report = if args.scale.summaries {
                scale_cli::analyse_summaries(args)?
            } else if args.scale.stream {
                scale_cli::analyse_stream(args)?
            } else if scale_cli::streams(args) {
                // Streamed unasked: a layout the stream does not read (long,
                // a summary table) is read held instead, as before.
                let report = scale_cli::analyse_stream(args)?;
                if scale_cli::refused(&report) {
                    analyse(args)?
                } else {
                    report
                }
            } else {
                analyse(args)?
            };
            let json = args.format == Format::Json;
            match analyses_cli::output(&report, json, args.lang, &args.only) {
                Some(out) => emit(&out),
                None if json => emit(&format!("{}\n", report.to_json())),
                None => emit(&markdown::render(&report, args.lang)),
            }
            Ok(report.diagnostics.has_errors())
        }
        "report" => {
            // The document inputs first: a bad one means nothing is written.
            let inputs = args.document.load(args.lang)?;
            let report = analyse(args)?;
            report_cli::write(&report, &inputs, args)?;
            Ok(report.diagnostics.has_errors())
        }
        "detect" => {
            let bytes = read_input(&args.file)?;
            check_options(args, &bytes)?;
            let detection = Evaluator::detect()
                .with_options(args.input.clone())
                .detect_file(&bytes);
            if let Some(why) = refused(&detection.diagnostics) {
                return Err(why);
            }
            emit(&format!("{}\n", detection.config.to_json()));
            for m in &detection.diagnostics.messages {
                if m.severity == gapscope::common::diag::Severity::Error {
                    eprintln!("{}", args.lang.pick(&m.message));
                }
            }
            Ok(detection.diagnostics.has_errors())
        }
        "sheets" => {
            for name in sheets(&read_input(&args.file)?)? {
                emit(&format!("{name}\n"));
            }
            Ok(false)
        }
        "template" => template(args).map(|()| false),
        "sql" => scale_cli::sql(args).map(|()| false),
        c => Err(Text::new(
            format!("unknown command {c}\n\n{USAGE}"),
            format!("未知命令 {c}\n\n{USAGE}"),
        )),
    }
}

/// `gapscope template`: the list, or one template as CSV (UTF-8 with BOM so
/// Excel shows Chinese headers), XLSX (data + questionnaire sheets) or JSON.
fn template(args: &Args) -> Result<(), Text> {
    use gapscope::model::templates;
    if args.file.is_empty() {
        for t in templates::list() {
            emit(&format!(
                "{:<12} {} / {} ({} items)\n",
                t.id, t.name.en, t.name.zh, t.items
            ));
        }
        return Ok(());
    }
    let lang = match args.lang {
        Lang::En => templates::Lang::En,
        Lang::Zh => templates::Lang::Zh,
    };
    let t = templates::build(&args.file, lang).ok_or_else(|| {
        Text::new(
            format!("unknown template {}; see `gapscope template`", args.file),
            format!("没有模板 {}；请运行 `gapscope template` 查看", args.file),
        )
    })?;
    let bytes: Vec<u8> = match args.format {
        Format::Csv => {
            let mut b = vec![0xEF, 0xBB, 0xBF];
            b.extend_from_slice(t.csv.as_bytes());
            b
        }
        Format::Json => serde_json::to_string_pretty(&t)
            .map_err(|e| Text::new(e.to_string(), e.to_string()))?
            .into_bytes(),
        Format::Xlsx => template_xlsx(&t, lang)?,
        Format::Markdown | Format::Html => {
            return Err(Text::new(
                "--format takes csv, xlsx or json",
                "--format 只能是 csv、xlsx 或 json",
            ))
        }
    };
    match &args.output {
        Some(path) => std::fs::write(path, bytes).map_err(|e| {
            Text::new(
                format!("cannot write {path}: {e}"),
                format!("无法写入 {path}：{e}"),
            )
        }),
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            if out.write_all(&bytes).and_then(|()| out.flush()).is_err() {
                std::process::exit(0);
            }
            Ok(())
        }
    }
}

#[cfg(not(feature = "native-io"))]
fn no_workbooks() -> Text {
    Text::new(
        "this build reads and writes no workbooks (feature native-io is off)",
        "此版本不支持工作簿（未启用 native-io 功能）",
    )
}

#[cfg(feature = "native-io")]
fn template_xlsx(
    t: &gapscope::model::templates::Template,
    lang: gapscope::model::templates::Lang,
) -> Result<Vec<u8>, Text> {
    use gapscope_workbook::writer::SheetData;
    let (data, questions) = match lang {
        gapscope::model::templates::Lang::En => ("data", "questionnaire"),
        gapscope::model::templates::Lang::Zh => ("数据", "问卷"),
    };
    let header = vec![t.header.clone()];
    Ok(gapscope_workbook::write_xlsx(&[
        SheetData {
            name: data,
            rows: &header,
        },
        SheetData {
            name: questions,
            rows: &t.questionnaire,
        },
    ]))
}

#[cfg(not(feature = "native-io"))]
fn template_xlsx(
    _: &gapscope::model::templates::Template,
    _: gapscope::model::templates::Lang,
) -> Result<Vec<u8>, Text> {
    Err(no_workbooks())
}

#[cfg(feature = "native-io")]
fn sheets(bytes: &[u8]) -> Result<Vec<String>, Text> {
    gapscope_workbook::sheet_names(bytes).map_err(|e| Text::new(e.en, e.zh))
}

#[cfg(not(feature = "native-io"))]
fn sheets(_: &[u8]) -> Result<Vec<String>, Text> {
    Err(no_workbooks())
}

/// The usage text with the method commands (src/bin/gapscope/methods_cli.rs).
fn full_usage() -> String {
    format!("{USAGE}\n{}\n", methods_cli::USAGE)
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    if let Some((command, rest)) = raw.split_first() {
        if let Some(code) = methods_cli::dispatch(command, rest) {
            return code;
        }
    }
    let args = match parse_args(raw.into_iter()) {
        Ok(a) => a,
        Err(Stop::Print(s)) => {
            emit(&s);
            return ExitCode::SUCCESS;
        }
        Err(Stop::Usage(s)) => {
            eprint!("{s}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(false) => ExitCode::SUCCESS,
        Ok(true) => ExitCode::from(1),
        Err(msg) => {
            eprintln!("{}", args.lang.pick(&msg));
            ExitCode::from(2)
        }
    }
}

/// Write to stdout; a closed pipe (`gapscope analyze … | head`) ends quietly
/// instead of panicking as `print!` would.
pub(crate) fn emit(s: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if out
        .write_all(s.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        std::process::exit(0);
    }
}
