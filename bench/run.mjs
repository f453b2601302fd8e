#!/usr/bin/env node
// `make bench`: runs every benchmark, prints a table against the targets of the
// issue and writes bench/results.json. Reports only: exits 0 whatever it finds
// (a crash of the benchmark itself still fails). See bench/README.md.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, WWW, chromiumPath, setup } from '../tests/browser/harness.mjs';
import { benchEngine, benchNative, benchUi } from './analyze.mjs';
import { assetSizes, benchLoad } from './load.mjs';
import { benchConfig } from './config.mjs';
import { benchStream } from './stream.mjs';
import { gzipSize, kib, ms, round } from './util.mjs';

const TARGETS = {
  load_ms: 1500, // demo shown within 1.5 s of navigation (localhost)
  wasm_gzip_bytes: 300_000, // gzipped wasm < 300 KB
  paste_ms: 1000, // 100k × 44 pasted text analysed in < 1 s (headless Chromium)
  stream_ms: 1500, // 1M × 46 file, full report, ≤ 1.5 s on 2 cores (issue 11)
  stream_floor_ratio: 20, // ≤ 20× the floor (read + sum the bytes) in the same page
};

function chromiumVersion() {
  try {
    return execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function log(msg) {
  process.stderr.write(`bench: ${msg}\n`);
}

const wasmPath = path.join(WWW, 'pkg', 'gapscope_bg.wasm');
if (!existsSync(wasmPath)) {
  console.error('bench: www/pkg is missing: run `make build` (or `make bench`)');
  process.exit(1);
}
const hasPage = existsSync(path.join(WWW, 'index.html'));
const wasm = readFileSync(wasmPath);

const results = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? null, node: process.version, chromium: chromiumVersion() },
  targets: TARGETS,
  wasm: { bytes: wasm.length, gzip: gzipSize(wasm) },
};

const env = await setup();
try {
  if (hasPage) {
    log('cold loads of the demo (5)…');
    const load = await benchLoad(env.browser, env.baseUrl, { runs: 5 });
    results.load = { runs_ms: load.runs_ms.map((x) => round(x, 1)), median_ms: round(load.median_ms, 1), problems: load.problems };
    results.first_load = assetSizes(env.baseUrl, load.first_load_urls);
  } else {
    results.load = { skipped: 'www/index.html does not exist yet' };
    // The engine alone, which any page must load.
    results.first_load = assetSizes(env.baseUrl, ['/pkg/gapscope.js', '/pkg/gapscope_bg.wasm'].map((p) => env.baseUrl + p));
    results.first_load.note = 'engine only (no page yet)';
  }

  log('100k × 44 paste through the engine (3 runs)…');
  const engine = await benchEngine(env);
  results.paste_engine = { ...engine, runs_ms: engine.runs_ms.map((x) => round(x, 1)), median_ms: round(engine.median_ms, 1) };

  log('100k × 44 paste through the page (3 runs)…');
  const ui = hasPage ? await benchUi(env) : { skipped: 'www/index.html does not exist yet' };
  results.paste_ui = ui.skipped
    ? ui
    : Object.fromEntries(Object.entries(ui).map(([k, v]) => [k, k.endsWith('_ms') ? (Array.isArray(v) ? v.map((x) => round(x, 1)) : round(v, 1)) : v]));

  log('1M × 46 file: floor, in memory, stream in one part and on every core (3 runs each)…');
  const st = await benchStream(env);
  const r1 = (m) => m && { ...m, runs_ms: m.runs_ms.map((x) => round(x, 1)), median_ms: round(m.median_ms, 1) };
  results.stream = { ...st, floor: r1(st.floor), in_memory: r1(st.in_memory), stream_one_part: r1(st.stream_one_part), stream_every_core: r1(st.stream_every_core), papaparse: r1(st.papaparse) };
} finally {
  await env.close();
}

log('100k × 44 through the native CLI (3 runs)…');
const native = benchNative();
results.paste_native = native.skipped ? native : { ...native, runs_ms: native.runs_ms.map((x) => round(x, 1)), median_ms: round(native.median_ms, 1) };

log('survey.json at one tenth of the limits and at the limits (native CLI)…');
results.config = benchConfig();

