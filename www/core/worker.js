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

// The one-pass reader (pkg/stream/) is loaded for the first file too large to hold.
let streamer = null;
function streamModule() {
  streamer ??= import('../pkg/stream/gapscope_stream.js').then(async (m) => {
    await m.default();
    return m;
  });
  return streamer;
}

/** Progress is posted at most this often (ms). */
const PROGRESS_EVERY = 100;

/** A File read through File.stream() into the stream analysis (twice when it leaves rows out); memory stays that of one chunk. */
async function analyseStream(id, file, config, options) {
  const m = await streamModule().catch((err) => {
    streamer = null;
    throw err;
  });
  const t0 = performance.now();
  const s = new m.StreamAnalyzer(config ?? undefined, options ?? undefined);
  try {
    // A second reading when the rows to leave out are known only at the end.
    for (let pass = 1; ; pass++) {
      const reader = file.stream().getReader();
      const start = performance.now();
      let bytes = 0;
      let last = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        s.push(value);
        bytes += value.length;
        const now = performance.now();
        if (now - last >= PROGRESS_EVERY) {
          last = now;
          self.postMessage({ id, progress: { bytes, total: file.size, rows: s.rows(), ms: now - start, pass } });
        }
      }
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
    try {
      const { report, ms } = await analyseStream(id, input.stream, config, options);
      self.postMessage({ id, report, ms, version: engineVersion });
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
