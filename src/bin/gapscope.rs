//! `gapscope`: the command-line face of the same engine the page uses.
//!
//! Exit codes (docs/cli.md): 0 the report was written; 1 it was written but the
//! input could not be analysed (an `error` diagnostic: empty input, no data rows,
//! an invalid structure); 2 nothing was written (bad arguments, unreadable file or
//! configuration).

use gapscope::analyses::cli as analyses_cli;
use gapscope::markdown::{self, Lang};
use gapscope::{Evaluator, SurveyConfig, Text};
use std::process::ExitCode;

// A bin root resolves modules next to itself (src/bin/), where Cargo would take
// any .rs file for another binary, hence the explicit path.
#[path = "gapscope/methods_cli.rs"]
mod methods_cli;

const USAGE: &str = "\
gapscope — service-quality evaluation from survey data

USAGE:
    gapscope analyze FILE [--config survey.json] [--format json|md] [--lang en|zh]
                          [--only reliability,ipa,metrics,drivers,comparisons]
                          [analysis options, see below]
    gapscope detect FILE          print the detected survey configuration (JSON)
    gapscope ahp | weights | fuzzy …   weighting and fuzzy methods (see --help)
    gapscope --version

ANALYSIS OPTIONS (override `analyses` in the configuration; docs/analyses-cli.md):
    --ipa-importance auto|stated|allocation|derived   --ipa-performance perception|gap
    --ipa-crosshairs mean|midpoint                    --csat-top K
    --ces-direction lower|higher                      --drivers-score perception|gap

FILE is CSV, TSV or semicolon-separated text with a header row; `-` reads stdin.
Exit codes: 0 report written, 1 report written but the input had errors,
2 nothing written (bad arguments or unreadable file).
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Markdown,
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
            _ if args.file.is_empty() && (a == "-" || !a.starts_with('-')) => args.file = a,
            _ => return Err(usage(&format!("unexpected argument: {a}"))),
        }
    }
    if args.file.is_empty() {
        return Err(usage("a FILE is needed"));
    }
    Ok(args)
}

fn read_input(path: &str) -> Result<Vec<u8>, Text> {
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

fn load_config(path: &str) -> Result<SurveyConfig, Text> {
    let json = std::fs::read_to_string(path).map_err(|e| {
        Text::new(
            format!("cannot read {path}: {e}"),
            format!("无法读取 {path}：{e}"),
        )
    })?;
    SurveyConfig::from_json(&json)
}

/// Runs a command; `Ok(true)` when the input had errors (exit 1).
fn run(args: &Args) -> Result<bool, Text> {
    match args.command.as_str() {
        "analyze" | "analyse" => {
            // Read the configuration first: a bad one means nothing is written.
            let config = args.config.as_deref().map(load_config).transpose()?;
            let bytes = read_input(&args.file)?;
            let (config, detected) = analyses_cli::configure(config, &bytes, &args.analysis_flags)
                .map_err(|e| Text::new(e.clone(), e))?;
            let evaluator = config.map_or_else(Evaluator::detect, Evaluator::with_config);
            let mut report = evaluator.analyze_bytes(&bytes);
            report.detected |= detected;
            let json = args.format == Format::Json;
            match analyses_cli::output(&report, json, args.lang, &args.only) {
                Some(out) => emit(&out),
                None if json => emit(&format!("{}\n", report.to_json())),
                None => emit(&markdown::render(&report, args.lang)),
            }
            Ok(report.diagnostics.has_errors())
        }
        "detect" => {
            let detection = Evaluator::detect_bytes(&read_input(&args.file)?);
            emit(&format!("{}\n", detection.config.to_json()));
            for m in &detection.diagnostics.messages {
                if m.severity == gapscope::diag::Severity::Error {
                    eprintln!("{}", args.lang.pick(&m.message));
                }
            }
            Ok(detection.diagnostics.has_errors())
        }
        c => Err(Text::new(
            format!("unknown command {c}\n\n{USAGE}"),
            format!("未知命令 {c}\n\n{USAGE}"),
        )),
    }
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
fn emit(s: &str) {
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
