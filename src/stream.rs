//! A file of any size, analysed as it streams by: the evaluator's one-pass face.
//!
//! The first [`SNIFF`] bytes are read as a table in the usual way to find the
//! delimiter, the header and (without a given structure) the structure; then
//! every record goes through `csv_core` straight into an
//! [`Accumulator`](crate::analyses::sufficient::accumulate::Accumulator), so
//! memory stays that of one record whatever the file's size. The report has
//! what sufficient statistics give (the gap analysis with its tests,
//! reliability, and the comparisons of segments and waves, as from the answers); what needs every answer in memory is
//! absent, and the report says so. docs/scale.md.
//!
//! ```
//! use gapscope::Evaluator;
//! let mut s = Evaluator::detect().stream();
//! for chunk in ["E1,P1,E2,P2\n6,5,7", ",6\n5,5,6,4\n7,6,6,6\n"] {
//!     s.push(chunk.as_bytes());
//! }
//! let report = s.finish();
//! assert_eq!(report.respondents.total, 3);
//! ```

use crate::analyses::sufficient::accumulate::Accumulator;
use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use crate::common::format::grouped;
use crate::input::value;
use crate::quality::tally::Tally;
use crate::{analyses, input, model, report, Evaluator, Report};

/// Bytes read before the structure is decided.
pub const SNIFF: usize = 1 << 20;

/// The longest record held: a "row" longer than this is not a survey's, and
/// holding it would make memory grow with the file after all.
pub const MAX_RECORD: usize = 16 << 20;

enum Phase {
    /// Collecting the first bytes.
    Sniffing(Vec<u8>),
    Streaming(Box<Streaming>),
    /// Refused (not UTF-8, another layout …): the rest is skipped.
    Stopped,
}

struct Streaming {
    reader: csv_core::Reader,
    acc: Accumulator,
    tally: Tally,
    /// Line ends read so far, and whether the next byte starts a record (the
    /// line ends before it are blank lines, counted here, not by csv_core).
    newlines: usize,
    at_start: bool,
    /// The source line the current record starts on.
    line: usize,
    /// The columns the accumulator or the tally read as numbers, and this
    /// record's cells so read.
    numeric: Vec<usize>,
    parsed: Vec<value::Cell>,
    config: crate::SurveyConfig,
    /// What a part needs to read records the same way.
    headers: Vec<String>,
    delimiter: u8,
    /// The current record's field bytes and ends, kept across pushes, and
    /// how much of each is filled.
    out: Vec<u8>,
    ends: Vec<usize>,
    outlen: usize,
    endlen: usize,
    /// Non-blank records still to skip before the data: titles above the
    /// header, the header, a platform's metadata rows (as the sample found).
    skip: usize,
    /// A UTF-8 BOM still to be skipped at the very start.
    bom: bool,
    invalid_utf8: usize,
    /// A record passed MAX_RECORD: reading stopped.
    overlong: bool,
}

/// An analysis fed chunk by chunk ([`Evaluator::stream`]).
pub struct StreamAnalysis {
    evaluator: Evaluator,
    phase: Phase,
    diags: Diagnostics,
    info: input::InputInfo,
    bytes: u64,
    detected: bool,
}

impl Evaluator {
    /// A one-pass analysis for input too large to hold: push the bytes in
    /// chunks of any size, then [`finish`](StreamAnalysis::finish).
    pub fn stream(&self) -> StreamAnalysis {
        StreamAnalysis {
            evaluator: self.clone(),
            phase: Phase::Sniffing(Vec::new()),
            diags: Diagnostics::default(),
            info: input::InputInfo::default(),
            bytes: 0,
            detected: self.config().is_none(),
        }
    }
}

impl StreamAnalysis {
    /// Data rows read so far (after the header).
    pub fn rows(&self) -> u64 {
        match &self.phase {
            Phase::Streaming(s) => s.acc.rows(),
            _ => 0,
        }
    }

