//! `gapscope`: the command-line face of the same engine the page uses.

use gapscope::markdown::{self, Lang};
use gapscope::{Evaluator, SurveyConfig};
use std::process::ExitCode;

// A bin root resolves modules next to itself (src/bin/), where Cargo would take
// any .rs file for another binary, hence the explicit path.
#[path = "gapscope/methods_cli.rs"]
mod methods_cli;

const USAGE: &str = "\
gapscope — service-quality evaluation from survey data

USAGE:
    gapscope analyze FILE [--config survey.json] [--format json|md] [--lang en|zh]
    gapscope detect FILE          print the detected survey configuration (JSON)
    gapscope ahp | weights | fuzzy …   weighting and fuzzy methods (see --help)
    gapscope --version

FILE is CSV, TSV or semicolon-separated text with a header row; `-` reads stdin.
";

struct Args {
    command: String,
    file: String,
    config: Option<String>,
    format: String,
    lang: Lang,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let command = it.next().ok_or_else(|| USAGE.to_string())?;
    if command == "--version" || command == "-V" {
        return Err(format!("gapscope {}", env!("CARGO_PKG_VERSION")));
    }
    if command == "--help" || command == "-h" {
        return Err(format!("{USAGE}\n{}\n", methods_cli::USAGE));
    }
    let mut args = Args {
        command,
        file: String::new(),
        config: None,
        format: "json".into(),
        lang: Lang::En,
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
            let evaluator = match &args.config {
                Some(path) => {
                    let json = std::fs::read_to_string(path)
                        .map_err(|e| format!("cannot read {path}: {e}"))?;
                    Evaluator::with_config(SurveyConfig::from_json(&json).map_err(|t| t.en)?)
                }
                None => Evaluator::detect(),
            };
            let report = evaluator.analyze_bytes(&bytes);
            match args.format.as_str() {
                "json" => println!("{}", report.to_json()),
                "md" | "markdown" => print!("{}", markdown::render(&report, args.lang)),
                f => return Err(format!("unknown format {f}: use json or md")),
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
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some((command, rest)) = args.split_first() {
        if let Some(code) = methods_cli::dispatch(command, rest) {
            return code;
        }
    }
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
