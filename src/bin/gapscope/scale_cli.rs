//! `gapscope sql` and `gapscope analyze --summaries`: the survey's sufficient
//! statistics computed in a warehouse, and the report from them (docs/scale.md).

use super::{emit, load_config, read_input, Args};
use gapscope::analyses::sufficient::sql::{self, Dialect};
use gapscope::{Evaluator, Report, Text};

#[derive(Default)]
pub struct ScaleArgs {
    dialect: Option<Dialect>,
    /// `analyze --summaries`: FILE is the CSV result of `gapscope sql`'s query.
    pub summaries: bool,
    /// `analyze --stream`: FILE is read in one pass, never held.
    pub stream: bool,
    /// `analyze --in-memory`: FILE is held, however large.
    pub in_memory: bool,
    /// `sql --numeric`: the answer columns are numeric in the warehouse.
    pub numeric: bool,
}

impl ScaleArgs {
    pub fn set_dialect(&mut self, name: &str) -> Result<(), String> {
        self.dialect = Some(
            Dialect::parse(name)
                .ok_or_else(|| format!("--dialect takes {}", Dialect::NAMES.join(", ")))?,
        );
        Ok(())
    }
}

fn structure(args: &Args, what: &str) -> Result<gapscope::SurveyConfig, Text> {
    let path = args.config.as_deref().ok_or_else(|| {
        Text::new(
            format!("{what} needs the survey structure: --config survey.json (from `gapscope detect` or the page's Structure panel)"),
            format!("{what} 需要问卷结构：--config survey.json（由 `gapscope detect` 或页面的结构面板得到）"),
        )
    })?;
    load_config(path)
}

/// Print the query.
pub fn sql(args: &Args) -> Result<(), Text> {
    let config = structure(args, "gapscope sql")?;
    let table = args.document.table.as_deref().ok_or_else(|| {
        Text::new(
            "gapscope sql needs --table: the warehouse table (or `(SELECT …) AS t`) that holds one row per respondent",
            "gapscope sql 需要 --table：每位受访者一行的数据仓库表（或 `(SELECT …) AS t`）",
        )
    })?;
    let dialect = args.scale.dialect.unwrap_or(Dialect::DuckDb);
    let query = sql::query_with(&config, table, dialect, args.scale.numeric)?;
    emit(&query);
    Ok(())
}

/// The report from the query's saved result.
pub fn analyse_summaries(args: &Args) -> Result<Report, Text> {
    let config = structure(args, "analyze --summaries")?;
    let bytes = read_input(&args.file)?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(Evaluator::with_config(config)
        .with_options(args.input.clone())
        .analyze_summaries(&text))
}

/// Whether `analyze FILE` streams it without being asked: a UTF-8 text file
/// from `gapscope::stream::STREAM_FROM`, as the page does.
pub fn streams(args: &Args) -> bool {
    use std::io::Read;
    if args.scale.in_memory || args.file == "-" {
        return false;
    }
    let Ok(meta) = std::fs::metadata(&args.file) else {
        return false;
    };
    if meta.len() < gapscope::stream::STREAM_FROM {
        return false;
    }
    let mut head = Vec::with_capacity(1 << 20);
    let read = std::fs::File::open(&args.file).and_then(|f| f.take(1 << 20).read_to_end(&mut head));
    read.is_ok() && gapscope::stream::streams_by_default(&head, meta.len(), &args.input)
}

/// Whether a stream could not read the file as held reading does (another
/// layout, a summary table, bytes that are not UTF-8, which held reading
/// decodes): a file streamed unasked is read held instead.
pub fn refused(report: &Report) -> bool {
    report
        .diagnostics
        .messages
        .iter()
        .any(|m| m.code == "stream_refused" || m.code == "stream_invalid_utf8")
}

/// `analyze --stream`: FILE read in chunks into one pass, whatever its size.
pub fn analyse_stream(args: &Args) -> Result<Report, Text> {
    use std::io::Read;
    let config = args.config.as_deref().map(load_config).transpose()?;
    // Analysis options go into a structure: without --config, the one the
    // stream would detect from the file's first megabyte.
    let head = || {
        let mut head = Vec::new();
        if let Ok(f) = std::fs::File::open(&args.file) {
            let _ = f
                .take(gapscope::stream::SNIFF as u64)
                .read_to_end(&mut head);
        }
        Evaluator::detect()
            .with_options(args.input.clone())
            .detect_file(&head)
            .config
    };
    if args.file == "-" && config.is_none() && !args.analysis_flags.is_empty() {
        return Err(Text::new(
            "analysis options for a stream read from stdin need --config",
            "从标准输入按流读取时，分析选项需要 --config",
        ));
    }
    let (config, detected) = gapscope::report::cli::configure(config, head, &args.analysis_flags)
        .map_err(|e| Text::new(e.clone(), e))?;
    let evaluator = config
        .map_or_else(Evaluator::detect, Evaluator::with_config)
        .with_options(args.input.clone());
    let mut report = stream_report(args, &evaluator)?;
    report.detected |= detected;
    Ok(report)
}

fn stream_report(args: &Args, evaluator: &Evaluator) -> Result<Report, Text> {
    use std::io::Read;
    let cannot = |e: std::io::Error| {
        Text::new(
            format!("cannot read {}: {e}", args.file),
            format!("无法读取 {}：{e}", args.file),
        )
    };
    if args.file != "-" {
        // A file: its parts on every core (GAPSCOPE_THREADS=1 for one).
        let threads = std::env::var("GAPSCOPE_THREADS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
        let path = std::path::Path::new(&args.file);
        return gapscope::stream::analyze_file(evaluator, path, threads).map_err(cannot);
    }
    let mut stream = evaluator.stream();
    let mut input: Box<dyn Read> = Box::new(std::io::stdin().lock());
    let mut buf = vec![0u8; 1 << 20];
    loop {
        match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => stream.push(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(cannot(e)),
        }
    }
    Ok(stream.finish())
}
