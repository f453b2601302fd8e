//! A file of any size, analysed as it streams by: the evaluator's one-pass face.
//!
//! The first [`SNIFF`] bytes are read as a table in the usual way to find the
//! delimiter, the header and (without a given structure) the structure; then
//! every record goes through `csv_core` straight into an
//! [`Accumulator`](crate::analyses::sufficient::accumulate::Accumulator), so
//! memory stays that of one record whatever the file's size. The report has
//! every analysis, the weights and the data-quality checks as from the
//! answers; a structure that leaves respondents out has the file read twice
//! ([`StreamAnalysis::another_pass`]). docs/scale.md.
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

/// From this size a UTF-8 text file is streamed rather than held, by
/// `gapscope analyze` and by the page (www/input/files.js `STREAM_FROM`):
/// four times as fast on two cores, a tenth of the memory, the same report.
pub const STREAM_FROM: u64 = 32 << 20;

/// Whether a file of `size` bytes that starts with `head` (say its first
/// megabyte) is streamed by default: from [`STREAM_FROM`], UTF-8 text (no
/// NUL, as UTF-16 has), read with the default input options (the stream reads
/// records with the delimiter and header the sample shows; an encoding or a
/// quoting rule given by hand is the in-memory reader's).
pub fn streams_by_default(head: &[u8], size: u64, options: &input::InputOptions) -> bool {
    let utf8 = match std::str::from_utf8(head) {
        Ok(_) => true,
        // A character cut at the end of the sample.
        Err(e) => e.error_len().is_none(),
    };
    size >= STREAM_FROM
        && *options == input::InputOptions::default()
        && matches!(input::sniff::sniff(head), input::sniff::Sniffed::Text)
        && !head.contains(&0)
        && utf8
}

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
    /// The data-quality checks: on the first reading only.
    tally: Option<Tally>,
    /// A second reading's lines to leave out (ascending), the line this
    /// part's first line is in the file, and the lines so left out.
    leave_out: std::sync::Arc<[usize]>,
    first_line: usize,
    met: Vec<usize>,
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
    /// header, the header, a platform's metadata rows (as the sample found);
    /// and how many there are at the top of the file.
    skip: usize,
    top: usize,
    /// A UTF-8 BOM still to be skipped at the very start.
    bom: bool,
    invalid_utf8: usize,
    /// A record passed MAX_RECORD: reading stopped.
    overlong: bool,
    /// Bytes given to a part (the analysis counts its own).
    bytes: u64,
    /// A quote character was read: a record may hold a line break, so a
    /// file cut into parts at line ends may be cut inside one.
    quoted: bool,
}

/// What a part read elsewhere hands back to be joined: its rows'
/// statistics and what it saw ([`StreamPart::into_bytes`]).
#[derive(serde::Serialize, serde::Deserialize)]
struct PartState {
    /// What it was read for (columns, items, dimensions): a part of another
    /// analysis is refused, not merged.
    shape: [usize; 3],
    /// Bytes the part was given.
    bytes: u64,
    acc: Accumulator,
    tally: Option<Tally>,
    met: Vec<usize>,
    newlines: usize,
    invalid_utf8: usize,
    overlong: bool,
    quoted: bool,
}

/// What a part read elsewhere (another worker) needs to read records as the
/// analysis it is joined to does ([`StreamAnalysis::part_spec`]).
#[derive(serde::Serialize, serde::Deserialize)]
struct PartSpec {
    config: crate::SurveyConfig,
    headers: Vec<String>,
    delimiter: u8,
    checks: bool,
    leave_out: Vec<usize>,
}

/// An analysis fed chunk by chunk ([`Evaluator::stream`]).
pub struct StreamAnalysis {
    evaluator: Evaluator,
    phase: Phase,
    diags: Diagnostics,
    info: input::InputInfo,
    bytes: u64,
    detected: bool,
    /// What the first reading found, once it ended ([`another_pass`](StreamAnalysis::another_pass)).
    first: Option<FirstReading>,
}

