// Runs the wasm engine off the main thread so a large paste does not freeze the
// page. Same module and same API as the main-thread fallback in engine.js.

import init, { Evaluator, version } from '../pkg/gapscope.js';

const ready = init().then(() => version());

/**
 * Whether an error leaves the wasm instance unusable: a trap (RuntimeError), or
 * a RangeError (stack overflow, out of memory) thrown through wasm frames, which
 * leaves the instance's own stack pointer where it was. The page replaces the worker.
 */
const isFatal = (err) => err instanceof WebAssembly.RuntimeError || err instanceof RangeError;
const failure = (id, err, stage) => ({ id, error: String(err?.message ?? err), name: String(err?.name ?? 'Error'), fatal: isFatal(err), stage });

/** The method functions a page may call (engine.js `call`). */
const CALLS = new Set(['ahp', 'objectiveWeights', 'combineWeights', 'fuzzy']);

// Their module (pkg/methods/) is loaded the first time one is called: only the
// weighting workspace needs them, and the engine module stays small.
let methods = null;
function methodsModule() {
  methods ??= import('../pkg/methods/gapscope_methods.js').then(async (m) => {
    await m.default();
    return m;
  });
  return methods;
}

// The stream reader (pkg/stream/) is loaded for the first file too large to
// hold, compiled once: the workers that read parts of a file are given the
// compiled module (and share its code as it is optimised) instead of each
// fetching and compiling their own.
let streamer = null;
function streamModule() {
  streamer ??= (async () => {
    const m = await import('../pkg/stream/gapscope_stream.js');
    const bytes = await (await fetch(new URL('../pkg/stream/gapscope_stream_bg.wasm', import.meta.url))).arrayBuffer();
    const module = await WebAssembly.compile(bytes);
    await m.default({ module_or_path: module });
    return { m, module };
  })();
  return streamer;
}

/** Progress is posted at most this often (ms). */
const PROGRESS_EVERY = 100;

/** The bytes the engine reads before it decides the structure (gapscope::stream::SNIFF). */
const SNIFF = 1 << 20;

/** A file is cut into parts of at least this size, one per core (at most 8). */
const PART_MIN = 16 * 1024 * 1024;

function partCount(size) {
  const cores = Math.max(1, Math.min(navigator.hardwareConcurrency || 1, 8));
  return Math.max(1, Math.min(cores, Math.floor(size / PART_MIN)));
}

/** Bytes [from, to) of a Blob, chunk by chunk. */
async function readRange(file, from, to, push) {
  const reader = file.slice(from, to).stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    push(value);
  }
}

/** The offset just after the first line end at or after `at` (the size if none). */
async function lineEndAfter(file, at) {
  const STEP = 1 << 16;
  for (let pos = at; pos < file.size; pos += STEP) {
    const bytes = new Uint8Array(await file.slice(pos, pos + STEP).arrayBuffer());
    const i = bytes.indexOf(10);
    if (i >= 0) return pos + i + 1;
  }
  return file.size;
}

/** Progress of reading `pass`, over the parts (index 0: this worker's, which holds the others' once joined). */
function progressOf(id, file, parts, pass) {
  const start = performance.now();
  const bytes = new Array(parts).fill(0);
  const rows = new Array(parts).fill(0);
  let last = 0;
  const sum = (a) => a.reduce((x, y) => x + y, 0);
  const post = () => self.postMessage({ id, progress: { bytes: sum(bytes), total: file.size, rows: sum(rows), ms: performance.now() - start, pass } });
  const progress = (k, b, r) => {
    bytes[k] = b;
    rows[k] = r;
    const now = performance.now();
    if (now - last < PROGRESS_EVERY) return;
    last = now;
    post();
  };
  progress.joined = (r) => {
    rows.fill(0);
    rows[0] = r;
    post();
  };
  return progress;
}

