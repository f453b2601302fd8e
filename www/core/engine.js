// The analysis engine as the page sees it: one `analyze(input, config, options)` that runs
// the wasm Evaluator in a Web Worker (www/core/worker.js) and falls back to the main
// thread when workers are unavailable. Only the newest request matters: a request
// that is still waiting when a newer one arrives is dropped (rejected with
// `superseded`), so typing or editing never queues up stale analyses.
//
// `call(name, request)` runs one of the method functions (ahp, objectiveWeights,
// combineWeights, fuzzy; docs/js-api.md) in the same worker, from their own wasm
// module (pkg/methods/) loaded on the first call. Calls are never superseded:
// each caller keeps its own "newest answer wins" counter.
//
// Failures that are not about the data reject with an EngineError carrying the
// original error's `name` and `fatal` (errors.js turns them into messages): a
// trap (WebAssembly.RuntimeError) replaces the worker — or, on the main thread,
// loads a fresh instance — so the next request runs on a clean engine; a module
// that could not be fetched is fetched again on the next request; a request
// that cannot be handed to the worker (too deeply nested to clone) fails alone.

/** The method functions `call` accepts (crates/methods). */
const METHODS = new Set(['ahp', 'objectiveWeights', 'combineWeights', 'fuzzy']);

/** An error of the engine itself, with the original error's name (RuntimeError, RangeError, TypeError …). */
export class EngineError extends Error {
  constructor(message, { name = 'Error', fatal = false, code, stage } = {}) {
    super(message);
    this.name = name;
    this.fatal = fatal;
    if (code) this.code = code;
    if (stage) this.stage = stage;
  }
}

/** Any thrown value as an Error that keeps its name (a DOMException's too). */
function asError(err) {
  if (err instanceof Error) return err;
  return new EngineError(String(err?.message ?? err), { name: err?.name ?? 'Error' });
}

export class Superseded extends Error {
  constructor() {
    super('superseded');
    this.superseded = true;
  }
}

export class Engine {
  /** @param {{base?: URL, worker?: boolean}} options base: the page's folder (www/), holding core/worker.js and pkg/. */
  constructor({ base = new URL('..', import.meta.url), worker = true } = {}) {
    this.base = base;
    this.useWorker = worker && typeof Worker !== 'undefined';
    this.worker = null;
    this.nextId = 1;
    this.running = null; // {id, input, config, resolve, reject}
    this.waiting = null;
    this.mainThread = null; // Promise of the wasm module when running on the main thread
    this.methods = null; // Promise of the methods module when called on the main thread
    this.calls = new Map(); // id → {name, request, resolve, reject}: method calls sent to the worker
    this.version = null;
    this.instances = 0; // main-thread module instances loaded (a trap needs a fresh one)
    this.restarts = 0; // workers replaced after a trap or a failed load
    if (this.useWorker) this.startWorker();
  }

  startWorker() {
    try {
      this.worker = new Worker(new URL('core/worker.js', this.base), { type: 'module' });
    } catch {
      this.useWorker = false;
      this.worker = null;
      return;
    }
    this.worker.onmessage = (e) => this.onWorkerMessage(e.data);
    // A worker that cannot even start (no module workers, script blocked): run here instead.
    this.worker.onerror = (e) => {
      e.preventDefault?.();
      this.abandonWorker();
    };
  }

  abandonWorker() {
    this.worker?.terminate();
    this.worker = null;
    this.useWorker = false;
    const job = this.running;
    this.running = null;
    const calls = [...this.calls.values()];
    this.calls.clear();
    for (const c of calls) this.callOnMainThread(c);
    if (job) this.runOnMainThread(job);
  }