/// The end of the first reading: the data-quality section over every row
/// and what the exclusion rules make of it.
struct FirstReading {
    quality: crate::quality::Quality,
    /// What the checks said (in the report where the in-memory checks say it).
    diags: Diagnostics,
    rows: u64,
    bytes: u64,
    /// A second reading leaves rows out.
    twice: bool,
    /// A wave column made from dates, as every row read it
    /// (`Accumulator::dates_read`).
    dates: Option<(String, [u64; 2], Option<crate::input::timecell::DateOrder>)>,
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
            first: None,
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
        let mut s = Box::new(Streaming::new(&config, &table.headers, delimiter, true));
        s.skip = 1 + info.skipped_rows.len();
        s.top = s.skip;
        self.info = info;
        s.feed(&buf, false);
        self.phase = Phase::Streaming(s);
    }

    /// A part of the same file for another thread, once the structure is
    /// known: it reads records from wherever its bytes start (which must be a
    /// record's start), and [`join`](Self::join) adds its rows to these.
    pub fn part(&self) -> Option<StreamPart> {
        self.part_at(0)
    }

    /// A part for a second reading ([`another_pass`](Self::another_pass)),
    /// whose bytes start after `line` lines of the file ([`lines`](Self::lines)
    /// before the first reading joined it): the lines it leaves out are
    /// numbered from the file's start.
    pub fn part_at(&self, line: usize) -> Option<StreamPart> {
        match &self.phase {
            Phase::Streaming(s) => {
                let mut p = Streaming::new(&s.config, &s.headers, s.delimiter, s.tally.is_some());
                p.leave_out = s.leave_out.clone();
                p.first_line = line;
                Some(StreamPart(Box::new(p)))
            }
            _ => None,
        }
    }

    /// Line ends read so far, over this analysis and the parts joined to it.
    pub fn lines(&self) -> usize {
        match &self.phase {
            Phase::Streaming(s) => s.newlines,
            _ => 0,
        }
    }

    /// After the last byte: whether the rows to analyse are known only now
    /// (the structure leaves out duplicates, speeders, straight-liners or
    /// chosen rows, and some rows are such). Then push the same bytes once
    /// more from the start — parts at the same places, made by
    /// [`part_at`](Self::part_at) — and [`finish`](Self::finish): that
    /// reading analyses the rows kept. The data-quality section is the first
    /// reading's, over every row.
    ///
    /// ```
    /// use gapscope::Evaluator;
    /// let file = "E1,E2,E3,P1,P2,P3\n7,7,7,7,7,7\n5,6,7,4,6,5\n6,5,7,5,5,6\n";
    /// let mut config = Evaluator::detect_text(file).0;
    /// config.exclude.straightliners = true;
    /// let mut s = Evaluator::with_config(config).stream();
    /// s.push(file.as_bytes());
    /// while s.another_pass() {
    ///     s.push(file.as_bytes());
    /// }
    /// let report = s.finish();
    /// assert_eq!((report.respondents.total, report.respondents.analysed), (3, 2));
    /// ```
    pub fn another_pass(&mut self) -> bool {
        if matches!(self.phase, Phase::Sniffing(_)) {
            self.start(true);
        }
        let Phase::Streaming(s) = &mut self.phase else {
            return false;
        };
        if self.first.is_some() || s.config.exclude.is_default() {
            return false;
        }
        s.feed(&[], true);
        let Some(tally) = s.tally.take().filter(|_| !s.overlong) else {
            return false;
        };
        let mut diags = Diagnostics::default();
        let quality = tally.finish(&s.config, &s.headers, &mut diags);
        let planned = crate::quality::planned(&s.config, &quality);
        let twice = !planned.is_empty();
        let dates = s.acc.dates_read();
        let proved = dates.as_ref().and_then(|d| d.2);
        self.first = Some(FirstReading {
            quality,
            diags,
            rows: s.acc.rows(),
            bytes: self.bytes,
            twice,
            dates,
        });
        if twice {
            let mut next = Streaming::new(&s.config, &s.headers, s.delimiter, false);
            next.skip = s.top;
            next.top = s.top;
            next.leave_out = planned.into();
            next.acc.prove_dates(proved);
            **s = next;
            self.bytes = 0;
        }
        twice
    }

    /// Add a part's rows (read by another thread) to this analysis.
    pub fn join(&mut self, part: StreamPart) {
        self.join_state(part.0.into_state());
    }

    /// Add the rows of a part read elsewhere, as its
    /// [`into_bytes`](StreamPart::into_bytes) gave them.
    pub fn join_bytes(&mut self, bytes: &[u8]) -> Result<(), String> {
        let state: PartState = postcard::from_bytes(bytes).map_err(|e| e.to_string())?;
        if let Phase::Streaming(s) = &self.phase {
            if s.shape() != state.shape || s.tally.is_some() != state.tally.is_some() {
                return Err("the part was read for another analysis".into());
            }
        }
        self.join_state(state);
        Ok(())
    }

    fn join_state(&mut self, p: PartState) {
        self.bytes += p.bytes;
        if let Phase::Streaming(s) = &mut self.phase {
            s.invalid_utf8 += p.invalid_utf8;
            s.overlong |= p.overlong;
            s.quoted |= p.quoted;
            s.acc.merge(p.acc);
            // The part starts at a line end: its line 1 follows this one's last.
            if let (Some(t), Some(pt)) = (s.tally.as_mut(), p.tally) {
                t.merge(pt, s.newlines);
            }
            s.met.extend(p.met);
            s.newlines += p.newlines;
        }
    }

    /// What a part read by another worker needs (JSON), once the structure
    /// is known: [`StreamPart::from_spec`] makes the part there.
    pub fn part_spec(&self) -> Option<String> {
        match &self.phase {
            Phase::Streaming(s) => serde_json::to_string(&PartSpec {
                config: s.config.clone(),
                headers: s.headers.clone(),
                delimiter: s.delimiter,
                checks: s.tally.is_some(),
                leave_out: s.leave_out.to_vec(),
            })
            .ok(),
            _ => None,
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
    /// decides (see `quality::tally`), or a quote character (a record may
    /// hold a line break, and a part start inside it): then read the file
    /// again as one part. Parts joined by [`join_bytes`](Self::join_bytes)
    /// must check this; [`analyze_file`] looks for quotes before it cuts.
    pub fn needs_one_part(&mut self) -> bool {
        match &mut self.phase {
            Phase::Streaming(s) => s.quoted || s.tally.as_mut().is_some_and(Tally::needs_one_part),
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
        self.0.bytes += chunk.len() as u64;
        self.0.feed(chunk, false);
    }

    /// A part in another worker, from its analysis's
    /// [`part_spec`](StreamAnalysis::part_spec); `line`: as for
    /// [`part_at`](StreamAnalysis::part_at).
    pub fn from_spec(spec: &str, line: usize) -> Result<StreamPart, String> {
        let spec: PartSpec = serde_json::from_str(spec).map_err(|e| e.to_string())?;
        let mut p = Streaming::new(&spec.config, &spec.headers, spec.delimiter, spec.checks);
        p.leave_out = spec.leave_out.into();
        p.first_line = line;
        Ok(StreamPart(Box::new(p)))
    }

    /// Data rows read so far.
    pub fn rows(&self) -> u64 {
        self.0.acc.rows()
    }

    /// The part's rows, ended, as bytes for
    /// [`join_bytes`](StreamAnalysis::join_bytes) in the analysis it belongs to.
    pub fn into_bytes(self) -> Vec<u8> {
        postcard::to_allocvec(&self.0.into_state()).unwrap_or_default()
    }
}

impl Streaming {
    fn new(
        config: &crate::SurveyConfig,
        headers: &[String],
        delimiter: u8,
        checks: bool,
    ) -> Streaming {
        let acc = Accumulator::new(config, headers);
        let tally = checks.then(|| Tally::new(config, headers));
        let mut numeric: Vec<usize> = acc.numeric_columns();
        numeric.extend(tally.iter().flat_map(Tally::numeric_columns));
        numeric.retain(|&c| c < headers.len());
        numeric.sort_unstable();
        numeric.dedup();
        Streaming {
            reader: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            acc,
            tally,
            leave_out: Vec::new().into(),
            first_line: 0,
            met: Vec::new(),
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
            top: 0,
            bom: true,
            invalid_utf8: 0,
            overlong: false,
            bytes: 0,
            quoted: false,
        }
    }

    fn shape(&self) -> [usize; 3] {
        [
            self.headers.len(),
            self.config.items.len(),
            self.config.dimensions.len(),
        ]
    }

    /// The last record ended, and what a join needs.
    fn into_state(mut self) -> PartState {
        self.feed(&[], true);
        PartState {
            shape: self.shape(),
            bytes: self.bytes,
            acc: self.acc,
            tally: self.tally,
            met: self.met,
            newlines: self.newlines,
            invalid_utf8: self.invalid_utf8,
            overlong: self.overlong,
            quoted: self.quoted,
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
        let config = s.config.clone();
        // Read once although the rules leave rows out: none is left out.
        let mut once = false;
        let first = match self.first.take() {
            Some(f) => f,
            None => {
                let mut diags = Diagnostics::default();
                let quality = match s.tally.take() {
                    Some(t) => t.finish(&config, &s.headers, &mut diags),
                    None => Default::default(),
                };
                let planned = crate::quality::planned(&config, &quality);
                if !planned.is_empty() {
                    // Read once only: the numbers include the rows the rules would leave out.
                    once = true;
                    diags.push(Diagnostic::new(
                        "stream_exclusions_not_applied",
                        Severity::Warning,
                        Text::new(
                            "The structure asks to leave out some respondents (straight-liners, speeders, duplicates or chosen rows), but the file was read once, so every row is analysed: the data-quality section lists the rows the rules would leave out. Read it a second time (another_pass) for results without them.",
                            "问卷结构要求剔除部分受访者（直线作答、作答过快、重复或指定行），但文件只读取了一遍，因此以全部行进行分析：数据质量部分列出了规则将剔除的行。如需剔除这些行后的结果，请再读取一遍（another_pass）。",
                        ),
                    ));
                }
                FirstReading {
                    quality,
                    diags,
                    rows: s.acc.rows(),
                    bytes: self.bytes,
                    twice: false,
                    dates: s.acc.dates_read(),
                }
            }
        };
        let twice = first.twice;
        let rows = first.rows;
        s.met.sort_unstable();
        if twice && (self.bytes != first.bytes || s.acc.rows() + s.met.len() as u64 != rows) {
            diags.push(Diagnostic::new(
                "stream_changed",
                Severity::Error,
                Text::new(
                    format!("The second reading of the file differs from the first ({} then {}): the file changed while it was read, or was not read again from its start. Analyse it again.", crate::common::format::count(rows as usize, "row", "rows"), crate::common::format::count((s.acc.rows() + s.met.len() as u64) as usize, "row", "rows")),
                    format!("第二遍读取的文件与第一遍不同（先 {} 行，后 {} 行）：文件在读取期间被修改，或未从头重新读取。请重新分析。", rows, s.acc.rows() + s.met.len() as u64),
                ),
            ));
            return failed(diags);
        }
        // As the page writes sizes (1024-based), so the two agree.
        let size = crate::common::format::bytes(first.bytes as usize);
        let (groupings, said) = s.acc.take_groupings();
        for d in s.acc.rejections().into_iter().chain(said) {
            diags.push(d);
        }
        let mut quality = first.quality;
        for d in first.diags.messages {
            diags.push(d);
        }
        if let Some((name, without, proved)) = first.dates {
            // The wave column a table gains from its dates is one of its columns there.
            let k = usize::from(proved == Some(crate::input::timecell::DateOrder::DayFirst));
            let (n, missing) = (rows as usize, without[k] as usize);
            quality.columns.push(crate::quality::ColumnQuality {
                column: s.headers.len() + 1,
                name,
                role: model::config::Role::Wave,
                item: None,
                answered: n.saturating_sub(missing),
                missing,
                missing_share: (n > 0).then(|| missing as f64 / n as f64),
                non_numeric: 0,
                out_of_scale: 0,
            });
        }
        let met = &s.met;
        let selection = if once {
            crate::quality::Selection::none()
        } else {
            crate::quality::select_lines(
                &|line| met.binary_search(&line).is_ok(),
                &config,
                &quality,
                &mut diags,
            )
        };
        quality.excluded = selection.excluded;
        let scores = s.acc.take_objective();
        let values = s.acc.values(&config);
        let Some(found) = analyses::sufficient::read::from_values(
            &values,
            &config,
            &s.headers,
            scores.as_ref(),
            &mut diags,
        ) else {
            return failed(diags);
        };
        let rows_read = if rows == 1 {
            "1 row".to_string()
        } else {
            format!("{} rows", grouped(rows))
        };
        let (passes, passes_zh) = if twice {
            (
                "in two passes (the second leaves out the respondents the exclusion rules name)",
                "分两遍读完",
            )
        } else {
            ("in one pass", "一次读完")
        };
        diags.push(Diagnostic::new(
            "stream_mode",
            Severity::Info,
            Text::new(
                format!("Read as a stream: {rows_read} ({size}) {passes}, without keeping them. Every analysis, the weights and the data-quality checks are as from the answers."),
                format!("按流读取：{passes_zh} {} 行（{size}），不保留原始答卷。各项分析、权重和数据质量检查与基于答卷的结果相同。", grouped(rows)),
            ),
        ));
        let mut a = found.analysis;
        a.respondents.total = rows as usize;
        let mut excluded = selection.exclusions;
        excluded.append(&mut a.respondents.excluded);
        a.respondents.excluded = excluded;
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
        self.quoted = self.quoted || input.contains(&b'"');
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
        let bytes = &self.out[..self.outlen];
        // A record with bytes that are not UTF-8 keeps its row: only the
        // fields holding them read as empty (missing).
        let whole = std::str::from_utf8(bytes).ok();
        if whole.is_none() {
            self.invalid_utf8 += 1;
        }
        let field = |c: usize| -> &str {
            let start = match c.checked_sub(1) {
                Some(p) => ends.get(p).copied().unwrap_or(usize::MAX),
                None => 0,
            };
            let end = ends.get(c).copied().unwrap_or(usize::MAX);
            match whole {
                Some(t) => t.get(start..end).unwrap_or(""),
                None => bytes
                    .get(start..end)
                    .and_then(|b| std::str::from_utf8(b).ok())
                    .unwrap_or(""),
            }
        };
        if (0..ends.len()).all(|c| field(c).trim().is_empty()) {
            return; // a blank line, as the table reader skips it
        }
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        if !self.leave_out.is_empty() {
            let line = self.first_line + self.line;
            if self.leave_out.binary_search(&line).is_ok() {
                self.met.push(line);
                return;
            }
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
        if let Some(t) = &mut self.tally {
            t.row(self.line, field, number);
        }
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
    let whole = |mut stream: StreamAnalysis| -> std::io::Result<Report> {
        read_range(0, size, &mut |b: &[u8]| stream.push(b))?;
        while stream.another_pass() {
            read_range(0, size, &mut |b: &[u8]| stream.push(b))?;
        }
        Ok(stream.finish())
    };
    let mut stream = evaluator.stream();
    if !parallel {
        return whole(stream);
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
    // Part 1 from `from` on this thread, the others on their own; then the
    // joins, in file order. The lines before each part, for a second reading.
    let read_parts = |stream: &mut StreamAnalysis,
                      parts: Vec<StreamPart>,
                      from: u64|
     -> std::io::Result<Vec<usize>> {
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
            read_range(from, first_end, &mut |b: &[u8]| stream.push(b))?;
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
        let mut starts = Vec::with_capacity(joined.len());
        for part in joined {
            starts.push(stream.lines());
            stream.join(part);
        }
        Ok(starts)
    };
    let starts = read_parts(&mut stream, parts, head)?;
    if stream.needs_one_part() {
        // An id or a set of answers first seen in two parts: which row is
        // the repeat is decided by one reading in file order.
        return whole(evaluator.stream());
    }
    while stream.another_pass() {
        let parts: Vec<StreamPart> = starts.iter().filter_map(|&l| stream.part_at(l)).collect();
        read_parts(&mut stream, parts, 0)?;
    }
    Ok(stream.finish())
}
