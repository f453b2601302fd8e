//! `gapscope`: the command-line face of the same engine the page uses.

use gapscope::analyses::cli as analyses_cli;
use gapscope::markdown::{self, Lang};
use gapscope::{Evaluator, SurveyConfig};
use std::process::ExitCode;

const USAGE: &str = "\
gapscope — service-quality evaluation from survey data

USAGE:
    gapscope analyze FILE [--config survey.json] [--format json|md] [--lang en|zh]
                          [--only reliability,ipa,metrics,drivers,comparisons]
                          [analysis options, see below]
    gapscope detect FILE          print the detected survey configuration (JSON)
    gapscope --version

ANALYSIS OPTIONS (override `analyses` in the configuration; docs/analyses-cli.md):
    --ipa-importance auto|stated|allocation|derived   --ipa-performance perception|gap
    --ipa-crosshairs mean|midpoint                    --csat-top K
    --ces-direction lower|higher                      --drivers-score perception|gap

FILE is CSV, TSV or semicolon-separated text with a header row; `-` reads stdin.
";

struct Args {
    command: String,
    file: String,
    config: Option<String>,
    format: String,
    lang: Lang,
    /// `--only`: print just these optional sections.
    only: Vec<String>,
    /// Analysis option flags and their values, in order.
    analysis_flags: Vec<(String, String)>,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let command = it.next().ok_or_else(|| USAGE.to_string())?;
    if command == "--version" || command == "-V" {
        return Err(format!("gapscope {}", env!("CARGO_PKG_VERSION")));
    }
    if command == "--help" || command == "-h" {
        return Err(USAGE.to_string());
    }
    let mut args = Args {
        command,
        file: String::new(),
        config: None,
        format: "json".into(),
        lang: Lang::En,
        only: Vec::new(),
        analysis_flags: Vec::new(),
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--config" | "-c" => args.config = Some(it.next().ok_or("--config needs a file")?),
            "--format" | "-f" => args.format = it.next().ok_or("--format needs json or md")?,
            "--lang" => {
                args.lang = match it.next().as_deref() {
                    Some("zh") => Lang::Zh,
                    Some("en") => Lang::En,
                    _ => return Err("--lang takes en or zh".into()),
                }
            }
            "--only" => args.only.extend(analyses_cli::parse_only(
                &it.next().ok_or("--only needs section names")?,
            )?),
            f if analyses_cli::OPTION_FLAGS.contains(&f) => {
                let v = it.next().ok_or_else(|| format!("{f} needs a value"))?;
                args.analysis_flags.push((a, v));
            }
            _ if args.file.is_empty() => args.file = a,
            _ => return Err(format!("unexpected argument: {a}\n\n{USAGE}")),
        }
    }
    if args.file.is_empty() {
        return Err(USAGE.to_string());
    }
    Ok(args)
}

fn read_input(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map_err(|e| e.to_string())?;
        return Ok(buf);
    }
    std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn run(args: Args) -> Result<(), String> {
    let bytes = read_input(&args.file)?;
    match args.command.as_str() {
        "analyze" | "analyse" => {
            let config = match &args.config {
                Some(path) => {
                    let json = std::fs::read_to_string(path)
                        .map_err(|e| format!("cannot read {path}: {e}"))?;
                    Some(SurveyConfig::from_json(&json).map_err(|t| t.en)?)
                }
                None => None,
            };
            let (config, detected) = analyses_cli::configure(config, &bytes, &args.analysis_flags)?;
            let evaluator = config.map_or_else(Evaluator::detect, Evaluator::with_config);
            let mut report = evaluator.analyze_bytes(&bytes);
            report.detected |= detected;
            let json = match args.format.as_str() {
                "json" => true,
                "md" | "markdown" => false,
                f => return Err(format!("unknown format {f}: use json or md")),
            };
            match analyses_cli::output(&report, json, args.lang, &args.only) {
                Some(out) => print!("{out}"),
                None if json => println!("{}", report.to_json()),
                None => print!("{}", markdown::render(&report, args.lang)),
            }
            if report.diagnostics.has_errors() {
                return Err(String::new());
            }
            Ok(())
        }
        "detect" => {
            let mut diags = gapscope::Diagnostics::default();
            let text = gapscope::decode::decode(&bytes, &mut diags);
            let (config, _) = Evaluator::detect_text(&text);
            println!("{}", config.to_json());
            Ok(())
        }
        c => Err(format!("unknown command {c}\n\n{USAGE}")),
    }
}

fn main() -> ExitCode {
    match parse_args().and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) if msg.starts_with("gapscope ") && !msg.contains('\n') => {
            println!("{msg}");
            ExitCode::SUCCESS
        }
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("{msg}");
            }
            ExitCode::from(2)
        }
    }
}
