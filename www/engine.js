// The analysis engine as the page sees it: one `analyze(input, config, options)` that runs
// the wasm Evaluator in a Web Worker (www/worker.js) and falls back to the main
// thread when workers are unavailable. Only the newest request matters: a request
// that is still waiting when a newer one arrives is dropped (rejected with
// `superseded`), so typing or editing never queues up stale analyses.

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
    if (job) this.runOnMainThread(job);
  }

  onWorkerMessage(msg) {
    if (msg.ready !== undefined) {
      if (msg.ready) this.version = msg.version;
      else this.abandonWorker();
      return;
    }
    const job = this.running;
    if (!job || job.id !== msg.id) return;
    this.running = null;
    if (msg.error !== undefined) {
      if (msg.fatal) {
        // A trapped wasm instance is not reusable: start a fresh worker for the next job.
        this.worker?.terminate();
        this.startWorker();
      }
      job.reject(new Error(msg.error));
    } else {
      if (msg.version) this.version = msg.version;
      job.resolve({ report: msg.report, ms: msg.ms });
    }
    this.pump();
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
      if (!this.mainThread) {
        const url = new URL('pkg/gapscope.js', this.base);
        this.mainThread = import(url.href).then(async (mod) => {
          await mod.default();
          this.version = mod.version();
          return mod;
        });
      }
      const mod = await this.mainThread;
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
