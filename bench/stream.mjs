// (d) A file of N respondents × 46 columns (id, segment, E1..E22, P1..P22 on
// 1–7, the shape) opened in headless Chromium, in one run of one page:
// - floor: the file read through File.stream() and its bytes summed in JS;
// - in memory: `new Evaluator().analyze(bytes)` on the whole file (what the
//   page does with a text file up to 200 MB);
// - stream, one part: the stream module's StreamAnalyzer fed the file's
//   chunks on the page's thread;
// - stream, every core: core/worker.js given {stream: file}, as the page's
//   engine gives it a file over 200 MB (a part per core, joined);
// - PapaParse 5 (npm devDependency, dynamicTyping, streamed in chunks on the
//   page's thread) and a JS loop of each item's P−E mean and SD: what a page
//   without Gapscope would do (one run: 5–6 s here). The target
//   is stream_every_core ≥ 15× faster than this.
// Each is timed from the call to the report, median of `runs`.

import { readFileSync } from 'node:fs';
import { median } from './util.mjs';

const BLANK = '<!doctype html><meta charset="utf-8"><title>bench</title>';

/** The file, built in the page from a seeded generator (kept in window.__file). */
function makeFile(rows) {
  let h = 0x9e3779b9;
  const rnd = () => {
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    return h >>> 0;
  };
  const head = ['id', 'segment', ...Array.from({ length: 22 }, (_, k) => 'E' + (k + 1)), ...Array.from({ length: 22 }, (_, k) => 'P' + (k + 1))].join(',') + '\n';
  const enc = new TextEncoder();
  const parts = [enc.encode(head)];
  const BLOCK = 10000;
  for (let r0 = 0; r0 < rows; r0 += BLOCK) {
    const lines = [];
    for (let r = r0; r < Math.min(rows, r0 + BLOCK); r++) {
      const c = [r + 1, 'S' + (rnd() % 5)];
      for (let k = 0; k < 44; k++) c.push(1 + (rnd() % 7));
      lines.push(c.join(','));
    }
    parts.push(enc.encode(lines.join('\n') + '\n'));
  }
  window.__file = new File(parts, 'bench.csv', { type: 'text/csv' });
  return window.__file.size;
}

export async function benchStream(env, { rows = 1_000_000, runs = 3, inMemory = true, papa = true } = {}) {
  const w = await env.openHtml('/__bench__.html', BLANK);
  try {
    const size = await w.page.evaluate(`(${makeFile.toString()})(${rows})`);
    const cores = await w.page.evaluate(() => navigator.hardwareConcurrency);
    const time = async (fn) => {
      const times = [];
      let out = null;
      for (let i = 0; i < runs; i++) {
        const r = await w.page.evaluate(fn);
        times.push(r.ms);
        out = r;
      }
      return { runs_ms: times, median_ms: median(times), rows: out?.rows, memory_mb: out?.memory_mb };
    };
    const floor = await time(async () => {
      const t0 = performance.now();
      const reader = window.__file.stream().getReader();
      let sum = 0;
      for (let r; !(r = await reader.read()).done; ) {
        const v = r.value;
        for (let i = 0; i < v.length; i++) sum += v[i];
      }
      return { ms: performance.now() - t0, rows: sum > 0 ? null : 0 };
    });
    const onePart = await time(async () => {
      const m = await import('./pkg/stream/gapscope_stream.js');
      await m.default();
      const t0 = performance.now();
      const s = new m.StreamAnalyzer(undefined, undefined);
      const reader = window.__file.stream().getReader();
      for (let r; !(r = await reader.read()).done; ) s.push(r.value);
      const report = s.finish();
      s.free();
      const memory_mb = m.__wasm?.memory ? m.__wasm.memory.buffer.byteLength / 2 ** 20 : null;
      return { ms: performance.now() - t0, rows: report.respondents.total, memory_mb };
    });
    const everyCore = await time(
      () =>
        new Promise((resolve, reject) => {
          const worker = new Worker('./core/worker.js', { type: 'module' });
          let t0 = 0;
          worker.onmessage = ({ data }) => {
            if (data.ready) {
              t0 = performance.now();
              worker.postMessage({ id: 1, input: { stream: window.__file } });
            } else if (data.report) {
              const ms = performance.now() - t0;
              worker.terminate();
              resolve({ ms, rows: data.report.respondents.total });
            } else if (data.error) {
              worker.terminate();
              reject(new Error(data.error));
            }
          };
        }),
    );
    let papaparse = null;
    if (papa) {
      const src = readFileSync(new URL('../node_modules/papaparse/papaparse.min.js', import.meta.url), 'utf8');
      await w.page.addScriptTag({ content: src });
      const r = await w.page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const t0 = performance.now();
            const items = 22;
            const n = new Float64Array(items), s1 = new Float64Array(items), s2 = new Float64Array(items);
            let header = true;
            let rows = 0;
            window.Papa.parse(window.__file, {
              dynamicTyping: true,
              skipEmptyLines: true,
              chunk: (res) => {
                for (const row of res.data) {
                  if (header) { header = false; continue; }
                  rows++;
                  for (let k = 0; k < items; k++) {
                    const e = row[2 + k], p = row[2 + items + k];
                    if (typeof e === 'number' && typeof p === 'number') {
                      const g = p - e;
                      n[k]++; s1[k] += g; s2[k] += g * g;
                    }
                  }
                }
              },
              complete: () => {
                const means = Array.from(s1, (s, k) => s / n[k]);
                const sds = Array.from(s2, (s, k) => Math.sqrt((s - n[k] * means[k] ** 2) / (n[k] - 1)));
                resolve({ ms: performance.now() - t0, rows, item1: { gap_mean: means[0], gap_sd: sds[0] } });
              },
              error: (e) => reject(new Error(String(e))),
            });
          }),
      );
      // item1: beside the report's first item, a check that the loop did the work.
      papaparse = { runs_ms: [r.ms], median_ms: r.ms, rows: r.rows, item1: r.item1 };
    }
    let memory = null;
    if (inMemory) {
      memory = await time(async () => {
        const m = await import('./pkg/gapscope.js');
        await m.default();
        const bytes = new Uint8Array(await window.__file.arrayBuffer());
        const t0 = performance.now();
        const e = new m.Evaluator();
        const report = e.analyze(bytes);
        const ms = performance.now() - t0;
        e.free();
        return { ms, rows: report.respondents.total };
      });
    }
    const ratio = (a, b) => (a && b ? Math.round((a.median_ms / b.median_ms) * 10) / 10 : null);
    return {
      rows, size, cores, floor, in_memory: memory, stream_one_part: onePart, stream_every_core: everyCore, papaparse,
      every_core_vs_floor: ratio(everyCore, floor),
      papaparse_vs_every_core: ratio(papaparse, everyCore),
      problems: w.problems(),
    };
  } finally {
    await w.close();
  }
}

// node bench/stream.mjs [rows]: this measure alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { setup } = await import('../tests/browser/harness.mjs');
  const env = await setup();
  try {
    const rows = Number(process.argv[2] ?? 1_000_000);
    const r = await benchStream(env, { rows, inMemory: process.env.NO_MEMORY !== '1', papa: process.env.NO_PAPA !== '1' });
    console.log(JSON.stringify(r, null, 2));
  } finally {
    await env.close();
  }
}