/** One part in a worker of its own (core/stream-part.js); resolves to its statistics. */
function readPart(worker, job, onProgress) {
  return new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      if (data.progress) onProgress(data.progress);
      else if (data.error) reject(new Error(data.error));
      else resolve(data.state);
    };
    worker.onerror = (e) => reject(new Error(e.message || 'a part worker failed'));
    worker.postMessage(job);
  });
}

/**
 * A file on several cores: the first megabyte decides the structure, then
 * each part (from a line end on) is read by a worker of its own while this
 * one reads the first, and the parts' statistics are joined in file order,
 * as `gapscope analyze --stream` joins its threads'. Null when the file must
 * be read in one part after all (a quote character, a repeat first seen in
 * two parts, no worker to be had): the caller reads it so.
 */
async function analyseInParts({ m, module }, id, file, config, options, count) {
  const bounds = [0];
  for (let k = 1; k < count; k++) {
    const b = await lineEndAfter(file, Math.floor((file.size * k) / count));
    if (b > bounds[bounds.length - 1] && b < file.size) bounds.push(b);
  }
  bounds.push(file.size);
  if (bounds.length < 3) return null;
  const s = new m.StreamAnalyzer(config ?? undefined, options ?? undefined);
  const pool = [];
  try {
    // The part workers start (and instantiate the module) while the first megabyte is read.
    for (let k = 2; k < bounds.length; k++) pool.push(new Worker(new URL('./stream-part.js', import.meta.url), { type: 'module' }));
    const started = Promise.all(
      pool.map(
        (worker) =>
          new Promise((resolve, reject) => {
            worker.onmessage = ({ data }) => (data.ready ? resolve() : reject(new Error(data.error)));
            worker.onerror = (e) => reject(new Error(e.message || 'a part worker failed'));
            worker.postMessage({ module });
          }),
      ),
    );
    started.catch(() => {}); // awaited below; a failure before then is not unhandled
    const head = Math.min(SNIFF, bounds[1]);
    await readRange(file, 0, head, (c) => s.push(c));
    // Refused (another layout …): the reason, as a reading in one part gives it.
    if (!s.started()) return s.finish();
    // A quote already in the first megabyte (a quoted header): one part, before reading any.
    if (s.needsOnePart()) return null;
    await started;
    // One reading: this worker reads part 1 from `from`, the others the rest.
    const reading = async (pass, from, lines) => {
      const spec = s.partSpec();
      const progress = progressOf(id, file, bounds.length - 1, pass);
      const jobs = bounds.slice(1, -1).map((b, i) => {
        const job = { file, from: b, to: bounds[i + 2], spec, lines: lines[i] ?? 0 };
        return readPart(pool[i], job, (p) => progress(i + 1, p.bytes, p.rows));
      });
      // A worker's messages to its own workers leave with its next task: let
      // the jobs go before this one's reading keeps it busy.
      await new Promise((resolve) => setTimeout(resolve, 0));
      let read = from;
      await readRange(file, from, bounds[1], (c) => {
        s.push(c);
        read += c.length;
        progress(0, read, s.rows());
      });
      s.endPart();
      const states = await Promise.all(jobs);
      const starts = [];
      for (const state of states) {
        starts.push(s.lines());
        s.joinPart(state);
      }
      progress.joined(s.rows());
      return starts;
    };
    const starts = await reading(1, head, []);
    if (s.needsOnePart()) return null;
    for (let pass = 2; s.anotherPass(); pass++) await reading(pass, 0, starts);
    return s.finish();
  } finally {
    for (const w of pool) w?.terminate();
    s.free();
  }
}

/** Whether a file streamed unasked is read held instead: a layout the stream does not read, bytes held reading decodes. */
const heldInstead = (report) => report.diagnostics?.messages?.some((m) => m.code === 'stream_refused' || m.code === 'stream_invalid_utf8');

/** Input options the stream reads as held reading does: none given (the stream takes the head's delimiter and header). */
const plainOptions = (options) => !options || Object.values(options).every((v) => v === undefined || v === null);

