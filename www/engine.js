// The analysis engine as the page sees it: one `analyze(input, config, options)` that runs
// the wasm Evaluator in a Web Worker (www/worker.js) and falls back to the main
// thread when workers are unavailable. Only the newest request matters: a request
// that is still waiting when a newer one arrives is dropped (rejected with
// `superseded`), so typing or editing never queues up stale analyses.
//
// `call(name, request)` runs one of the method functions (ahp, objectiveWeights,
// combineWeights, fuzzy; docs/js-api.md) in the same worker, from their own wasm
// module (pkg/methods/) loaded on the first call. Calls are never superseded:
// each caller keeps its own "newest answer wins" counter.

/** The method functions `call` accepts (crates/methods). */
const METHODS = new Set(['ahp', 'objectiveWeights', 'combineWeights', 'fuzzy']);

export class Superseded extends Error {
  constructor() {
    super('superseded');
    this.superseded = true;
  }
}

export class Engine {
  /** @param {{base?: URL, worker?: boolean}} options base: the folder holding worker.js and pkg/. */
  constructor({ base = new URL('.', import.meta.url), worker = true } = {}) {
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
    if (this.useWorker) this.startWorker();
  }

  startWorker() {
    try {
      this.worker = new Worker(new URL('worker.js', this.base), { type: 'module' });
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
      else this.abandonWorker();
      return;
    }
    const call = this.calls.get(msg.id);
    if (call) {
      this.calls.delete(msg.id);
      if (msg.error === undefined) call.resolve(msg.outcome);
      else {
        call.reject(new Error(msg.error));
        if (msg.fatal) this.restartWorker();
      }
      return;
    }
    const job = this.running;
    if (!job || job.id !== msg.id) return;
    this.running = null;
    if (msg.error !== undefined) {
      // A trapped wasm instance is not reusable: start a fresh worker for the next job.
      if (msg.fatal) this.restartWorker();
      job.reject(new Error(msg.error));
    } else {
      if (msg.version) this.version = msg.version;
      job.resolve({ report: msg.report, ms: msg.ms });
    }
    this.pump();
  }

  /** A fresh worker; calls sent to the old one are answered with an error. */
  restartWorker() {
    this.worker?.terminate();
    const calls = [...this.calls.values()];
    this.calls.clear();
    for (const c of calls) c.reject(new Error('The engine stopped; please try again.'));
    this.startWorker();
  }

  /**
   * Run a method function of the methods module (`ahp`, `objectiveWeights`,
   * `combineWeights`, `fuzzy`) on a request object. Resolves to its Outcome
   * ({result|error, diagnostics}); rejects only if the engine itself failed.
   */
  call(name, request) {
    return new Promise((resolve, reject) => {
      const c = { id: this.nextId++, name, request, resolve, reject };
      if (this.useWorker && !this.worker) this.startWorker();
      if (this.useWorker && this.worker) {
        try {
          this.calls.set(c.id, c);
          this.worker.postMessage({ id: c.id, call: name, request });
          return;
        } catch {
          this.calls.delete(c.id);
        }
      }
      this.callOnMainThread(c);
    });
  }

  async callOnMainThread(c) {
    try {
      if (!METHODS.has(c.name)) throw new Error(`unknown method ${c.name}`);
      const mod = await this.methodsModule();
      c.resolve(mod[c.name](c.request));
    } catch (err) {
      // A trapped instance, or a module that failed to load: load it afresh next time.
      this.methods = null;
      c.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** The methods module on the main thread, loaded on the first call. */
  methodsModule() {
    if (!this.methods) {
      const url = new URL('pkg/methods/gapscope_methods.js', this.base);
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
      this.mainThread = import(url.href).then(async (mod) => {
        await mod.default();
        this.version = mod.version();
        return mod;
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
      } catch {
        this.worker.terminate();
        this.worker = null;
        this.useWorker = false;
      }
    }
    this.runOnMainThread(job);
  }

  async runOnMainThread(job) {
    this.running = job;
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
      if (err instanceof WebAssembly.RuntimeError) this.mainThread = null; // reload a trapped instance
      job.reject(err instanceof Error ? err : new Error(String(err)));
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
