// One part of a file read as a stream, in a worker of its own: the bytes from
// a line end on, read as the analysis in core/worker.js that joins them reads
// its own (docs/scale.md). First given {module} (the compiled stream module,
// shared with core/worker.js), then a job {file, from, to, spec, lines}; posts
// {progress: {bytes, rows}} as it reads, then {state} (the part's statistics,
// transferred) or {error}.

import init, { StreamPartReader } from '../pkg/stream/gapscope_stream.js';

let ready = null;

/** Progress is posted at most this often (ms). */
const PROGRESS_EVERY = 100;

self.onmessage = async (event) => {
  if (event.data.module) {
    ready = init({ module_or_path: event.data.module });
    ready.then(
      () => self.postMessage({ ready: true }),
      (err) => self.postMessage({ error: String(err?.message ?? err) }),
    );
    return;
  }
  const { file, from, to, spec, lines } = event.data;
  let part;
  try {
    await (ready ?? init());
    part = new StreamPartReader(spec, lines);
    const reader = file.slice(from, to).stream().getReader();
    let bytes = 0;
    let last = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      part.push(value);
      bytes += value.length;
      const now = performance.now();
      if (now - last >= PROGRESS_EVERY) {
        last = now;
        self.postMessage({ progress: { bytes, rows: part.rows() } });
      }
    }
    self.postMessage({ progress: { bytes, rows: part.rows() } });
    const state = part.finish();
    self.postMessage({ state }, [state.buffer]);
  } catch (err) {
    self.postMessage({ error: String(err?.message ?? err) });
  } finally {
    try {
      part?.free();
    } catch {
      // already used up
    }
  }
};
