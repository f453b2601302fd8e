//! `gapscope ahp | weights | fuzzy`: the weighting and fuzzy-evaluation methods
//! from the command line, JSON out (docs/methods-cli.md).
//!
//! Every command prints one JSON object: `{"result": …, "diagnostics": …}` on
//! success (exit 0) or `{"error": …, "diagnostics": …}` when the method has no
//! answer (exit 1, the English and Chinese explanation also on stderr). Usage
//! mistakes exit 2.

use gapscope::common::diag::Diagnostics;
use gapscope::methods::api::{self, Outcome};
use gapscope::methods::fuzzy::{Operator, ScoreBasis};
use gapscope::methods::survey_fuzzy::{self, FuzzyOptions};
use gapscope::methods::MethodError;
use gapscope::model::weighting::RiTable;
use gapscope::SurveyConfig;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

pub const USAGE: &str = "    gapscope ahp MATRIX_FILE... [--ri saaty1980|saaty2005|donegan_dodd]
                                  AHP weights and consistency of a pairwise matrix;
                                  several files = several experts (group AHP)
    gapscope weights --method entropy|critic FILE [--cost NAME,NAME]
                                  objective weights of an indicator table (first
                                  column = alternative, other columns = indicators)
    gapscope fuzzy FILE [--config survey.json] [--operator weighted_average|zadeh|product_max]
                        [--scores scale|percent]
                                  fuzzy comprehensive evaluation of a survey";

fn print_json<T: Serialize>(value: &T) {
    let json =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = writeln!(std::io::stdout().lock(), "{json}");
}

/// Print the envelope; exit 1 with the explanation on stderr when there is no result.
fn emit<T: Serialize>(outcome: Outcome<T>) -> ExitCode {
    print_json(&outcome);
    match &outcome.error {
        None => ExitCode::SUCCESS,
        Some(e) => {
            eprintln!("{}\n{}", e.message.en, e.message.zh);
            ExitCode::from(1)
        }
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("{msg}\n\nUSAGE:\n{USAGE}");
    ExitCode::from(2)
}

fn read_text(path: &str, diags: &mut Diagnostics) -> Result<String, String> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map_err(|e| e.to_string())?;
        buf
    } else {
        std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?
    };
    Ok(gapscope::input::decode::decode(&bytes, diags))
}

/// Run one of the method commands if `command` is one; `None` otherwise.
pub fn dispatch(command: &str, args: &[String]) -> Option<ExitCode> {
    let run = match command {
        "ahp" => ahp_command,
        "weights" => weights_command,
        "fuzzy" => fuzzy_command,
        _ => return None,
    };
    Some(run(args).unwrap_or_else(|msg| usage_error(&msg)))
}

/// Options `--name value` and positional files.
struct Parsed {
    files: Vec<String>,
    options: Vec<(String, String)>,
}

fn parse(args: &[String], known: &[&str]) -> Result<Parsed, String> {
    let mut out = Parsed {
        files: Vec::new(),
        options: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if let Some(name) = a.strip_prefix("--") {
            let (name, value) = match name.split_once('=') {
                Some((n, v)) => (n.to_string(), v.to_string()),
                None => (
                    name.to_string(),
                    it.next()
                        .cloned()
                        .ok_or(format!("--{name} needs a value"))?,
                ),
            };
            if !known.contains(&name.as_str()) {
                return Err(format!("unknown option --{name}"));
            }
            out.options.push((name, value));
        } else {
            out.files.push(a.clone());
        }
    }
    Ok(out)
}

impl Parsed {
    fn get(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn ahp_command(args: &[String]) -> Result<ExitCode, String> {
    let p = parse(args, &["ri"])?;
    let ri = match p.get("ri") {
        None => RiTable::default(),
        Some(s) => RiTable::parse(s).ok_or(format!(
            "--ri takes saaty1980, saaty2005 or donegan_dodd, not {s}"
        ))?,
    };
    if p.files.is_empty() {
        return Err("ahp needs at least one matrix file".into());
    }
    let mut diags = Diagnostics::default();
    let texts = p
        .files
        .iter()
        .map(|f| read_text(f, &mut diags))
        .collect::<Result<Vec<_>, _>>()?;
    let mut outcome = api::ahp(&api::AhpRequest {
        texts,
        ri,
        ..Default::default()
    });
    outcome.diagnostics.extend(diags);
    Ok(emit(outcome))
}

fn weights_command(args: &[String]) -> Result<ExitCode, String> {
    let p = parse(args, &["method", "cost"])?;
    let method = p
        .get("method")
        .ok_or("weights needs --method entropy or --method critic")?;
    if !matches!(method, "entropy" | "critic") {
        return Err(format!("--method takes entropy or critic, not {method}"));
    }
    let [file] = p.files.as_slice() else {
        return Err("weights needs exactly one indicator table file".into());
    };
    let mut diags = Diagnostics::default();
    let text = read_text(file, &mut diags)?;
    let cost: Vec<String> = p
        .get("cost")
        .map(|c| {
            c.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let mut outcome = api::objective(&api::ObjectiveRequest {
        method: if method == "entropy" {
            api::ObjectiveMethod::Entropy
        } else {
            api::ObjectiveMethod::Critic
        },
        text: Some(text),
        table: None,
        cost,
    });
    let mut all = diags;
    all.extend(outcome.diagnostics);
    outcome.diagnostics = all;
    Ok(emit(outcome))
}

fn fuzzy_command(args: &[String]) -> Result<ExitCode, String> {
    let p = parse(args, &["config", "operator", "scores"])?;
    let [file] = p.files.as_slice() else {
        return Err("fuzzy needs exactly one survey file".into());
    };
    let mut options = FuzzyOptions::default();
    if let Some(op) = p.get("operator") {
        options.operator = Operator::parse(op).ok_or(format!(
            "--operator takes weighted_average, zadeh or product_max, not {op}"
        ))?;
    }
    options.scores = match p.get("scores") {
        None | Some("scale") => ScoreBasis::Scale,
        Some("percent") => ScoreBasis::Percent,
        Some(s) => return Err(format!("--scores takes scale or percent, not {s}")),
    };
    let mut diags = Diagnostics::default();
    let text = read_text(file, &mut diags)?;
    let table = gapscope::input::table::parse(&text, None, &mut diags);
    let config = match p.get("config") {
        Some(path) => {
            let json =
                std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            SurveyConfig::from_json(&json).map_err(|t| format!("{}\n{}", t.en, t.zh))?
        }
        None => gapscope::model::detect::detect(&table, &mut diags),
    };
    // The same pipeline as Evaluator::analyze_table, with the caller's options.
    let survey = gapscope::model::survey::build(&table, &config, &mut diags);
    let analysis = gapscope::analyses::servqual::analyse(&survey, &config, &mut diags);
    let section = survey_fuzzy::evaluate(
        &survey,
        &config,
        &analysis.overall.weighting,
        &options,
        &mut diags,
    );
    let outcome = section.ok_or_else(|| {
        let reason = diags
            .messages
            .iter()
            .find(|m| m.code == "fuzzy_unavailable")
            .map(|m| m.message.clone());
        match reason {
            Some(t) => MethodError::new("fuzzy_unavailable", t.en, t.zh),
            None => MethodError::new(
                "fuzzy_unavailable",
                "No fuzzy evaluation: the survey has no perception answers.",
                "未做模糊综合评价：问卷没有感知回答。",
            ),
        }
    });
    Ok(emit(Outcome::new(outcome, diags)))
}