/** A File read through File.stream() into the stream analysis (twice when it leaves rows out), on every core; memory stays that of a chunk per part. */
async function analyseStream(id, file, config, options) {
  const loaded = await streamModule().catch((err) => {
    streamer = null;
    throw err;
  });
  const { m } = loaded;
  const t0 = performance.now();
  const count = partCount(file.size);
  if (count > 1) {
    let report = null;
    try {
      report = await analyseInParts(loaded, id, file, config, options, count);
    } catch (err) {
      // A trap is the engine's; anything else (no worker to be had) reads in one part.
      if (isFatal(err)) throw err;
    }
    if (report) return { report, ms: performance.now() - t0 };
  }
  const s = new m.StreamAnalyzer(config ?? undefined, options ?? undefined);
  try {
    // A second reading when the rows to leave out are known only at the end.
    for (let pass = 1; ; pass++) {
      const progress = progressOf(id, file, 1, pass);
      let bytes = 0;
      await readRange(file, 0, file.size, (c) => {
        s.push(c);
        bytes += c.length;
        progress(0, bytes, s.rows());
      });
      if (!s.anotherPass()) break;
    }
    const report = s.finish();
    return { report, ms: performance.now() - t0 };
  } finally {
    s.free();
  }
}

self.onmessage = async (event) => {
  const { id, input, config, options, call, request } = event.data;
  let engineVersion;
  try {
    engineVersion = await ready;
  } catch (err) {
    self.postMessage({ ...failure(id, err, 'load'), fatal: false });
    return;
  }
  if (call !== undefined) {
    try {
      if (!CALLS.has(call)) throw new Error(`unknown method ${call}`);
      const m = await methodsModule().catch((err) => {
        methods = null; // let the next call try again (say, after going back online)
        throw err;
      });
      self.postMessage({ id, outcome: m[call](request) });
    } catch (err) {
      self.postMessage(failure(id, err, 'call'));
    }
    return;
  }
  if (input?.stream) {
    // A file streamed unasked (input/files.js `holdable`) is read held when
    // the stream would not read it as held reading does: input options given
    // by hand, another layout, bytes that are not UTF-8, or no stream module.
    const held = async () => {
      const t0 = performance.now();
      const evaluator = new Evaluator(config ?? undefined);
      try {
        const report = evaluator.analyze(new Uint8Array(await input.stream.arrayBuffer()), options ?? undefined);
        return { report, ms: performance.now() - t0 };
      } finally {
        evaluator.free();
      }
    };
    try {
      let out = null;
      if (!input.holdable || plainOptions(options)) {
        try {
          out = await analyseStream(id, input.stream, config, options);
        } catch (err) {
          if (!input.holdable || isFatal(err)) throw err;
        }
      }
      if (input.holdable && (!out || heldInstead(out.report))) out = await held();
      self.postMessage({ id, report: out.report, ms: out.ms, version: engineVersion });
    } catch (err) {
      self.postMessage(failure(id, err, 'analyze'));
    }
    return;
  }
  let evaluator;
  try {
    const t0 = performance.now();
    evaluator = new Evaluator(config ?? undefined);
    // A workbook sheet arrives as {rows}; text and file bytes as they are.
    const report = input?.rows ? evaluator.analyzeRows(input.rows, options ?? undefined) : evaluator.analyze(input, options ?? undefined);
    self.postMessage({ id, report, ms: performance.now() - t0, version: engineVersion });
  } catch (err) {
    // A trap leaves the instance unusable; the page replaces this worker.
    self.postMessage(failure(id, err, 'analyze'));
  } finally {
    try {
      evaluator?.free();
    } catch {
      // already freed or instance dead; nothing to release
    }
  }
};

ready.then(
  (v) => self.postMessage({ ready: true, version: v }),
  (err) => self.postMessage({ ready: false, error: String(err?.message ?? err), name: String(err?.name ?? 'Error') }),
);