    /// Bytes pushed so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    pub fn push(&mut self, chunk: &[u8]) {
        self.bytes += chunk.len() as u64;
        match &mut self.phase {
            Phase::Sniffing(buf) => {
                buf.extend_from_slice(chunk);
                if buf.len() >= SNIFF {
                    self.start(false);
                }
            }
            Phase::Streaming(s) => s.feed(chunk, false),
            Phase::Stopped => {}
        }
    }

    /// Decide the structure from the bytes collected, then read them as records.
    fn start(&mut self, all: bool) {
        let Phase::Sniffing(buf) = std::mem::replace(&mut self.phase, Phase::Stopped) else {
            return;
        };
        // Detection reads whole lines: up to the last line end, unless this is all.
        let cut = if all {
            buf.len()
        } else {
            buf.iter()
                .rposition(|&b| b == b'\n')
                .map_or(buf.len(), |i| i + 1)
        };
        let head = &buf[..cut];
        // A binary file or a workbook: the reason the in-memory reader gives.
        if !head.is_empty() {
            if let Some(d) = input::not_text_error(input::sniff::sniff(head)) {
                self.diags.push(d);
                return;
            }
        }
        let text = match std::str::from_utf8(head) {
            Ok(t) => t,
            Err(e) if e.error_len().is_none() => {
                // A character cut at the end of the sample: detection reads up to it.
                std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or("")
            }
            Err(_) => {
                self.refuse(Text::new(
                    "A file read as a stream must be UTF-8 text; this one is not. Save it as CSV UTF-8, or analyse it without streaming.",
                    "按流读取的文件必须是 UTF-8 文本，此文件不是。请另存为 CSV UTF-8，或不使用流式读取。",
                ));
                return;
            }
        };
        let mut diags = Diagnostics::default();
        let mut info = input::InputInfo::default();
        let options = self.evaluator.options().clone();
        let table = input::records::read_text(text, &options, &mut info, &mut diags);
        let prepared = model::prepare::prepare(
            &table,
            self.evaluator.config(),
            options.layout,
            &mut info,
            &mut diags,
        );
        if diags.has_errors() {
            // Nothing readable at the top (empty, no header): the reason as found.
            for d in diags
                .messages
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
            {
                self.diags.push(d);
            }
            return;
        }
        let summary = match options.layout {
            Some(l) => l == input::Layout::Summary,
            None => analyses::summary::is_summary(&table),
        };
        if summary {
            self.refuse(Text::new(
                "This is a table of item statistics (item, mean E, mean P), not answers: analyse it without streaming.",
                "这是题项统计量表（题项、期望均值、感知均值），不是原始答卷：请不使用流式读取进行分析。",
            ));
            return;
        }
        if info.layout != input::Layout::Wide {
            self.refuse(Text::new(
                "Only a table with one row per respondent (wide layout) can be read as a stream; this one is in another layout.",
                "只有每位受访者一行的表格（宽格式）可以按流读取；此表为其他格式。",
            ));
            return;
        }
        let delimiter = table.delimiter;
        let config = prepared.config;
        if let Err(message) = config.validate() {
            self.diags
                .push(Diagnostic::new("config_invalid", Severity::Error, message));
            return;
        }
        self.detected = prepared.detected;
        let mut s = Box::new(Streaming::new(&config, &table.headers, delimiter));
        s.skip = 1 + info.skipped_rows.len();
        self.info = info;
        s.feed(&buf, false);
        self.phase = Phase::Streaming(s);
    }

    /// A part of the same file for another thread, once the structure is
    /// known: it reads records from wherever its bytes start (which must be a
    /// record's start), and [`join`](Self::join) adds its rows to these.
    pub fn part(&self) -> Option<StreamPart> {
        match &self.phase {
            Phase::Streaming(s) => Some(StreamPart(Box::new(Streaming::new(
                &s.config,
                &s.headers,
                s.delimiter,
            )))),
            _ => None,
        }
    }

    /// Add a part's rows (read by another thread) to this analysis.
    pub fn join(&mut self, mut part: StreamPart) {
        part.0.feed(&[], true);
        if let Phase::Streaming(s) = &mut self.phase {
            let p = *part.0;
            s.invalid_utf8 += p.invalid_utf8;
            s.overlong |= p.overlong;
            s.acc.merge(p.acc);
            // The part starts at a line end: its line 1 follows this one's last.
            s.tally.merge(p.tally, s.newlines);
            s.newlines += p.newlines;
        }
    }

    /// The bytes so far end at a line end: finish the record they hold, as
    /// the end of the input would (before parts read elsewhere are joined).
    pub fn end_part(&mut self) {
        if let Phase::Streaming(s) = &mut self.phase {
            s.feed(&[], true);
            s.reader.reset();
            s.at_start = true;
        }
    }

    /// Whether parts joined so far met what only one reading in file order
    /// decides (see `quality::tally`): then read the file again as one part.
    pub fn needs_one_part(&mut self) -> bool {
        match &mut self.phase {
            Phase::Streaming(s) => s.tally.needs_one_part(),
            _ => false,
        }
    }

    /// Whether the structure is known and records are being read.
    pub fn started(&self) -> bool {
        matches!(self.phase, Phase::Streaming(_))
    }
}