writeFileSync(path.join(REPO, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');

// ---- the table -------------------------------------------------------------
const verdict = (value, target) => (value === null || value === undefined ? 'n/a' : value <= target ? 'yes' : 'NO');
const rows = [
  ['Demo shown after navigation (median of 5 cold loads)', results.load.skipped ? `skipped: ${results.load.skipped}` : ms(results.load.median_ms), `≤ ${TARGETS.load_ms} ms`, verdict(results.load.median_ms, TARGETS.load_ms)],
  ['gapscope_bg.wasm, gzip -9', `${kib(results.wasm.gzip)} (${results.wasm.gzip} B; raw ${kib(results.wasm.bytes)})`, `< ${TARGETS.wasm_gzip_bytes / 1000} KB`, verdict(results.wasm.gzip, TARGETS.wasm_gzip_bytes - 1)],
  [`First-load assets, gzip -9 (${results.first_load.files.length} files${results.first_load.note ? '; ' + results.first_load.note : ''})`, `${kib(results.first_load.total_gzip)} (raw ${kib(results.first_load.total_bytes)})`, '', ''],
  ['100k × 44 paste: Evaluator.analyze() in Chromium (median of 3)', ms(results.paste_engine.median_ms), `< ${TARGETS.paste_ms} ms`, verdict(results.paste_engine.median_ms, TARGETS.paste_ms - 1e-9)],
  ...(results.paste_ui.skipped
    ? [['100k × 44 paste: page path', `skipped: ${results.paste_ui.skipped}`, '', '']]
    : [
        ['100k × 44 paste: fill #data-input, incl. its layout (median of 3)', ms(results.paste_ui.fill_median_ms), '', ''],
        ['100k × 44 paste: click #analyze → shown (median of 3)', ms(results.paste_ui.click_median_ms), `< ${TARGETS.paste_ms} ms`, verdict(results.paste_ui.click_median_ms, TARGETS.paste_ms - 1e-9)],
        ['100k × 44 paste: paste event → shown (median of 3)', ms(results.paste_ui.paste_median_ms), `< ${TARGETS.paste_ms} ms`, verdict(results.paste_ui.paste_median_ms, TARGETS.paste_ms - 1e-9)],
      ]),
  ['survey.json of 5 000 items / 500 dimensions vs 500 / 50: native CLI time ratio', results.config.skipped ? `skipped: ${results.config.skipped}` : `${results.config.ratio.toFixed(1)}× (${ms(results.config.items_500_ms)} → ${ms(results.config.items_5000_ms)})`, '≈ 10× (linear)', results.config.skipped ? 'n/a' : results.config.ratio < 20 ? 'yes' : 'NO'],
  ['1M × 46 file (98 MB): read + sum the bytes, the floor (median of 3)', ms(results.stream.floor.median_ms), '', ''],
  ['1M × 46 file: held, Evaluator.analyze(bytes) (median of 3)', ms(results.stream.in_memory.median_ms), '', ''],
  ['1M × 46 file: stream, one part (median of 3)', ms(results.stream.stream_one_part.median_ms), '', ''],
  [`1M × 46 file: stream on every core (${results.stream.cores}), as the page (median of 3)`, ms(results.stream.stream_every_core.median_ms), `≤ ${TARGETS.stream_ms} ms`, verdict(results.stream.stream_every_core.median_ms, TARGETS.stream_ms)],
  ['1M × 46 file: every core ÷ floor', `${(results.stream.stream_every_core.median_ms / results.stream.floor.median_ms).toFixed(1)}×`, `≤ ${TARGETS.stream_floor_ratio}×`, verdict(results.stream.stream_every_core.median_ms / results.stream.floor.median_ms, TARGETS.stream_floor_ratio)],
  ['1M × 46 file: PapaParse 5 (dynamicTyping) + JS item P−E means and SDs, same page (one run)', results.stream.papaparse ? ms(results.stream.papaparse.median_ms) : 'n/a', '', ''],
  ['1M × 46 file: PapaParse ÷ every core', results.stream.papaparse_vs_every_core === null ? 'n/a' : `${results.stream.papaparse_vs_every_core.toFixed(1)}×`, '≥ 15×', results.stream.papaparse_vs_every_core === null ? 'n/a' : results.stream.papaparse_vs_every_core >= 15 ? 'yes' : 'NO'],
  ['100k × 44 paste: native CLI, end to end (median of 3)', results.paste_native.skipped ? `skipped: ${results.paste_native.skipped}` : ms(results.paste_native.median_ms), '', ''],
];
const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['Measure', 'Value', 'Target', 'Met'][i].length));
const line = (cells) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
console.log(line(['Measure', 'Value', 'Target', 'Met']));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const r of rows) console.log(line(r));
for (const f of results.first_load.files) console.log(`    ${f.path}: ${kib(f.bytes)} raw, ${kib(f.gzip)} gzip`);
const problems = [...(results.load.problems ?? []), ...(results.paste_engine.problems ?? []), ...(results.paste_ui.problems ?? []), ...(results.stream.problems ?? [])];
if (problems.length) {
  console.log('\nProblems seen by the harness (errors, failed or foreign requests):');
  for (const p of [...new Set(problems)]) console.log('  - ' + p);
}
console.log(`\nMachine: ${results.machine.cpus} × ${results.machine.cpu}; node ${results.machine.node}; ${results.machine.chromium ?? 'Chromium ?'}`);
console.log('Written: bench/results.json');