  onWorkerMessage(msg) {
    if (msg.ready !== undefined) {
      if (msg.ready) this.version = msg.version;
      else this.workerFailedToLoad(msg);
      return;
    }
    // A file read as a stream: how far it got (the job goes on).
    if (msg.progress) {
      if (this.running?.id === msg.id) this.onProgress?.(msg.progress);
      return;
    }
    // The module did not load in this worker: everything sent to it fails the same way.
    if (msg.stage === 'load') return this.workerFailedToLoad(msg);
    const error = msg.error === undefined ? null : new EngineError(msg.error, { name: msg.name, fatal: msg.fatal, stage: msg.stage });
    const call = this.calls.get(msg.id);
    if (call) {
      this.calls.delete(msg.id);
      if (!error) call.resolve(msg.outcome);
      else {
        call.reject(error);
        if (msg.fatal) this.restartWorker();
      }
      return;
    }
    const job = this.running;
    if (!job || job.id !== msg.id) return;
    this.running = null;
    if (error) {
      // A trapped wasm instance is not reusable: start a fresh worker for the next job.
      if (msg.fatal) this.restartWorker();
      job.reject(error);
    } else {
      if (msg.version) this.version = msg.version;
      job.resolve({ report: msg.report, ms: msg.ms });
    }
    this.pump();
  }

  /**
   * A fresh worker. What was still waiting in the old one did not cause the
   * trap (the request that did has been answered): it is sent to the new one.
   */
  restartWorker() {
    this.worker?.terminate();
    this.worker = null;
    this.restarts += 1;
    this.startWorker();
    const calls = [...this.calls.values()];
    this.calls.clear();
    for (const c of calls) this.sendCall(c);
    const job = this.running;
    if (job) {
      this.running = null;
      this.waiting ??= job; // unless a newer request has replaced it meanwhile
      if (this.waiting !== job) job.reject(new Superseded());
      this.pump();
    }
  }

  /**
   * The worker started but its wasm module did not load (offline, a server
   * error, out of memory): what was sent to it fails with that reason, and the
   * next request starts a new worker, which tries to load the module again.
   */
  workerFailedToLoad(msg) {
    this.worker?.terminate();
    this.worker = null;
    this.restarts += 1;
    const error = new EngineError(msg.error ?? 'the engine module did not load', { name: msg.name ?? 'TypeError', stage: 'load' });
    const job = this.running;
    this.running = null;
    const calls = [...this.calls.values()];
    this.calls.clear();
    for (const c of calls) c.reject(error);
    job?.reject(error);
    this.pump();
  }

  /**
   * Run a method function of the methods module (`ahp`, `objectiveWeights`,
   * `combineWeights`, `fuzzy`) on a request object. Resolves to its Outcome
   * ({result|error, diagnostics}); rejects only if the engine itself failed.
   */
  call(name, request) {
    return new Promise((resolve, reject) => {
      this.sendCall({ id: this.nextId++, name, request, resolve, reject });
    });
  }

  sendCall(c) {
    if (this.useWorker && !this.worker) this.startWorker();
    if (this.useWorker && this.worker) {
      try {
        this.calls.set(c.id, c);
        this.worker.postMessage({ id: c.id, call: c.name, request: c.request });
        return;
      } catch (err) {
        // The request could not be cloned (nested too deeply): it fails alone.
        this.calls.delete(c.id);
        c.reject(asError(err));
        return;
      }
    }
    this.callOnMainThread(c);
  }

  async callOnMainThread(c) {
    try {
      if (!METHODS.has(c.name)) throw new Error(`unknown method ${c.name}`);
      const mod = await this.methodsModule();
      c.resolve(mod[c.name](c.request));
    } catch (err) {
      // A trapped instance, or a module that failed to load: load it afresh next time.
      this.methods = null;
      this.methodsFresh = err instanceof WebAssembly.RuntimeError || err instanceof RangeError;
      c.reject(asError(err));
    }
  }

  /** The methods module on the main thread, loaded on the first call. */
  methodsModule() {
    if (!this.methods) {
      const url = new URL('pkg/methods/gapscope_methods.js', this.base);
      // After a trap the same URL would give back the same dead instance: ask for another.
      if (this.methodsFresh) url.searchParams.set('instance', String(++this.instances));
      this.methods = import(url.href).then(async (mod) => {
        await mod.default();
        return mod;
      });
    }
    return this.methods;
  }