/// Records of one part of a file ([`StreamAnalysis::part`]).
pub struct StreamPart(Box<Streaming>);

impl StreamPart {
    pub fn push(&mut self, chunk: &[u8]) {
        self.0.feed(chunk, false);
    }
}

impl Streaming {
    fn new(config: &crate::SurveyConfig, headers: &[String], delimiter: u8) -> Streaming {
        let acc = Accumulator::new(config, headers);
        let tally = Tally::new(config, headers);
        let mut numeric: Vec<usize> = acc.numeric_columns();
        numeric.extend(tally.numeric_columns());
        numeric.retain(|&c| c < headers.len());
        numeric.sort_unstable();
        numeric.dedup();
        Streaming {
            reader: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            acc,
            tally,
            numeric,
            parsed: vec![value::Cell::Missing; headers.len()],
            newlines: 0,
            at_start: true,
            line: 1,
            config: config.clone(),
            headers: headers.to_vec(),
            delimiter,
            out: vec![0; 1 << 16],
            ends: vec![0; 256],
            outlen: 0,
            endlen: 0,
            skip: 0,
            bom: true,
            invalid_utf8: 0,
            overlong: false,
        }
    }
}

impl StreamAnalysis {
    fn refuse(&mut self, why: Text) {
        self.diags
            .push(Diagnostic::new("stream_refused", Severity::Error, why));
        self.phase = Phase::Stopped;
    }

    /// The report of everything pushed.
    pub fn finish(mut self) -> Report {
        if matches!(self.phase, Phase::Sniffing(_)) {
            self.start(true);
        }
        let mut diags = self.diags;
        let info = self.info;
        let Phase::Streaming(mut s) = self.phase else {
            if !diags.has_errors() {
                input::table::empty_input(&mut diags);
            }
            return failed(diags);
        };
        s.feed(&[], true);
        if s.overlong {
            diags.push(Diagnostic::new(
                "stream_row_too_long",
                Severity::Error,
                Text::new(
                    format!("A row after the {} read is longer than {} MB: this is not a table of one respondent per row (a missing line break or a stray quote?).", crate::common::format::count(s.acc.rows() as usize, "row", "rows"), MAX_RECORD >> 20),
                    format!("在已读取的 {} 行之后，有一行超过 {} MB：这不是每位受访者一行的表格（缺少换行符或引号未闭合？）。", s.acc.rows(), MAX_RECORD >> 20),
                ),
            ));
            return failed(diags);
        }
        if s.invalid_utf8 > 0 {
            diags.push(Diagnostic::new(
                "stream_invalid_utf8",
                Severity::Warning,
                Text::new(
                    format!("{} rows had bytes that are not UTF-8; their unreadable cells count as missing.", s.invalid_utf8),
                    format!("{} 行含有非 UTF-8 字节，其中无法读取的单元格按缺失处理。", s.invalid_utf8),
                ),
            ));
        }
        let rows = s.acc.rows();
        // As the page writes sizes (1024-based), so the two agree.
        let size = crate::common::format::bytes(self.bytes as usize);
        let config = s.config.clone();
        let groupings = s.acc.take_groupings();
        for d in s.acc.rejections() {
            diags.push(d);
        }
        let quality = s.tally.finish(&config, &s.headers, &mut diags);
        let values = s.acc.values(&config);
        let Some(found) =
            analyses::sufficient::read::from_values(&values, &config, &s.headers, &mut diags)
        else {
            return failed(diags);
        };
        diags.push(Diagnostic::new(
            "stream_mode",
            Severity::Info,
            Text::new(
                format!("Read as a stream: {} ({size}) in one pass, without keeping them. Every analysis and the data-quality checks are as from the answers; the weights that need every respondent's scores (entropy, CRITIC) are not computed.", if rows == 1 { "1 row".to_string() } else { format!("{} rows", grouped(rows)) }),
                format!("按流读取：一次读完 {} 行（{size}），不保留原始答卷。各项分析和数据质量检查与基于答卷的结果相同；需要每位受访者得分的权重（熵权、CRITIC）未计算。", grouped(rows)),
            ),
        ));
        if !config.exclude.is_default() {
            // The rules are known only once every row is read, after the
            // one pass: the numbers include the rows they would leave out.
            diags.push(Diagnostic::new(
                "stream_exclusions_not_applied",
                Severity::Warning,
                Text::new(
                    "The structure asks to leave out some respondents (straight-liners, speeders, duplicates or chosen rows), but a file read as a stream in one pass is analysed with every row: the data-quality section lists the rows the rules would leave out. Analyse a smaller file, or remove those rows first, for results without them.",
                    "问卷结构要求剔除部分受访者（直线作答、作答过快、重复或指定行），但一次按流读取的文件以全部行进行分析：数据质量部分列出了规则将剔除的行。如需剔除这些行后的结果，请分析较小的文件，或先删除这些行。",
                ),
            ));
        }
        let mut a = found.analysis;
        a.overall.notes.push(Text::new(
            "Read as a stream, in one pass: exclusions and the weights that need each respondent's scores (entropy, CRITIC) are not computed.",
            "按流一次读取：未应用剔除规则，也未计算需要每位受访者得分的权重（熵权、CRITIC）。",
        ));
        if config.waves.is_some() {
            a.overall.notes.push(Text::new(
                "Waves from submission dates are not formed in a stream; compare waves with a wave column in the file.",
                "按流读取时不根据提交日期划分波次；如需比较波次，请在文件中提供波次列。",
            ));
        }
        let dims: Vec<String> = config.dimensions.iter().map(|d| d.id.clone()).collect();
        let comparisons = (!groupings.is_empty()).then(|| analyses::compare::Comparisons {
            groupings: groupings
                .into_iter()
                .map(|g| analyses::compare::from_moments(g, &dims))
                .collect(),
        });
        Report {
            schema: report::SCHEMA_VERSION,
            generator: concat!("gapscope ", env!("CARGO_PKG_VERSION")).to_string(),
            respondents: a.respondents,
            config,
            detected: self.detected,
            items: a.items,
            dimensions: a.dimensions,
            overall: a.overall,
            fuzzy: found.fuzzy,
            analyses: analyses::Analyses {
                reliability: found.reliability,
                ipa: found.ipa,
                metrics: found.metrics,
                drivers: found.drivers,
                comparisons,
            },
            quality,
            input: info,
            diagnostics: diags,
        }
    }
}

