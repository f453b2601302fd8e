//! `gapscope`: the command-line face of the same engine the page uses.

use gapscope::markdown::{self, Lang};
use gapscope::{Evaluator, InputOptions, SurveyConfig};
use std::process::ExitCode;

const USAGE: &str = "\
gapscope — service-quality evaluation from survey data

USAGE:
    gapscope analyze FILE [--config survey.json] [--format json|md] [--lang en|zh] [INPUT OPTIONS]
    gapscope detect FILE [INPUT OPTIONS]   print the detected survey configuration (JSON)
    gapscope sheets FILE                   list the worksheets of a workbook
    gapscope template [ID] [--lang en|zh] [--format csv|xlsx|json] [-o OUT]
                                           list the built-in templates, or write one
    gapscope --version

FILE is delimited text (CSV, TSV, semicolon; UTF-8, UTF-16, GB18030/GBK …) or a
workbook (XLSX, XLS, ODS); `-` reads stdin. Title rows above the header and
Qualtrics, SurveyMonkey, 问卷星 and 腾讯问卷 exports are recognised.

INPUT OPTIONS:
    --encoding LABEL     e.g. utf-8, gb18030, utf-16le, big5 (default: detected)
    --delimiter D        , ; | or tab (default: detected)
    --header-row N       the header's row number (default: detected)
    --sheet NAME         workbook sheet (default: the first with data)
    --layout L           wide, long or summary (default: detected)
";

struct Args {
    command: String,
    file: String,
    config: Option<String>,
    format: String,
    lang: Lang,
    input: InputOptions,
    output: Option<String>,
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
        input: InputOptions::default(),
        output: None,
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
            "-o" | "--output" => args.output = Some(it.next().ok_or("-o needs a file")?),
            "--encoding" => {
                args.input.encoding = Some(it.next().ok_or("--encoding needs a label")?)
            }
            "--delimiter" => {
                args.input.delimiter = Some(it.next().ok_or("--delimiter needs a character")?)
            }
            "--sheet" => args.input.sheet = Some(it.next().ok_or("--sheet needs a name")?),
            "--header-row" => {
                let n = it.next().ok_or("--header-row needs a number")?;
                args.input.header_row = Some(
                    n.parse()
                        .map_err(|_| format!("--header-row: not a row number: {n}"))?,
                );
            }
            "--layout" => {
                let l = it.next().ok_or("--layout needs wide, long or summary")?;
                args.input.layout = Some(
                    serde_json::from_value(serde_json::Value::String(l.clone()))
                        .map_err(|_| format!("--layout: {l}: use wide, long or summary"))?,
                );
            }
            _ if args.file.is_empty() => args.file = a,
            _ => return Err(format!("unexpected argument: {a}\n\n{USAGE}")),
        }
    }
    if args.file.is_empty() && args.command != "template" {
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
    if args.command == "template" {
        return template(&args);
    }
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
            }
            .with_options(args.input.clone());
            let report = evaluator.analyze_owned(bytes);
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
            let (config, diags) = Evaluator::detect()
                .with_options(args.input.clone())
                .detect_bytes(&bytes);
            for m in diags
                .messages
                .iter()
                .filter(|m| m.severity != gapscope::diag::Severity::Info)
            {
                eprintln!("{}", m.message.en);
            }
            println!("{}", config.to_json());
            if diags.has_errors() {
                return Err(String::new());
            }
            Ok(())
        }
        "sheets" => sheets(&bytes),
        c => Err(format!("unknown command {c}\n\n{USAGE}")),
    }
}

/// `gapscope template`: the list, or one template as CSV (UTF-8 with BOM so
/// Excel shows Chinese headers), XLSX (data + questionnaire sheets) or JSON.
fn template(args: &Args) -> Result<(), String> {
    use gapscope::templates;
    if args.file.is_empty() {
        for t in templates::list() {
            println!(
                "{:<12} {} / {} ({} items)",
                t.id, t.name.en, t.name.zh, t.items
            );
        }
        return Ok(());
    }
    let lang = match args.lang {
        Lang::En => templates::Lang::En,
        Lang::Zh => templates::Lang::Zh,
    };
    let t = templates::build(&args.file, lang)
        .ok_or_else(|| format!("unknown template {}; see `gapscope template`", args.file))?;
    let bytes: Vec<u8> = match args.format.as_str() {
        "csv" => {
            let mut b = vec![0xEF, 0xBB, 0xBF];
            b.extend_from_slice(t.csv.as_bytes());
            b
        }
        "json" => serde_json::to_string_pretty(&t)
            .map_err(|e| e.to_string())?
            .into_bytes(),
        "xlsx" => template_xlsx(&t, lang)?,
        f => return Err(format!("unknown format {f}: use csv, xlsx or json")),
    };
    match &args.output {
        Some(path) => std::fs::write(path, bytes).map_err(|e| format!("cannot write {path}: {e}")),
        None => {
            use std::io::Write;
            std::io::stdout()
                .write_all(&bytes)
                .map_err(|e| e.to_string())
        }
    }
}

#[cfg(feature = "native-io")]
fn template_xlsx(
    t: &gapscope::templates::Template,
    lang: gapscope::templates::Lang,
) -> Result<Vec<u8>, String> {
    use gapscope_workbook::writer::SheetData;
    let (data, questions) = match lang {
        gapscope::templates::Lang::En => ("data", "questionnaire"),
        gapscope::templates::Lang::Zh => ("数据", "问卷"),
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
    _: &gapscope::templates::Template,
    _: gapscope::templates::Lang,
) -> Result<Vec<u8>, String> {
    Err("this build writes no workbooks (feature native-io is off)".into())
}

#[cfg(feature = "native-io")]
fn sheets(bytes: &[u8]) -> Result<(), String> {
    let names = gapscope_workbook::sheet_names(bytes).map_err(|e| e.to_string())?;
    for n in names {
        println!("{n}");
    }
    Ok(())
}

#[cfg(not(feature = "native-io"))]
fn sheets(_: &[u8]) -> Result<(), String> {
    Err("this build reads no workbooks (feature native-io is off)".into())
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