  /** The wasm module on the main thread, loaded once. */
  module() {
    if (!this.mainThread) {
      const url = new URL('pkg/gapscope.js', this.base);
      // After a trap the same URL would give back the same dead instance: ask for another.
      if (this.mainFresh) url.searchParams.set('instance', String(++this.instances));
      this.mainThread = import(url.href).then(async (mod) => {
        await mod.default();
        this.version = mod.version();
        return mod;
      });
      // A failed load is tried again next time (say, after going back online).
      this.mainThread.catch(() => {
        this.mainThread = null;
      });
    }
    return this.mainThread;
  }

  /**
   * Analyse text, bytes or a sheet's rows ({rows: string[][]}) with a config
   * (null: detect) and input options ({encoding, delimiter, header_row, layout};
   * docs/inputs.md). Resolves to {report, ms}.
   */
  analyze(input, config = null, options = null) {
    return new Promise((resolve, reject) => {
      if (this.waiting) this.waiting.reject(new Superseded());
      this.waiting = { id: this.nextId++, input, config, options, resolve, reject };
      this.pump();
    });
  }

  pump() {
    if (this.running || !this.waiting) return;
    const job = this.waiting;
    this.waiting = null;
    this.running = job;
    if (this.useWorker && !this.worker) this.startWorker();
    if (this.useWorker && this.worker) {
      try {
        this.worker.postMessage({ id: job.id, input: job.input, config: job.config, options: job.options });
        return;
      } catch (err) {
        // The request could not be cloned (a structure nested too deeply, too
        // large to copy): it fails with that reason; the worker is fine.
        this.running = null;
        job.reject(asError(err));
        this.pump();
        return;
      }
    }
    this.runOnMainThread(job);
  }

  /**
   * Stop the analysis that is running (a large file read as a stream): its
   * promise rejects with a `cancelled` EngineError and a fresh worker takes the next.
   */
  cancel() {
    const job = this.running;
    if (!job || !this.worker) return false;
    this.running = null;
    this.worker.terminate();
    this.worker = null;
    this.startWorker();
    job.reject(new EngineError('cancelled', { name: 'Cancelled', code: 'cancelled', stage: 'cancelled' }));
    this.pump();
    return true;
  }

  async runOnMainThread(job) {
    this.running = job;
    if (job.input?.stream && job.input.holdable) {
      // Streamed only to be faster: without a worker, read held, as before.
      try {
        job.input = new Uint8Array(await job.input.stream.arrayBuffer());
      } catch (err) {
        this.running = null;
        job.reject(new EngineError(String(err?.message ?? err), { name: 'Error', stage: 'analyze' }));
        this.pump();
        return;
      }
    }
    if (job.input?.stream) {
      // The one-pass reader needs a worker (File.stream() off the main thread).
      this.running = null;
      job.reject(new EngineError('A file this large can only be read in a worker, and this browser runs none here.', { name: 'Error', stage: 'analyze' }));
      this.pump();
      return;
    }
    try {
      const mod = await this.module();
      const t0 = performance.now();
      const evaluator = new mod.Evaluator(job.config ?? undefined);
      try {
        const options = job.options ?? undefined;
        const report = job.input?.rows ? evaluator.analyzeRows(job.input.rows, options) : evaluator.analyze(job.input, options);
        job.resolve({ report, ms: performance.now() - t0 });
      } finally {
        evaluator.free();
      }
    } catch (err) {
      if (err instanceof WebAssembly.RuntimeError || err instanceof RangeError) {
        // A trapped instance is not reusable: the next job gets a fresh one.
        this.mainThread = null;
        this.mainFresh = true;
        this.restarts += 1;
      }
      job.reject(asError(err));
    } finally {
      if (this.running === job) this.running = null;
      this.pump();
    }
  }

  terminate() {
    this.worker?.terminate();
    this.worker = null;
  }
}