/// A report of what stopped the analysis, and nothing else (no structure
/// checks against an empty table).
pub(crate) fn failed(diags: Diagnostics) -> Report {
    Evaluator::detect().analyze_table(&input::table::Table::default(), diags)
}

impl Streaming {
    /// Records from `input`; `last` ends the input (a record without a line end).
    fn feed(&mut self, mut input: &[u8], last: bool) {
        if self.overlong {
            return;
        }
        if self.bom && !input.is_empty() {
            input = input.strip_prefix(b"\xef\xbb\xbf").unwrap_or(input);
            self.bom = false;
        }
        loop {
            if self.at_start {
                // Line ends before a record: blank lines, which csv_core would skip.
                let blank = input
                    .iter()
                    .position(|&b| b != b'\n' && b != b'\r')
                    .unwrap_or(input.len());
                self.newlines += count_newlines(&input[..blank]);
                input = &input[blank..];
                if !input.is_empty() {
                    self.at_start = false;
                    self.line = self.newlines + 1;
                }
            }
            if input.is_empty() && !last {
                return;
            }
            let (result, nin, nout, nend) = self.reader.read_record(
                input,
                &mut self.out[self.outlen..],
                &mut self.ends[self.endlen..],
            );
            self.newlines += count_newlines(&input[..nin]);
            input = &input[nin..];
            self.outlen += nout;
            self.endlen += nend;
            match result {
                // With `last`, the next call (empty input) ends the final record.
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => {
                    if self.out.len() >= MAX_RECORD {
                        self.overlong = true;
                        return;
                    }
                    let n = self.out.len().max(1024) * 2;
                    self.out.resize(n, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len().max(16) * 2;
                    self.ends.resize(n, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    self.record();
                    self.outlen = 0;
                    self.endlen = 0;
                    self.at_start = true;
                }
                csv_core::ReadRecordResult::End => return,
            }
        }
    }

    fn record(&mut self) {
        let ends = &self.ends[..self.endlen];
        let text = match std::str::from_utf8(&self.out[..self.outlen]) {
            Ok(t) => t,
            Err(_) => {
                self.invalid_utf8 += 1;
                ""
            }
        };
        let field = |c: usize| -> &str {
            let start = match c.checked_sub(1) {
                Some(p) => ends.get(p).copied().unwrap_or(usize::MAX),
                None => 0,
            };
            let end = ends.get(c).copied().unwrap_or(usize::MAX);
            text.get(start..end).unwrap_or("")
        };
        if (0..ends.len()).all(|c| field(c).trim().is_empty()) {
            return; // a blank line, as the table reader skips it
        }
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        // Each column either reads as a number, read once for both.
        let missing = &self.config.missing_codes;
        for &c in &self.numeric {
            if let Some(slot) = self.parsed.get_mut(c) {
                *slot = value::read(field(c), missing);
            }
        }
        let parsed = &self.parsed;
        let number = |c: usize| parsed.get(c).copied().unwrap_or(value::Cell::Missing);
        self.acc.push(field, number);
        self.tally.row(self.line, field, number);
    }
}

fn count_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// A file on disk in one pass on `threads` cores: the first part is read here
/// (it decides the structure), the rest in parts that start at line ends and
/// are merged. Parts need records that never hold a line break, so a file
/// with any quote character is read by one thread.
#[cfg(not(target_arch = "wasm32"))]
pub fn analyze_file(
    evaluator: &Evaluator,
    path: &std::path::Path,
    threads: usize,
) -> std::io::Result<Report> {
    use std::io::{Read, Seek, SeekFrom};
    const BUF: usize = 1 << 20;
    let size = std::fs::metadata(path)?.len();
    let read_range = |from: u64, to: u64, sink: &mut dyn FnMut(&[u8])| -> std::io::Result<()> {
        let mut f = std::fs::File::open(path)?;
        f.seek(SeekFrom::Start(from))?;
        let mut left = to - from;
        let mut buf = vec![0u8; BUF];
        while left > 0 {
            let want = buf.len().min(usize::try_from(left).unwrap_or(BUF));
            let n = f.read(&mut buf[..want])?;
            if n == 0 {
                break;
            }
            sink(&buf[..n]);
            left -= n as u64;
        }
        Ok(())
    };
    // Where part k starts: just after the first line end at or past size·k/threads.
    let line_end_after = |at: u64| -> std::io::Result<u64> {
        let mut f = std::fs::File::open(path)?;
        f.seek(SeekFrom::Start(at))?;
        let mut buf = vec![0u8; 64 << 10];
        let mut pos = at;
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                return Ok(size);
            }
            if let Some(i) = buf[..n].iter().position(|&b| b == b'\n') {
                return Ok(pos + i as u64 + 1);
            }
            pos += n as u64;
        }
    };
    let parallel = threads > 1 && size >= 4 * (SNIFF as u64) * threads as u64 && {
        let mut quoted = false;
        read_range(0, size, &mut |b: &[u8]| quoted |= b.contains(&b'"'))?;
        !quoted
    };
    let mut stream = evaluator.stream();
    if !parallel {
        read_range(0, size, &mut |b: &[u8]| stream.push(b))?;
        return Ok(stream.finish());
    }
    let mut bounds = vec![0u64];
    for k in 1..threads {
        let b = line_end_after(size * k as u64 / threads as u64)?;
        if b > *bounds.last().unwrap_or(&0) && b < size {
            bounds.push(b);
        }
    }
    bounds.push(size);
    // The first megabyte decides the structure before any part starts.
    let first_end = bounds[1];
    let head = (SNIFF as u64).min(first_end);
    read_range(0, head, &mut |b: &[u8]| stream.push(b))?;
    let parts: Vec<StreamPart> = (2..bounds.len()).filter_map(|_| stream.part()).collect();
    if parts.len() + 2 != bounds.len() {
        // Refused or not started: the rest read here says why, as one thread would.
        read_range(head, size, &mut |b: &[u8]| stream.push(b))?;
        return Ok(stream.finish());
    }
    let joined = std::thread::scope(|scope| -> std::io::Result<Vec<StreamPart>> {
        let handles: Vec<_> = parts
            .into_iter()
            .zip(bounds.windows(2).skip(1))
            .map(|(mut part, w)| {
                let (from, to) = (w[0], w[1]);
                scope.spawn(move || -> std::io::Result<StreamPart> {
                    read_range(from, to, &mut |b: &[u8]| part.push(b))?;
                    Ok(part)
                })
            })
            .collect();
        read_range(head, first_end, &mut |b: &[u8]| stream.push(b))?;
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("a reading thread failed")))
            })
            .collect()
    })?;
    // Part 1 ends at a line end, so its last record is complete before the joins.
    stream.end_part();
    for part in joined {
        stream.join(part);
    }
    if stream.needs_one_part() {
        // An id or a set of answers first seen in two parts: which row is
        // the repeat is decided by one reading in file order.
        let mut one = evaluator.stream();
        read_range(0, size, &mut |b: &[u8]| one.push(b))?;
        return Ok(one.finish());
    }
    Ok(stream.finish())
}
