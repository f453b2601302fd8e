// Runs the wasm engine off the main thread so a large paste does not freeze the
// page. Same module and same API as the main-thread fallback in engine.js.

import init, { Evaluator, version } from './pkg/gapscope.js';

const ready = init().then(() => version());

/** The method functions a page may call (engine.js `call`). */
const CALLS = new Set(['ahp', 'objectiveWeights', 'combineWeights', 'fuzzy']);

// Their module (pkg/methods/) is loaded the first time one is called: only the
// weighting workspace needs them, and the engine module stays small.
let methods = null;
function methodsModule() {
  methods ??= import('./pkg/methods/gapscope_methods.js').then(async (m) => {
    await m.default();
    return m;
  });
  return methods;
}

self.onmessage = async (event) => {
  const { id, input, config, options, call, request } = event.data;
  let engineVersion;
  try {
    engineVersion = await ready;
  } catch (err) {
    self.postMessage({ id, error: String(err?.message ?? err), stage: 'load' });
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
      self.postMessage({ id, error: String(err?.message ?? err), fatal: err instanceof WebAssembly.RuntimeError, stage: 'call' });
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
    // A trap (RuntimeError) leaves the instance unusable; the page replaces this worker.
    const fatal = err instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, error: String(err?.message ?? err), fatal, stage: 'analyze' });
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
  (err) => self.postMessage({ ready: false, error: String(err?.message ?? err) }),
);
